package io.minikv.net.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RespReaderTest {

    private static RespReader reader(final String s) {
        return new RespReader(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void readsExactlyOneReplyAtATime() throws IOException {
        final RespReader r = reader("+OK\r\n-ERR x\r\n:-5\r\n$3\r\na\r\n\r\n$-1\r\n*-1\r\n*0\r\n");
        assertThat(r.read().toString()).isEqualTo("+OK\\r\\n");
        assertThat(r.read().isError()).isTrue();
        assertThat(r.read().integer()).isEqualTo(-5);
        final RespReply bulk = r.read();
        assertThat(bulk.payload()).containsExactly('a', '\r', '\n');
        assertThat(r.read().isNull()).isTrue();
        final RespReply nullArray = r.read();
        assertThat(nullArray.isNull()).isTrue();
        assertThat(nullArray.elements()).isEmpty();
        assertThat(r.read().elements()).isEmpty();
        assertThatThrownBy(r::read).isInstanceOf(EOFException.class);
    }

    @Test
    void keepsNestedArraysWholeInRaw() throws IOException {
        final String nested = "*2\r\n$1\r\n0\r\n*3\r\n$1\r\na\r\n*1\r\n:1\r\n$-1\r\n";
        final RespReply r = reader(nested + "+next\r\n").read();
        assertThat(new String(r.raw(), StandardCharsets.ISO_8859_1)).isEqualTo(nested);
        assertThat(r.elements()).hasSize(2);
        assertThat(r.elements().get(1).elements().get(1).elements().get(0).integer()).isEqualTo(1);
    }

    @Test
    void understandsResp3Framing() throws IOException {
        final RespReader r = reader("%1\r\n+k\r\n_\r\n,1.5\r\n|1\r\n+a\r\n+b\r\n#t\r\n");
        assertThat(r.read().elements()).hasSize(2);
        assertThat(r.read().text()).isEqualTo("1.5");
        assertThat(r.read().text()).isEqualTo("t");
    }

    @Test
    void rejectsTruncatedAndMalformedReplies() {
        assertThatThrownBy(() -> reader("$5\r\nab").read()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("$2\r\nabcd").read()).hasMessageContaining("CRLF");
        assertThatThrownBy(() -> reader("?x\r\n").read()).hasMessageContaining("unknown reply type");
        assertThatThrownBy(() -> reader("*-2\r\n").read()).hasMessageContaining("bad aggregate length");
    }

    @Test
    void comparesUnderEachRule() throws IOException {
        final RespReply ab = reader("*2\r\n$1\r\na\r\n$1\r\nb\r\n").read();
        final RespReply ba = reader("*2\r\n$1\r\nb\r\n$1\r\na\r\n").read();
        assertThat(ReplyComparator.matches(CompareRule.EXACT, ab, ba)).isFalse();
        assertThat(ReplyComparator.matches(CompareRule.UNORDERED, ab, ba)).isTrue();
        assertThat(ReplyComparator.matches(CompareRule.SHAPE, ab, ba)).isTrue();
        final RespReply ttl100 = reader(":100\r\n").read();
        final RespReply ttl99 = reader(":99\r\n").read();
        final RespReply ttlMinus1 = reader(":-1\r\n").read();
        final RespReply ttlMinus2 = reader(":-2\r\n").read();
        assertThat(ReplyComparator.matches(CompareRule.TTL, ttl100, ttl99)).isTrue();
        assertThat(ReplyComparator.matches(CompareRule.TTL, ttlMinus1, ttlMinus2)).isFalse();
        assertThat(ReplyComparator.matches(CompareRule.TTL, ttl100, reader(":95\r\n").read())).isFalse();
        assertThat(ReplyComparator.matches(CompareRule.SHAPE, ttl100, reader("$3\r\n100\r\n").read())).isFalse();
    }
}
