package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.minikv.net.resp.RespLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Protocol edges over a raw socket against a server on port 0: pipelining, commands split across segments, inline
 * commands, malformed input, limits. Every assertion is on the exact reply bytes.
 */
class ProtocolIT {
    private static MiniKvServer server;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient connect() throws IOException {
        return new RawClient(server.host(), server.port());
    }

    @Test
    void shouldAnswerTenThousandPipelinedCommandsSentInOneWrite() throws IOException {
        try (RawClient client = connect()) {
            final ByteArrayOutputStream batch = new ByteArrayOutputStream();
            final StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 10_000; i++) {
                batch.writeBytes(RawClient.command("SET", "pipe:" + i, "v" + i));
                batch.writeBytes(RawClient.command("GET", "pipe:" + i));
                expected.append("+OK\r\n");
                final String value = "v" + i;
                expected.append('$').append(value.length()).append("\r\n").append(value).append("\r\n");
            }
            client.send(batch.toByteArray());
            assertThat(client.read(expected.length())).isEqualTo(expected.toString());
            assertThat(client.call("DEL", "pipe:0", "pipe:9999")).isEqualTo(":2\r\n");
        }
    }

    @Test
    void shouldParseACommandSentOneByteAtATime() throws IOException {
        try (RawClient client = connect()) {
            final byte[] set = RawClient.command("SET", "split", "a value split byte by byte");
            for (final byte b : set) {
                client.send(new byte[] {b});
            }
            assertThat(client.read(5)).isEqualTo("+OK\r\n");
            for (final byte b : "GET split\r\n".getBytes(StandardCharsets.US_ASCII)) {
                client.send(new byte[] {b});
            }
            assertThat(client.readReply()).isEqualTo("$26\r\na value split byte by byte\r\n");
        }
    }

    @Test
    void shouldRunInlineCommandsAsRedisDoes() throws IOException {
        try (RawClient client = connect()) {
            client.send("PING\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
            client.send("  SET   inline  \"a b\\x41\\n\"\r\n");
            assertThat(client.readReply()).isEqualTo("+OK\r\n");
            client.send("GET inline\n");
            assertThat(client.readReply()).isEqualTo("$5\r\na bA\n\r\n");
            client.send("ECHO 'it\\'s'\r\n\r\n");
            assertThat(client.readReply()).isEqualTo("$4\r\nit's\r\n");
            client.send("FOO bar baz\r\n");
            assertThat(client.readReply())
                .isEqualTo("-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n");
        }
    }

    @Test
    void shouldSkipEmptyMultibulks() throws IOException {
        try (RawClient client = connect()) {
            client.send("*0\r\n*-1\r\n*1\r\n$4\r\nPING\r\n");
            assertThat(client.readReply()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldReplyProtocolErrorAndCloseOnBadTypeByte() throws IOException {
        assertProtocolError("*2\r\n$3\r\nGET\r\n:1\r\n", "-ERR Protocol error: expected '$', got ':'\r\n");
    }

    @Test
    void shouldRejectNegativeBulkLength() throws IOException {
        assertProtocolError("*1\r\n$-5\r\n", "-ERR Protocol error: invalid bulk length\r\n");
        assertProtocolError("*1\r\n$-1\r\n", "-ERR Protocol error: invalid bulk length\r\n");
    }

    @Test
    void shouldRejectHugeBulkLengthBeforeAllocating() throws IOException {
        assertProtocolError("*1\r\n$536870913\r\n", "-ERR Protocol error: invalid bulk length\r\n");
        assertProtocolError("*1\r\n$99999999999999999999999\r\n", "-ERR Protocol error: invalid bulk length\r\n");
    }

    @Test
    void shouldRejectNonNumericAndNonCanonicalLengths() throws IOException {
        assertProtocolError("*x\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        assertProtocolError("*01\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        assertProtocolError("*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n");
        assertProtocolError("*1\r\n$abc\r\n", "-ERR Protocol error: invalid bulk length\r\n");
        assertProtocolError("*1\r\n$+4\r\nPING\r\n", "-ERR Protocol error: invalid bulk length\r\n");
    }

    @Test
    void shouldRejectUnbalancedQuotesAndTooBigInline() throws IOException {
        assertProtocolError("SET \"a b\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n");
        assertProtocolError("ECHO \"a\"b\r\n", "-ERR Protocol error: unbalanced quotes in request\r\n");
        assertProtocolError("A".repeat(70_000), "-ERR Protocol error: too big inline request\r\n");
        assertProtocolError("*1\r\n$" + "1".repeat(70_000), "-ERR Protocol error: too big bulk count string\r\n");
    }

    @Test
    void shouldAnswerCommandsBeforeAProtocolErrorInTheSameBatch() throws IOException {
        assertProtocolError("PING\r\n*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n",
            "+PONG\r\n+PONG\r\n-ERR Protocol error: invalid bulk length\r\n");
    }

    private static void assertProtocolError(final String input, final String expected) throws IOException {
        try (RawClient client = connect()) {
            client.send(input);
            assertThat(client.readUntilClosed()).isEqualTo(expected);
        }
        // The server and its other clients are unaffected.
        try (RawClient other = connect()) {
            assertThat(other.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldSurviveAClientThatDisconnectsMidCommand() throws IOException {
        try (RawClient bystander = connect()) {
            assertThat(bystander.call("SET", "bystander", "1")).isEqualTo("+OK\r\n");
            for (int i = 0; i < 20; i++) {
                try (RawClient quitter = connect()) {
                    quitter.send("*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$100\r\nonly part of the value");
                }
            }
            assertThat(bystander.call("GET", "bystander")).isEqualTo("$1\r\n1\r\n");
            assertThat(bystander.call("EXISTS", "half")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void shouldIgnoreTheTwoBytesAfterABulkPayloadAsRedisDoes() throws IOException {
        try (RawClient client = connect()) {
            client.send("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n");
            assertThat(client.read(14)).isEqualTo("+PONG\r\n+PONG\r\n");
        }
    }

    @Test
    void shouldCloseAfterQuitReply() throws IOException {
        try (RawClient client = connect()) {
            client.send(RawClient.command("QUIT"));
            client.send(RawClient.command("PING"));
            assertThat(client.readUntilClosed()).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldReceiveALargeValueAcrossManySegmentsAndSendItBack() throws IOException {
        try (RawClient client = connect()) {
            final String value = "x".repeat(3 * 1024 * 1024);
            assertThat(client.call("SET", "big", value)).isEqualTo("+OK\r\n");
            assertThat(client.call("STRLEN", "big")).isEqualTo(":" + value.length() + "\r\n");
            assertThat(client.call("GET", "big")).isEqualTo("$" + value.length() + "\r\n" + value + "\r\n");
            assertThat(client.call("DEL", "big")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void shouldRejectClientsBeyondMaxClients() throws IOException {
        try (MiniKvServer small = MiniKvServer.builder().port(0).workers(1).maxClients(2).store(server.store())
            .build().start();
             RawClient first = new RawClient(small.host(), small.port());
             RawClient second = new RawClient(small.host(), small.port())) {
            assertThat(first.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(second.call("PING")).isEqualTo("+PONG\r\n");
            try (RawClient third = new RawClient(small.host(), small.port())) {
                assertThat(third.readUntilClosed()).isEqualTo("-ERR max number of clients reached\r\n");
            }
            assertThat(first.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldDisconnectAClientWhoseRepliesPassTheOutputLimit() throws IOException {
        final RespLimits limits = RespLimits.DEFAULTS.withMaxOutputBufferBytes(256 * 1024);
        try (MiniKvServer small = MiniKvServer.builder().port(0).workers(1).limits(limits).store(server.store())
            .build().start();
             RawClient greedy = new RawClient(small.host(), small.port());
             RawClient polite = new RawClient(small.host(), small.port())) {
            assertThat(polite.call("SET", "limit:big", "y".repeat(100_000))).isEqualTo("+OK\r\n");
            final ByteArrayOutputStream batch = new ByteArrayOutputStream();
            for (int i = 0; i < 50; i++) {
                batch.writeBytes(RawClient.command("GET", "limit:big"));
            }
            greedy.send(batch.toByteArray());
            assertThat(greedy.isClosedByServer()).isTrue();
            assertThat(polite.call("STRLEN", "limit:big")).isEqualTo(":100000\r\n");
            assertThat(polite.call("DEL", "limit:big")).isEqualTo(":1\r\n");
        }
    }

    @Test
    void shouldLimitRequestsOfUnauthenticatedClientsAsRedisDoes() throws IOException {
        try (MiniKvServer secured = MiniKvServer.builder().port(0).workers(1).requirePassword("pw")
            .store(server.store()).build().start()) {
            try (RawClient client = new RawClient(secured.host(), secured.port())) {
                client.send("*11\r\n");
                assertThat(client.readUntilClosed())
                    .isEqualTo("-ERR Protocol error: unauthenticated multibulk length\r\n");
            }
            try (RawClient client = new RawClient(secured.host(), secured.port())) {
                client.send("*2\r\n$20000\r\n");
                assertThat(client.readUntilClosed()).isEqualTo("-ERR Protocol error: unauthenticated bulk length\r\n");
            }
            try (RawClient client = new RawClient(secured.host(), secured.port())) {
                assertThat(client.call("GET", "k")).isEqualTo("-NOAUTH Authentication required.\r\n");
                assertThat(client.call("AUTH", "pw")).isEqualTo("+OK\r\n");
                final String[] many = new String[12];
                many[0] = "EXISTS";
                for (int i = 1; i < many.length; i++) {
                    many[i] = "k" + i;
                }
                assertThat(client.call(many)).isEqualTo(":0\r\n");
            }
        }
    }

    @Test
    void shouldCloseAClientWhoseCommandPassesTheQueryBufferLimit() throws IOException {
        final RespLimits limits = RespLimits.DEFAULTS.withMaxQueryBufferBytes(64 * 1024);
        try (MiniKvServer small = MiniKvServer.builder().port(0).workers(1).limits(limits).store(server.store())
            .build().start();
             RawClient client = new RawClient(small.host(), small.port())) {
            client.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$200000\r\n" + "z".repeat(100_000));
            assertThat(client.isClosedByServer()).isTrue();
        }
    }
}
