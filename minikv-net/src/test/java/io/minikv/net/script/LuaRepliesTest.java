package io.minikv.net.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.minikv.net.resp.BufferPool;
import io.minikv.net.resp.ReplyWriter;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

class LuaRepliesTest {
    private final ReplyWriter writer = new ReplyWriter(new BufferPool(64, 4), 1 << 20);

    private static LuaValue lua(final String resp) {
        final byte[] bytes = resp.getBytes(StandardCharsets.ISO_8859_1);
        return LuaReplies.toLua(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    private String resp(final LuaValue value) {
        LuaReplies.toResp(value, writer);
        final ByteBuffer buffer = writer.buffer().duplicate().flip();
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        writer.release();
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldConvertRepliesToLuaByRedisRules() {
        assertThat(lua(":42\r\n").todouble()).isEqualTo(42);
        assertThat(lua(":-9223372036854775808\r\n").todouble()).isEqualTo(-9.223372036854775808E18);
        assertThat(lua("$3\r\nabc\r\n").tojstring()).isEqualTo("abc");
        assertThat(lua("$0\r\n\r\n").tojstring()).isEmpty();
        assertThat(lua("$-1\r\n")).isEqualTo(LuaValue.FALSE);
        assertThat(lua("*-1\r\n")).isEqualTo(LuaValue.FALSE);
        assertThat(lua("+OK\r\n").get("ok").tojstring()).isEqualTo("OK");
        assertThat(lua("-ERR bad\r\n").get("err").tojstring()).isEqualTo("ERR bad");
        final LuaValue array = lua("*3\r\n:1\r\n$1\r\nx\r\n*1\r\n$-1\r\n");
        assertThat(array.length()).isEqualTo(3);
        assertThat(array.get(1).todouble()).isEqualTo(1);
        assertThat(array.get(2).tojstring()).isEqualTo("x");
        assertThat(array.get(3).get(1)).isEqualTo(LuaValue.FALSE);
        assertThat(lua("*0\r\n").length()).isZero();
    }

    @Test
    void shouldKeepBulkBytesAsTheyAre() {
        final byte[] bytes = {'$', '3', '\r', '\n', 0, (byte) 0xff, '\n', '\r', '\n'};
        final LuaValue s = LuaReplies.toLua(ByteBuffer.wrap(bytes), 0, bytes.length);
        assertThat(LuaReplies.bytes(s.checkstring())).containsExactly(0, 0xff, '\n');
    }

    @Test
    void shouldRefuseMalformedReplies() {
        assertThatThrownBy(() -> lua("?x\r\n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lua(":1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lua(":1\r\n:2\r\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldConvertLuaValuesToRepliesByRedisRules() {
        assertThat(resp(LuaValue.valueOf(3.99))).isEqualTo(":3\r\n");
        assertThat(resp(LuaValue.valueOf(-3.7))).isEqualTo(":-3\r\n");
        assertThat(resp(LuaValue.valueOf(1e30))).isEqualTo(":-9223372036854775808\r\n");
        assertThat(resp(LuaValue.valueOf(Double.NaN))).isEqualTo(":-9223372036854775808\r\n");
        assertThat(resp(LuaValue.valueOf("hi"))).isEqualTo("$2\r\nhi\r\n");
        assertThat(resp(LuaValue.TRUE)).isEqualTo(":1\r\n");
        assertThat(resp(LuaValue.FALSE)).isEqualTo("$-1\r\n");
        assertThat(resp(LuaValue.NIL)).isEqualTo("$-1\r\n");
        final LuaTable ok = new LuaTable();
        ok.set("ok", "fine\r\nline");
        assertThat(resp(ok)).isEqualTo("+fine  line\r\n");
        final LuaTable err = new LuaTable();
        err.set("err", "MY bad");
        err.set("ok", "ignored");
        assertThat(resp(err)).isEqualTo("-MY bad\r\n");
        final LuaTable array = LuaValue.listOf(new LuaValue[] {LuaValue.valueOf(1), LuaValue.valueOf("a"),
            LuaValue.NIL, LuaValue.valueOf(2)});
        assertThat(resp(array)).isEqualTo("*2\r\n:1\r\n$1\r\na\r\n");
        final LuaTable nested = LuaValue.listOf(new LuaValue[] {LuaValue.listOf(new LuaValue[] {ok}), err});
        assertThat(resp(nested)).isEqualTo("*2\r\n*1\r\n+fine  line\r\n-MY bad\r\n");
        assertThat(resp(new LuaTable())).isEqualTo("*0\r\n");
    }

    @Test
    void shouldStopAtTheDepthLimitOnASelfReferencingTable() {
        final LuaTable t = new LuaTable();
        t.set(1, t);
        final String reply = resp(t);
        assertThat(reply).startsWith("*1\r\n*1\r\n").endsWith("-ERR reached lua stack limit\r\n");
    }

    @Test
    void shouldTruncateAsCDoes() {
        assertThat(LuaReplies.toLong(9.2233720368547748E18)).isEqualTo(9223372036854774784L);
        assertThat(LuaReplies.toLong(0x1p63)).isEqualTo(Long.MIN_VALUE);
        assertThat(LuaReplies.toLong(-0x1p63)).isEqualTo(Long.MIN_VALUE);
        assertThat(LuaReplies.toLong(Double.NEGATIVE_INFINITY)).isEqualTo(Long.MIN_VALUE);
    }
}
