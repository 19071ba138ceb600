package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.StampedLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.minikv.MiniKv;
import io.minikv.api.CorruptSnapshotException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.Engine;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.net.command.Persistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SAVE, BGSAVE, LASTSAVE, save points, SHUTDOWN's save, CONFIG and INFO persistence over raw sockets, with restarts
 * on the same directory. Save points run on a manual clock: the test moves time instead of sleeping.
 */
class PersistenceIT {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    /** A clock that moves only when the test says so. */
    static final class MovableClock extends Clock {
        private volatile long millis;

        MovableClock(final long millis) {
            this.millis = millis;
        }

        void advance(final long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }
    }

    private MiniKvServer start(final MiniKvServer.Builder builder) {
        return builder.port(0).workers(2).build().start();
    }

    private static RawClient connect(final MiniKvServer server) throws IOException {
        return new RawClient(server.host(), server.port());
    }

    private static long info(final RawClient client, final String field) throws IOException {
        final Matcher m = Pattern.compile(field + ":(-?\\d+)").matcher(client.call("INFO", "persistence"));
        assertThat(m.find()).as(field).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void shouldReadEverythingBackAfterSaveAndRestart() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            assertThat(c.call("SET", "s", "v")).isEqualTo("+OK\r\n");
            c.call("SET", "bin\u0000\u00ff", "");
            c.call("SET", "ttl", "x", "PX", "600000");
            c.call("RPUSH", "l", "a", "b", "c");
            c.call("SADD", "set", "m1", "m2");
            c.call("ZADD", "z", "1.5", "one", "-inf", "low");
            c.call("HSET", "h", "f", "v", "g", "w");
            c.call("SELECT", "7");
            c.call("SET", "in-db-7", "yes");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo(8);
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
            assertThat(info(c, "rdb_changes_since_last_save")).isZero();
            assertThat(info(c, "rdb_saves")).isEqualTo(1);
            final long lastSave = Long.parseLong(c.call("LASTSAVE").substring(1).trim());
            assertThat(lastSave).isEqualTo(info(c, "rdb_last_save_time"));
        }
        assertThat(dir.resolve("dump.mkv")).isRegularFile();

        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            assertThat(info(c, "rdb_last_load_keys_loaded")).isEqualTo(8);
            assertThat(c.call("GET", "s")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("GET", "bin\u0000\u00ff")).isEqualTo("$0\r\n\r\n");
            assertThat(Long.parseLong(c.call("PTTL", "ttl").substring(1).trim())).isBetween(1L, 600_000L);
            assertThat(c.call("LRANGE", "l", "0", "-1")).isEqualTo("*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n");
            assertThat(c.call("SCARD", "set")).isEqualTo(":2\r\n");
            assertThat(c.call("ZRANGE", "z", "0", "-1", "WITHSCORES"))
                .isEqualTo("*4\r\n$3\r\nlow\r\n$4\r\n-inf\r\n$3\r\none\r\n$3\r\n1.5\r\n");
            assertThat(c.call("HGET", "h", "g")).isEqualTo("$1\r\nw\r\n");
            c.call("SELECT", "7");
            assertThat(c.call("GET", "in-db-7")).isEqualTo("$3\r\nyes\r\n");
        }
    }

    @Test
    void shouldKeepFunctionLibrariesAcrossSaveRestartAndDebugReload() throws IOException {
        final String library = "#!lua name=kept\nredis.register_function('kept_get', function(keys) "
            + "return redis.call('get', keys[1]) end)";
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            assertThat(c.call("FUNCTION", "LOAD", library)).isEqualTo("$4\r\nkept\r\n");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo(1);
            c.call("SET", "k", "v");
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
        }
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save("").enableDebugCommand("yes"));
             RawClient c = connect(server)) {
            assertThat(c.call("FCALL", "kept_get", "1", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("FUNCTION", "LIST", "WITHCODE")).contains(library);
            // DEBUG RELOAD saves then loads: the libraries come back as they were; NOFLUSH collides, MERGE replaces.
            assertThat(c.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
            assertThat(c.call("FCALL", "kept_get", "1", "k")).isEqualTo("$1\r\nv\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH")).startsWith("-ERR");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE", "NOFLUSH", "MERGE")).isEqualTo("+OK\r\n");
            assertThat(c.call("FUNCTION", "FLUSH")).isEqualTo("+OK\r\n");
            assertThat(c.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
            assertThat(c.call("FCALL", "kept_get", "1", "k")).isEqualTo("$1\r\nv\r\n");
        }
    }

    @Test
    void shouldRefuseToStartOnACorruptSnapshot() throws IOException {
        Files.writeString(dir.resolve("dump.mkv"), "REDIS0011");
        assertThatThrownBy(() -> MiniKvServer.builder().port(0).dir(dir).build())
            .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("wrong magic");
    }

    @Test
    void shouldBackgroundSaveWhileOthersWriteAndLoadTheResult() throws Exception {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final List<Thread> writers = new ArrayList<>();
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            for (int i = 0; i < 20_000; i++) {
                c.send(RawClient.command("SET", "pre:" + i, "v" + i));
            }
            for (int i = 0; i < 20_000; i++) {
                c.readReply();
            }
            for (int t = 0; t < 3; t++) {
                final int id = t;
                final Thread w = new Thread(() -> {
                    try (RawClient wc = connect(server)) {
                        for (int i = 0; !stop.get() || i < 200; i++) {
                            final String reply = wc.call("SET", "w" + id + ":" + (i % 1000), "r" + i);
                            if (!reply.equals("+OK\r\n")) {
                                throw new AssertionError(reply);
                            }
                        }
                    } catch (final Throwable e) {
                        failure.set(e);
                    }
                });
                w.start();
                writers.add(w);
            }
            final Persistence p = server.persistence();
            for (int round = 0; round < 3; round++) {
                assertThat(c.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
                assertThat(p.lastBackgroundSave().get(30, TimeUnit.SECONDS)).isTrue();
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            }
            stop.set(true);
            for (final Thread w : writers) {
                w.join();
            }
            assertThat(failure.get()).isNull();
            assertThat(info(c, "rdb_bgsave_in_progress")).isZero();
            assertThat(c.call("INFO", "persistence")).contains("rdb_last_bgsave_status:ok\r\n");
        }
        try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
            assertThat(loaded.dbsize()).isGreaterThanOrEqualTo(20_000);
            assertThat(loaded.get("pre:19999".getBytes())).isEqualTo("v19999".getBytes());
        }
    }

    @Test
    void shouldSavePointInTimeForRespClients() throws Exception {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final int pairs = 200;
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            // Each MSET writes both keys of a pair (in different segments, mostly) with one round number.
            final Thread writer = new Thread(() -> {
                try (RawClient w = connect(server)) {
                    for (int round = 0; !stop.get(); round++) {
                        final String i = Integer.toString(round % pairs);
                        final String v = Integer.toString(round);
                        if (!w.call("MSET", "x:" + i, v, "y:" + i, v).equals("+OK\r\n")) {
                            throw new AssertionError("MSET failed");
                        }
                    }
                } catch (final Throwable e) {
                    failure.set(e);
                }
            });
            writer.start();
            try {
                for (int save = 0; save < 5; save++) {
                    assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
                    try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
                        for (int i = 0; i < pairs; i++) {
                            assertThat(loaded.get(("x:" + i).getBytes())).as("pair %d, save %d", i, save)
                                .isEqualTo(loaded.get(("y:" + i).getBytes()));
                        }
                    }
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertThat(failure.get()).isNull();
        }
    }

    @Test
    void shouldRunABackgroundSaveScheduledInsideExecAfterIt() throws Exception {
        final MovableClock clock = new MovableClock(T0);
        try (KvStore store = MiniKv.open(KvOptions.builder().clock(clock).dataDirectory(dir).build());
             MiniKvServer server = start(MiniKvServer.builder().store(store).save(""));
             RawClient c = connect(server)) {
            c.call("MULTI");
            c.call("SET", "a", "1");
            c.call("BGSAVE");
            assertThat(c.call("EXEC")).isEqualTo("*2\r\n+OK\r\n+Background saving scheduled\r\n");
            // The server's own check may start it first; either way it runs once the transaction is over.
            server.persistence().tick();
            assertThat(server.persistence().lastBackgroundSave().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(info(c, "rdb_saves")).isEqualTo(1);
        }
        try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
            assertThat(loaded.get("a".getBytes())).isEqualTo("1".getBytes());
        }
    }

    @Test
    void shouldReportKeysLoadedAndExpiredAtLoad() throws IOException {
        final MovableClock clock = new MovableClock(T0);
        try (KvStore store = MiniKv.open(KvOptions.builder().clock(clock).dataDirectory(dir).build())) {
            store.set("keep".getBytes(), "v".getBytes());
            store.set("gone".getBytes(), "v".getBytes(), io.minikv.api.SetArgs.PLAIN.with(
                io.minikv.api.Expiration.millis(1_000)));
            store.save();
        }
        clock.advance(5_000);
        try (KvStore store = MiniKv.open(KvOptions.builder().clock(clock).dataDirectory(dir).build());
             MiniKvServer server = start(MiniKvServer.builder().store(store).save(""));
             RawClient c = connect(server)) {
            assertThat(info(c, "rdb_last_load_keys_loaded")).isEqualTo(1);
            assertThat(info(c, "rdb_last_load_keys_expired")).isEqualTo(1);
            assertThat(c.call("DBSIZE")).isEqualTo(":1\r\n");
            assertThat(c.call("LASTSAVE")).as("the open time until a save")
                .isEqualTo(":" + (T0 + 5_000) / 1000 + "\r\n");
        }
    }

    @Test
    void shouldRefuseSavesWhileABackgroundSaveRuns() throws Exception {
        try (KvStore store = MiniKv.open(KvOptions.builder().dataDirectory(dir).build());
             MiniKvServer server = start(MiniKvServer.builder().store(store).save(""));
             RawClient c = connect(server)) {
            for (int i = 0; i < 1000; i++) {
                store.set(("k" + i).getBytes(), "v".getBytes());
            }
            // Holding a segment's write lock parks the background save at that segment, deterministically.
            final Segment segment = Engine.of(store).keyspaces()[0].segmentAt(Keyspace.SEGMENTS - 1);
            final StampedLock lock = segment.lock();
            final long stamp = lock.writeLock();
            try {
                assertThat(c.call("BGSAVE")).isEqualTo("+Background saving started\r\n");
                assertThat(c.call("BGSAVE")).isEqualTo("-ERR Background save already in progress\r\n");
                assertThat(c.call("BGSAVE", "SCHEDULE")).isEqualTo("-ERR Background save already in progress\r\n");
                assertThat(c.call("SAVE")).isEqualTo("-ERR Background save already in progress\r\n");
                assertThat(info(c, "rdb_bgsave_in_progress")).isEqualTo(1);
                assertThat(info(c, "rdb_current_bgsave_time_sec")).isGreaterThanOrEqualTo(0);
                assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            } finally {
                lock.unlockWrite(stamp);
            }
            assertThat(server.persistence().lastBackgroundSave().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(info(c, "rdb_bgsave_in_progress")).isZero();
            assertThat(info(c, "rdb_current_bgsave_time_sec")).isEqualTo(-1);
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
        }
    }

    @Test
    void shouldStartBackgroundSavesAtSavePointsOnTheStoreClock() throws Exception {
        final MovableClock clock = new MovableClock(T0);
        try (KvStore store = MiniKv.open(KvOptions.builder().clock(clock).dataDirectory(dir).build());
             MiniKvServer server = start(MiniKvServer.builder().store(store).save("10 2").save("100 1"));
             RawClient c = connect(server)) {
            final Persistence p = server.persistence();
            assertThat(c.call("CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$10\r\n10 2 100 1\r\n");
            c.call("SET", "a", "1");
            clock.advance(11_000);
            assertThat(p.tick()).as("one change is not enough for '10 2', and 11 s not enough for '100 1'").isFalse();
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo(1);
            assertThat(info(c, "rdb_saves")).isZero();
            c.call("SET", "b", "2");
            // The server's own 100 ms check may start it first; either way exactly one background save runs.
            p.tick();
            assertThat(p.lastBackgroundSave().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(info(c, "rdb_changes_since_last_save")).isZero();
            assertThat(c.call("LASTSAVE")).isEqualTo(":" + (T0 + 11_000) / 1000 + "\r\n");
            assertThat(p.tick()).as("no change since").isFalse();

            c.call("SET", "c", "3");
            clock.advance(50_000);
            assertThat(p.tick()).as("'100 1' needs more than 100 s").isFalse();
            clock.advance(51_000);
            p.tick();
            assertThat(p.lastBackgroundSave().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.call("LASTSAVE")).isEqualTo(":" + (T0 + 112_000) / 1000 + "\r\n");

            assertThat(c.call("CONFIG", "SET", "save", "")).isEqualTo("+OK\r\n");
            c.call("SET", "d", "4");
            clock.advance(1_000_000);
            assertThat(p.tick()).as("no save points").isFalse();
        }
        try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
            assertThat(loaded.get("c".getBytes())).isEqualTo("3".getBytes());
            assertThat(loaded.exists("d".getBytes())).isZero();
        }
    }

    @Test
    void shouldBackOffFiveSecondsAfterAFailedBackgroundSave() throws Exception {
        final MovableClock clock = new MovableClock(T0);
        Files.createDirectories(dir.resolve("dump.mkv").resolve("blocker"));
        try (KvStore store = MiniKv.open(KvOptions.builder().clock(clock).build());
             MiniKvServer server = start(MiniKvServer.builder().store(store).dir(dir).save("1 1"));
             RawClient c = connect(server)) {
            final Persistence p = server.persistence();
            c.call("SET", "a", "1");
            clock.advance(2_000);
            p.tick();
            assertThat(p.lastBackgroundSave().get(30, TimeUnit.SECONDS)).isFalse();
            assertThat(c.call("INFO", "persistence")).contains("rdb_last_bgsave_status:err\r\n");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo(1);
            assertThat(c.call("LASTSAVE")).isEqualTo(":" + T0 / 1000 + "\r\n");
            clock.advance(5_000);
            assertThat(p.tick()).as("within the retry delay").isFalse();
            Files.delete(dir.resolve("dump.mkv").resolve("blocker"));
            Files.delete(dir.resolve("dump.mkv"));
            clock.advance(1_000);
            p.tick();
            assertThat(p.lastBackgroundSave().get(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.call("INFO", "persistence")).contains("rdb_last_bgsave_status:ok\r\n");
        }
    }

    @Test
    void shouldAnswerSaveFailuresAsRedis() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            // A non-empty directory where the snapshot goes: the rename fails, as in Redis's own failure.
            Files.createDirectories(dir.resolve("dump.mkv").resolve("blocker"));
            c.call("SET", "a", "1");
            assertThat(c.call("SAVE")).isEqualTo("-ERR\r\n");
            assertThat(c.call("SHUTDOWN", "SAVE")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
            assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
            assertThat(c.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
        }
    }

    @Test
    void shouldSaveOnShutdownAsRedis() throws Exception {
        // SHUTDOWN with save points saves; NOSAVE does not; SAVE does even without save points.
        MiniKvServer server = start(MiniKvServer.builder().dir(dir).save("3600 1"));
        try (RawClient c = connect(server)) {
            c.call("SET", "a", "1");
            c.send(RawClient.command("SHUTDOWN"));
            assertThat(c.readReplyOrNull()).isNull();
        }
        server.awaitTermination();
        assertThat(dir.resolve("dump.mkv")).isRegularFile();

        server = start(MiniKvServer.builder().dir(dir).save("3600 1"));
        try (RawClient c = connect(server)) {
            assertThat(c.call("GET", "a")).isEqualTo("$1\r\n1\r\n");
            c.call("SET", "a", "2");
            c.send(RawClient.command("SHUTDOWN", "NOSAVE"));
            assertThat(c.readReplyOrNull()).isNull();
        }
        server.awaitTermination();

        server = start(MiniKvServer.builder().dir(dir).save(""));
        try (RawClient c = connect(server)) {
            assertThat(c.call("GET", "a")).as("NOSAVE kept the old snapshot").isEqualTo("$1\r\n1\r\n");
            c.call("SET", "a", "3");
            assertThat(c.call("MULTI")).isEqualTo("+OK\r\n");
            assertThat(c.call("SHUTDOWN", "SAVE")).isEqualTo("-ERR Command not allowed inside a transaction\r\n");
            assertThat(c.call("EXEC")).startsWith("-EXECABORT");
            c.send(RawClient.command("SHUTDOWN", "SAVE"));
            assertThat(c.readReplyOrNull()).isNull();
        }
        server.awaitTermination();

        try (MiniKvServer again = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(again)) {
            assertThat(c.call("GET", "a")).isEqualTo("$1\r\n3\r\n");
        }
    }

    @Test
    void shouldRewriteTheSnapshotEmptyOnFlushallWithSavePoints() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save("3600 1000"));
             RawClient c = connect(server)) {
            c.call("SET", "a", "1");
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
            c.call("SET", "b", "2");
            assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
            assertThat(info(c, "rdb_changes_since_last_save")).as("as Redis 7.0.15").isZero();
            try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
                assertThat(loaded.dbsize()).isZero();
            }
            assertThat(c.call("CONFIG", "SET", "save", "")).isEqualTo("+OK\r\n");
            c.call("SET", "a", "1");
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
            assertThat(c.call("FLUSHALL")).isEqualTo("+OK\r\n");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo(1);
            try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
                assertThat(loaded.dbsize()).as("no save points: the snapshot stays").isEqualTo(1);
            }
        }
    }

    @Test
    void shouldNotCountFailedWrites() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save(""));
             RawClient c = connect(server)) {
            c.call("RPUSH", "l", "x");
            assertThat(c.call("INCR", "l")).startsWith("-WRONGTYPE");
            assertThat(c.call("GET", "l")).startsWith("-WRONGTYPE");
            assertThat(info(c, "rdb_changes_since_last_save")).isEqualTo(1);
        }
    }

    @Test
    void shouldSaveOnCloseWhenSavePointsAreConfigured() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir));
             RawClient c = connect(server)) {
            assertThat(c.call("CONFIG", "GET", "save"))
                .isEqualTo("*2\r\n$4\r\nsave\r\n$23\r\n3600 1 300 100 60 10000\r\n");
            c.call("SET", "a", "1");
        }
        try (KvStore loaded = MiniKv.open(KvOptions.builder().dataDirectory(dir).build())) {
            assertThat(loaded.get("a".getBytes())).isEqualTo("1".getBytes());
        }
    }

    @Test
    void shouldNotSaveWhenTheServerNeverServed() throws IOException {
        try (MiniKvServer busy = start(MiniKvServer.builder())) {
            final MiniKvServer server = MiniKvServer.builder().port(busy.port()).dir(dir).build();
            server.store().set("a".getBytes(), "1".getBytes());
            assertThatThrownBy(server::start).isInstanceOf(java.io.UncheckedIOException.class);
            server.close();
        }
        assertThat(dir.resolve("dump.mkv")).doesNotExist();
    }

    @Test
    void shouldNeitherLoadNorWriteFilesUnlessAsked() throws IOException {
        try (MiniKvServer server = start(MiniKvServer.builder());
             RawClient c = connect(server)) {
            assertThat(c.call("CONFIG", "GET", "save")).isEqualTo("*2\r\n$4\r\nsave\r\n$0\r\n\r\n");
            assertThat(c.call("CONFIG", "GET", "dir"))
                .contains(Path.of("").toAbsolutePath().toString());
            c.call("SET", "a", "1");
        }
        assertThat(Path.of("dump.mkv")).doesNotExist();
    }

    @Test
    void shouldChangeDirAndDbfilenameWhenProtectedConfigsAreEnabled() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("file"), "x");
        try (MiniKvServer server = start(MiniKvServer.builder().dir(dir).save("").enableProtectedConfigs("local"));
             RawClient c = connect(server)) {
            assertThat(c.call("CONFIG", "SET", "dir", "sub")).isEqualTo("+OK\r\n");
            assertThat(c.call("CONFIG", "GET", "dir")).contains(dir.resolve("sub").toString());
            assertThat(c.call("CONFIG", "SET", "dir", dir.resolve("nope").toString())).isEqualTo(
                "-ERR CONFIG SET failed (possibly related to argument 'dir') - No such file or directory\r\n");
            assertThat(c.call("CONFIG", "SET", "dir", dir.resolve("file").toString())).isEqualTo(
                "-ERR CONFIG SET failed (possibly related to argument 'dir') - Not a directory\r\n");
            assertThat(c.call("CONFIG", "SET", "dbfilename", "x/y")).isEqualTo("-ERR CONFIG SET failed (possibly "
                + "related to argument 'dbfilename') - dbfilename can't be a path, just a filename\r\n");
            assertThat(c.call("CONFIG", "SET", "dbfilename", "other.mkv")).isEqualTo("+OK\r\n");
            c.call("SET", "a", "1");
            assertThat(c.call("SAVE")).isEqualTo("+OK\r\n");
        }
        assertThat(dir.resolve("sub/other.mkv")).isRegularFile();
        assertThat(dir.resolve("dump.mkv")).doesNotExist();
    }
}
