package io.minikv.engine;

import static io.minikv.engine.StringCommandsTest.b;
import static io.minikv.engine.StringCommandsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamId;
import io.minikv.api.XAddArgs;
import io.minikv.engine.rdb.Crc64;
import io.minikv.engine.rdb.Lzf;
import io.minikv.engine.rdb.RdbOutput;

/**
 * DUMP and RESTORE on the embedded API: payloads captured from Redis 7.0.15 (a quicklist with a plain LZF node, an
 * intset, listpack sorted sets and hashes, a stream with a tombstone and a consumer group), a Redis 6 ziplist built
 * by hand, round trips of every type, and the errors in Redis's order.
 */
class DumpRestoreTest {
    static final long T0 = 1_700_000_000_000L;
    final ManualClock clock = new ManualClock(T0);
    KvStore store;

    @BeforeEach
    void open() {
        store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static byte[] hex(final String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static List<String> strings(final List<byte[]> values) {
        return values.stream().map(StringCommandsTest::s).collect(Collectors.toList());
    }

    @Test
    void shouldRestoreRedisQuicklistWithPlainAndPackedNodes() {
        // RPUSH lp a bbbb...(29) c 12 after DEBUG QUICKLIST-PACKED-THRESHOLD 10: the long element is a plain node,
        // itself LZF-compressed.
        store.restore(b("l"), 0, hex("1203020a0a0000000100816102ff01c3091d016262e01000016262020c0c00000002008163020c01"
            + "ff0a00be91654ac5549747"), false, false);
        assertThat(strings(store.lrange(b("l"), 0, -1))).containsExactly("a", "b".repeat(29), "c", "12");
    }

    @Test
    void shouldRestoreRedisIntsetListpackZsetAndListpackHash() {
        store.restore(b("s"), 0, hex("0b0e02000000030000000100020003000a00a5025ce26d6e4d1b"), false, false);
        assertThat(strings(store.smembers(b("s")))).containsExactlyInAnyOrder("1", "2", "3");
        store.restore(b("z"), 0, hex("111111000000040081610201018162020201ff0a00ba07f224a9d28f55"), false, false);
        assertThat(store.zrange(b("z"), 0, -1)).extracting(m -> s(m.member()) + "=" + m.score())
            .containsExactly("a=1.0", "b=2.0");
        store.restore(b("h"), 0, hex("10121200000004008166028176028167020101ff0a0023c1a5e35dfae81c"), false, false);
        assertThat(store.hgetall(b("h"))).extracting(f -> s(f.field()) + "=" + s(f.value()))
            .containsExactlyInAnyOrder("f=v", "g=1");
    }

    @Test
    void shouldRestoreRedisStreamWithTombstoneAndGroup() {
        // XADD 1-1 f v n 1, XADD 2-0 f w n 2, XADD 3-0 q r, XDEL 2-0, XGROUP CREATE g 0, XREADGROUP alice COUNT 1.
        store.restore(b("x"), 0, hex("130110000000000000000100000000000000014041410000001900020101010201816602816e02"
            + "00010201000100018176020101050103010101dfff028177020201050100010201dfff0201018171028172020601ff02030001"
            + "01020003010167010181ffffffffffffffff01000000000000000100000000000000017da1bd0da201000001010561"
            + "6c6963657da1bd0da201000001000000000000000100000000000000010a00d90f96f67ca10c18"), false, false);
        final List<StreamEntry> entries = store.xrange(b("x"), StreamId.MIN, StreamId.MAX, 10);
        assertThat(entries).extracting(e -> e.id().toString()).containsExactly("1-1", "3-0");
        assertThat(s(entries.get(1).fields().get(0).field())).isEqualTo("q");
        assertThat(store.xpending(b("x"), b("g")).count()).isEqualTo(1);
        assertThat(s(store.xpending(b("x"), b("g")).consumers().get(0).name())).isEqualTo("alice");
        // And back: what mini-kv dumps restores to the same stream.
        store.restore(b("y"), 0, store.dump(b("x")), false, false);
        assertThat(store.xrange(b("y"), StreamId.MIN, StreamId.MAX, 10)).extracting(e -> e.id().toString())
            .containsExactly("1-1", "3-0");
        assertThat(store.xpending(b("y"), b("g")).count()).isEqualTo(1);
    }

    @Test
    void shouldRestoreRedis6ZiplistHash() {
        // RDB_TYPE_HASH_ZIPLIST: entries "f" "v" "n" 5 (an immediate integer).
        final byte[] zl = hex("16000000130000000400" + "000166" + "030176" + "03016e" + "03f6" + "ff");
        final RdbOutput out = new RdbOutput().writeByte(13).writePlainString(zl);
        store.restore(b("h"), 0, out.finish(), false, false);
        assertThat(store.hgetall(b("h"))).extracting(f -> s(f.field()) + "=" + s(f.value()))
            .containsExactlyInAnyOrder("f=v", "n=5");
    }

    @Test
    void shouldRoundTripEveryType() {
        store.set(b("s"), b("x".repeat(100)));
        store.rpush(b("l"), b("1"), b("two"), b("-300"), b("y".repeat(9000)));
        store.sadd(b("set"), b("a"), b("1"));
        store.zadd(b("z"), 1.5, b("a"));
        store.zadd(b("z"), Double.NEGATIVE_INFINITY, b("b"));
        store.hset(b("h"), b("f"), b("v"));
        store.xadd(b("x"), XAddArgs.id(StreamId.of(5, 1)), List.of(new FieldValue(b("f"), b("v"))));
        for (final String key : List.of("s", "l", "set", "z", "h", "x")) {
            assertThat(store.restore(b("copy:" + key), 0, store.dump(b(key)), false, false)).isTrue();
            assertThat(store.dump(b("copy:" + key))).as(key).isEqualTo(store.dump(b(key)));
        }
        assertThat(strings(store.lrange(b("copy:l"), 0, -1))).containsExactly("1", "two", "-300", "y".repeat(9000));
        assertThat(store.dump(b("missing"))).isNull();
    }

    @Test
    void shouldHonourTtlReplaceAndAbsttl() {
        store.set(b("k"), b("v"));
        final byte[] payload = store.dump(b("k"));
        store.restore(b("t"), 5000, payload, false, false);
        assertThat(store.pttl(b("t"))).isEqualTo(5000);
        store.restore(b("a"), T0 + 9000, payload, false, true);
        assertThat(store.pttl(b("a"))).isEqualTo(9000);
        // A deadline already passed creates nothing, and deletes what REPLACE names.
        assertThat(store.restore(b("gone"), T0, payload, false, true)).isFalse();
        assertThat(store.exists(b("gone"))).isZero();
        assertThat(store.restore(b("k"), 1, payload, true, true)).isFalse();
        assertThat(store.exists(b("k"))).isZero();
    }

    @Test
    void shouldRefuseInRedisOrder() {
        store.set(b("k"), b("v"));
        final byte[] payload = store.dump(b("k"));
        assertThatThrownBy(() -> store.restore(b("k"), -1, new byte[1], false, false))
            .hasMessage("BUSYKEY Target key name already exists.");
        assertThatThrownBy(() -> store.restore(b("n"), -1, new byte[1], false, false))
            .hasMessage("ERR Invalid TTL value, must be >= 0");
        final byte[] corrupt = payload.clone();
        corrupt[1] ^= 1;
        assertThatThrownBy(() -> store.restore(b("n"), 0, corrupt, false, false))
            .hasMessage("ERR DUMP payload version or checksum are wrong");
        // An empty set, with a valid footer.
        final byte[] empty = new RdbOutput().writeByte(2).writeLength(0).finish();
        assertThatThrownBy(() -> store.restore(b("n"), 0, empty, false, false)).hasMessage("ERR Bad data format");
        final byte[] duplicate = new RdbOutput().writeByte(2).writeLength(2).writeString(b("a")).writeString(b("a"))
            .finish();
        assertThatThrownBy(() -> store.restore(b("n"), 0, duplicate, false, false))
            .hasMessage("ERR Bad data format");
        final byte[] truncated = new RdbOutput().writeByte(0).writeLength(5).finish();
        assertThatThrownBy(() -> store.restore(b("n"), 0, truncated, false, false))
            .hasMessage("ERR Bad data format");
        assertThat(store.exists(b("n"))).isZero();
    }

    @Test
    void shouldMatchRedisCrc64AndRoundTripLzf() {
        assertThat(Crc64.crc64(b("123456789"), 9)).isEqualTo(0xe9c6d914c4b8d9caL);
        final Random random = new Random(42);
        for (int n = 0; n < 200; n++) {
            final byte[] in = new byte[21 + random.nextInt(3000)];
            for (int i = 0; i < in.length; i++) {
                in[i] = (byte) ('a' + random.nextInt(1 + n % 26));
            }
            final byte[] out = new byte[in.length];
            final int length = Lzf.compress(in, out, in.length - 4);
            if (length > 0) {
                assertThat(Lzf.decompress(out, 0, length, in.length)).isEqualTo(in);
            }
        }
    }
}
