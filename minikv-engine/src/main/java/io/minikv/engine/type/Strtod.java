package io.minikv.engine.type;

import java.nio.ByteBuffer;

import io.minikv.engine.memory.NativeBytes;

/**
 * C's {@code strtod} over a byte range, in the three ways Redis uses it:
 * <ul>
 *   <li>{@link Mode#STRICT} ({@code string2d}: ZADD scores, ZINCRBY, WEIGHTS): the whole range must be a number, no
 *   leading space, not empty, and a result that overflows to infinity or underflows to zero is rejected
 *   ({@code ERANGE}); {@code inf}, {@code -infinity}, hexadecimal floats and subnormal results are accepted;</li>
 *   <li>{@link Mode#LENIENT} ({@code zslParseRange}: ZRANGEBYSCORE bounds after the optional {@code (}): leading
 *   whitespace is skipped, an empty range reads as 0, overflow gives ±inf and underflow 0;</li>
 *   <li>{@link Mode#SORT} ({@code sortCommandGeneric}): the value is a C string (it ends at its first NUL byte),
 *   leading whitespace is skipped, an empty value reads as 0, and every result glibc reports as out of range is
 *   rejected: an overflow to infinity, an underflow to zero, a decimal that rounds to a subnormal (a hexadecimal
 *   subnormal is taken as exact, which it nearly always is).</li>
 * </ul>
 * NaN in any spelling is rejected by all three. Failure is reported as a NaN result, which no caller accepts anyway.
 * Integers of up to 15 digits are parsed without allocating; other inputs build a string for
 * {@link Double#parseDouble} after the grammar was checked here (Java's own grammar differs from C's: it accepts
 * {@code 1d}, surrounding spaces, and needs {@code p} in hexadecimal floats). Thread-safe (stateless).
 */
public final class Strtod {
    /** How a caller uses strtod. */
    public enum Mode {
        /** {@code string2d}. */
        STRICT(512),
        /** {@code zslParseRange}. */
        LENIENT(512),
        /** SORT's scores. */
        SORT(4096);

        private final int maxLength;

        Mode(final int maxLength) {
            this.maxLength = maxLength;
        }
    }

    private static final int FAST_DIGITS = 15;

    private Strtod() {
    }

    /**
     * Parses a byte array.
     *
     * @param v the bytes.
     * @param mode the caller's rules.
     * @return the value, or NaN when the text is not accepted.
     */
    public static double parse(final byte[] v, final Mode mode) {
        return parse(v, NativeBytes.BYTE_ARRAY_BASE, v.length, mode);
    }

    /**
     * Parses a buffer range.
     *
     * @param b the buffer; absolute reads only.
     * @param offset first byte.
     * @param length number of bytes.
     * @param mode the caller's rules.
     * @return the value, or NaN when the range is not accepted.
     */
    public static double parse(final ByteBuffer b, final int offset, final int length, final Mode mode) {
        if (!NativeBytes.addressable(b)) {
            final byte[] copy = new byte[length];
            b.get(offset, copy);
            return parse(copy, mode);
        }
        return parse(NativeBytes.base(b), NativeBytes.offset(b, offset, length), length, mode);
    }

