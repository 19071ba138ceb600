package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BZPOPMIN, BZPOPMAX and BZMPOP over raw sockets: immediate pops, FIFO wake-up when data arrives, timeouts, and a
 * disconnected waiter giving up its turn. The clients run on different event loops (workers = 2).
 */
class SortedSetBlockingIT {
    private static MiniKvServer server;
    private RawClient control;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() throws IOException {
        control = new RawClient(server.host(), server.port());
        control.call("FLUSHALL");
    }

    /** Waits until {@code n} clients have a blocking command as their last command (bounded). */
    private void awaitBlocked(final int n) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 5000; attempt++) {
            final String list = control.call("CLIENT", "LIST");
            final int blocked = list.split("cmd=bz", -1).length - 1;
            if (blocked >= n) {
                return;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("clients did not block");
    }

    private RawClient client() throws IOException {
        return new RawClient(server.host(), server.port());
    }

    @Test
    void shouldPopAtOnceWhenDataIsThere() throws IOException {
        control.call("ZADD", "k", "1", "a", "2", "b");
        try (RawClient c = client()) {
            assertThat(c.call("BZPOPMIN", "nokey", "k", "0")).isEqualTo("*3\r\n$1\r\nk\r\n$1\r\na\r\n$1\r\n1\r\n");
            assertThat(c.call("BZPOPMAX", "k", "0")).isEqualTo("*3\r\n$1\r\nk\r\n$1\r\nb\r\n$1\r\n2\r\n");
            assertThat(c.call("BZPOPMAX", "k", "-1")).isEqualTo("-ERR timeout is negative\r\n");
            assertThat(c.call("BZPOPMAX", "k", "abc")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
            control.call("SET", "s", "v");
            assertThat(c.call("BZPOPMIN", "s", "0"))
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        }
    }

    @Test
    void shouldWakeWaitersInArrivalOrder() throws Exception {
        try (RawClient first = client(); RawClient second = client()) {
            first.send(RawClient.command("BZPOPMIN", "k", "0"));
            awaitBlocked(1);
            second.send(RawClient.command("BZPOPMIN", "other", "k", "0"));
            second.send(RawClient.command("PING"));
            awaitBlocked(2);
            assertThat(control.call("ZADD", "k", "1", "a", "2", "b")).isEqualTo(":2\r\n");
            assertThat(first.readReply()).isEqualTo("*3\r\n$1\r\nk\r\n$1\r\na\r\n$1\r\n1\r\n");
            assertThat(second.readReply()).isEqualTo("*3\r\n$1\r\nk\r\n$1\r\nb\r\n$1\r\n2\r\n");
            // The command pipelined behind the blocked one runs once it is served.
            assertThat(second.readReply()).isEqualTo("+PONG\r\n");
            assertThat(control.call("EXISTS", "k")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void shouldTimeOutWithNil() throws IOException {
        try (RawClient c = client()) {
            assertThat(c.call("BZPOPMIN", "k", "0.05")).isEqualTo("*-1\r\n");
            assertThat(c.call("BZMPOP", "0.05", "2", "k", "j", "MAX", "COUNT", "3")).isEqualTo("*-1\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldReleaseDisconnectedWaiters() throws Exception {
        final RawClient gone = client();
        gone.send(RawClient.command("BZPOPMIN", "k", "0"));
        awaitBlocked(1);
        gone.close();
        try (RawClient waiting = client()) {
            // Once the first waiter's disconnect is seen, only the second one is left blocked.
            for (int attempt = 0; attempt < 5000 && control.call("CLIENT", "LIST").contains("cmd=bz"); attempt++) {
                Thread.sleep(1);
            }
            waiting.send(RawClient.command("BZMPOP", "0", "1", "k", "MIN", "COUNT", "5"));
            awaitBlocked(1);
            control.call("ZADD", "k", "1", "a", "2", "b");
            assertThat(waiting.readReply())
                .isEqualTo("*2\r\n$1\r\nk\r\n*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n");
            assertThat(control.call("ZCARD", "k")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void shouldWakeOnStoreCommands() throws Exception {
        control.call("ZADD", "src", "5", "m");
        try (RawClient c = client()) {
            c.send(RawClient.command("BZPOPMAX", "dst", "0"));
            awaitBlocked(1);
            assertThat(control.call("ZUNIONSTORE", "dst", "1", "src")).isEqualTo(":1\r\n");
            assertThat(c.readReply()).isEqualTo("*3\r\n$3\r\ndst\r\n$1\r\nm\r\n$1\r\n5\r\n");
        }
    }
}
