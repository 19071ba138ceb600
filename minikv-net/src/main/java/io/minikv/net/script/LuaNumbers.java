package io.minikv.net.script;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code %.14g} for Lua numbers, as Lua 5.1 and cjson print them.
 * <p>
 * Stateless and thread-safe.
 */
final class LuaNumbers {
    private LuaNumbers() {
    }

    static String g14(final double d) {
        return g(d, 14);
    }

    /** {@code printf("%.<precision>g", d)}. */
    static String g(final double d, final int precision) {
        if (Double.isNaN(d)) {
            return Double.doubleToRawLongBits(d) < 0 ? "-nan" : "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return Double.doubleToRawLongBits(d) == 0 ? "0" : "-0";
        }
        final BigDecimal rounded = new BigDecimal(d).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        final int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            final String digits = strip(rounded.unscaledValue().abs().toString());
            final StringBuilder s = new StringBuilder();
            if (rounded.signum() < 0) {
                s.append('-');
            }
            s.append(digits.charAt(0));
            if (digits.length() > 1) {
                s.append('.').append(digits, 1, digits.length());
            }
            s.append('e').append(exponent < 0 ? '-' : '+');
            final int abs = Math.abs(exponent);
            if (abs < 10) {
                s.append('0');
            }
            return s.append(abs).toString();
        }
        final String plain = rounded.toPlainString();
        return plain.indexOf('.') >= 0 ? stripFraction(plain) : plain;
    }

    private static String strip(final String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    private static String stripFraction(final String plain) {
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        return plain.substring(0, end);
    }
}
