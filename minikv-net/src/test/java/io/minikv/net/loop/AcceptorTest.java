package io.minikv.net.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AcceptorTest {
    /**
     * The benchmark's headline shape ({@code redis-benchmark -P 16 -d 1024}) must take one read per pipeline and
     * fit its replies in the pooled buffer; at 16 KB each batch took two reads and every reply batch grew (allocated
     * and freed) a new direct buffer.
     */
    @Test
    void shouldFitAPipelineOfSixteenOneKilobyteCommandsAndTheirRepliesInOnePooledBuffer() {
        final String value = "x".repeat(1024);
        final String set = "*3\r\n$3\r\nSET\r\n$16\r\nkey:000000123456\r\n$1024\r\n" + value + "\r\n";
        final String getReply = "$1024\r\n" + value + "\r\n";
        assertThat(Acceptor.BUFFER_SIZE)
            .isGreaterThanOrEqualTo(16 * set.getBytes(StandardCharsets.US_ASCII).length)
            .isGreaterThanOrEqualTo(16 * getReply.getBytes(StandardCharsets.US_ASCII).length);
    }
}
