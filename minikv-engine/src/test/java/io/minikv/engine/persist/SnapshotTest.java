package io.minikv.engine.persist;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import io.minikv.MiniKv;
import io.minikv.api.CorruptSnapshotException;
import io.minikv.api.Expiration;
import io.minikv.api.ExpireCondition;
import io.minikv.api.FieldValue;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SetArgs;
import io.minikv.api.StreamId;
import io.minikv.api.StreamPendingEntry;
import io.minikv.api.XAddArgs;
import io.minikv.api.XClaimArgs;
import io.minikv.engine.Engine;
import io.minikv.engine.ManualClock;
import io.minikv.engine.keyspace.Keyspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(T0);
    private KvStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private KvOptions.Builder options() {
        return KvOptions.builder().dataDirectory(dir).clock(clock).activeExpiry(false);
    }

    private KvStore open() {
        return MiniKv.open(options().build());
    }

    private KvStore reopen() {
        store.close();
        store = open();
        return store;
    }

    private static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    private void fillEveryType(final KvStore s) {
        s.set(b("string"), b("value"));
        s.set(b("empty"), new byte[0]);
        s.set(new byte[] {0, (byte) 0xFF, '\r', '\n'}, new byte[] {0, 1, 2, (byte) 0x80});
        s.rpush(b("list"), b("a"), b("b"), new byte[0], b("a"));
        s.sadd(b("set"), b("x"), b("y"), new byte[] {0});
        s.zadd(b("zset"), 1.5, b("one"));
        s.zadd(b("zset"), Double.NEGATIVE_INFINITY, b("low"));
        s.zadd(b("zset"), Double.POSITIVE_INFINITY, b("high"));
        s.zadd(b("zset"), 1.5, b("another"));
        s.zadd(b("zset"), -0.25, b("neg"));
        s.hset(b("hash"), List.of(new FieldValue(b("f1"), b("v1")), new FieldValue(b("f2"), new byte[0])));
        s.set(b("ttl"), b("v"), SetArgs.PLAIN.with(Expiration.millis(60_000)));
        s.rpush(b("ttl-list"), b("e"));
        s.pexpireat(b("ttl-list"), T0 + 90_000, ExpireCondition.ALWAYS);
        s.xadd(b("stream"), XAddArgs.id(StreamId.of(1, 1)), List.of(new FieldValue(b("f"), b("v")),
            new FieldValue(b("f"), new byte[0])));
        s.xadd(b("stream"), XAddArgs.id(StreamId.of(-1L, 5)), List.of(new FieldValue(b("g"), b("w"))));
        s.xadd(b("stream"), XAddArgs.id(StreamId.of(-1L, 6)), List.of(new FieldValue(b("h"), b("x"))));
        s.xdel(b("stream"), StreamId.of(-1L, 6));
        s.xsetid(b("stream"), StreamId.of(-1L, 9), 7, null);
        s.xgroupCreate(b("stream"), b("readers"), StreamId.MIN, false, -1);
        s.xgroupCreate(b("stream"), new byte[] {0, (byte) 0xFF}, StreamId.of(1, 1), false, 3);
        s.xreadgroup(b("readers"), b("alice"), 1, false, new byte[][] {b("stream")}, new StreamId[] {StreamId.MAX});
        s.xreadgroup(b("readers"), b("bob"), 0, false, new byte[][] {b("stream")}, new StreamId[] {StreamId.MAX});
        s.xgroupCreateConsumer(b("stream"), b("readers"), b("idle"));
        s.xclaim(b("stream"), b("readers"), b("alice"), 0, new StreamId[] {StreamId.of(-1L, 5)},
            XClaimArgs.none().retryCount(4).idle(2));
        s.xadd(b("empty-stream"), XAddArgs.id(StreamId.of(3, 0)), List.of(new FieldValue(b("f"), b("v"))));
        s.xdel(b("empty-stream"), StreamId.of(3, 0));
    }

    @Test
    void shouldRoundTripEveryTypeAndTtlInEveryDatabase() {
        store = open();
        fillEveryType(store);
        fillEveryType(store.database(3));
        store.database(15).set(b("last-db"), b("x"));
        final Map<String, String> before = StoreDump.of(store);

        store.save();

        assertThat(StoreDump.of(reopen())).isEqualTo(before).hasSize(2 * 11 + 1);
        assertThat(store.pttl(b("ttl"))).isEqualTo(60_000);
        assertThat(store.database(3).pexpiretime(b("ttl-list"))).isEqualTo(T0 + 90_000);
        assertThat(Engine.of(store).loadResult().loaded()).isEqualTo(23);
    }

    @Test
    void shouldRoundTripConsumerGroupsWithTheirConsumersAndPendingEntries() {
        store = open();
        fillEveryType(store);
        final byte[] key = b("stream");
        final List<StreamPendingEntry> before = store.xpending(key, b("readers"), 0, StreamId.MIN, StreamId.MAX, 10,
            null);
        store.save();
        reopen();

        assertThat(store.xinfoGroups(key)).hasSize(2);
        assertThat(store.xpending(key, b("readers"), 0, StreamId.MIN, StreamId.MAX, 10, null))
            .usingRecursiveComparison().isEqualTo(before);
        assertThat(store.xpending(key, b("readers")).consumers()).extracting(c -> StoreDump.text(c.name()))
            .containsExactly("alice");
        assertThat(before).extracting(p -> p.deliveryCount()).containsExactly(1L, 4L);
        assertThat(store.xinfoConsumers(key, b("readers"))).extracting(c -> StoreDump.text(c.name()))
            .containsExactly("alice", "bob", "idle");
        // The loaded PELs are shared between group and consumer: an XACK empties both.
        assertThat(store.xack(key, b("readers"), StreamId.of(1, 1), StreamId.of(-1L, 5))).isEqualTo(2);
        assertThat(store.xpending(key, b("readers")).count()).isZero();
        assertThat(store.xinfoConsumers(key, b("readers"))).extracting(c -> c.pending()).containsExactly(0L, 0L, 0L);
    }

    @Test
    void shouldKeepDeadlinesAbsoluteAcrossDowntime() {
        store = open();
        store.set(b("k"), b("v"), SetArgs.PLAIN.with(Expiration.millis(10_000)));
        store.save();
        store.close();
        clock.advance(4_000);
        store = open();
        assertThat(store.pttl(b("k"))).isEqualTo(6_000);
    }

    @Test
    void shouldSkipKeysExpiredAtLoad() {
        store = open();
        store.set(b("short"), b("v"), SetArgs.PLAIN.with(Expiration.millis(1_000)));
        store.sadd(b("short-set"), b("m"));
        store.pexpireat(b("short-set"), T0 + 1_000, ExpireCondition.ALWAYS);
        store.set(b("long"), b("v"), SetArgs.PLAIN.with(Expiration.millis(5_000)));
        store.set(b("forever"), b("v"));
        store.save();
        store.close();
        clock.advance(2_000);

        store = open();

        assertThat(store.keys(b("*"))).extracting(StoreDump::text).containsExactlyInAnyOrder("long", "forever");
        assertThat(Engine.of(store).loadResult().skippedExpired()).isEqualTo(2);
    }

    @Test
    void shouldLeaveOutKeysAlreadyExpiredAtSave() {
        store = open();
        store.set(b("gone"), b("v"), SetArgs.PLAIN.with(Expiration.millis(1_000)));
        store.set(b("kept"), b("v"));
        clock.advance(1_001);
        store.save();
        assertThat(StoreDump.of(reopen())).containsOnlyKeys("0:kept");
    }

    @Test
    void shouldRoundTripLargeAndIncompressibleValuesAcrossFrames() {
        store = open();
        final Random random = new Random(1);
        final byte[] noise = new byte[200_000];
        random.nextBytes(noise);
        final byte[] zeros = new byte[3 * SnapshotFormat.FRAME_SIZE + 17];
        store.set(b("noise"), noise);
        store.set(b("zeros"), zeros);
        store.rpush(b("big-list"), noise, zeros, b("tail"));
        store.hset(b("big-hash"), noise, zeros);
        for (int i = 0; i < 20_000; i++) {
            store.set(b("k" + i), b("value-" + i));
        }
        final Map<String, String> before = StoreDump.of(store);
        store.save();

        assertThat(StoreDump.of(reopen())).isEqualTo(before);
        assertThat(store.get(b("noise"))).isEqualTo(noise);
    }

    @Test
    void shouldStartEmptyWithoutSnapshotFileAndCreateTheDirectoryOnSave() {
        final Path nested = dir.resolve("a/b");
        store = MiniKv.open(KvOptions.builder().dataDirectory(nested).snapshotFileName("x.mkv").clock(clock).build());
        assertThat(store.dbsize()).isZero();
        assertThat(Engine.of(store).loadResult()).isNull();
        store.set(b("k"), b("v"));
        store.save();
        assertThat(nested.resolve("x.mkv")).isRegularFile();
    }

    @Test
    void shouldSaveAnEmptyStore() {
        store = open();
        store.save();
        assertThat(reopen().dbsize()).isZero();
        assertThat(Engine.of(store).loadResult().loaded()).isZero();
    }

    @Test
    void shouldReportLastSaveInSecondsOfTheClock() {
        store = open();
        assertThat(store.lastSave()).isEqualTo(T0 / 1000);
        clock.advance(5_000);
        store.save();
        assertThat(store.lastSave()).isEqualTo(T0 / 1000 + 5);
    }

    @Test
    void shouldRefuseSaveWithoutDataDirectory() {
        store = MiniKv.open(KvOptions.builder().clock(clock).build());
        assertThatThrownBy(store::save).isInstanceOf(IllegalStateException.class).hasMessageContaining("dataDirectory");
    }

    @Test
    void shouldValidateTheFileName() {
        for (final String bad : new String[] {"", ".", "..", "a/b", "a\\b", "x\0"}) {
            assertThatThrownBy(() -> KvOptions.builder().snapshotFileName(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("snapshotFileName");
        }
        assertThatThrownBy(() -> KvOptions.builder().snapshotFileName(null)).isInstanceOf(NullPointerException.class);
        assertThat(KvOptions.defaults().snapshotFileName()).isEqualTo("dump.mkv");
        assertThat(KvOptions.defaults().snapshotFile()).isNull();
    }

    // ------------------------------------------------------------------------------------------- corruption

    private Path savedSnapshot() {
        store = open();
        fillEveryType(store);
        for (int i = 0; i < 5_000; i++) {
            store.set(b("k" + i), b("v" + i));
        }
        store.save();
        store.close();
        store = null;
        return dir.resolve("dump.mkv");
    }

    private void assertOpenFails(final String problem) {
        assertThatThrownBy(this::open).isInstanceOf(CorruptSnapshotException.class)
            .hasMessageContaining(dir.resolve("dump.mkv").toString()).hasMessageContaining(problem)
            .satisfies(e -> assertThat(((CorruptSnapshotException) e).file()).isEqualTo(dir.resolve("dump.mkv")));
    }

    @Test
    void shouldFailOpenOnWrongMagic() throws IOException {
        Files.writeString(dir.resolve("dump.mkv"), "REDIS0011 not ours");
        assertOpenFails("wrong magic");
        Files.write(dir.resolve("dump.mkv"), new byte[0]);
        assertOpenFails("wrong magic");
    }

    @Test
    void shouldFailOpenOnAFlippedByteAnywhere() throws IOException {
        final Path file = savedSnapshot();
        final byte[] good = Files.readAllBytes(file);
        final Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            final byte[] bad = good.clone();
            final int at = random.nextInt(bad.length);
            bad[at] ^= (byte) (1 << random.nextInt(8));
            Files.write(file, bad);
            assertThatThrownBy(this::open).as("flip at %d", at).isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining(file.toString());
        }
    }

    @Test
    void shouldFailOpenOnAChecksumMismatchNamingTheFrame() throws IOException {
        final Path file = savedSnapshot();
        final byte[] bad = Files.readAllBytes(file);
        bad[SnapshotFormat.HEADER_LENGTH + SnapshotFormat.FRAME_HEADER_LENGTH + 5] ^= 1;
        Files.write(file, bad);
        assertOpenFails("checksum mismatch in the frame at byte " + SnapshotFormat.HEADER_LENGTH);
    }

    @Test
    void shouldFailOpenOnEveryTruncation() throws IOException {
        final Path file = savedSnapshot();
        final byte[] good = Files.readAllBytes(file);
        final Random random = new Random(3);
        final int[] cuts = {0, 4, SnapshotFormat.HEADER_LENGTH - 1, SnapshotFormat.HEADER_LENGTH,
            SnapshotFormat.HEADER_LENGTH + 3, good.length - SnapshotFormat.FRAME_HEADER_LENGTH, good.length - 1,
            random.nextInt(good.length), random.nextInt(good.length), random.nextInt(good.length)};
        for (final int cut : cuts) {
            Files.write(file, java.util.Arrays.copyOf(good, cut));
            assertThatThrownBy(this::open).as("cut at %d", cut).isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining(file.toString())
                .hasMessageMatching(cut < 8 ? ".*wrong magic.*" : ".*truncated.*");
        }
    }

    @Test
    void shouldFailOpenOnTrailingBytes() throws IOException {
        final Path file = savedSnapshot();
        Files.write(file, new byte[] {0}, java.nio.file.StandardOpenOption.APPEND);
        assertOpenFails("unexpected bytes after the end frame");
    }

    @Test
    void shouldFailOpenOnAnUnsupportedVersion() throws IOException {
        final Path file = savedSnapshot();
        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer header = ByteBuffer.wrap(bytes);
        header.putInt(8, 99);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, SnapshotFormat.HEADER_LENGTH - 4);
        header.putInt(SnapshotFormat.HEADER_LENGTH - 4, (int) crc.getValue());
        Files.write(file, bytes);
        assertOpenFails("unsupported format version 99");
    }

    @Test
    void shouldRoundTripFunctionLibrariesBeforeTheDatabases() {
        store = open();
        store.set(b("k"), b("v"));
        final List<byte[]> libraries = List.of(b("#!lua name=a\nredis.register_function('f', function() end)"),
            b("#!lua name=b\n" + "x".repeat(100_000)));
        Engine.of(store).functionLibraries(() -> libraries);
        store.save();
        reopen();
        final Snapshots.LoadResult loaded = Engine.of(store).loadResult();
        assertThat(loaded.loaded()).isEqualTo(1);
        assertThat(loaded.functionLibraries()).hasSize(2);
        assertThat(loaded.functionLibraries().get(0)).isEqualTo(libraries.get(0));
        assertThat(loaded.functionLibraries().get(1)).isEqualTo(libraries.get(1));
        // Without a source the snapshot holds none.
        store.save();
        reopen();
        assertThat(Engine.of(store).loadResult().functionLibraries()).isEmpty();
    }

    @Test
    void shouldLoadVersionOneSnapshots() throws IOException {
        final Path file = savedSnapshot();
        final byte[] bytes = Files.readAllBytes(file);
        final ByteBuffer header = ByteBuffer.wrap(bytes);
        header.putInt(8, 1);
        final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, 0, SnapshotFormat.HEADER_LENGTH - 4);
        header.putInt(SnapshotFormat.HEADER_LENGTH - 4, (int) crc.getValue());
        Files.write(file, bytes);
        store = open();
        assertThat(store.dbsize()).isGreaterThan(5_000);
        assertThat(Engine.of(store).loadResult().functionLibraries()).isEmpty();
    }

    @Test
    void shouldFailOpenWhenADatabaseDoesNotExist() {
        store = open();
        store.database(10).set(b("k"), b("v"));
        store.save();
        store.close();
        store = null;
        assertThatThrownBy(() -> MiniKv.open(options().databases(4).build()))
            .isInstanceOf(CorruptSnapshotException.class).hasMessageContaining("database 10 is out of range");
    }

    @Test
    void shouldFailOpenClearlyWhenTheSnapshotDoesNotFitTheMemoryLimit() {
        store = open();
        final byte[] big = new byte[100_000];
        for (int i = 0; i < 50; i++) {
            store.set(b("k" + i), big);
        }
        store.save();
        store.close();
        store = null;
        assertThatThrownBy(() -> MiniKv.open(options().maxMemoryBytes(1_000_000).build()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot load snapshot " + dir)
            .hasMessageContaining("OOM");
    }

    @Test
    void shouldFailOpenWhenTheSnapshotsCollectionsDoNotFitTheMemoryLimit() {
        store = open();
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 1000; j += 100) {
                final byte[][] members = new byte[100][];
                for (int m = 0; m < 100; m++) {
                    members[m] = b("member-" + (j + m));
                }
                store.sadd(b("s" + i), members);
            }
        }
        store.save();
        store.close();
        store = null;
        assertThatThrownBy(() -> MiniKv.open(options().maxMemoryBytes(1_000_000).build()))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot load snapshot " + dir)
            .hasMessageContaining("OOM");
        store = MiniKv.open(options().maxMemoryBytes(10_000_000).build());
        assertThat(store.dbsize()).isEqualTo(20);
    }

    // ------------------------------------------------------------------------------------------- atomic replace

    /** A channel that fails once {@code limit} bytes went through. */
    private static WritableByteChannel failingAfter(final WritableByteChannel delegate, final long limit) {
        return new WritableByteChannel() {
            private long written;

            @Override
            public int write(final ByteBuffer src) throws IOException {
                if (written + src.remaining() > limit) {
                    throw new IOException("No space left on device (injected)");
                }
                final int n = delegate.write(src);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return delegate.isOpen();
            }

            @Override
            public void close() throws IOException {
                delegate.close();
            }
        };
    }

    @Test
    void shouldLeaveThePreviousSnapshotIntactWhenASaveFails() throws IOException {
        store = open();
        store.set(b("generation"), b("1"));
        store.save();
        final Path file = dir.resolve("dump.mkv");
        final byte[] first = Files.readAllBytes(file);
        final long lastSave = store.lastSave();
        for (int i = 0; i < 3_000; i++) {
            store.set(b("k" + i), b("v" + i));
        }
        store.set(b("generation"), b("2"));
        final Keyspace[] dbs = Engine.of(store).keyspaces();
        for (final long limit : new long[] {0, 10, 100, 5_000}) {
            assertThatThrownBy(() -> Snapshots.save(file, dbs, clock.millis(), List.of(),
                ch -> failingAfter(ch, limit)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining(file.toString())
                .hasMessageContaining("injected");
            assertThat(Files.readAllBytes(file)).isEqualTo(first);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files).containsExactly(file);
            }
        }
        assertThat(store.lastSave()).isEqualTo(lastSave);
        assertThat(reopen().get(b("generation"))).isEqualTo(b("1"));
    }

    @Test
    void shouldFailSaveClearlyWhenTheTargetCannotBeReplaced() throws IOException {
        final Path target = dir.resolve("dump.mkv");
        store = open();
        store.set(b("k"), b("v"));
        Files.createDirectories(target.resolve("occupied"));
        assertThatThrownBy(store::save).isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("cannot save snapshot " + target);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void shouldReplaceAnExistingSnapshot() {
        store = open();
        store.set(b("k"), b("1"));
        store.save();
        store.set(b("k"), b("2"));
        store.set(b("k2"), b("x"));
        store.save();
        assertThat(reopen().get(b("k"))).isEqualTo(b("2"));
        assertThat(store.dbsize()).isEqualTo(2);
    }
}
