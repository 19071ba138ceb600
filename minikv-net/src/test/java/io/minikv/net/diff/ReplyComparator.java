package io.minikv.net.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares two replies under a {@link CompareRule}. Stateless.
 */
final class ReplyComparator {

    private ReplyComparator() {
    }

    /** Returns whether {@code expected} (the reference's reply) and {@code actual} match under {@code rule}. */
    static boolean matches(final CompareRule rule, final RespReply expected, final RespReply actual) {
        return switch (rule.kind()) {
            case EXACT, SCAN_ALL -> expected.sameBytes(actual);
            case UNORDERED -> canonical(expected).equals(canonical(actual));
            case TOLERANCE -> withinTolerance(expected, actual, rule.tolerance());
            case SHAPE -> sameShape(expected, actual);
            case IGNORE -> true;
        };
    }

    /**
     * Returns a form of the reply in which every aggregate's elements are sorted: equal for two replies that are
     * the same multiset at every level.
     */
    static String canonical(final RespReply r) {
        if (!r.isAggregate() || r.children() == null) {
            return RespEscape.escape(r.raw());
        }
        final List<String> parts = new ArrayList<>(r.children().size());
        for (final RespReply c : r.children()) {
            parts.add(canonical(c));
        }
        parts.sort(null);
        return (char) r.type() + "[" + String.join(", ", parts) + "]";
    }

    private static boolean withinTolerance(final RespReply a, final RespReply b, final long tolerance) {
        if (a.type() != b.type()) {
            return false;
        }
        if (a.type() == ':') {
            final long x = a.integer();
            final long y = b.integer();
            return x == y || (x >= 0 && y >= 0 && Math.abs(x - y) <= tolerance);
        }
        if (a.isAggregate() && a.children() != null && b.children() != null) {
            if (a.children().size() != b.children().size()) {
                return false;
            }
            for (int i = 0; i < a.children().size(); i++) {
                if (!withinTolerance(a.children().get(i), b.children().get(i), tolerance)) {
                    return false;
                }
            }
            return true;
        }
        return a.sameBytes(b);
    }

    private static boolean sameShape(final RespReply a, final RespReply b) {
        if (a.type() != b.type() || a.isNull() != b.isNull()) {
            return false;
        }
        if (a.isAggregate() && a.children() != null) {
            if (a.children().size() != b.children().size()) {
                return false;
            }
            for (int i = 0; i < a.children().size(); i++) {
                if (!sameShape(a.children().get(i), b.children().get(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
