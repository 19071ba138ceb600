package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BLPOP, BRPOP, BLMPOP, BLMOVE and BRPOPLPUSH over raw sockets: FIFO wake-up by another client's push, one element
 * per waiter from a multi-element push, BLMOVE feeding a waiter on its destination, a BLMOVE whose destination has
 * the wrong type, timeouts, and disconnected waiters giving up their turn. The clients run on different event loops
 * (workers = 2). Waits are bounded polls of {@code INFO clients}, never timed assertions.
 */
class ListBlockingIT {
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

    private RawClient client() throws IOException {
        return new RawClient(server.host(), server.port());
    }

    @Test
    void shouldPopAtOnceWhenDataIsThere() throws IOException {
        control.call("RPUSH", "k", "a", "b", "c");
        try (RawClient c = client()) {
            assertThat(c.call("BLPOP", "nokey", "k", "0")).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\na\r\n");
            assertThat(c.call("BRPOP", "k", "0")).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nc\r\n");
            assertThat(c.call("BRPOPLPUSH", "k", "d", "0")).isEqualTo("$1\r\nb\r\n");
            assertThat(c.call("BLMOVE", "d", "e", "LEFT", "RIGHT", "0")).isEqualTo("$1\r\nb\r\n");
            assertThat(c.call("BLMPOP", "0", "1", "e", "LEFT", "COUNT", "5")).isEqualTo("*2\r\n$1\r\ne\r\n*1\r\n$1\r\nb\r\n");
            assertThat(c.call("BLPOP", "k", "-1")).isEqualTo("-ERR timeout is negative\r\n");
            assertThat(c.call("BLPOP", "k", "abc")).isEqualTo("-ERR timeout is not a float or out of range\r\n");
            control.call("SET", "s", "v");
            assertThat(c.call("BLPOP", "nokey", "s", "0"))
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
        }
        assertThat(control.call("DBSIZE")).isEqualTo(":1\r\n");
    }

