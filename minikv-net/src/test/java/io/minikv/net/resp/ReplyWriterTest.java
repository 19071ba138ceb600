package io.minikv.net.resp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minikv.api.KvError;
import io.minikv.engine.memory.NativeValueSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

class ReplyWriterTest {
    private final ReplyWriter writer = new ReplyWriter(new BufferPool(64, 4), 1 << 20);

    private String written() {
        final ByteBuffer buffer = writer.buffer().duplicate().flip();
        final byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldEncodeEveryReplyType() {
        writer.ok();
        writer.simple("PONG");
        writer.error(KvError.SYNTAX);
        writer.error("ERR two\r\nlines");
        writer.integer(0);
        writer.integer(-42);
        writer.integer(Long.MIN_VALUE);
        writer.integer(Long.MAX_VALUE);
        writer.bulk("héllo");
        writer.bulk((byte[]) null);
        writer.array(2);
        writer.bulk(new byte[0]);
        writer.nullArray();
        assertThat(written()).isEqualTo("+OK\r\n+PONG\r\n-ERR syntax error\r\n-ERR two  lines\r\n:0\r\n:-42\r\n"
            + ":-9223372036854775808\r\n:9223372036854775807\r\n$6\r\nh\u00c3\u00a9llo\r\n$-1\r\n"
            + "*2\r\n$0\r\n\r\n*-1\r\n");
    }

    @Test
    void shouldGrowBeyondThePooledBufferAndReplaceARetriedValue() {
        writer.simple("X");
        final NativeValueSource first = source("stale");
        final NativeValueSource second = source("v".repeat(100));
        writer.beginValue();
        writer.accept(first, 0, 5);
        writer.accept(second, 0, 100);
        assertThat(written()).isEqualTo("+X\r\n$100\r\n" + "v".repeat(100) + "\r\n");
    }

    private static NativeValueSource source(final String text) {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final ByteBuffer memory = ByteBuffer.allocateDirect(bytes.length);
        memory.put(0, bytes);
        return new NativeValueSource(memory);
    }

    @Test
    void shouldRefuseToGrowPastTheOutputLimit() {
        final ReplyWriter small = new ReplyWriter(new BufferPool(64, 4), 100);
        assertThatThrownBy(() -> small.bulk(new byte[200])).isSameAs(ReplyWriter.OutputLimitExceeded.INSTANCE);
    }
}
