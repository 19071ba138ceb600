package io.minikv.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZAddArgs;

/**
 * Clients blocked over RESP wake when the embedding application writes through the {@link KvStore} itself, as when
 * a test seeds a queue its code under test is waiting on. Waits are bounded polls of {@code INFO clients}.
 */
class ApplicationWritesWakeBlockedIT {
    private KvStore store;
    private MiniKvServer server;
    private RawClient control;

    @BeforeEach
    void start() throws IOException {
        store = MiniKv.open();
        server = MiniKvServer.builder().port(0).workers(2).store(store).build().start();
        control = new RawClient(server.host(), server.port());
    }

    @AfterEach
    void stop() throws IOException {
        control.close();
        server.close();
        store.close();
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void shouldServeABlockedPopFromAnEmbeddedPush() throws Exception {
        try (RawClient waiter = new RawClient(server.host(), server.port())) {
            waiter.send(RawClient.command("BLPOP", "jobs", "0"));
            control.awaitBlockedClients(1);
            assertThat(store.rpush(bytes("jobs"), bytes("job-1"), bytes("job-2"))).isEqualTo(2);
            assertThat(waiter.readReply()).isEqualTo("*2\r\n$4\r\njobs\r\n$5\r\njob-1\r\n");
            control.awaitBlockedClients(0);
            assertThat(store.lrange(bytes("jobs"), 0, -1)).containsExactly(bytes("job-2"));
        }
    }

    @Test
    void shouldServeWaitersOnOtherDatabasesAndMovedLists() throws Exception {
        try (RawClient waiter = new RawClient(server.host(), server.port())) {
            assertThat(waiter.call("SELECT", "2")).isEqualTo("+OK\r\n");
            waiter.send(RawClient.command("BRPOP", "q", "0"));
            control.awaitBlockedClients(1);
            store.lpush(bytes("q"), bytes("x"));
            assertThat(store.move(bytes("q"), 2)).isTrue();
            assertThat(waiter.readReply()).isEqualTo("*2\r\n$1\r\nq\r\n$1\r\nx\r\n");

            waiter.send(RawClient.command("BRPOP", "q2", "0"));
            control.awaitBlockedClients(1);
            final KvStore db2 = store.database(2);
            db2.lpush(bytes("staging"), bytes("y"));
            db2.rename(bytes("staging"), bytes("q2"));
            assertThat(waiter.readReply()).isEqualTo("*2\r\n$2\r\nq2\r\n$1\r\ny\r\n");
        }
    }

    @Test
    void shouldServeABlockedSortedSetPopFromAnEmbeddedZadd() throws Exception {
        try (RawClient waiter = new RawClient(server.host(), server.port())) {
            waiter.send(RawClient.command("BZPOPMIN", "ranks", "0"));
            control.awaitBlockedClients(1);
            store.zadd(bytes("ranks"), ZAddArgs.PLAIN, List.of(new ScoredMember(bytes("b"), 2),
                new ScoredMember(bytes("a"), 1)));
            assertThat(waiter.readReply()).isEqualTo("*3\r\n$5\r\nranks\r\n$1\r\na\r\n$1\r\n1\r\n");
        }
    }

    @Test
    void shouldServeABlockedMoveFromAnEmbeddedLmove() throws Exception {
        try (RawClient waiter = new RawClient(server.host(), server.port())) {
            waiter.send(RawClient.command("BLMOVE", "ready", "done", "LEFT", "LEFT", "0"));
            control.awaitBlockedClients(1);
            store.rpush(bytes("incoming"), bytes("task"));
            assertThat(store.lmove(bytes("incoming"), bytes("ready"), ListEnd.LEFT, ListEnd.RIGHT))
                .isEqualTo(bytes("task"));
            assertThat(waiter.readReply()).isEqualTo("$4\r\ntask\r\n");
            assertThat(store.lrange(bytes("done"), 0, -1)).containsExactly(bytes("task"));
        }
    }

    @Test
    void shouldStopListeningOnceTheServerIsClosed() throws Exception {
        server.close();
        store.rpush(bytes("jobs"), bytes("after close"));
        assertThat(store.llen(bytes("jobs"))).isEqualTo(1);
    }
}
