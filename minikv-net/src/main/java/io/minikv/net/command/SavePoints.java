package io.minikv.net.command;

/**
 * Redis's {@code save} parameter: (seconds, changes) pairs, parsed and printed exactly as Redis 7.0.15 does.
 * Thread-safe (stateless).
 */
public final class SavePoints {
    /** Redis's default save points, used when the server is given a data directory but no {@code --save}. */
    public static final long[] REDIS_DEFAULTS = {3600, 1, 300, 100, 60, 10000};

    private SavePoints() {
    }

    /**
     * Renders save points as CONFIG GET shows them.
     *
     * @param pairs (seconds, changes) pairs.
     * @return e.g. {@code "3600 1 300 100"}, empty for none.
     */
    public static String format(final long[] pairs) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(pairs[i]).append(' ').append(pairs[i + 1]);
        }
        return sb.toString();
    }

    /**
     * Parses save points as Redis's {@code setConfigSaveOption}: the value split at each single space, an even
     * number of integers, seconds at least 1 and changes at least 0; a lone empty string means none.
     *
     * @param value the parameter value.
     * @return (seconds, changes) pairs, or null when invalid.
     */
    public static long[] parse(final String value) {
        if (value.isEmpty()) {
            return new long[0];
        }
        final String[] parts = value.split(" ", -1);
        if (parts.length % 2 != 0) {
            return null;
        }
        final long[] pairs = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            final long v = strtoll(parts[i]);
            if (v == Long.MIN_VALUE || (i % 2 == 0 && v < 1) || (i % 2 == 1 && v < 0)) {
                return null;
            }
            // Redis keeps changes in an int.
            pairs[i] = i % 2 == 0 ? v : (int) v;
        }
        return pairs;
    }

    /**
     * C's {@code strtoll} as Redis uses it here: leading blanks, a sign, digits, clamped on overflow; the whole text
     * must be consumed (an empty text is 0).
     *
     * @return the value, or {@code Long.MIN_VALUE} when characters remain.
     */
    private static long strtoll(final String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\u000B'
            || s.charAt(i) == '\f' || s.charAt(i) == '\r')) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        final int digitsStart = i;
        long v = 0;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            final int d = s.charAt(i) - '0';
            if (v > (Long.MAX_VALUE - d) / 10) {
                overflow = true;
            } else {
                v = v * 10 + d;
            }
            i++;
        }
        if (i == digitsStart) {
            // No digits: strtoll consumes nothing, so only an empty text is fully "consumed".
            return s.isEmpty() ? 0 : Long.MIN_VALUE;
        }
        if (i != s.length()) {
            return Long.MIN_VALUE;
        }
        if (overflow) {
            return negative ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        }
        return negative ? -v : v;
    }
}
