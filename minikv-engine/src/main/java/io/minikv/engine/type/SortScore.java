package io.minikv.engine.type;

import java.nio.charset.StandardCharsets;

/**
 * The number SORT reads from an element or BY value, as Redis's {@code sortCommandGeneric} does with C's
 * {@code strtod}: the value is a C string (it ends at the first NUL byte), leading white space is skipped, then a
 * decimal or hexadecimal float, {@code inf} or {@code infinity} (any case, with a sign) must reach the end. An empty
 * value reads as 0 (strtod converts nothing and stops at the end). Refused, as NaN: trailing characters, nothing to
 * convert, {@code nan}, and results glibc's strtod reports as out of range (an overflow to infinity, an underflow to
 * zero, a decimal that rounds to a subnormal; a hexadecimal subnormal is taken as exact, which it nearly always is).
 * Stateless.
 */
final class SortScore {
    private static final int MAX_LENGTH = 4096;

    private SortScore() {
    }

    private static boolean isSpace(final int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isDigit(final int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(final int c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    private static boolean word(final byte[] v, final int p, final int end, final String w) {
        if (end - p != w.length()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            if ((v[p + i] | 0x20) != w.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a value.
     *
     * @param v the bytes.
     * @return the number, or NaN when SORT would report that it cannot be converted.
     */
    static double parse(final byte[] v) {
        int end = 0;
        while (end < v.length && v[end] != 0) {
            end++;
        }
        if (end == 0) {
            return 0;
        }
        if (end > MAX_LENGTH) {
            return Double.NaN;
        }
        int p = 0;
        while (p < end && isSpace(v[p] & 0xff)) {
            p++;
        }
        final int signAt = p;
        boolean negative = false;
        if (p < end && (v[p] == '+' || v[p] == '-')) {
            negative = v[p] == '-';
            p++;
        }
        if (word(v, p, end, "inf") || word(v, p, end, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (p + 1 < end && v[p] == '0' && (v[p + 1] | 0x20) == 'x') {
            return hex(v, signAt, p + 2, end);
        }
        return decimal(v, signAt, p, end);
    }

    private static double decimal(final byte[] v, final int signAt, final int digitsAt, final int end) {
        int p = digitsAt;
        boolean nonZero = false;
        int digits = 0;
        while (p < end && isDigit(v[p])) {
            nonZero |= v[p] != '0';
            digits++;
            p++;
        }
        if (p < end && v[p] == '.') {
            p++;
            while (p < end && isDigit(v[p])) {
                nonZero |= v[p] != '0';
                digits++;
                p++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (p < end && (v[p] | 0x20) == 'e') {
            int q = p + 1;
            if (q < end && (v[q] == '+' || v[q] == '-')) {
                q++;
            }
            if (q == end || !isDigit(v[q])) {
                // strtod stops before the 'e', which is then left over.
                return Double.NaN;
            }
            while (q < end && isDigit(v[q])) {
                q++;
            }
            p = q;
        }
        if (p != end) {
            return Double.NaN;
        }
        return checked(Double.parseDouble(new String(v, signAt, end - signAt, StandardCharsets.ISO_8859_1)),
            nonZero);
    }

    private static double hex(final byte[] v, final int signAt, final int digitsAt, final int end) {
        int p = digitsAt;
        boolean nonZero = false;
        int digits = 0;
        while (p < end && isHex(v[p])) {
            nonZero |= v[p] != '0';
            digits++;
            p++;
        }
        if (p < end && v[p] == '.') {
            p++;
            while (p < end && isHex(v[p])) {
                nonZero |= v[p] != '0';
                digits++;
                p++;
            }
        }
        if (digits == 0) {
            // strtod reads the "0" and stops at the 'x'.
            return Double.NaN;
        }
        final int mantissaEnd = p;
        if (p < end && (v[p] | 0x20) == 'p') {
            int q = p + 1;
            if (q < end && (v[q] == '+' || v[q] == '-')) {
                q++;
            }
            if (q == end || !isDigit(v[q])) {
                return Double.NaN;
            }
            while (q < end && isDigit(v[q])) {
                q++;
            }
            p = q;
        }
        if (p != end) {
            return Double.NaN;
        }
        String text = new String(v, signAt, end - signAt, StandardCharsets.ISO_8859_1);
        if (mantissaEnd == end) {
            // Java needs the binary exponent that C makes optional.
            text = text + "p0";
        }
        // glibc reports an exact subnormal (a hexadecimal one can be) as in range.
        final double d = Double.parseDouble(text);
        return Double.isInfinite(d) || (nonZero && d == 0) ? Double.NaN : d;
    }

    /** strtod's ERANGE: overflow to infinity, underflow to zero or to a subnormal number. */
    private static double checked(final double d, final boolean nonZero) {
        if (Double.isInfinite(d) || (nonZero && Math.abs(d) < Double.MIN_NORMAL)) {
            return Double.NaN;
        }
        return d;
    }
}
