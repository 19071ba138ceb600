package io.minikv.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.BitOperation;
import io.minikv.api.BitUnit;
import io.minikv.api.BitfieldOp;
import io.minikv.api.BitfieldOp.Overflow;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;

/**
 * The bitmap commands through the embedded store, one group of edge cases per command; every expected value was
 * checked on redis-server 7.0.15.
 */
class BitmapCommandsTest {
    static final long T0 = 1_700_000_000_000L;
    static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";
    static final String BIT_OFFSET = "ERR bit offset is not an integer or out of range";
    final ManualClock clock = new ManualClock(T0);
    /** Written by every thread that writes the store (shouldReadAllSourcesAtOneInstant has two). */
    final List<String> heard = java.util.Collections.synchronizedList(new ArrayList<>());
    KvStore store;

    @BeforeEach
    void open() {
        store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());
        Engine.of(store).addKeyModifiedListener((db, key) -> heard.add(new String(key, ISO_8859_1)));
        store.rpush(b("list"), b("a"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] b(final String s) {
        return s.getBytes(ISO_8859_1);
    }

    static byte[] bytes(final int... values) {
        final byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    /** Runs a write and returns the keys it announced as modified. */
    List<String> heard(final Runnable write) {
        heard.clear();
        write.run();
        return List.copyOf(heard);
    }

    // ------------------------------------------------------------------------------------------- SETBIT / GETBIT

    @Test
    void shouldSetBitsMostSignificantFirstAndReturnTheOldBit() {
        assertThat(store.setbit(b("k"), 7, 1)).isZero();
        assertThat(store.get(b("k"))).containsExactly(1);
        assertThat(store.setbit(b("k"), 7, 1)).isEqualTo(1);
        assertThat(store.setbit(b("k"), 0, 1)).isZero();
        assertThat(store.get(b("k"))).containsExactly(0x81);
        assertThat(store.setbit(b("k"), 7, 0)).isEqualTo(1);
        assertThat(store.get(b("k"))).containsExactly(0x80);
        assertThat(store.getbit(b("k"), 0)).isEqualTo(1);
        assertThat(store.getbit(b("k"), 1)).isZero();
    }

    @Test
    void shouldGrowWithZeroBytesAndKeepTheTtl() {
        store.set(b("k"), b("abc"));
        store.expire(b("k"), 100, ExpireCondition.ALWAYS);
        assertThat(store.setbit(b("k"), 100, 1)).isZero();
        final byte[] v = store.get(b("k"));
        assertThat(v).hasSize(13);
        assertThat(Arrays.copyOf(v, 3)).isEqualTo(b("abc"));
        assertThat(Arrays.copyOfRange(v, 3, 12)).containsOnly(0);
        assertThat(v[12]).isEqualTo((byte) 0x08);
        assertThat(store.ttl(b("k"))).isEqualTo(100);
        // Growth into a larger block, far past the first.
        assertThat(store.setbit(b("k"), 80_000, 1)).isZero();
        assertThat(store.strlen(b("k"))).isEqualTo(10_001);
        assertThat(store.getbit(b("k"), 80_000)).isEqualTo(1);
        assertThat(store.getbit(b("k"), 100)).isEqualTo(1);
        assertThat(store.ttl(b("k"))).isEqualTo(100);
    }

    @Test
    void shouldCreateAMissingKeyEvenWhenClearingABit() {
        assertThat(store.setbit(b("k"), 9, 0)).isZero();
        assertThat(store.get(b("k"))).containsExactly(0, 0);
        assertThat(store.ttl(b("k"))).isEqualTo(-1);
    }

    @Test
    void shouldReadZeroPastTheEndAndForMissingKeys() {
        store.set(b("k"), bytes(0xff));
        assertThat(store.getbit(b("k"), 8)).isZero();
        assertThat(store.getbit(b("k"), 4_294_967_295L)).isZero();
        assertThat(store.getbit(b("missing"), 0)).isZero();
        assertThat(store.exists(b("missing"))).isZero();
        store.set(b("e"), new byte[0]);
        assertThat(store.getbit(b("e"), 0)).isZero();
    }

    @Test
    void shouldRejectBadOffsetsAndBitsBeforeTheType() {
        assertThatThrownBy(() -> store.setbit(b("k"), -1, 1)).hasMessage(BIT_OFFSET);
        assertThatThrownBy(() -> store.setbit(b("k"), 4_294_967_296L, 1)).hasMessage(BIT_OFFSET);
        assertThatThrownBy(() -> store.getbit(b("k"), -1)).hasMessage(BIT_OFFSET);
        assertThatThrownBy(() -> store.getbit(b("k"), 4_294_967_296L)).hasMessage(BIT_OFFSET);
        assertThatThrownBy(() -> store.setbit(b("k"), 0, 2)).hasMessage("ERR bit is not an integer or out of range");
        assertThatThrownBy(() -> store.setbit(b("k"), 0, -1)).hasMessage("ERR bit is not an integer or out of range");
        assertThat(store.exists(b("k"))).isZero();
        assertThatThrownBy(() -> store.setbit(b("list"), -1, 1)).hasMessage(BIT_OFFSET);
        assertThatThrownBy(() -> store.setbit(b("list"), 0, 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.getbit(b("list"), 0)).hasMessage(WRONGTYPE);
    }

    @Test
    void shouldAnnounceSetbitOnlyWhenItChangedSomething() {
        store.set(b("k"), bytes(0x40));
        assertThat(heard(() -> store.setbit(b("k"), 1, 1))).isEmpty();
        assertThat(heard(() -> store.setbit(b("k"), 0, 0))).isEmpty();
        assertThat(heard(() -> store.setbit(b("k"), 0, 1))).containsExactly("k");
        assertThat(heard(() -> store.setbit(b("k"), 15, 0))).containsExactly("k");
        assertThat(heard(() -> store.setbit(b("new"), 0, 0))).containsExactly("new");
        assertThat(heard(() -> store.getbit(b("k"), 0))).isEmpty();
    }

    // ------------------------------------------------------------------------------------------- BITCOUNT

    @Test
    void shouldCountBitsInByteAndBitRanges() {
        store.set(b("s"), b("foobar"));
        assertThat(store.bitcount(b("s"))).isEqualTo(26);
        assertThat(store.bitcount(b("s"), 0, 0, BitUnit.BYTE)).isEqualTo(4);
        assertThat(store.bitcount(b("s"), 1, 1, BitUnit.BYTE)).isEqualTo(6);
        assertThat(store.bitcount(b("s"), -2, -1, BitUnit.BYTE)).isEqualTo(7);
        assertThat(store.bitcount(b("s"), 5, 30, BitUnit.BIT)).isEqualTo(17);
        assertThat(store.bitcount(b("s"), 0, -1, BitUnit.BIT)).isEqualTo(26);
        assertThat(store.bitcount(b("s"), 1, 0, BitUnit.BYTE)).isZero();
        assertThat(store.bitcount(b("s"), -100, 100, BitUnit.BYTE)).isEqualTo(26);
        assertThat(store.bitcount(b("s"), 100, 200, BitUnit.BYTE)).isZero();
        // Two negative ends in the wrong order answer 0 even where clipping would leave byte 0.
        assertThat(store.bitcount(b("s"), -100, -200, BitUnit.BYTE)).isZero();
        assertThat(store.bitcount(b("s"), Long.MIN_VALUE, Long.MAX_VALUE, BitUnit.BIT)).isEqualTo(26);
        assertThat(store.bitcount(b("s"), Long.MAX_VALUE, Long.MIN_VALUE, BitUnit.BYTE)).isZero();
    }

    @Test
    void shouldCountAcrossWordsWithPartialEdgeBytes() {
        final byte[] v = new byte[19];
        Arrays.fill(v, (byte) 0xff);
        v[18] = 1;
        store.set(b("k"), v);
        assertThat(store.bitcount(b("k"))).isEqualTo(145);
        assertThat(store.bitcount(b("k"), 1, -2, BitUnit.BYTE)).isEqualTo(136);
        assertThat(store.bitcount(b("k"), 3, 148, BitUnit.BIT)).isEqualTo(141);
        assertThat(store.bitcount(b("k"), 9, 150, BitUnit.BIT)).isEqualTo(135);
        assertThat(store.bitcount(b("k"), 151, 151, BitUnit.BIT)).isEqualTo(1);
    }

    @Test
    void shouldCountZeroForMissingAndEmptyAndRejectWrongTypes() {
        assertThat(store.bitcount(b("missing"))).isZero();
        assertThat(store.bitcount(b("missing"), 0, -1, BitUnit.BIT)).isZero();
        store.set(b("e"), new byte[0]);
        assertThat(store.bitcount(b("e"))).isZero();
        assertThat(store.bitcount(b("e"), 0, -1, BitUnit.BIT)).isZero();
        assertThatThrownBy(() -> store.bitcount(b("list"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.bitcount(b("list"), 0, 1, BitUnit.BYTE)).hasMessage(WRONGTYPE);
    }

    // ------------------------------------------------------------------------------------------- BITPOS

    @Test
    void shouldFindBitsWithZeroPaddingOnlyPastAnImplicitEnd() {
        store.set(b("p"), bytes(0xff, 0xf0, 0x00));
        assertThat(store.bitpos(b("p"), 0)).isEqualTo(12);
        assertThat(store.bitpos(b("p"), 1)).isZero();
        assertThat(store.bitpos(b("p"), 1, 2, BitUnit.BYTE)).isEqualTo(-1);
        assertThat(store.bitpos(b("p"), 0, 2, BitUnit.BYTE)).isEqualTo(16);
        assertThat(store.bitpos(b("p"), 1, 7, 15, BitUnit.BIT)).isEqualTo(7);
        assertThat(store.bitpos(b("p"), 0, 7, 11, BitUnit.BIT)).isEqualTo(-1);
        assertThat(store.bitpos(b("p"), 0, 12, BitUnit.BIT)).isEqualTo(12);
        assertThat(store.bitpos(b("p"), 1, 2, 1, BitUnit.BYTE)).isEqualTo(-1);
        store.set(b("ones"), bytes(0xff, 0xff, 0xff));
        assertThat(store.bitpos(b("ones"), 0)).isEqualTo(24);
        assertThat(store.bitpos(b("ones"), 0, 1, BitUnit.BYTE)).isEqualTo(24);
        assertThat(store.bitpos(b("ones"), 0, 5, BitUnit.BIT)).isEqualTo(24);
        assertThat(store.bitpos(b("ones"), 0, 0, -1, BitUnit.BYTE)).isEqualTo(-1);
        assertThat(store.bitpos(b("ones"), 0, 0, 23, BitUnit.BIT)).isEqualTo(-1);
    }

    @Test
    void shouldFindBitsAcrossWords() {
        final byte[] v = new byte[21];
        v[20] = 1;
        store.set(b("k"), v);
        assertThat(store.bitpos(b("k"), 1)).isEqualTo(167);
        assertThat(store.bitpos(b("k"), 1, 3, BitUnit.BYTE)).isEqualTo(167);
        assertThat(store.bitpos(b("k"), 1, 1, 19, BitUnit.BYTE)).isEqualTo(-1);
        assertThat(store.bitpos(b("k"), 1, 5, 166, BitUnit.BIT)).isEqualTo(-1);
        assertThat(store.bitpos(b("k"), 1, 5, 167, BitUnit.BIT)).isEqualTo(167);
        assertThat(store.bitpos(b("k"), 0, 9, BitUnit.BYTE)).isEqualTo(72);
        Arrays.fill(v, (byte) 0xff);
        v[17] = (byte) 0xfd;
        store.set(b("k"), v);
        assertThat(store.bitpos(b("k"), 0)).isEqualTo(142);
        assertThat(store.bitpos(b("k"), 0, 3, BitUnit.BIT)).isEqualTo(142);
    }

    @Test
    void shouldAnswerBitposForMissingEmptyAndBadInput() {
        assertThat(store.bitpos(b("missing"), 0)).isZero();
        assertThat(store.bitpos(b("missing"), 1)).isEqualTo(-1);
        assertThat(store.bitpos(b("missing"), 0, 5, 10, BitUnit.BYTE)).isZero();
        store.set(b("e"), new byte[0]);
        assertThat(store.bitpos(b("e"), 0)).isEqualTo(-1);
        assertThat(store.bitpos(b("e"), 1)).isEqualTo(-1);
        assertThat(store.bitpos(b("e"), 0, 0, BitUnit.BYTE)).isEqualTo(-1);
        assertThatThrownBy(() -> store.bitpos(b("e"), 2)).hasMessage("ERR The bit argument must be 1 or 0.");
        assertThatThrownBy(() -> store.bitpos(b("list"), 2)).hasMessage("ERR The bit argument must be 1 or 0.");
        assertThatThrownBy(() -> store.bitpos(b("list"), 1)).hasMessage(WRONGTYPE);
    }

    // ------------------------------------------------------------------------------------------- BITOP

    @Test
    void shouldCombineSourcesZeroPaddingTheShorterOnes() {
        store.set(b("a"), bytes(0xf0, 0x0f, 0xaa));
        store.set(b("b"), bytes(0xff, 0x01));
        assertThat(store.bitop(BitOperation.AND, b("d"), b("a"), b("b"))).isEqualTo(3);
        assertThat(store.get(b("d"))).containsExactly(0xf0, 0x01, 0x00);
        assertThat(store.bitop(BitOperation.OR, b("d"), b("a"), b("b"), b("missing"))).isEqualTo(3);
        assertThat(store.get(b("d"))).containsExactly(0xff, 0x0f, 0xaa);
        assertThat(store.bitop(BitOperation.XOR, b("d"), b("a"), b("b"))).isEqualTo(3);
        assertThat(store.get(b("d"))).containsExactly(0x0f, 0x0e, 0xaa);
        assertThat(store.bitop(BitOperation.NOT, b("d"), b("a"))).isEqualTo(3);
        assertThat(store.get(b("d"))).containsExactly(0x0f, 0xf0, 0x55);
        assertThat(store.bitop(BitOperation.AND, b("d"), b("a"), b("missing"))).isEqualTo(3);
        assertThat(store.get(b("d"))).containsExactly(0, 0, 0);
        assertThat(store.bitop(BitOperation.NOT, b("a"), b("a"))).isEqualTo(3);
        assertThat(store.get(b("a"))).containsExactly(0x0f, 0xf0, 0x55);
    }

    @Test
    void shouldDeleteTheDestinationWhenTheResultIsEmpty() {
        store.set(b("d"), b("x"));
        store.set(b("e"), new byte[0]);
        assertThat(heard(() -> assertThat(store.bitop(BitOperation.OR, b("d"), b("m1"), b("m2"))).isZero()))
            .containsExactly("d");
        assertThat(store.exists(b("d"))).isZero();
        assertThat(heard(() -> assertThat(store.bitop(BitOperation.NOT, b("d"), b("e"))).isZero())).isEmpty();
        assertThat(store.exists(b("d"))).isZero();
    }

    @Test
    void shouldOverwriteADestinationOfAnyTypeAndDropItsTtl() {
        store.set(b("a"), bytes(1));
        store.rpush(b("dl"), b("x"));
        assertThat(heard(() -> store.bitop(BitOperation.OR, b("dl"), b("a")))).containsExactly("dl");
        assertThat(store.get(b("dl"))).containsExactly(1);
        store.set(b("dt"), b("v"));
        store.expire(b("dt"), 100, ExpireCondition.ALWAYS);
        store.bitop(BitOperation.OR, b("dt"), b("a"));
        assertThat(store.ttl(b("dt"))).isEqualTo(-1);
    }

    @Test
    void shouldRejectBitopMisuseBeforeWriting() {
        store.set(b("a"), bytes(1));
        assertThatThrownBy(() -> store.bitop(BitOperation.NOT, b("d"), b("a"), b("a")))
            .hasMessage("ERR BITOP NOT must be called with a single source key.");
        assertThatThrownBy(() -> store.bitop(BitOperation.OR, b("d"), b("a"), b("list"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.bitop(BitOperation.NOT, b("d"), b("list"))).hasMessage(WRONGTYPE);
        assertThat(store.exists(b("d"))).isZero();
        assertThatThrownBy(() -> store.bitop(BitOperation.AND, b("d"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadAllSourcesAtOneInstant() throws Exception {
        // A writer keeps one 0xff byte moving between two keys with RENAME, which changes both keys at once: read at
        // one instant, exactly one of them exists and their XOR is 0xff; read one key at a time, a BITOP can see both
        // (0x00) or neither (empty result).
        store.set(b("left"), bytes(0xff));
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
            for (int i = 0; i < 20_000; i++) {
                final long length = store.bitop(BitOperation.XOR, b("d"), b("left"), b("right"));
                assertThat(length).as("result length at round %d", i).isEqualTo(1);
                assertThat(store.get(b("d"))).as("result at round %d", i).containsExactly(0xff);
            }
        } finally {
            stop.set(true);
            writer.join();
        }
    }

    // ------------------------------------------------------------------------------------------- BITFIELD

    @Test
    void shouldGetSetAndIncrementSignedAndUnsignedFields() {
        assertThat(store.bitfield(b("f"), BitfieldOp.set("i8", 0, -100))).containsExactly(0L);
        assertThat(store.get(b("f"))).containsExactly(0x9c);
        assertThat(store.bitfield(b("f"), BitfieldOp.get("i8", 0), BitfieldOp.get("u8", 0), BitfieldOp.get("u4", 0),
            BitfieldOp.get("i4", 4))).containsExactly(-100L, 156L, 9L, -4L);
        assertThat(store.bitfield(b("f"), BitfieldOp.incrby("i8", 0, 10))).containsExactly(-90L);
        assertThat(store.bitfield(b("f"), BitfieldOp.set("u8", BitfieldOp.typeOffset("u8", 1), 255),
            BitfieldOp.get("u8", 8), BitfieldOp.get("i64", 0), BitfieldOp.get("u63", 0)))
            .containsExactly(0L, 255L, -6_413_407_344_352_296_960L, 6_016_668_364_678_627_328L);
        assertThat(store.bitfield(b("f"))).isEmpty();
    }

    @Test
    void shouldApplyOverflowModes() {
        final BitfieldOp inc = BitfieldOp.incrby("u4", 0, 1);
        assertThat(store.bitfield(b("o"), BitfieldOp.set("u4", 0, 15), inc,
            BitfieldOp.incrby("u4", 0, 100).overflow(Overflow.SAT),
            BitfieldOp.incrby("u4", 0, -100).overflow(Overflow.SAT),
            BitfieldOp.incrby("u4", 0, 16).overflow(Overflow.FAIL))).containsExactly(0L, 0L, 15L, 0L, null);
        assertThat(store.bitfield(b("o"), BitfieldOp.set("i4", 4, 7), BitfieldOp.incrby("i4", 4, 1),
            BitfieldOp.incrby("i4", 4, -100).overflow(Overflow.SAT),
            BitfieldOp.incrby("i4", 4, 100).overflow(Overflow.SAT),
            BitfieldOp.incrby("i4", 4, 1).overflow(Overflow.FAIL))).containsExactly(0L, -8L, -8L, 7L, null);
        assertThat(store.bitfield(b("o"), BitfieldOp.set("i4", 4, 100), BitfieldOp.get("i4", 4),
            BitfieldOp.set("i4", 4, 100).overflow(Overflow.SAT), BitfieldOp.get("i4", 4),
            BitfieldOp.set("u4", 0, -1).overflow(Overflow.SAT), BitfieldOp.get("u4", 0),
            BitfieldOp.set("u4", 0, -1).overflow(Overflow.FAIL))).containsExactly(7L, 4L, 4L, 7L, 0L, 15L, null);
        assertThat(store.bitfield(b("o"), BitfieldOp.incrby("u2", 0, Long.MAX_VALUE).overflow(Overflow.SAT),
            BitfieldOp.incrby("u2", 0, Long.MIN_VALUE).overflow(Overflow.SAT),
            BitfieldOp.incrby("u2", 0, Long.MAX_VALUE), BitfieldOp.incrby("i3", 0, Long.MIN_VALUE)))
            .containsExactly(3L, 0L, 3L, -1L);
    }

    @Test
    void shouldHandleTheWidestFields() {
        assertThat(store.bitfield(b("w"), BitfieldOp.set("i64", 0, Long.MAX_VALUE), BitfieldOp.incrby("i64", 0, 1),
            BitfieldOp.incrby("i64", 0, -1).overflow(Overflow.SAT),
            BitfieldOp.incrby("i64", 0, -1).overflow(Overflow.FAIL),
            BitfieldOp.incrby("i64", 0, 1).overflow(Overflow.FAIL)))
            .containsExactly(0L, Long.MIN_VALUE, Long.MIN_VALUE, null, Long.MIN_VALUE + 1);
        assertThat(store.bitfield(b("w"), BitfieldOp.set("u63", 0, Long.MAX_VALUE), BitfieldOp.incrby("u63", 0, 1),
            BitfieldOp.incrby("u63", 0, -1).overflow(Overflow.SAT),
            BitfieldOp.incrby("u63", 0, -1).overflow(Overflow.FAIL),
            BitfieldOp.incrby("u63", 0, Long.MAX_VALUE).overflow(Overflow.SAT)))
            .containsExactly(4_611_686_018_427_387_904L, 0L, 0L, null, Long.MAX_VALUE);
        assertThat(store.strlen(b("w"))).isEqualTo(8);
    }

    @Test
    void shouldGrowToTheFarthestWriteKeepTheTtlAndNotCreateOnGets() {
        assertThat(store.bitfield(b("ghost"), BitfieldOp.get("u8", 0), BitfieldOp.get("i64", 100)))
            .containsExactly(0L, 0L);
        assertThat(store.exists(b("ghost"))).isZero();
        store.set(b("t"), b("abc"));
        store.expire(b("t"), 100, ExpireCondition.ALWAYS);
        assertThat(store.bitfield(b("t"), BitfieldOp.get("u8", 1000), BitfieldOp.set("u8", 100, 1),
            BitfieldOp.get("u8", 100))).containsExactly(0L, 0L, 1L);
        assertThat(store.strlen(b("t"))).isEqualTo(14);
        assertThat(store.ttl(b("t"))).isEqualTo(100);
        // The farthest field may end past 2^32 bits, as in Redis.
        assertThat(BitfieldOp.typeOffset("u8", 1L << 62)).isZero();
    }

    @Test
    void shouldGrowButNotAnnounceWhenEveryWriteFailed() {
        assertThat(heard(() -> assertThat(store.bitfield(b("nk"),
            BitfieldOp.set("u8", 16, 256).overflow(Overflow.FAIL))).containsExactly((Long) null))).isEmpty();
        assertThat(store.get(b("nk"))).containsExactly(0, 0, 0);
        store.set(b("w"), b("a"));
        assertThat(heard(() -> store.bitfield(b("w"), BitfieldOp.set("u8", 0, 0x61)))).isEmpty();
        assertThat(heard(() -> store.bitfield(b("w"), BitfieldOp.set("u8", 0, 0x62)))).containsExactly("w");
        assertThat(heard(() -> store.bitfield(b("w"), BitfieldOp.get("u8", 0)))).isEmpty();
        assertThat(heard(() -> store.bitfield(b("w"), BitfieldOp.set("u1", 8, 0)))).containsExactly("w");
    }

    @Test
    void shouldValidateEveryOperationBeforeTouchingTheKey() {
        final String type = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported "
            + "but i64 is.";
        for (final String bad : new String[] {"u64", "i65", "i0", "u0", "U8", "I8", "x8", "i", "u08", "u+8", "i-8",
            "", "u99999999999999999999"}) {
            assertThatThrownBy(() -> BitfieldOp.get(bad, 0)).as(bad).hasMessage(type);
        }
        assertThatThrownBy(() -> store.bitfield(b("list"),
            new BitfieldOp(BitfieldOp.Kind.GET, false, 64, 0, 0, Overflow.WRAP))).hasMessage(type);
        assertThatThrownBy(() -> store.bitfield(b("list"), BitfieldOp.get("u8", -1))).hasMessage(BIT_OFFSET);
        assertThatThrownBy(() -> store.bitfield(b("k"), BitfieldOp.set("u8", 0, 1), BitfieldOp.get("u8", 1L << 32)))
            .hasMessage(BIT_OFFSET);
        assertThat(store.exists(b("k"))).isZero();
        assertThatThrownBy(() -> store.bitfield(b("list"), BitfieldOp.get("u8", 0))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.bitfield(b("list"), BitfieldOp.set("u8", 0, 1))).hasMessage(WRONGTYPE);
    }

    @Test
    void shouldServeBitfieldRoForGetsOnly() {
        store.set(b("f"), bytes(0x9c, 0xff));
        assertThat(store.bitfieldRo(b("f"), BitfieldOp.get("u8", 0), BitfieldOp.get("i4", 4),
            BitfieldOp.get("u8", BitfieldOp.typeOffset("u8", 1)))).containsExactly(156L, -4L, 255L);
        assertThat(store.bitfieldRo(b("missing"), BitfieldOp.get("u8", 0))).containsExactly(0L);
        assertThat(store.exists(b("missing"))).isZero();
        assertThatThrownBy(() -> store.bitfieldRo(b("f"), BitfieldOp.get("u8", 0), BitfieldOp.set("u8", 0, 1)))
            .hasMessage("ERR BITFIELD_RO only supports the GET subcommand");
        assertThatThrownBy(() -> store.bitfieldRo(b("f"), BitfieldOp.incrby("u8", 0, 1)))
            .hasMessage("ERR BITFIELD_RO only supports the GET subcommand");
        assertThatThrownBy(() -> store.bitfieldRo(b("list"), BitfieldOp.get("u8", 0))).hasMessage(WRONGTYPE);
        assertThat(store.get(b("f"))).containsExactly(0x9c, 0xff);
    }

    @Test
    void shouldTreatExpiredKeysAsMissing() {
        store.set(b("k"), bytes(0xff));
        store.pexpire(b("k"), 10, ExpireCondition.ALWAYS);
        clock.advance(11);
        assertThat(store.getbit(b("k"), 0)).isZero();
        assertThat(store.bitcount(b("k"))).isZero();
        assertThat(store.bitpos(b("k"), 0)).isZero();
        store.set(b("k"), bytes(0xff));
        store.pexpire(b("k"), 10, ExpireCondition.ALWAYS);
        clock.advance(11);
        assertThat(store.setbit(b("k"), 7, 1)).isZero();
        assertThat(store.get(b("k"))).containsExactly(1);
        assertThat(store.ttl(b("k"))).isEqualTo(-1);
    }
}