    @Test
    void shouldServeOneElementPerWaiterInArrivalOrder() throws Exception {
        try (RawClient first = client(); RawClient second = client(); RawClient third = client()) {
            first.send(RawClient.command("BLPOP", "k", "0"));
            control.awaitBlockedClients(1);
            second.send(RawClient.command("BRPOP", "other", "k", "0"));
            second.send(RawClient.command("PING"));
            control.awaitBlockedClients(2);
            third.send(RawClient.command("BLMPOP", "0", "1", "k", "LEFT", "COUNT", "2"));
            control.awaitBlockedClients(3);
            // The pusher gets the length after its push; the waiters then take one element each, oldest first.
            assertThat(control.call("RPUSH", "k", "a", "b", "c", "d")).isEqualTo(":4\r\n");
            assertThat(first.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\na\r\n");
            assertThat(second.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nd\r\n");
            assertThat(second.readReply()).isEqualTo("+PONG\r\n");
            assertThat(third.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n*2\r\n$1\r\nb\r\n$1\r\nc\r\n");
            assertThat(control.call("EXISTS", "k")).isEqualTo(":0\r\n");
            assertThat(control.blockedClients()).isZero();
        }
    }

    @Test
    void shouldEndAWaitFromAnotherConnectionWithClientUnblock() throws Exception {
        try (RawClient waiter = client(); RawClient second = client()) {
            final String id = waiter.call("CLIENT", "ID").substring(1).trim();
            waiter.send(RawClient.command("BLPOP", "k", "0"));
            control.awaitBlockedClients(1);
            assertThat(control.call("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo(":1\r\n");
            assertThat(waiter.readReply()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
            assertThat(control.call("CLIENT", "UNBLOCK", id)).isEqualTo(":0\r\n");
            waiter.send(RawClient.command("BLMPOP", "0", "1", "k", "LEFT"));
            second.send(RawClient.command("BLPOP", "k", "0"));
            control.awaitBlockedClients(2);
            assertThat(control.call("CLIENT", "UNBLOCK", id, "timeout")).isEqualTo(":1\r\n");
            assertThat(waiter.readReply()).isEqualTo("*-1\r\n");
            // The unblocked client left the queue: the next element goes to the other waiter, and the first works on.
            assertThat(control.call("RPUSH", "k", "a")).isEqualTo(":1\r\n");
            assertThat(second.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\na\r\n");
            assertThat(waiter.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(control.blockedClients()).isZero();
        }
    }

    @Test
    void shouldLeaveElementsNobodyWaitsFor() throws Exception {
        try (RawClient waiter = client()) {
            waiter.send(RawClient.command("BLPOP", "k", "0"));
            control.awaitBlockedClients(1);
            assertThat(control.call("LPUSH", "k", "a", "b", "c")).isEqualTo(":3\r\n");
            assertThat(waiter.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nc\r\n");
            assertThat(control.call("LRANGE", "k", "0", "-1")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\na\r\n");
        }
    }

    @Test
    void shouldFeedAWaiterOnTheDestinationOfABlockedMove() throws Exception {
        try (RawClient mover = client(); RawClient popper = client()) {
            mover.send(RawClient.command("BLMOVE", "src", "dst", "LEFT", "RIGHT", "0"));
            control.awaitBlockedClients(1);
            popper.send(RawClient.command("BLPOP", "dst", "0"));
            control.awaitBlockedClients(2);
            assertThat(control.call("LPUSH", "src", "e")).isEqualTo(":1\r\n");
            assertThat(mover.readReply()).isEqualTo("$1\r\ne\r\n");
            assertThat(popper.readReply()).isEqualTo("*2\r\n$3\r\ndst\r\n$1\r\ne\r\n");
            assertThat(control.call("EXISTS", "src", "dst")).isEqualTo(":0\r\n");
        }
    }

    @Test
    void shouldRotateForEachWaiterOnTheSameList() throws Exception {
        try (RawClient first = client(); RawClient second = client()) {
            first.send(RawClient.command("BRPOPLPUSH", "r", "r", "0"));
            control.awaitBlockedClients(1);
            second.send(RawClient.command("BRPOPLPUSH", "r", "r", "0"));
            control.awaitBlockedClients(2);
            control.call("RPUSH", "r", "1", "2");
            assertThat(first.readReply()).isEqualTo("$1\r\n2\r\n");
            assertThat(second.readReply()).isEqualTo("$1\r\n1\r\n");
            assertThat(control.call("LRANGE", "r", "0", "-1")).isEqualTo("*2\r\n$1\r\n1\r\n$1\r\n2\r\n");
        }
    }

    @Test
    void shouldAnswerWrongTypeWhenTheDestinationChangedType() throws Exception {
        control.call("SET", "dst", "v");
        try (RawClient mover = client()) {
            mover.send(RawClient.command("BLMOVE", "src", "dst", "LEFT", "LEFT", "0"));
            control.awaitBlockedClients(1);
            control.call("RPUSH", "src", "x");
            assertThat(mover.readReply())
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
            assertThat(control.call("LRANGE", "src", "0", "-1")).isEqualTo("*1\r\n$1\r\nx\r\n");
            assertThat(control.blockedClients()).isZero();
        }
    }

    @Test
    void shouldKeepWaitingWhileTheKeyHoldsAnotherType() throws Exception {
        try (RawClient waiter = client()) {
            waiter.send(RawClient.command("BLPOP", "k", "0"));
            control.awaitBlockedClients(1);
            control.call("SET", "k", "v");
            control.call("DEL", "k");
            assertThat(control.blockedClients()).isEqualTo(1);
            control.call("RPUSH", "k", "x");
            assertThat(waiter.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\nx\r\n");
        }
    }

    @Test
    void shouldWakeOnMovesAndInsertsByOtherClients() throws Exception {
        control.call("RPUSH", "s1", "m");
        try (RawClient waiter = client()) {
            waiter.send(RawClient.command("BRPOP", "t", "0"));
            control.awaitBlockedClients(1);
            assertThat(control.call("LMOVE", "s1", "t", "LEFT", "LEFT")).isEqualTo("$1\r\nm\r\n");
            assertThat(waiter.readReply()).isEqualTo("*2\r\n$1\r\nt\r\n$1\r\nm\r\n");
        }
    }

    @Test
    void shouldTimeOutWithNil() throws IOException {
        try (RawClient c = client()) {
            assertThat(c.call("BLPOP", "k", "0.05")).isEqualTo("*-1\r\n");
            assertThat(c.call("BRPOP", "k", "j", "0.05")).isEqualTo("*-1\r\n");
            assertThat(c.call("BLMPOP", "0.05", "2", "k", "j", "RIGHT", "COUNT", "3")).isEqualTo("*-1\r\n");
            assertThat(c.call("BLMOVE", "k", "j", "LEFT", "LEFT", "0.05")).isEqualTo("*-1\r\n");
            assertThat(c.call("BRPOPLPUSH", "k", "j", "0.05")).isEqualTo("*-1\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void shouldReleaseDisconnectedWaiters() throws Exception {
        final RawClient gone = client();
        gone.send(RawClient.command("BLPOP", "k", "0"));
        control.awaitBlockedClients(1);
        gone.close();
        control.awaitBlockedClients(0);
        try (RawClient waiting = client()) {
            waiting.send(RawClient.command("BLPOP", "k", "0"));
            control.awaitBlockedClients(1);
            assertThat(control.call("RPUSH", "k", "a")).isEqualTo(":1\r\n");
            assertThat(waiting.readReply()).isEqualTo("*2\r\n$1\r\nk\r\n$1\r\na\r\n");
            assertThat(control.call("EXISTS", "k")).isEqualTo(":0\r\n");
        }
    }
}
