package io.minikv.engine.type.zset;

import java.util.Arrays;

import io.minikv.api.LexBound;

/**
 * Comparisons of members against {@link LexBound}s, with Redis's {@code sdscmplex} rules: {@code -} is below and
 * {@code +} above every member, and a range is empty when min sorts after max, or equals it with either end
 * exclusive.
 */
final class LexRange {
    private LexRange() {
    }

    /** Compares a member with a bound: negative when the member sorts before it. */
    static int compare(final byte[] member, final LexBound bound) {
        final int inf = bound.infinity();
        if (inf != 0) {
            return -inf;
        }
        return Arrays.compareUnsigned(member, bound.value());
    }

    static boolean gteMin(final byte[] member, final LexBound min) {
        final int c = compare(member, min);
        return min.exclusive() ? c > 0 : c >= 0;
    }

    static boolean lteMax(final byte[] member, final LexBound max) {
        final int c = compare(member, max);
        return max.exclusive() ? c < 0 : c <= 0;
    }

    /** Returns whether no member can be in {@code [min, max]}, whatever the set holds. */
    static boolean isEmpty(final LexBound min, final LexBound max) {
        final int c;
        if (min.infinity() != 0 && min.infinity() == max.infinity()) {
            c = 0;
        } else if (min.infinity() < 0 || max.infinity() > 0) {
            c = -1;
        } else if (min.infinity() > 0 || max.infinity() < 0) {
            c = 1;
        } else {
            c = Arrays.compareUnsigned(min.value(), max.value());
        }
        return c > 0 || (c == 0 && (min.exclusive() || max.exclusive()));
    }
}
