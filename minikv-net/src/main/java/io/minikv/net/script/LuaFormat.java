package io.minikv.net.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.1's {@code string.format}, as C's {@code printf} formats each conversion: luaj's own ignores the precision
 * of {@code %f} and {@code %e} and the {@code -} flag of {@code %s}, which scripts rely on to format numbers.
 * Conversions: {@code %d %i %u %c %o %x %X %e %E %f %g %G %q %s %%}, with flags {@code -+ #0}, width and precision.
 * Strings are handled as bytes.
 * <p>
 * Stateless.
 */
final class LuaFormat extends VarArgFunction {
    private static final String FLAGS = "-+ #0";

    LuaFormat() {
        this.name = "format";
    }

    @Override
    public Varargs invoke(final Varargs args) {
        final byte[] fmt = LuaReplies.bytes(args.checkstring(1));
        final ByteArrayOutputStream out = new ByteArrayOutputStream(fmt.length + 16);
        int arg = 1;
        int i = 0;
        while (i < fmt.length) {
            final byte b = fmt[i++];
            if (b != '%') {
                out.write(b);
                continue;
            }
            if (i < fmt.length && fmt[i] == '%') {
                out.write('%');
                i++;
                continue;
            }
            final int start = i;
            while (i < fmt.length && FLAGS.indexOf(fmt[i]) >= 0) {
                i++;
            }
            final String flags = new String(fmt, start, i - start, StandardCharsets.US_ASCII);
            int width = -1;
            while (i < fmt.length && Character.isDigit(fmt[i])) {
                width = Math.max(width, 0) * 10 + (fmt[i++] - '0');
            }
            int precision = -1;
            if (i < fmt.length && fmt[i] == '.') {
                i++;
                precision = 0;
                while (i < fmt.length && Character.isDigit(fmt[i])) {
                    precision = precision * 10 + (fmt[i++] - '0');
                }
            }
            if (i >= fmt.length) {
                throw new LuaError("invalid option '%' to 'format'");
            }
            final char conv = (char) fmt[i++];
            arg++;
            if (conv != 'q' && conv != 's' && arg > args.narg()) {
                throw new LuaError("bad argument #" + arg + " to 'format' (number expected, got no value)");
            }
            switch (conv) {
                case 'd':
                case 'i':
                    pad(out, integer(args.checkdouble(arg), precision, flags), width, flags, true);
                    break;
                case 'u':
                    pad(out, Long.toUnsignedString((long) args.checkdouble(arg)), width, flags, true);
                    break;
                case 'c':
                    pad(out, String.valueOf((char) (args.checkint(arg) & 0xff)), width, flags, false);
                    break;
                case 'o':
                case 'x':
                case 'X': {
                    final long v = (long) args.checkdouble(arg);
                    String s = conv == 'o' ? Long.toOctalString(v) : Long.toHexString(v);
                    if (conv == 'X') {
                        s = s.toUpperCase(Locale.ROOT);
                    }
                    if (flags.indexOf('#') >= 0 && v != 0) {
                        s = (conv == 'o' ? "0" : conv == 'x' ? "0x" : "0X") + s;
                    }
                    pad(out, s, width, flags, true);
                    break;
                }
                case 'e':
                case 'E':
                case 'f':
                    pad(out, floating(args.checkdouble(arg), conv, precision, flags), width, flags, true);
                    break;
                case 'g':
                case 'G': {
                    String s = sign(args.checkdouble(arg), flags,
                        LuaNumbers.g(Math.abs(args.checkdouble(arg)), precision < 0 ? 6 : Math.max(1, precision)));
                    if (conv == 'G') {
                        s = s.toUpperCase(Locale.ROOT);
                    }
                    pad(out, s, width, flags, true);
                    break;
                }
                case 'q':
                    quote(LuaReplies.bytes(args.checkstring(arg)), out);
                    break;
                case 's': {
                    final LuaValue v = args.arg(arg).tostring();
                    if (!v.isstring()) {
                        throw new LuaError("bad argument #" + arg + " to 'format' (string expected, got "
                            + args.arg(arg).typename() + ")");
                    }
                    byte[] s = LuaReplies.bytes(v.checkstring());
                    if (precision >= 0 && precision < s.length) {
                        s = java.util.Arrays.copyOf(s, precision);
                    }
                    final int fill = Math.max(0, width - s.length);
                    if (flags.indexOf('-') < 0) {
                        spaces(out, fill);
                    }
                    out.writeBytes(s);
                    if (flags.indexOf('-') >= 0) {
                        spaces(out, fill);
                    }
                    break;
                }
                default:
                    throw new LuaError("invalid option '%" + conv + "' to 'format'");
            }
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    private static String integer(final double d, final int precision, final String flags) {
        final long v = (long) d;
        String digits = Long.toString(Math.abs(v));
        if (v == Long.MIN_VALUE) {
            digits = digits.substring(1);
        }
        while (precision > digits.length()) {
            digits = "0" + digits;
        }
        if (precision == 0 && v == 0) {
            digits = "";
        }
        return v < 0 ? "-" + digits : flags.indexOf('+') >= 0 ? "+" + digits
            : flags.indexOf(' ') >= 0 ? " " + digits : digits;
    }

    private static String floating(final double d, final char conv, final int precision, final String flags) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            final String s = Double.isNaN(d) ? "nan" : "inf";
            return sign(d, flags, conv == 'E' ? s.toUpperCase(Locale.ROOT) : s);
        }
        final String spec = "%" + (flags.indexOf('#') >= 0 ? "#" : "") + "." + (precision < 0 ? 6 : precision) + conv;
        return sign(d, flags, String.format(Locale.ROOT, spec, Math.abs(d)));
    }

    private static String sign(final double d, final String flags, final String magnitude) {
        if (d < 0 || d == 0 && 1 / d < 0) {
            return "-" + magnitude;
        }
        return flags.indexOf('+') >= 0 ? "+" + magnitude : flags.indexOf(' ') >= 0 ? " " + magnitude : magnitude;
    }

    /** Pads to the width: spaces on the left, on the right with {@code -}, or zeros after the sign with {@code 0}. */
    private static void pad(final ByteArrayOutputStream out, final String s, final int width, final String flags,
        final boolean numeric) {
        final int fill = Math.max(0, width - s.length());
        if (flags.indexOf('-') >= 0) {
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            spaces(out, fill);
        } else if (numeric && flags.indexOf('0') >= 0 && fill > 0) {
            final int signLength = !s.isEmpty() && "+- ".indexOf(s.charAt(0)) >= 0 ? 1 : 0;
            out.writeBytes(s.substring(0, signLength).getBytes(StandardCharsets.ISO_8859_1));
            for (int k = 0; k < fill; k++) {
                out.write('0');
            }
            out.writeBytes(s.substring(signLength).getBytes(StandardCharsets.ISO_8859_1));
        } else {
            spaces(out, fill);
            out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private static void spaces(final ByteArrayOutputStream out, final int n) {
        for (int k = 0; k < n; k++) {
            out.write(' ');
        }
    }

    /** Lua 5.1's {@code %q}: quotes, and escapes what the reader needs escaped. */
    private static void quote(final byte[] s, final ByteArrayOutputStream out) {
        out.write('"');
        for (final byte b : s) {
            switch (b) {
                case '"':
                case '\\':
                case '\n':
                    out.write('\\');
                    out.write(b);
                    break;
                case '\r':
                    out.writeBytes(new byte[] {'\\', 'r'});
                    break;
                case 0:
                    out.writeBytes(new byte[] {'\\', '0', '0', '0'});
                    break;
                default:
                    out.write(b);
            }
        }
        out.write('"');
    }
}
