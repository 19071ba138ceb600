package io.minikv.net.command;

import io.minikv.api.StreamId;
import io.minikv.net.resp.CommandArgs;

/**
 * Parses stream ID arguments as Redis 7.0's {@code streamGenericParseIDOrReply}: {@code ms-seq}, {@code ms} alone
 * (the sequence then defaults by context), {@code -} and {@code +} unless strict, and {@code ms-*} where XADD allows
 * it. Each part goes through {@code string2ull}: a strict integer first, else C's {@code strtoull}, which also takes
 * leading spaces, a sign and leading zeros. The argument is read as a C string (up to a NUL byte), at most 127 bytes.
 * <p>
 * Not thread-safe: one instance per command, on the client's event loop.
 */
final class StreamIds {
    private static final int MAX_LENGTH = 127;
    private static final long ULL_MAX_DIV_10 = Long.divideUnsigned(-1L, 10);

    private long ms;
    private long seq;
    private boolean autoSequence;
    private long value;

    /**
     * Parses argument {@code i}.
     *
     * @param a the arguments.
     * @param i the index.
     * @param strict refuse {@code -} and {@code +}.
     * @param missingSeq the sequence when only {@code ms} is given.
     * @param allowAutoSequence accept {@code ms-*} (XADD).
     * @return true when it parsed; the parts are then in {@link #id()} and {@link #autoSequence()}.
     */
    boolean parse(final CommandArgs a, final int i, final boolean strict, final long missingSeq,
        final boolean allowAutoSequence) {
        return parse(a.bytes(i), strict, missingSeq, allowAutoSequence);
    }

    boolean parse(final byte[] raw, final boolean strict, final long missingSeq, final boolean allowAutoSequence) {
        autoSequence = false;
        if (raw.length > MAX_LENGTH) {
            return false;
        }
        int end = 0;
        while (end < raw.length && raw[end] != 0) {
            end++;
        }
        if (end == 1 && (raw[0] == '-' || raw[0] == '+')) {
            if (strict) {
                return false;
            }
            ms = raw[0] == '-' ? 0 : -1L;
            seq = ms;
            return true;
        }
        int dash = 0;
        while (dash < end && raw[dash] != '-') {
            dash++;
        }
        if (!string2ull(raw, 0, dash)) {
            return false;
        }
        final long msPart = value;
        if (dash == end) {
            ms = msPart;
            seq = missingSeq;
            return true;
        }
        if (allowAutoSequence && end - dash == 2 && raw[dash + 1] == '*') {
            ms = msPart;
            seq = 0;
            autoSequence = true;
            return true;
        }
        if (!string2ull(raw, dash + 1, end)) {
            return false;
        }
        ms = msPart;
        seq = value;
        return true;
    }

    /** @return the parsed ID. */
    StreamId id() {
        return StreamId.of(ms, seq);
    }

    /** @return the parsed millisecond part. */
    long ms() {
        return ms;
    }

    /** @return whether the last parse was {@code ms-*}. */
    boolean autoSequence() {
        return autoSequence;
    }

    /** Redis's {@code string2ull} over {@code [from, to)}; the result goes to {@link #value}. */
    private boolean string2ull(final byte[] s, final int from, final int to) {
        if (from == to) {
            return false;
        }
        if (strictNegative(s, from, to)) {
            return false;
        }
        int i = from;
        while (i < to && isSpace(s[i])) {
            i++;
        }
        boolean negative = false;
        if (i < to && (s[i] == '+' || s[i] == '-')) {
            negative = s[i] == '-';
            i++;
        }
        if (i == to || !isDigit(s[i])) {
            return false;
        }
        long v = 0;
        for (; i < to; i++) {
            if (!isDigit(s[i])) {
                return false;
            }
            final int d = s[i] - '0';
            if (Long.compareUnsigned(v, ULL_MAX_DIV_10) > 0 || v == ULL_MAX_DIV_10 && d > 5) {
                return false;
            }
            v = v * 10 + d;
        }
        value = negative ? -v : v;
        return true;
    }

    /** Whether {@code string2ll} accepts the text as a negative number (then {@code string2ull} refuses it). */
    private static boolean strictNegative(final byte[] s, final int from, final int to) {
        if (to - from < 2 || s[from] != '-' || s[from + 1] < '1' || s[from + 1] > '9' || to - from > 20) {
            return false;
        }
        long v = 0;
        for (int i = from + 1; i < to; i++) {
            if (!isDigit(s[i])) {
                return false;
            }
            final int d = s[i] - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            v = v * 10 - d;
        }
        return true;
    }

    private static boolean isDigit(final byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isSpace(final byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r';
    }
}
