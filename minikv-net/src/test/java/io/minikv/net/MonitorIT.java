package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MONITOR over raw sockets, with the monitor and the observed clients on different event loops: the lines, their
 * order around transactions and scripts, redaction, what is hidden, and what a monitor may still do. Every expected
 * line was checked against redis-server 7.0.15 (timestamps and ports aside).
 */
class MonitorIT {
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
        return new RawClient("127.0.0.1", server.port());
    }

    /** Reads n monitor lines, each with its timestamp and peer port replaced, as {@code [db peer] args}. */
    private static List<String> lines(final RawClient monitor, final int n) throws IOException {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final String line = monitor.readReply();
            assertThat(line).matches("(?s)\\+\\d+\\.\\d{6} \\[.*\\r\\n");
            out.add(line.substring(line.indexOf('[')).replaceAll("127\\.0\\.0\\.1:\\d+", "peer").trim());
        }
        return out;
    }

    @Test
    void shouldShowEveryClientsCommandsAsRedisDoes() throws IOException {
        try (RawClient monitor = connect(); RawClient c = connect()) {
            assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
            // RawClient sends UTF-8: U+00FF is the bytes c3 bf.
            c.call("SET", "k", "v\n\"x\u0000\u00ff\\");
            c.call("GET", "k");
            c.call("NOSUCH", "a");
            c.call("GET");
            c.call("CONFIG", "GET", "maxmemory");
            c.call("SELECT", "3");
            c.call("MULTI");
            c.call("SET", "a", "1");
            c.call("INCR", "a");
            c.call("EXEC");
            c.call("EVAL", "redis.call('set','lk','lv') return 1", "0");
            c.call("AUTH", "user", "secret");
            c.call("HELLO", "2", "SETNAME", "n", "AUTH", "default", "pw");
            c.call("LPUSH", "a", "x");
            assertThat(lines(monitor, 12)).containsExactly(
                "[0 peer] \"SET\" \"k\" \"v\\n\\\"x\\x00\\xc3\\xbf\\\\\"",
                "[0 peer] \"GET\" \"k\"",
                "[3 peer] \"SELECT\" \"3\"",
                "[3 peer] \"MULTI\"",
                "[3 peer] \"SET\" \"a\" \"1\"",
                "[3 peer] \"INCR\" \"a\"",
                "[3 peer] \"EXEC\"",
                "[3 peer] \"EVAL\" \"redis.call('set','lk','lv') return 1\" \"0\"",
                "[3 lua] \"set\" \"lk\" \"lv\"",
                "[3 peer] \"AUTH\" \"(redacted)\" \"(redacted)\"",
                "[3 peer] \"HELLO\" \"2\" \"SETNAME\" \"n\" \"AUTH\" \"(redacted)\" \"(redacted)\"",
                "[3 peer] \"LPUSH\" \"a\" \"x\"");
        }
    }

    @Test
    void shouldLetAMonitorPingButNotTouchTheKeyspaceUntilReset() throws IOException {
        try (RawClient monitor = connect(); RawClient c = connect()) {
            assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
            assertThat(c.call("CLIENT", "LIST")).contains("flags=O").contains("cmd=monitor");
            assertThat(monitor.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(lines(monitor, 1)).containsExactly("[0 peer] \"PING\"");
            assertThat(monitor.call("GET", "nokey")).isEqualTo("-ERR Replica can't interact with the keyspace\r\n");
            assertThat(monitor.call("PUBLISH", "ch", "m")).isEqualTo("-ERR Replica can't interact with the keyspace\r\n");
            assertThat(monitor.call("EVAL", "return 1", "0"))
                .isEqualTo("-ERR Replica can't interact with the keyspace\r\n");
            assertThat(monitor.call("RESET")).isEqualTo("+RESET\r\n");
            assertThat(monitor.call("GET", "nokey")).isEqualTo("$-1\r\n");
            c.call("SET", "after", "reset");
            assertThat(c.call("CLIENT", "LIST")).doesNotContain("flags=O");
        }
    }

    @Test
    void shouldRefuseMonitorInsideATransaction() throws IOException {
        try (RawClient c = connect()) {
            c.call("MULTI");
            assertThat(c.call("MONITOR")).isEqualTo("+QUEUED\r\n");
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n");
        }
    }

    @Test
    void shouldStopFeedingAClosedMonitor() throws IOException {
        final RawClient monitor = connect();
        assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
        monitor.close();
        try (RawClient c = connect(); RawClient second = connect()) {
            // The closed monitor is dropped from the feed; a new one sees only what follows its MONITOR.
            c.call("SET", "before", "1");
            assertThat(second.call("MONITOR")).isEqualTo("+OK\r\n");
            c.call("SET", "seen", "1");
            assertThat(lines(second, 1)).containsExactly("[0 peer] \"SET\" \"seen\" \"1\"");
        }
    }
}
