package io.minikv.net.script;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.minikv.api.KvError;
import io.minikv.net.resp.ReplyWriter;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The conversions between RESP2 replies and Lua values, by Redis 7's rules ({@code script_lua.c}).
 * <p>
 * A command's reply becomes: integer → number; bulk string → string; nil bulk or nil array → {@code false}; array →
 * table (1-based); status → {@code {ok=text}}; error → {@code {err=text}}.
 * <p>
 * A script's return value becomes: number → integer (truncated, as C's cast: out of range and NaN give
 * {@code -9223372036854775808}); string → bulk; {@code true} → {@code :1}; {@code false} and {@code nil} → nil bulk;
 * a table with a string {@code err} field → error; with a string {@code ok} field → status; any other table → array
 * of its elements from index 1 up to the first nil; anything else → nil bulk.
 * <p>
 * Stateless and thread-safe.
 */
public final class LuaReplies {
    /** Tables nested deeper than this are refused, as Redis refuses when its Lua stack cannot grow. */
    static final int MAX_DEPTH = 1000;
    private static final LuaString OK = LuaValue.valueOf("ok");
    private static final LuaString ERR = LuaValue.valueOf("err");

    private LuaReplies() {
    }

    /**
     * Converts one complete RESP2 reply to a Lua value.
     *
     * @param buffer the encoded reply; absolute access only.
     * @param start where it starts.
     * @param end where the written bytes end.
     * @return the value.
     * @throws IllegalArgumentException when the bytes are not one well-formed reply.
     */
    public static LuaValue toLua(final ByteBuffer buffer, final int start, final int end) {
        final int[] at = {start};
        final LuaValue value = read(buffer, at, end);
        if (at[0] != end) {
            throw new IllegalArgumentException("trailing bytes after a reply");
        }
        return value;
    }

    private static LuaValue read(final ByteBuffer buffer, final int[] at, final int end) {
        final byte type = buffer.get(at[0]);
        final int lineEnd = lineEnd(buffer, at[0] + 1, end);
        final int lineStart = at[0] + 1;
        at[0] = lineEnd + 2;
        switch (type) {
            case ':':
                return LuaValue.valueOf((double) parseLong(buffer, lineStart, lineEnd));
            case '+':
                return tableOf(OK, string(buffer, lineStart, lineEnd));
            case '-':
                return tableOf(ERR, string(buffer, lineStart, lineEnd));
            case '$': {
                final long length = parseLong(buffer, lineStart, lineEnd);
                if (length < 0) {
                    return LuaValue.FALSE;
                }
                final LuaString s = string(buffer, at[0], at[0] + (int) length);
                at[0] += (int) length + 2;
                return s;
            }
            case '*': {
                final long count = parseLong(buffer, lineStart, lineEnd);
                if (count < 0) {
                    return LuaValue.FALSE;
                }
                final LuaTable t = new LuaTable((int) count, 0);
                for (int i = 1; i <= count; i++) {
                    t.rawset(i, read(buffer, at, end));
                }
                return t;
            }
            default:
                throw new IllegalArgumentException("not a RESP2 reply type: " + (char) type);
        }
    }

    private static LuaTable tableOf(final LuaString key, final LuaValue value) {
        final LuaTable t = new LuaTable(0, 1);
        t.rawset(key, value);
        return t;
    }

    private static LuaString string(final ByteBuffer buffer, final int from, final int to) {
        final byte[] bytes = new byte[to - from];
        buffer.get(from, bytes);
        return LuaString.valueUsing(bytes);
    }

    private static int lineEnd(final ByteBuffer buffer, final int from, final int end) {
        for (int p = from; p + 1 < end; p++) {
            if (buffer.get(p) == '\r' && buffer.get(p + 1) == '\n') {
                return p;
            }
        }
        throw new IllegalArgumentException("incomplete reply");
    }

    private static long parseLong(final ByteBuffer buffer, final int from, final int to) {
        long v = 0;
        boolean negative = false;
        int p = from;
        if (p < to && buffer.get(p) == '-') {
            negative = true;
            p++;
        }
        for (; p < to; p++) {
            v = v * 10 - (buffer.get(p) - '0');
        }
        return negative ? v : -v;
    }

    /**
     * Writes a script's return value as its reply.
     *
     * @param value the value the script returned (its first return value).
     * @param reply where to write.
     */
    public static void toResp(final LuaValue value, final ReplyWriter reply) {
        write(value, reply, 0);
    }

    private static void write(final LuaValue value, final ReplyWriter reply, final int depth) {
        switch (value.type()) {
            case LuaValue.TSTRING:
                reply.bulk(bytes(value.checkstring()));
                return;
            case LuaValue.TBOOLEAN:
                if (value.toboolean()) {
                    reply.integer(1);
                } else {
                    reply.nullBulk();
                }
                return;
            case LuaValue.TNUMBER:
                reply.integer(toLong(value.todouble()));
                return;
            case LuaValue.TTABLE:
                writeTable((LuaTable) value, reply, depth);
                return;
            default:
                reply.nullBulk();
        }
    }

    private static void writeTable(final LuaTable table, final ReplyWriter reply, final int depth) {
        final LuaValue err = table.rawget(ERR);
        if (err.type() == LuaValue.TSTRING) {
            reply.error(latin1(err));
            return;
        }
        final LuaValue ok = table.rawget(OK);
        if (ok.type() == LuaValue.TSTRING) {
            reply.simple(latin1(ok).replace('\r', ' ').replace('\n', ' '));
            return;
        }
        if (depth >= MAX_DEPTH) {
            reply.error(KvError.SCRIPT_STACK_LIMIT);
            return;
        }
        int n = 0;
        while (!table.rawget(n + 1).isnil()) {
            n++;
        }
        reply.array(n);
        for (int i = 1; i <= n; i++) {
            write(table.rawget(i), reply, depth + 1);
        }
    }

    /**
     * Converts a Lua number to a reply integer as C's {@code (long long)} cast does on x86-64: truncated toward zero,
     * and {@code LLONG_MIN} for NaN and values out of range.
     *
     * @param d the number.
     * @return the integer.
     */
    static long toLong(final double d) {
        if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }

    /**
     * Returns a Lua string's bytes.
     *
     * @param s the string.
     * @return a copy of its bytes.
     */
    static byte[] bytes(final LuaString s) {
        final byte[] copy = new byte[s.m_length];
        System.arraycopy(s.m_bytes, s.m_offset, copy, 0, s.m_length);
        return copy;
    }

    /** A string value's bytes as ISO-8859-1 text, what the error and status writers take. */
    private static String latin1(final LuaValue s) {
        return new String(bytes(s.checkstring()), StandardCharsets.ISO_8859_1);
    }
}