    private static double parse(final Object base, final long offset, final int length, final Mode mode) {
        int end = length;
        if (mode == Mode.SORT) {
            end = 0;
            while (end < length && at(base, offset, end) != 0) {
                end++;
            }
        }
        if (end == 0) {
            return mode == Mode.STRICT ? Double.NaN : 0;
        }
        if (end > mode.maxLength) {
            return Double.NaN;
        }
        int p = 0;
        if (isSpace(at(base, offset, p))) {
            if (mode == Mode.STRICT) {
                return Double.NaN;
            }
            while (p < end && isSpace(at(base, offset, p))) {
                p++;
            }
            if (p == end) {
                // strtod consumed nothing: the end pointer is the start, which holds a space.
                return Double.NaN;
            }
        }
        final int numberStart = p;
        boolean negative = false;
        if (at(base, offset, p) == '+' || at(base, offset, p) == '-') {
            negative = at(base, offset, p) == '-';
            p++;
        }
        if (matches(base, offset, p, end, "inf") || matches(base, offset, p, end, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (end - p > 2 && at(base, offset, p) == '0' && (at(base, offset, p + 1) | 0x20) == 'x') {
            return hex(base, offset, numberStart, p + 2, end, mode);
        }
        long mantissa = 0;
        int digits = 0;
        boolean nonZero = false;
        boolean simple = true;
        for (int c; p < end && isDigit(c = at(base, offset, p)); p++) {
            nonZero |= c != '0';
            if (digits < 18) {
                mantissa = mantissa * 10 + (c - '0');
            }
            digits++;
        }
        if (p < end && at(base, offset, p) == '.') {
            simple = false;
            p++;
            for (int c; p < end && isDigit(c = at(base, offset, p)); p++) {
                nonZero |= c != '0';
                digits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (p < end && (at(base, offset, p) | 0x20) == 'e') {
            simple = false;
            p = exponent(base, offset, p + 1, end);
            if (p < 0) {
                return Double.NaN;
            }
        }
        if (p != end) {
            return Double.NaN;
        }
        if (simple && digits <= FAST_DIGITS) {
            return negative ? -(double) mantissa : (double) mantissa;
        }
        final double value = Double.parseDouble(text(base, offset, numberStart, end));
        if (mode == Mode.SORT && nonZero && Math.abs(value) < Double.MIN_NORMAL) {
            return Double.NaN;
        }
        return checkRange(value, nonZero, mode);
    }

    private static double hex(final Object base, final long offset, final int numberStart, final int digitsStart,
        final int end, final Mode mode) {
        int p = digitsStart;
        int digits = 0;
        boolean nonZero = false;
        for (int c; p < end && isHex(c = at(base, offset, p)); p++) {
            nonZero |= c != '0';
            digits++;
        }
        if (p < end && at(base, offset, p) == '.') {
            p++;
            for (int c; p < end && isHex(c = at(base, offset, p)); p++) {
                nonZero |= c != '0';
                digits++;
            }
        }
        if (digits == 0) {
            // strtod reads the "0" and stops at the 'x'.
            return Double.NaN;
        }
        boolean exponent = false;
        if (p < end && (at(base, offset, p) | 0x20) == 'p') {
            p = exponent(base, offset, p + 1, end);
            if (p < 0) {
                return Double.NaN;
            }
            exponent = true;
        }
        if (p != end) {
            return Double.NaN;
        }
        final String text = text(base, offset, numberStart, end);
        // Java needs the binary exponent that C makes optional.
        return checkRange(Double.parseDouble(exponent ? text : text + "p0"), nonZero, mode);
    }

    /** Skips an exponent's sign and digits from {@code p}; -1 when it has no digit (strtod then stops before it). */
    private static int exponent(final Object base, final long offset, final int from, final int end) {
        int p = from;
        if (p < end && (at(base, offset, p) == '+' || at(base, offset, p) == '-')) {
            p++;
        }
        final int digitsStart = p;
        while (p < end && isDigit(at(base, offset, p))) {
            p++;
        }
        return p == digitsStart ? -1 : p;
    }

    /** strtod's ERANGE as the mode treats it: overflow to infinity, underflow of a non-zero text to zero. */
    private static double checkRange(final double value, final boolean nonZero, final Mode mode) {
        if (mode != Mode.LENIENT && (Double.isInfinite(value) || (value == 0 && nonZero))) {
            return Double.NaN;
        }
        return value;
    }

    private static int at(final Object base, final long offset, final int i) {
        return NativeBytes.getByte(base, offset + i) & 0xff;
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

    private static boolean matches(final Object base, final long offset, final int p, final int end,
        final String word) {
        if (end - p != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if ((at(base, offset, p + i) | 0x20) != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String text(final Object base, final long offset, final int from, final int end) {
        final char[] chars = new char[end - from];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) at(base, offset, from + i);
        }
        return new String(chars);
    }
}
