package io.minikv.engine.type;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.minikv.api.KvError;

/**
 * Numbers stored as strings, parsed and formatted exactly as Redis does: {@code string2ll} for INCR (no {@code '+'},
 * no leading zeros except {@code "0"}, no spaces, no {@code "-0"}) and {@code string2ld} plus {@code "%.17Lf"} with
 * trailing zeros removed for INCRBYFLOAT. Thread-safe (stateless).
 */
final class NumberText {
    /** Redis's MAX_LONG_DOUBLE_CHARS: longer texts are not floats. */
    private static final int MAX_FLOAT_CHARS = 5 * 1024;
    /** A long double (64-bit mantissa) holds about 19 significant decimal digits. */
    private static final MathContext LONG_DOUBLE = new MathContext(19, RoundingMode.HALF_EVEN);
    /** Decimal exponent bound of an x87 long double. */
    private static final int LONG_DOUBLE_MAX_EXPONENT = 4932;

    private NumberText() {
    }

    /**
     * Parses a stored value as Redis's {@code string2ll}.
     *
     * @param text the bytes.
     * @return the value.
     * @throws io.minikv.api.KvException NOT_INTEGER when not a strict 64-bit integer.
     */
    static long parseLong(final byte[] text) {
        return parseLong(text, KvError.NOT_INTEGER);
    }

    /**
     * Parses a stored value as Redis's {@code string2ll}, reporting a failure with the caller's error (HINCRBY says
     * {@code hash value is not an integer}).
     *
     * @param text the bytes.
     * @param invalid the error for text that is not a strict 64-bit integer.
     * @return the value.
     * @throws io.minikv.api.KvException {@code invalid}.
     */
    static long parseLong(final byte[] text, final KvError invalid) {
        final int len = text.length;
        if (len == 0 || len > 20) {
            throw invalid.exception();
        }
        if (len == 1 && text[0] == '0') {
            return 0;
        }
        int i = 0;
        final boolean negative = text[0] == '-';
        if (negative) {
            i++;
            if (len == 1) {
                throw invalid.exception();
            }
        }
        if (text[i] < '1' || text[i] > '9') {
            throw invalid.exception();
        }
        long value = 0;
        for (; i < len; i++) {
            final int d = text[i] - '0';
            if (d < 0 || d > 9) {
                throw invalid.exception();
            }
            // Accumulate negatively: the range of negatives is one larger.
            if (value < (Long.MIN_VALUE + d) / 10) {
                throw invalid.exception();
            }
            value = value * 10 - d;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw invalid.exception();
            }
            value = -value;
        }
        return value;
    }

    /**
     * Formats a long as Redis stores it.
     *
     * @param value the value.
     * @return ASCII decimal.
     */
    static byte[] formatLong(final long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Adds a float increment to a stored value as INCRBYFLOAT does.
     *
     * @param stored the current value, or null for a missing key (0).
     * @param increment the increment.
     * @return the new value's text.
     * @throws io.minikv.api.KvException NOT_FLOAT when the stored value or the increment is not a float,
     *     INCR_NAN_OR_INFINITY when the result is not finite.
     */
    static String addFloat(final byte[] stored, final double increment) {
        return addFloat(stored, increment, KvError.NOT_FLOAT);
    }

    /**
     * Adds a float increment to a stored value as INCRBYFLOAT does, reporting a stored value that is not a float with
     * the caller's error (HINCRBYFLOAT says {@code hash value is not a float}).
     *
     * @param stored the current value, or null when missing (0).
     * @param increment the increment.
     * @param notFloat the error for a stored value that is not a float.
     * @return the new value's text.
     * @throws io.minikv.api.KvException NOT_FLOAT for a NaN increment, {@code notFloat}, INCR_NAN_OR_INFINITY.
     */
    static String addFloat(final byte[] stored, final double increment, final KvError notFloat) {
        if (Double.isNaN(increment)) {
            throw KvError.NOT_FLOAT.exception();
        }
        final BigDecimal current = stored == null ? BigDecimal.ZERO : parseFloat(stored, notFloat);
        if (current == null || Double.isInfinite(increment)) {
            throw KvError.INCR_NAN_OR_INFINITY.exception();
        }
        final BigDecimal sum = current.add(BigDecimal.valueOf(increment)).round(LONG_DOUBLE);
        if (outOfLongDoubleRange(sum)) {
            throw KvError.INCR_NAN_OR_INFINITY.exception();
        }
        final BigDecimal fixed = sum.setScale(17, RoundingMode.HALF_EVEN);
        if (fixed.signum() == 0) {
            return "0";
        }
        return fixed.stripTrailingZeros().toPlainString();
    }

    /**
     * Parses as {@code string2ld}: {@code strtold} syntax, no leading space, nothing trailing, not NaN.
     *
     * @return the value, or null for an infinity.
     * @throws io.minikv.api.KvException {@code notFloat}.
     */
    private static BigDecimal parseFloat(final byte[] stored, final KvError notFloat) {
        if (stored.length == 0 || stored.length >= MAX_FLOAT_CHARS || isSpace(stored[0])) {
            throw notFloat.exception();
        }
        final String text = new String(stored, StandardCharsets.ISO_8859_1);
        final String lower = text.toLowerCase(Locale.ROOT);
        final String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return null;
        }
        if (unsigned.startsWith("nan")) {
            throw notFloat.exception();
        }
        try {
            final BigDecimal value;
            if (unsigned.startsWith("0x")) {
                final double d = Double.parseDouble(unsigned.indexOf('p') < 0 ? lower + "p0" : lower);
                value = new BigDecimal(d);
            } else {
                value = new BigDecimal(text);
            }
            if (outOfLongDoubleRange(value)) {
                throw notFloat.exception();
            }
            return value;
        } catch (final NumberFormatException e) {
            throw notFloat.exception();
        }
    }

    private static boolean outOfLongDoubleRange(final BigDecimal value) {
        if (value.signum() == 0) {
            return false;
        }
        final long exponent = (long) value.precision() - value.scale() - 1;
        return exponent > LONG_DOUBLE_MAX_EXPONENT || exponent < -LONG_DOUBLE_MAX_EXPONENT - 18;
    }

    private static boolean isSpace(final byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
