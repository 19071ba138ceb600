package io.minikv.net.script;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The {@code cjson} library Redis loads, its {@code encode}, {@code decode} and {@code null}: tables whose keys are
 * all positive integers encode as arrays (holes as {@code null}), other tables as objects, the empty table as
 * {@code {}}; numbers with 14 significant digits; strings byte for byte with cjson's escapes (including {@code \/}).
 * Objects are written in the table's iteration order, which is not Lua 5.1's. The configuration functions
 * ({@code encode_keep_buffer} and the like) are not provided.
 * <p>
 * Stateless.
 */
final class CjsonLib {
    private static final int MAX_DEPTH = 1000;
    /** {@code cjson.null}: a light userdata in Redis, a unique userdata here. */
    static final LuaUserdata NULL = new LuaUserdata(new Object());

    private CjsonLib() {
    }

    static LuaTable create() {
        final LuaTable t = new LuaTable();
        t.rawset("encode", new OneArgFunction() {
            @Override
            public LuaValue call(final LuaValue value) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                encode(value, out, 0);
                return LuaString.valueUsing(out.toByteArray());
            }
        });
        t.rawset("decode", new OneArgFunction() {
            @Override
            public LuaValue call(final LuaValue text) {
                final LuaString s = text.checkstring();
                final Decoder d = new Decoder(LuaReplies.bytes(s));
                final LuaValue v = d.value(0);
                d.skipSpace();
                if (d.at != d.in.length) {
                    throw d.error("the end");
                }
                return v;
            }
        });
        t.rawset("null", NULL);
        return t;
    }

    private static void encode(final LuaValue v, final ByteArrayOutputStream out, final int depth) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Cannot serialise, excessive nesting (" + depth + ")");
        }
        switch (v.type()) {
            case LuaValue.TNIL:
                ascii(out, "null");
                return;
            case LuaValue.TBOOLEAN:
                ascii(out, v.toboolean() ? "true" : "false");
                return;
            case LuaValue.TNUMBER: {
                final double d = v.todouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new LuaError("Cannot serialise number: must not be NaN or Inf");
                }
                ascii(out, LuaNumbers.g14(d));
                return;
            }
            case LuaValue.TSTRING:
                string(LuaReplies.bytes(v.checkstring()), out);
                return;
            case LuaValue.TTABLE:
                table((LuaTable) v, out, depth + 1);
                return;
            default:
                if (v == NULL) {
                    ascii(out, "null");
                    return;
                }
                throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
        }
    }

    private static void table(final LuaTable t, final ByteArrayOutputStream out, final int depth) {
        int max = 0;
        boolean array = true;
        int count = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            final Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            count++;
            if (k.type() == LuaValue.TNUMBER && k.todouble() == Math.floor(k.todouble()) && k.todouble() >= 1) {
                max = Math.max(max, k.toint());
            } else {
                array = false;
            }
        }
        if (array && count > 0) {
            out.write('[');
            for (int i = 1; i <= max; i++) {
                if (i > 1) {
                    out.write(',');
                }
                encode(t.rawget(i), out, depth);
            }
            out.write(']');
            return;
        }
        out.write('{');
        boolean first = true;
        k = LuaValue.NIL;
        while (true) {
            final Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            if (k.type() != LuaValue.TSTRING && k.type() != LuaValue.TNUMBER) {
                throw new LuaError("Cannot serialise table: table key must be a number or string");
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            string(k.type() == LuaValue.TNUMBER ? LuaNumbers.g14(k.todouble()).getBytes(StandardCharsets.US_ASCII)
                : LuaReplies.bytes(k.checkstring()), out);
            out.write(':');
            encode(next.arg(2), out, depth);
        }
        out.write('}');
    }

    private static void string(final byte[] bytes, final ByteArrayOutputStream out) {
        out.write('"');
        for (final byte b : bytes) {
            switch (b) {
                case '"':
                    ascii(out, "\\\"");
                    break;
                case '\\':
                    ascii(out, "\\\\");
                    break;
                case '/':
                    ascii(out, "\\/");
                    break;
                case '\b':
                    ascii(out, "\\b");
                    break;
                case '\f':
                    ascii(out, "\\f");
                    break;
                case '\n':
                    ascii(out, "\\n");
                    break;
                case '\r':
                    ascii(out, "\\r");
                    break;
                case '\t':
                    ascii(out, "\\t");
                    break;
                default:
                    if (b >= 0 && b < 0x20 || b == 0x7f) {
                        ascii(out, String.format("\\u%04x", b));
                    } else {
                        out.write(b);
                    }
            }
        }
        out.write('"');
    }

    private static void ascii(final ByteArrayOutputStream out, final String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** A recursive-descent JSON reader over bytes. */
    private static final class Decoder {
        private final byte[] in;
        private int at;

        Decoder(final byte[] in) {
            this.in = in;
        }

        LuaError error(final String expected) {
            return new LuaError("Expected " + expected + " but found invalid token at character " + (at + 1));
        }

        void skipSpace() {
            while (at < in.length && (in[at] == ' ' || in[at] == '\t' || in[at] == '\n' || in[at] == '\r')) {
                at++;
            }
        }

        LuaValue value(final int depth) {
            if (depth > MAX_DEPTH) {
                throw new LuaError("Found too many nested data structures (" + depth + ") at character " + (at + 1));
            }
            skipSpace();
            if (at >= in.length) {
                throw error("value");
            }
            final byte b = in[at];
            if (b == '{') {
                return object(depth);
            }
            if (b == '[') {
                return array(depth);
            }
            if (b == '"') {
                return LuaString.valueUsing(string());
            }
            if (word("true")) {
                return LuaValue.TRUE;
            }
            if (word("false")) {
                return LuaValue.FALSE;
            }
            if (word("null")) {
                return NULL;
            }
            return number();
        }

        private boolean word(final String w) {
            if (at + w.length() > in.length) {
                return false;
            }
            for (int i = 0; i < w.length(); i++) {
                if (in[at + i] != w.charAt(i)) {
                    return false;
                }
            }
            at += w.length();
            return true;
        }

        private LuaValue number() {
            final int start = at;
            while (at < in.length && "+-0123456789.eE".indexOf(in[at]) >= 0) {
                at++;
            }
            try {
                return LuaValue.valueOf(Double.parseDouble(new String(in, start, at - start,
                    StandardCharsets.US_ASCII)));
            } catch (final NumberFormatException e) {
                at = start;
                throw error("value");
            }
        }

        private LuaTable object(final int depth) {
            final LuaTable t = new LuaTable();
            at++;
            skipSpace();
            if (at < in.length && in[at] == '}') {
                at++;
                return t;
            }
            while (true) {
                skipSpace();
                if (at >= in.length || in[at] != '"') {
                    throw error("object key string");
                }
                final LuaString key = LuaString.valueUsing(string());
                skipSpace();
                if (at >= in.length || in[at] != ':') {
                    throw error("colon");
                }
                at++;
                t.rawset(key, value(depth + 1));
                skipSpace();
                if (at < in.length && in[at] == ',') {
                    at++;
                } else if (at < in.length && in[at] == '}') {
                    at++;
                    return t;
                } else {
                    throw error("comma or object end");
                }
            }
        }

        private LuaTable array(final int depth) {
            final LuaTable t = new LuaTable();
            at++;
            skipSpace();
            if (at < in.length && in[at] == ']') {
                at++;
                return t;
            }
            int i = 1;
            while (true) {
                t.rawset(i++, value(depth + 1));
                skipSpace();
                if (at < in.length && in[at] == ',') {
                    at++;
                } else if (at < in.length && in[at] == ']') {
                    at++;
                    return t;
                } else {
                    throw error("comma or array end");
                }
            }
        }

        private byte[] string() {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            at++;
            while (true) {
                if (at >= in.length) {
                    throw error("string end");
                }
                final byte b = in[at++];
                if (b == '"') {
                    return out.toByteArray();
                }
                if (b != '\\') {
                    out.write(b);
                    continue;
                }
                if (at >= in.length) {
                    throw error("escape");
                }
                final byte e = in[at++];
                switch (e) {
                    case 'b':
                        out.write('\b');
                        break;
                    case 'f':
                        out.write('\f');
                        break;
                    case 'n':
                        out.write('\n');
                        break;
                    case 'r':
                        out.write('\r');
                        break;
                    case 't':
                        out.write('\t');
                        break;
                    case 'u': {
                        if (at + 4 > in.length) {
                            throw error("unicode escape");
                        }
                        int cp = Integer.parseInt(new String(in, at, 4, StandardCharsets.US_ASCII), 16);
                        at += 4;
                        if (cp >= 0xD800 && cp < 0xDC00 && at + 6 <= in.length && in[at] == '\\'
                            && in[at + 1] == 'u') {
                            final int low = Integer.parseInt(new String(in, at + 2, 4, StandardCharsets.US_ASCII),
                                16);
                            at += 6;
                            cp = Character.toCodePoint((char) cp, (char) low);
                        }
                        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
                        break;
                    }
                    default:
                        out.write(e);
                }
            }
        }
    }
}
