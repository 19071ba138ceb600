package io.minikv.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.type.HyperLogLogOps;
import io.minikv.engine.type.hll.HllLayout;

/**
 * The HyperLogLog commands through the embedded store: format, cache, TTLs, WATCH announcements, errors and PFDEBUG;
 * every expected value was checked on redis-server 7.0.15. Byte-exact agreement on large inputs is
 * {@link HyperLogLogKnownAnswerTest}'s.
 */
class HyperLogLogCommandsTest {
    static final long T0 = 1_700_000_000_000L;
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    static final String CORRUPTED = "INVALIDOBJ Corrupted HLL object detected";
    /** A sparse header with a stale cache and no opcodes: covers no register. */
    static final String EMPTY_SPARSE = "48594c4c010000000000000000000080";
    final ManualClock clock = new ManualClock(T0);
    final List<String> heard = new ArrayList<>();
    KvStore store;
    Keyspace ks;

    @BeforeEach
    void open() {
        store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());
        Engine.of(store).addKeyModifiedListener((db, key) -> heard.add(new String(key, ISO_8859_1)));
        ks = Engine.of(store).keyspaces()[0];
        store.rpush(b("list"), b("a"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(final String s) {
        return s.getBytes(ISO_8859_1);
    }

    static byte[] hex(final String s) {
        return HexFormat.of().parseHex(s);
    }

    List<String> heard(final Runnable write) {
        heard.clear();
        write.run();
        return List.copyOf(heard);
    }

    Object debug(final String sub, final String key) {
        return HyperLogLogOps.pfdebug(ks, sub, b(key));
    }

    @Test
    void shouldCreateASparseValueWithRedisOpcodes() {
        assertThat(store.pfadd(b("x"), b("a"), b("b"), b("c"))).isEqualTo(1);
        assertThat(debug("decode", "x")).isEqualTo("Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603");
        assertThat(debug("ENCODING", "x")).isEqualTo("sparse");
        final byte[] v = store.get(b("x"));
        assertThat(Arrays.copyOf(v, 4)).isEqualTo(b("HYLL"));
        assertThat(v[HllLayout.ENCODING_OFFSET]).isEqualTo((byte) HllLayout.SPARSE);
        assertThat(v[HllLayout.CARD_MSB_OFFSET]).isEqualTo((byte) 0x80);
        assertThat(store.pfcount(b("x"))).isEqualTo(3);
        assertThat(store.get(b("x"))[HllLayout.CARD_OFFSET]).isEqualTo((byte) 3);
        assertThat(store.get(b("x"))[HllLayout.CARD_MSB_OFFSET]).isZero();
    }

    @Test
    void shouldCreateTheKeyWithoutElementsAndAnswerOneOnlyWhenSomethingChanged() {
        assertThat(heard(() -> assertThat(store.pfadd(b("e"))).isEqualTo(1))).containsExactly("e");
        assertThat(HexFormat.of().formatHex(store.get(b("e")))).isEqualTo("48594c4c0100000000000000000000807fff");
        assertThat(heard(() -> assertThat(store.pfadd(b("e"))).isZero())).isEmpty();
        store.pfadd(b("e"), b("a"));
        final byte[] before = store.get(b("e"));
        assertThat(heard(() -> assertThat(store.pfadd(b("e"), b("a"))).isZero())).isEmpty();
        assertThat(store.get(b("e"))).isEqualTo(before);
    }

    @Test
    void shouldCacheTheCountAndAnnounceOnlyTheWriteBack() {
        store.pfadd(b("x"), b("a"), b("b"));
        assertThat(heard(() -> assertThat(store.pfcount(b("x"))).isEqualTo(2))).containsExactly("x");
        assertThat(heard(() -> assertThat(store.pfcount(b("x"))).isEqualTo(2))).isEmpty();
        assertThat(heard(() -> assertThat(store.pfcount(b("missing"))).isZero())).isEmpty();
        assertThat(store.exists(b("missing"))).isZero();
        // A valid cache is trusted, whatever the registers say.
        store.set(b("c"), hex("48594c4c01000000" + "3930000000000000" + "7fff"));
        assertThat(store.pfcount(b("c"))).isEqualTo(12345);
    }

    @Test
    void shouldCountTheUnionWithoutWriting() {
        store.pfadd(b("a"), b("1"), b("2"), b("3"));
        store.pfadd(b("b"), b("3"), b("4"));
        final byte[] before = store.get(b("a"));
        assertThat(heard(() -> assertThat(store.pfcount(b("a"), b("b"), b("missing"))).isEqualTo(4))).isEmpty();
        assertThat(store.get(b("a"))).isEqualTo(before);
        assertThat(store.pfcount(b("m1"), b("m2"))).isZero();
    }

    @Test
    void shouldKeepTheTtl() {
        store.pfadd(b("x"), b("a"));
        store.expire(b("x"), 100, ExpireCondition.ALWAYS);
        store.pfadd(b("x"), b("b"));
        store.pfcount(b("x"));
        store.pfmerge(b("x"), b("missing"));
        assertThat(store.ttl(b("x"))).isEqualTo(100);
        clock.advance(100_001);
        assertThat(store.pfcount(b("x"))).isZero();
    }

    @Test
    void shouldMergeIntoTheDestinationAndTurnDenseWithADenseInput() {
        store.pfadd(b("s"), b("a"), b("b"));
        store.pfadd(b("d"), b("c"));
        debug("todense", "d");
        assertThat(heard(() -> store.pfmerge(b("m"), b("s")))).containsExactly("m");
        assertThat(debug("encoding", "m")).isEqualTo("sparse");
        assertThat(store.pfcount(b("m"))).isEqualTo(2);
        store.pfmerge(b("m"), b("d"));
        assertThat(debug("encoding", "m")).isEqualTo("dense");
        assertThat(store.pfcount(b("m"))).isEqualTo(3);
        assertThat(heard(() -> store.pfmerge(b("empty")))).containsExactly("empty");
        assertThat(HexFormat.of().formatHex(store.get(b("empty")))).isEqualTo("48594c4c0100000000000000000000807fff");
    }

    @Test
    void shouldReadAllKeysAtOneInstant() throws Exception {
        // A writer keeps one HyperLogLog moving between two keys with RENAME: read at one instant exactly one of them
        // exists, so the union always counts its element; read one key at a time, a union can see neither.
        store.pfadd(b("left"), b("x"));
        final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        final Thread writer = new Thread(() -> {
            boolean left = true;
            while (!stop.get()) {
                store.rename(left ? b("left") : b("right"), left ? b("right") : b("left"));
                left = !left;
            }
        });
        writer.start();
        try {
            for (int i = 0; i < 5_000; i++) {
                assertThat(store.pfcount(b("left"), b("right"))).as("union at round %d", i).isEqualTo(1);
                store.del(b("d"));
                store.pfmerge(b("d"), b("left"), b("right"));
                assertThat(store.pfcount(b("d"))).as("merge at round %d", i).isEqualTo(1);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    @Test
    void shouldAgreeBetweenSparseAndDense() {
        final Random random = new Random(7);
        store.pfadd(b("dense"));
        debug("todense", "dense");
        for (int i = 0; i < 1500; i++) {
            final byte[] e = new byte[random.nextInt(1, 12)];
            random.nextBytes(e);
            store.pfadd(b("sparse"), e);
            store.pfadd(b("dense"), e);
        }
        assertThat(debug("encoding", "sparse")).isEqualTo("sparse");
        assertThat(store.pfcount(b("sparse"))).isEqualTo(store.pfcount(b("dense")));
        assertThat((long[]) debug("getreg", "sparse")).isEqualTo((long[]) debug("getreg", "dense"));
        assertThat(debug("encoding", "sparse")).isEqualTo("dense");
    }

    @Test
    void shouldStayWithinTheStandardErrorBounds() {
        final Random random = new Random(11);
        long added = 0;
        for (final int target : new int[] {100, 1_000, 10_000, 100_000}) {
            while (added < target) {
                store.pfadd(b("k"), b(Long.toHexString(random.nextLong()) + ":" + added));
                added++;
            }
            // 0.81 % standard error; three of them, plus one for tiny sets.
            assertThat((double) Math.abs(store.pfcount(b("k")) - target)).isLessThanOrEqualTo(target * 0.0243 + 1);
        }
    }

    @Test
    void shouldPromoteWhenTheSparseLimitIsReached() {
        Engine.of(store).hllSparseMaxBytes(0);
        store.pfadd(b("z"), b("a"));
        assertThat(debug("encoding", "z")).isEqualTo("dense");
        assertThat(store.strlen(b("z"))).isEqualTo(HllLayout.DENSE_SIZE);
        assertThatThrownBy(() -> Engine.of(store).hllSparseMaxBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        Engine.of(store).hllSparseMaxBytes(HllLayout.DEFAULT_SPARSE_MAX_BYTES);
    }

    @Test
    void shouldRejectOtherTypesAndStringsThatAreNotHyperLogLogs() {
        store.set(b("plain"), b("hello world, not an HLL"));
        store.pfadd(b("h"), b("a"));
        assertThatThrownBy(() -> store.pfadd(b("list"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.pfcount(b("list"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.pfcount(b("h"), b("list"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.pfmerge(b("h"), b("list"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.pfadd(b("plain"), b("a"))).hasMessage(NOT_HLL);
        assertThatThrownBy(() -> store.pfcount(b("plain"))).hasMessage(NOT_HLL);
        assertThatThrownBy(() -> store.pfmerge(b("plain"), b("h"))).hasMessage(NOT_HLL);
        // A dense value must be exactly 12304 bytes; encodings above 1 do not exist.
        store.set(b("shortdense"), hex("48594c4c0000000000000000000000807fff"));
        store.set(b("badenc"), hex("48594c4c0200000000000000000000807fff"));
        assertThatThrownBy(() -> store.pfcount(b("shortdense"))).hasMessage(NOT_HLL);
        assertThatThrownBy(() -> store.pfadd(b("badenc"))).hasMessage(NOT_HLL);
        assertThat(store.get(b("plain"))).isEqualTo(b("hello world, not an HLL"));
        assertThat(store.exists(b("m"))).isZero();
        assertThatThrownBy(() -> store.pfcount()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReportCorruptedSparseValuesAsRedisDoes() {
        store.set(b("bad"), hex(EMPTY_SPARSE));
        assertThatThrownBy(() -> store.pfcount(b("bad"))).isInstanceOf(KvException.class).hasMessage(CORRUPTED);
        assertThatThrownBy(() -> store.pfadd(b("bad"), b("a"))).hasMessage(CORRUPTED);
        assertThatThrownBy(() -> store.pfmerge(b("m"), b("bad"))).hasMessage(CORRUPTED);
        assertThat(store.exists(b("m"))).isZero();
        assertThatThrownBy(() -> debug("todense", "bad")).hasMessage(CORRUPTED);
        // Registers past 16384: writes still land (Redis checks only while reading), counts fail.
        store.set(b("long"), hex(EMPTY_SPARSE + "7fff00"));
        assertThat(store.pfadd(b("long"), b("a"), b("b"), b("c"))).isEqualTo(1);
        assertThat(HexFormat.of().formatHex(store.get(b("long"))))
            .isEqualTo("48594c4c01000000000000000000008060f38050b1844bfb80425a00");
        assertThatThrownBy(() -> store.pfcount(b("long"))).hasMessage(CORRUPTED);
    }

    @Test
    void shouldDebugAsRedisDoes() {
        assertThatThrownBy(() -> debug("getreg", "missing")).hasMessage("ERR The specified key does not exist");
        assertThatThrownBy(() -> debug("nosuch", "missing")).hasMessage("ERR The specified key does not exist");
        assertThatThrownBy(() -> debug("encoding", "list")).hasMessage(WRONGTYPE);
        store.pfadd(b("x"), b("a"));
        assertThatThrownBy(() -> debug("NoSuch", "x")).hasMessage("ERR Unknown PFDEBUG subcommand 'NoSuch'");
        final byte[] sparse = store.get(b("x"));
        assertThat(heard(() -> assertThat(debug("todense", "x")).isEqualTo(1L))).isEmpty();
        assertThat(debug("todense", "x")).isEqualTo(0L);
        final byte[] dense = store.get(b("x"));
        assertThat(dense).hasSize(HllLayout.DENSE_SIZE);
        // The header is kept, cache included; only the encoding changes.
        sparse[HllLayout.ENCODING_OFFSET] = HllLayout.DENSE;
        assertThat(Arrays.copyOf(dense, HllLayout.HEADER_SIZE)).isEqualTo(Arrays.copyOf(sparse, HllLayout.HEADER_SIZE));
        assertThatThrownBy(() -> debug("decode", "x")).hasMessage("ERR HLL encoding is not sparse");
        final long[] registers = (long[]) debug("getreg", "x");
        assertThat(registers).hasSize(HllLayout.REGISTERS);
        assertThat(Arrays.stream(registers).filter(r -> r != 0).count()).isEqualTo(1);
    }

    @Test
    void shouldPassTheSelfTest() {
        HyperLogLogOps.pfselftest(new Random(3), HllLayout.DEFAULT_SPARSE_MAX_BYTES);
    }
}
