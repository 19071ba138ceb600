package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CLIENT PAUSE / UNPAUSE / REPLY / NO-EVICT over raw sockets, with clients on different event loops: held commands
 * wait (they are not refused) and run, in order, when the pause ends; a WRITE pause lets reads through; a held client
 * shows {@code b} in CLIENT LIST. Every reply was checked against redis-server 7.0.15.
 */
class ClientControlIT {
    private static MiniKvServer server;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void unpause() throws IOException {
        try (RawClient admin = connect()) {
            admin.call("CLIENT", "UNPAUSE");
            admin.call("FLUSHALL");
        }
    }

    private static RawClient connect() throws IOException {
        return new RawClient("127.0.0.1", server.port());
    }

    @Test
    void shouldHoldWritesUntilUnpausedWhileReadsProceed() throws Exception {
        try (RawClient admin = connect(); RawClient writer = connect(); RawClient reader = connect()) {
            admin.call("SET", "k", "before");
            assertThat(admin.call("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
            writer.send(RawClient.command("SET", "k", "after")).send(RawClient.command("GET", "k"));
            admin.awaitBlockedClients(1);
            assertThat(reader.call("GET", "k")).isEqualTo("$6\r\nbefore\r\n");
            assertThat(reader.call("EVAL_RO", "return redis.call('get', KEYS[1])", "1", "k"))
                .isEqualTo("$6\r\nbefore\r\n");
            assertThat(admin.call("CLIENT", "LIST")).containsPattern("flags=b db=0 .* cmd=set");
            assertThat(admin.call("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
            assertThat(writer.readReply()).isEqualTo("+OK\r\n");
            assertThat(writer.readReply()).isEqualTo("$5\r\nafter\r\n");
            admin.awaitBlockedClients(0);
        }
    }

    @Test
    void shouldHoldScriptsPublishesAndWritingTransactionsUnderWritePause() throws Exception {
        try (RawClient admin = connect(); RawClient a = connect(); RawClient b = connect(); RawClient c = connect();
             RawClient d = connect()) {
            d.call("MULTI");
            d.call("GET", "k");
            d.call("INCR", "n");
            admin.call("CLIENT", "PAUSE", "100000", "WRITE");
            a.send(RawClient.command("EVAL", "return redis.call('incr', 'n')", "0"));
            b.send(RawClient.command("PUBLISH", "ch", "m"));
            c.send(RawClient.command("PFCOUNT", "hll"));
            d.send(RawClient.command("EXEC"));
            admin.awaitBlockedClients(4);
            admin.call("CLIENT", "UNPAUSE");
            assertThat(a.readReply()).matches(":[12]\r\n");
            assertThat(b.readReply()).isEqualTo(":0\r\n");
            assertThat(c.readReply()).isEqualTo(":0\r\n");
            assertThat(d.readReply()).matches("\\*2\r\n\\$-1\r\n:[12]\r\n");
        }
    }

    @Test
    void shouldHoldEveryCommandUnderPauseAllAndEndByItself() throws Exception {
        try (RawClient admin = connect(); RawClient held = connect()) {
            admin.call("CLIENT", "PAUSE", "200", "ALL");
            held.send(RawClient.command("PING")).send(RawClient.command("ECHO", "x"));
            // Nobody unpauses: the pause's deadline resumes the held client.
            assertThat(held.readReply()).isEqualTo("+PONG\r\n");
            assertThat(held.readReply()).isEqualTo("$1\r\nx\r\n");
            // Errors the dispatcher finds before the pause check are answered at once.
            admin.call("CLIENT", "PAUSE", "100000", "WRITE");
            assertThat(held.call("SET", "k")).isEqualTo("-ERR wrong number of arguments for 'set' command\r\n");
        }
    }

    @Test
    void shouldHoldActiveExpiryDuringAPause() throws Exception {
        try (RawClient admin = connect()) {
            admin.call("CLIENT", "PAUSE", "100000", "WRITE");
            assertThat(io.minikv.engine.Engine.of(server.store()).activeExpiryPaused()).isTrue();
            admin.call("CLIENT", "UNPAUSE");
            assertThat(io.minikv.engine.Engine.of(server.store()).activeExpiryPaused()).isFalse();
        }
    }

    @Test
    void shouldMuteRepliesAsClientReplySays() throws Exception {
        try (RawClient c = connect()) {
            c.send("CLIENT REPLY OFF\r\nSET a 1\r\nNOSUCH\r\nCLIENT REPLY ON\r\nGET a\r\n");
            assertThat(c.readReply()).isEqualTo("+OK\r\n");
            assertThat(c.readReply()).isEqualTo("$1\r\n1\r\n");
            c.send("CLIENT REPLY SKIP\r\nGET a\r\nECHO b\r\n");
            assertThat(c.readReply()).isEqualTo("$1\r\nb\r\n");
            // A blocked command's reply is dropped too, once it is served.
            c.send("CLIENT REPLY SKIP\r\nBLPOP q 0\r\n");
            try (RawClient pusher = connect()) {
                pusher.awaitBlockedClients(1);
                pusher.call("RPUSH", "q", "x");
                pusher.awaitBlockedClients(0);
            }
            assertThat(c.call("ECHO", "after")).isEqualTo("$5\r\nafter\r\n");
        }
    }

    @Test
    void shouldShowNoEvictInClientList() throws Exception {
        try (RawClient c = connect()) {
            assertThat(c.call("CLIENT", "NO-EVICT", "on")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" flags=e ");
            assertThat(c.call("CLIENT", "NO-EVICT", "off")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "INFO")).contains(" flags=N ");
        }
    }
}
