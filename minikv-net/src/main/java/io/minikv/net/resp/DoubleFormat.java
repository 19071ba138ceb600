package io.minikv.net.resp;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Formats doubles as Redis 7.0's {@code addReplyDouble} does in RESP2: {@code inf}, {@code -inf}, otherwise C's
 * {@code %.17g} (17 significant digits, trailing zeros dropped, exponent form below 1e-4 and from 1e17), so that
 * {@code 0.1} reads {@code 0.10000000000000001}, {@code 3} reads {@code 3} and {@code 1e100} reads {@code 1e+100}.
 * <p>
 * Integral values below 1e17 are written from a long without allocating (the common case: integer scores); the
 * rest go through an exact {@link BigDecimal} rounded half-even, which is what glibc's printf does with the exact
 * binary value. Thread-safe (stateless).
 */
public final class DoubleFormat {
    private static final MathContext SEVENTEEN = new MathContext(17, RoundingMode.HALF_EVEN);
    private static final double FIXED_INTEGER_LIMIT = 1e17;

    private DoubleFormat() {
    }

    /**
     * Returns whether {@link #format} would print the value as a plain integer, which
     * {@link #integralValue(double)} then gives.
     *
     * @param value the value.
     * @return true for integral finite values with magnitude below 1e17.
     */
    public static boolean isPlainInteger(final double value) {
        return value == Math.rint(value) && Math.abs(value) < FIXED_INTEGER_LIMIT;
    }

    /**
     * Returns the integer a plain-integer value prints as.
     *
     * @param value a value for which {@link #isPlainInteger} holds.
     * @return the long value.
     */
    public static long integralValue(final double value) {
        return (long) value;
    }

    /**
     * Formats a double as Redis replies it.
     *
     * @param value any double; NaN prints as {@code nan} (never a stored score).
     * @return the ASCII bytes.
     */
    public static byte[] format(final double value) {
        return formatString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Formats a double as Redis replies it.
     *
     * @param value any double.
     * @return the text.
     */
    public static String formatString(final double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) == 0 ? "0" : "-0";
        }
        if (isPlainInteger(value)) {
            return Long.toString((long) value);
        }
        final BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN);
        final String digits = rounded.unscaledValue().abs().toString();
        final int exponent = digits.length() - rounded.scale() - 1;
        final StringBuilder out = new StringBuilder(32);
        if (value < 0) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 17) {
            out.append(digits.charAt(0));
            final String fraction = stripZeros(digits.substring(1));
            if (!fraction.isEmpty()) {
                out.append('.').append(fraction);
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            final int abs = Math.abs(exponent);
            if (abs < 10) {
                out.append('0');
            }
            out.append(abs);
        } else if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(stripZeros(digits));
        } else {
            final String padded = digits.length() > exponent ? digits : pad(digits, exponent + 1);
            out.append(padded, 0, exponent + 1);
            final String fraction = stripZeros(padded.substring(exponent + 1));
            if (!fraction.isEmpty()) {
                out.append('.').append(fraction);
            }
        }
        return out.toString();
    }

    private static String pad(final String digits, final int length) {
        final StringBuilder b = new StringBuilder(length).append(digits);
        while (b.length() < length) {
            b.append('0');
        }
        return b.toString();
    }

    private static String stripZeros(final String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }
}
