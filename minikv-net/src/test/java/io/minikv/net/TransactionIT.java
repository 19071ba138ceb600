package io.minikv.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SetArgs;

/**
 * MULTI/EXEC/DISCARD/WATCH over raw RESP, replies byte for byte as Redis 7.0 sends them; the concurrency case checks
 * that EXEC's commands do not interleave with other clients' writes.
 */
class TransactionIT {
    private static final String QUEUED = "+QUEUED\r\n";
    private static final String OK = "+OK\r\n";
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private KvStore store;
    private MiniKvServer server;
    private RawClient c;

    @BeforeEach
    void start() throws IOException {
        final Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(final java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }

            @Override
            public long millis() {
                return now.get();
            }
        };
        store = MiniKv.open(KvOptions.builder().clock(clock).build());
        server = MiniKvServer.builder().port(0).workers(2).store(store).build().start();
        c = client();
    }

    @AfterEach
    void stop() throws IOException {
        c.close();
        server.close();
        store.close();
    }

    private RawClient client() throws IOException {
        return new RawClient(server.host(), server.port());
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void shouldQueueAndExecuteWithErrorsAsElements() throws IOException {
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("SET", "a", "x")).isEqualTo(QUEUED);
        assertThat(c.call("INCR", "a")).isEqualTo(QUEUED);
        assertThat(c.call("LPUSH", "a", "y")).isEqualTo(QUEUED);
        assertThat(c.call("GET", "a")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*4\r\n+OK\r\n-ERR value is not an integer or out of range\r\n"
            + "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n$1\r\nx\r\n");
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("EXEC")).isEqualTo("*0\r\n");
    }

    @Test
    void shouldAbortAfterQueueingErrors() throws IOException {
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
        assertThat(c.call("FOO", "bar")).isEqualTo("-ERR unknown command 'FOO', with args beginning with: 'bar' \r\n");
        assertThat(c.call("GET")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
        assertThat(c.call("EXEC")).isEqualTo("-EXECABORT Transaction discarded because of previous errors.\r\n");
        assertThat(c.call("GET", "a")).isEqualTo("$-1\r\n");
        assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
    }

    @Test
    void shouldDiscardAndRefuseMisplacedCommands() throws IOException {
        assertThat(c.call("DISCARD")).isEqualTo("-ERR DISCARD without MULTI\r\n");
        assertThat(c.call("EXEC")).isEqualTo("-ERR EXEC without MULTI\r\n");
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("MULTI")).isEqualTo("-ERR MULTI calls can not be nested\r\n");
        assertThat(c.call("WATCH", "a")).isEqualTo("-ERR WATCH inside MULTI is not allowed\r\n");
        assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
        assertThat(c.call("DISCARD")).isEqualTo(OK);
        assertThat(c.call("GET", "a")).isEqualTo("$-1\r\n");
        // Neither the nested MULTI nor the refused WATCH aborted a transaction.
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("MULTI")).isEqualTo("-ERR MULTI calls can not be nested\r\n");
        assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
    }

    @Test
    void shouldNotBlockInsideExec() throws IOException {
        assertThat(c.call("RPUSH", "full", "v")).isEqualTo(":1\r\n");
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("BLPOP", "empty", "0")).isEqualTo(QUEUED);
        assertThat(c.call("BLPOP", "full", "0")).isEqualTo(QUEUED);
        assertThat(c.call("BLMOVE", "empty", "dst", "LEFT", "RIGHT", "0")).isEqualTo(QUEUED);
        assertThat(c.call("BZPOPMIN", "zempty", "0")).isEqualTo(QUEUED);
        assertThat(c.call("BLMPOP", "0", "1", "empty", "LEFT")).isEqualTo(QUEUED);
        assertThat(c.call("BRPOPLPUSH", "empty", "d", "0")).isEqualTo(QUEUED);
        assertThat(c.call("BZMPOP", "0", "1", "z", "MIN")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC"))
            .isEqualTo("*7\r\n*-1\r\n*2\r\n$4\r\nfull\r\n$1\r\nv\r\n$-1\r\n*-1\r\n*-1\r\n$-1\r\n*-1\r\n");
    }

    @Test
    void shouldKeepSelectAfterExec() throws IOException {
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("SELECT", "1")).isEqualTo(QUEUED);
        assertThat(c.call("SET", "a", "1")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*2\r\n+OK\r\n+OK\r\n");
        assertThat(c.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
        assertThat(store.get(bytes("a"))).isNull();
    }

    @Test
    void shouldExecWhenWatchedKeysAreUntouched() throws IOException {
        assertThat(c.call("SET", "w", "1")).isEqualTo(OK);
        assertThat(c.call("WATCH", "w", "other")).isEqualTo(OK);
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("INCR", "w")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*1\r\n:2\r\n");
    }

    @Test
    void shouldFailExecWhenAnotherClientWrites() throws IOException {
        try (RawClient other = client()) {
            assertThat(c.call("WATCH", "w")).isEqualTo(OK);
            assertThat(other.call("SET", "w", "theirs")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("SET", "w", "mine")).isEqualTo(QUEUED);
            assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
            assertThat(c.call("GET", "w")).isEqualTo("$6\r\ntheirs\r\n");
            // EXEC cleared the watch: the next transaction runs.
            assertThat(other.call("SET", "w", "again")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("SET", "w", "mine")).isEqualTo(QUEUED);
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n+OK\r\n");
        }
    }

    @Test
    void shouldFailExecWhenTheApplicationWrites() throws IOException {
        assertThat(c.call("WATCH", "w", "d")).isEqualTo(OK);
        store.set(bytes("w"), bytes("app"), SetArgs.PLAIN);
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("GET", "w")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");

        assertThat(c.call("WATCH", "w")).isEqualTo(OK);
        assertThat(store.del(bytes("w"))).isEqualTo(1);
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("GET", "w")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");

        assertThat(c.call("WATCH", "l")).isEqualTo(OK);
        store.rpush(bytes("l"), bytes("x"));
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("LLEN", "l")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
    }

    @Test
    void shouldFailExecWhenAWatchedKeyExpires() throws IOException {
        assertThat(c.call("SET", "t", "1", "PX", "100")).isEqualTo(OK);
        assertThat(c.call("WATCH", "t")).isEqualTo(OK);
        now.addAndGet(200);
        assertThat(c.call("MULTI")).isEqualTo(OK);
        assertThat(c.call("SET", "x", "1")).isEqualTo(QUEUED);
        assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
        assertThat(c.call("GET", "x")).isEqualTo("$-1\r\n");
    }

    @Test
    void shouldFailExecOnFlushOnlyForExistingKeys() throws IOException {
        try (RawClient other = client()) {
            assertThat(c.call("SET", "f", "1")).isEqualTo(OK);
            assertThat(c.call("WATCH", "f")).isEqualTo(OK);
            assertThat(other.call("FLUSHALL")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("PING")).isEqualTo(QUEUED);
            assertThat(c.call("EXEC")).isEqualTo("*-1\r\n");
            // A watched key that did not exist is not modified by a flush.
            assertThat(c.call("WATCH", "missing")).isEqualTo(OK);
            assertThat(other.call("FLUSHDB")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("PING")).isEqualTo(QUEUED);
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
        }
    }

    @Test
    void shouldClearWatchesOnUnwatchDiscardAndClose() throws IOException {
        try (RawClient other = client()) {
            assertThat(c.call("WATCH", "u")).isEqualTo(OK);
            assertThat(c.call("UNWATCH")).isEqualTo(OK);
            assertThat(other.call("SET", "u", "1")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("GET", "u")).isEqualTo(QUEUED);
            assertThat(c.call("EXEC")).isEqualTo("*1\r\n$1\r\n1\r\n");

            assertThat(c.call("WATCH", "u")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("DISCARD")).isEqualTo(OK);
            assertThat(other.call("SET", "u", "2")).isEqualTo(OK);
            assertThat(c.call("MULTI")).isEqualTo(OK);
            assertThat(c.call("EXEC")).isEqualTo("*0\r\n");

            try (RawClient gone = client()) {
                assertThat(gone.call("WATCH", "u")).isEqualTo(OK);
            }
            assertThat(other.call("SET", "u", "3")).isEqualTo(OK);
        }
    }

    @Test
    void shouldNotInterleaveExecWithOtherClients() throws Exception {
        final int rounds = 300;
        final List<Thread> threads = new ArrayList<>();
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 2; t++) {
            threads.add(new Thread(() -> {
                try (RawClient tx = client()) {
                    for (int i = 0; i < rounds; i++) {
                        execThreeIncrements(tx, failures);
                    }
                } catch (final IOException | RuntimeException e) {
                    failures.add(e.toString());
                }
            }));
        }
        for (int t = 0; t < 2; t++) {
            threads.add(new Thread(() -> {
                try (RawClient w = client()) {
                    for (int i = 0; i < rounds * 3; i++) {
                        w.send(RawClient.command("INCR", "k"));
                        w.readReply();
                    }
                } catch (final IOException | RuntimeException e) {
                    failures.add(e.toString());
                }
            }));
        }
        threads.forEach(Thread::start);
        for (final Thread t : threads) {
            t.join(60_000);
        }
        assertThat(failures).isEmpty();
        assertThat(c.call("GET", "k")).isEqualTo("$4\r\n" + (rounds * 3 * 4) + "\r\n");
    }

    @Test
    void shouldNotInterleaveExecWithApplicationWrites() throws Exception {
        final int rounds = 300;
        final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        final AtomicLong applicationIncrements = new AtomicLong();
        final Thread application = new Thread(() -> {
            // Bounded: the application writes until the transactions are done, or a million times at most.
            while (!done.get() && applicationIncrements.get() < 1_000_000) {
                store.incrby(bytes("k"), 1);
                applicationIncrements.incrementAndGet();
            }
        });
        application.start();
        try (RawClient tx = client()) {
            for (int i = 0; i < rounds; i++) {
                execThreeIncrements(tx, failures);
            }
        } finally {
            done.set(true);
            application.join(60_000);
        }
        assertThat(failures).isEmpty();
        final long total = rounds * 3L + applicationIncrements.get();
        assertThat(c.call("GET", "k")).isEqualTo("$" + Long.toString(total).length() + "\r\n" + total + "\r\n");
    }

    /**
     * Runs MULTI, three INCR k, EXEC, and records the EXEC reply in {@code failures} unless its three results are
     * consecutive (nothing ran in between).
     */
    private static void execThreeIncrements(final RawClient tx, final List<String> failures) throws IOException {
        tx.send(RawClient.command("MULTI"));
        tx.send(RawClient.command("INCR", "k"));
        tx.send(RawClient.command("INCR", "k"));
        tx.send(RawClient.command("INCR", "k"));
        tx.send(RawClient.command("EXEC"));
        assertThat(tx.readReply()).isEqualTo(OK);
        for (int q = 0; q < 3; q++) {
            assertThat(tx.readReply()).isEqualTo(QUEUED);
        }
        final String exec = tx.readReply();
        final String[] lines = exec.split("\r\n");
        final long first = Long.parseLong(lines[1].substring(1));
        if (!lines[0].equals("*3") || Long.parseLong(lines[2].substring(1)) != first + 1
            || Long.parseLong(lines[3].substring(1)) != first + 2) {
            failures.add(exec);
        }
    }
}
