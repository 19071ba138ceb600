package io.minikv.net.resp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * C's {@code strtod} over a buffer range, in the two ways Redis uses it for sorted sets:
 * <ul>
 *   <li><b>strict</b> ({@code string2d}: ZADD scores, ZINCRBY, WEIGHTS): the whole range must be a number, no
 *   leading space, not empty, and a result that overflows to infinity or underflows to zero is rejected
 *   ({@code ERANGE}); {@code inf}, {@code -infinity}, hexadecimal floats and subnormal results are accepted;</li>
 *   <li><b>lenient</b> ({@code zslParseRange}: ZRANGEBYSCORE bounds after the optional {@code (}): leading
 *   whitespace is skipped, an empty range reads as 0, overflow gives ±inf and underflow 0.</li>
 * </ul>
 * NaN in any spelling is rejected by both. Failure is reported as a NaN result, which no caller accepts anyway.
 * Integers of up to 15 digits are parsed without allocating; other inputs build a string for
 * {@link Double#parseDouble} after the grammar was checked here (Java's own grammar differs from C's: it accepts
 * {@code 1d}, surrounding spaces, and needs {@code p} in hexadecimal floats). Thread-safe (stateless).
 */
final class Strtod {
    private static final int FAST_DIGITS = 15;
    private static final int MAX_LENGTH = 512;

    private Strtod() {
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

    private static boolean matches(final ByteBuffer b, final int p, final int end, final String word) {
        if (end - p != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((b.get(p + i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a range.
     *
     * @param b the buffer; absolute reads only.
     * @param offset first byte.
     * @param length number of bytes.
     * @param strict string2d rules when true, zslParseRange rules when false.
     * @return the value, or NaN when the range is not accepted.
     */
    static double parse(final ByteBuffer b, final int offset, final int length, final boolean strict) {
        int p = offset;
        final int end = offset + length;
        if (length == 0) {
            return strict ? Double.NaN : 0;
        }
        if (length > MAX_LENGTH) {
            return Double.NaN;
        }
        if (isSpace(b.get(p) & 0xff)) {
            if (strict) {
                return Double.NaN;
            }
            while (p < end && isSpace(b.get(p) & 0xff)) {
                p++;
            }
            if (p == end) {
                // strtod consumed nothing: the end pointer is the start, which holds a space.
                return Double.NaN;
            }
        }
        final int numberStart = p;
        boolean negative = false;
        if (b.get(p) == '+' || b.get(p) == '-') {
            negative = b.get(p) == '-';
            p++;
        }
        if (matches(b, p, end, "inf") || matches(b, p, end, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (end - p > 2 && b.get(p) == '0' && (b.get(p + 1) | 0x20) == 'x') {
            return hex(b, numberStart, p + 2, end, strict);
        }
        long mantissa = 0;
        int digits = 0;
        boolean nonZero = false;
        boolean simple = true;
        while (p < end && isDigit(b.get(p))) {
            nonZero |= b.get(p) != '0';
            if (digits < 18) {
                mantissa = mantissa * 10 + (b.get(p) - '0');
            }
            digits++;
            p++;
        }
        if (p < end && b.get(p) == '.') {
            simple = false;
            p++;
            while (p < end && isDigit(b.get(p))) {
                nonZero |= b.get(p) != '0';
                digits++;
                p++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (p < end && (b.get(p) | 0x20) == 'e') {
            simple = false;
            p++;
            if (p < end && (b.get(p) == '+' || b.get(p) == '-')) {
                p++;
            }
            final int expStart = p;
            while (p < end && isDigit(b.get(p))) {
                p++;
            }
            if (p == expStart) {
                return Double.NaN;
            }
        }
        if (p != end) {
            return Double.NaN;
        }
        if (simple && digits <= FAST_DIGITS) {
            return negative ? -(double) mantissa : (double) mantissa;
        }
        final double value = Double.parseDouble(text(b, numberStart, end));
        return checkRange(value, nonZero, strict);
    }

    private static double hex(final ByteBuffer b, final int numberStart, final int digitsStart, final int end,
        final boolean strict) {
        int p = digitsStart;
        int digits = 0;
        boolean nonZero = false;
        while (p < end && isHex(b.get(p))) {
            nonZero |= b.get(p) != '0';
            digits++;
            p++;
        }
        if (p < end && b.get(p) == '.') {
            p++;
            while (p < end && isHex(b.get(p))) {
                nonZero |= b.get(p) != '0';
                digits++;
                p++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        boolean exponent = false;
        if (p < end && (b.get(p) | 0x20) == 'p') {
            p++;
            if (p < end && (b.get(p) == '+' || b.get(p) == '-')) {
                p++;
            }
            final int expStart = p;
            while (p < end && isDigit(b.get(p))) {
                p++;
            }
            if (p == expStart) {
                return Double.NaN;
            }
            exponent = true;
        }
        if (p != end) {
            return Double.NaN;
        }
        final String text = text(b, numberStart, end);
        final double value = Double.parseDouble(exponent ? text : text + "p0");
        return checkRange(value, nonZero, strict);
    }

    private static double checkRange(final double value, final boolean nonZero, final boolean strict) {
        if (strict && (Double.isInfinite(value) || (value == 0 && nonZero))) {
            return Double.NaN;
        }
        return value;
    }

    private static String text(final ByteBuffer b, final int from, final int end) {
        final byte[] bytes = new byte[end - from];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
