package io.minikv.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Expiration;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.SetArgs;
import io.minikv.api.SetCondition;
import io.minikv.api.ValueSink;
import io.minikv.api.ValueType;

class StringCommandsTest {
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

    static byte[] b(final String s) {
        return s.getBytes(UTF_8);
    }

    static String s(final byte[] b) {
        return b == null ? null : new String(b, UTF_8);
    }

    void putZset(final String key) {
        ((EmbeddedKvStore) store).keyspace().writeObject(b(key), ValueType.ZSET, slot -> {
            slot.set(new TestObject("z"));
            return null;
        });
    }

    @Test
    void shouldSetAndGet() {
        assertThat(store.get(b("k"))).isNull();
        store.set(b("k"), b("v"));
        assertThat(s(store.get(b("k")))).isEqualTo("v");
        store.set(b("k"), b("a longer value that needs another block size class ........................"));
        assertThat(s(store.get(b("k")))).startsWith("a longer value");
        store.set(b("k"), b("w"));
        assertThat(s(store.get(b("k")))).isEqualTo("w");
        assertThat(store.dbsize()).isEqualTo(1);
    }

    @Test
    void shouldStoreEmptyKeyEmptyValueAndBinaryBytes() {
        store.set(new byte[0], new byte[0]);
        assertThat(store.get(new byte[0])).isEmpty();
        final byte[] bin = {0, (byte) 0xFF, 0, 13, 10, (byte) 0x80};
        store.set(bin, bin);
        assertThat(store.get(bin)).isEqualTo(bin);
        assertThat(store.get(Arrays.copyOf(bin, 5))).isNull();
        assertThat(store.exists(new byte[0], bin)).isEqualTo(2);
    }

    @Test
    void shouldStoreLargeValuesInDedicatedBuffers() {
        final byte[] big = new byte[3_000_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        store.set(b("big"), big);
        assertThat(store.get(b("big"))).isEqualTo(big);
        assertThat(store.strlen(b("big"))).isEqualTo(big.length);
        store.set(b("big"), b("small"));
        assertThat(s(store.get(b("big")))).isEqualTo("small");
        store.set(b("big"), big);
        assertThat(store.del(b("big"))).isEqualTo(1);
    }

    @Test
    void shouldHonourNxAndXx() {
        assertThat(store.set(b("k"), b("1"), SetArgs.ifPresent())).isFalse();
        assertThat(store.get(b("k"))).isNull();
        assertThat(store.set(b("k"), b("1"), SetArgs.ifAbsent())).isTrue();
        assertThat(store.set(b("k"), b("2"), SetArgs.ifAbsent())).isFalse();
        assertThat(s(store.get(b("k")))).isEqualTo("1");
        assertThat(store.set(b("k"), b("3"), SetArgs.ifPresent())).isTrue();
        assertThat(s(store.get(b("k")))).isEqualTo("3");
    }

    @Test
    void shouldApplySetExpirations() {
        store.set(b("k"), b("v"), SetArgs.PLAIN.with(Expiration.seconds(10)));
        assertThat(store.pttl(b("k"))).isEqualTo(10_000);
        store.set(b("k"), b("v"), SetArgs.PLAIN.with(Expiration.millis(1500)));
        assertThat(store.pttl(b("k"))).isEqualTo(1500);
        store.set(b("k"), b("v"), SetArgs.PLAIN.with(Expiration.atUnixSeconds(T0 / 1000 + 100)));
        assertThat(store.pexpiretime(b("k"))).isEqualTo(T0 + 100_000);
        store.set(b("k"), b("v"), SetArgs.PLAIN.with(Expiration.atUnixMillis(T0 + 7)));
        assertThat(store.pexpiretime(b("k"))).isEqualTo(T0 + 7);
        store.set(b("k"), b("w"), SetArgs.PLAIN.with(Expiration.KEEP_TTL));
        assertThat(store.pexpiretime(b("k"))).isEqualTo(T0 + 7);
        assertThat(s(store.get(b("k")))).isEqualTo("w");
        store.set(b("k"), b("x"));
        assertThat(store.pttl(b("k"))).isEqualTo(-1);
        store.set(b("fresh"), b("v"), SetArgs.PLAIN.with(Expiration.KEEP_TTL));
        assertThat(store.pttl(b("fresh"))).isEqualTo(-1);
    }

    @Test
    void shouldDeleteOnSetWithDeadlineInThePast() {
        store.set(b("k"), b("v"));
        assertThat(store.set(b("k"), b("w"), SetArgs.PLAIN.with(Expiration.atUnixMillis(T0 - 1)))).isTrue();
        assertThat(store.get(b("k"))).isNull();
        assertThat(store.dbsize()).isZero();
    }

    @Test
    void shouldRejectInvalidExpireTimesWithoutWriting() {
        for (final Expiration e : new Expiration[] {Expiration.seconds(0), Expiration.millis(-1),
            Expiration.seconds(Long.MAX_VALUE / 1000 + 1), Expiration.millis(Long.MAX_VALUE - T0 + 1),
            Expiration.atUnixMillis(0)}) {
            assertThatThrownBy(() -> store.set(b("k"), b("v"), SetArgs.PLAIN.with(e)))
                .isInstanceOf(KvException.class).hasMessage("ERR invalid expire time in 'set' command");
        }
        assertThat(store.exists(b("k"))).isZero();
    }

    @Test
    void shouldSetGet() {
        assertThat(store.setGet(b("k"), b("1"), SetArgs.PLAIN)).isNull();
        assertThat(s(store.setGet(b("k"), b("2"), SetArgs.PLAIN))).isEqualTo("1");
        assertThat(s(store.setGet(b("k"), b("3"), SetArgs.ifAbsent()))).isEqualTo("2");
        assertThat(s(store.get(b("k")))).isEqualTo("2");
        assertThat(store.setGet(b("m"), b("3"), SetArgs.ifPresent())).isNull();
        assertThat(store.exists(b("m"))).isZero();
        putZset("z");
        assertThatThrownBy(() -> store.setGet(b("z"), b("v"), SetArgs.PLAIN))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThat(store.type(b("z"))).isEqualTo(ValueType.ZSET);
    }

    @Test
    void shouldOverwriteAnyTypeWithSet() {
        putZset("z");
        assertThatThrownBy(() -> store.get(b("z"))).hasMessageStartingWith("WRONGTYPE");
        store.set(b("z"), b("v"));
        assertThat(store.type(b("z"))).isEqualTo(ValueType.STRING);
        assertThat(s(store.get(b("z")))).isEqualTo("v");
    }

    @Test
    void shouldGetDel() {
        store.set(b("k"), b("v"));
        assertThat(s(store.getdel(b("k")))).isEqualTo("v");
        assertThat(store.getdel(b("k"))).isNull();
        putZset("z");
        assertThatThrownBy(() -> store.getdel(b("z"))).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldGetEx() {
        assertThat(store.getex(b("k"), Expiration.seconds(5))).isNull();
        store.set(b("k"), b("v"));
        assertThat(s(store.getex(b("k"), Expiration.seconds(5)))).isEqualTo("v");
        assertThat(store.ttl(b("k"))).isEqualTo(5);
        assertThat(s(store.getex(b("k"), null))).isEqualTo("v");
        assertThat(store.ttl(b("k"))).isEqualTo(5);
        assertThat(s(store.getex(b("k"), Expiration.PERSIST))).isEqualTo("v");
        assertThat(store.ttl(b("k"))).isEqualTo(-1);
        assertThatThrownBy(() -> store.getex(b("k"), Expiration.seconds(0)))
            .hasMessage("ERR invalid expire time in 'getex' command");
        assertThat(store.getex(b("missing"), Expiration.millis(-5))).isNull();
        putZset("z");
        assertThatThrownBy(() -> store.getex(b("z"), Expiration.millis(-5))).hasMessageStartingWith("WRONGTYPE");
        assertThat(s(store.getex(b("k"), Expiration.atUnixMillis(T0)))).isEqualTo("v");
        assertThat(store.exists(b("k"))).isZero();
    }

    @Test
    void shouldMgetMsetMsetnx() {
        store.mset(b("a"), b("1"), b("b"), b("2"));
        putZset("z");
        assertThat(store.mget(b("a"), b("z"), b("nope"), b("b"))).extracting(StringCommandsTest::s)
            .containsExactly("1", null, null, "2");
        assertThat(store.msetnx(b("c"), b("3"), b("a"), b("x"))).isFalse();
        assertThat(store.exists(b("c"))).isZero();
        assertThat(store.msetnx(b("c"), b("3"), b("d"), b("4"), b("c"), b("5"))).isTrue();
        assertThat(s(store.get(b("c")))).isEqualTo("5");
        assertThatThrownBy(() -> store.mset(b("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.msetnx()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAppendKeepingTtl() {
        assertThat(store.append(b("k"), b("ab"))).isEqualTo(2);
        store.pexpire(b("k"), 1000, io.minikv.api.ExpireCondition.ALWAYS);
        assertThat(store.append(b("k"), b("cd"))).isEqualTo(4);
        assertThat(store.append(b("k"), new byte[0])).isEqualTo(4);
        assertThat(s(store.get(b("k")))).isEqualTo("abcd");
        assertThat(store.pttl(b("k"))).isEqualTo(1000);
        putZset("z");
        assertThatThrownBy(() -> store.append(b("z"), b("x"))).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldStrlen() {
        assertThat(store.strlen(b("k"))).isZero();
        store.set(b("k"), b("hello"));
        assertThat(store.strlen(b("k"))).isEqualTo(5);
        putZset("z");
        assertThatThrownBy(() -> store.strlen(b("z"))).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldGetRangeAsRedis() {
        store.set(b("k"), b("Hello World"));
        assertThat(s(store.getrange(b("k"), 0, 4))).isEqualTo("Hello");
        assertThat(s(store.getrange(b("k"), -5, -1))).isEqualTo("World");
        assertThat(s(store.getrange(b("k"), -3, 100))).isEqualTo("rld");
        assertThat(s(store.getrange(b("k"), 5, 3))).isEmpty();
        assertThat(s(store.getrange(b("k"), -1, -5))).isEmpty();
        assertThat(s(store.getrange(b("k"), -100, 0))).isEqualTo("H");
        assertThat(s(store.getrange(b("k"), 0, -100))).isEqualTo("H");
        assertThat(s(store.getrange(b("k"), Long.MIN_VALUE, Long.MAX_VALUE))).isEqualTo("Hello World");
        assertThat(s(store.getrange(b("none"), 0, -1))).isEmpty();
        store.set(b("e"), new byte[0]);
        assertThat(s(store.getrange(b("e"), 0, -1))).isEmpty();
        putZset("z");
        assertThatThrownBy(() -> store.getrange(b("z"), 0, 1)).hasMessageStartingWith("WRONGTYPE");
        // Redis checks the type before it looks at the range, even one that is empty whatever the value.
        assertThatThrownBy(() -> store.getrange(b("z"), -1, -2)).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldSetRangeAsRedis() {
        assertThat(store.setrange(b("k"), 5, new byte[0])).isZero();
        assertThat(store.exists(b("k"))).isZero();
        assertThat(store.setrange(b("k"), 3, b("ab"))).isEqualTo(5);
        assertThat(store.get(b("k"))).isEqualTo(new byte[] {0, 0, 0, 'a', 'b'});
        assertThat(store.setrange(b("k"), 0, b("xy"))).isEqualTo(5);
        assertThat(store.get(b("k"))).isEqualTo(new byte[] {'x', 'y', 0, 'a', 'b'});
        assertThat(store.setrange(b("k"), 100, new byte[0])).isEqualTo(5);
        assertThatThrownBy(() -> store.setrange(b("k"), -1, b("a"))).hasMessage("ERR offset is out of range");
        assertThatThrownBy(() -> store.setrange(b("k"), 512L * 1024 * 1024, b("a")))
            .hasMessage("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
        assertThat(store.setrange(b("k2"), 512L * 1024 * 1024 - 1, new byte[0])).isZero();
        putZset("z");
        assertThatThrownBy(() -> store.setrange(b("z"), 0, b("a"))).hasMessageStartingWith("WRONGTYPE");
        assertThatThrownBy(() -> store.setrange(b("z"), -1, b("a"))).hasMessage("ERR offset is out of range");
    }

    @Test
    void shouldAppendUpToTheLimitOnly() {
        assertThatThrownBy(() -> store.setrange(b("k"), 512L * 1024 * 1024 - 1, b("ab"))).hasMessage("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }

    @Test
    void shouldIncrBy() {
        assertThat(store.incrby(b("n"), 1)).isEqualTo(1);
        assertThat(store.incrby(b("n"), -11)).isEqualTo(-10);
        assertThat(s(store.get(b("n")))).isEqualTo("-10");
        store.set(b("m"), b(Long.toString(Long.MAX_VALUE)));
        assertThatThrownBy(() -> store.incrby(b("m"), 1)).hasMessage("ERR increment or decrement would overflow");
        store.set(b("m"), b(Long.toString(Long.MIN_VALUE)));
        assertThatThrownBy(() -> store.incrby(b("m"), -1)).hasMessage("ERR increment or decrement would overflow");
        assertThat(store.incrby(b("m"), Long.MAX_VALUE)).isEqualTo(-1);
        for (final String bad : new String[] {"", "+1", "01", "-0", " 1", "1 ", "1.0", "abc",
            "9223372036854775808", "-9223372036854775809", "-"}) {
            store.set(b("bad"), b(bad));
            assertThatThrownBy(() -> store.incrby(b("bad"), 1)).as(bad)
                .hasMessage("ERR value is not an integer or out of range");
        }
        store.set(b("zero"), b("0"));
        assertThat(store.incrby(b("zero"), 0)).isZero();
        store.pexpire(b("n"), 500, io.minikv.api.ExpireCondition.ALWAYS);
        store.incrby(b("n"), 1);
        assertThat(store.pttl(b("n"))).isEqualTo(500);
        putZset("z");
        assertThatThrownBy(() -> store.incrby(b("z"), 1)).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldIncrByFloatLikeRedis() {
        store.set(b("a"), b("10.5"));
        assertThat(store.incrbyfloat(b("a"), 0.1)).isEqualTo("10.6");
        store.set(b("b"), b("3.0e3"));
        assertThat(store.incrbyfloat(b("b"), 200)).isEqualTo("3200");
        store.set(b("c"), b("0.1"));
        assertThat(store.incrbyfloat(b("c"), 0.2)).isEqualTo("0.3");
        assertThat(store.incrbyfloat(b("d"), 1e20)).isEqualTo("100000000000000000000");
        assertThat(store.incrbyfloat(b("e"), 1.5e-20)).isEqualTo("0");
        store.set(b("f"), b("5."));
        assertThat(store.incrbyfloat(b("f"), 1)).isEqualTo("6");
        store.set(b("g"), b("+1.5"));
        assertThat(store.incrbyfloat(b("g"), 1)).isEqualTo("2.5");
        store.set(b("h"), b("0x10"));
        assertThat(store.incrbyfloat(b("h"), 1)).isEqualTo("17");
        assertThat(store.incrbyfloat(b("i"), -2.5)).isEqualTo("-2.5");
        assertThat(s(store.get(b("i")))).isEqualTo("-2.5");
        store.set(b("inf"), b("inf"));
        assertThatThrownBy(() -> store.incrbyfloat(b("inf"), 1))
            .hasMessage("ERR increment would produce NaN or Infinity");
        assertThatThrownBy(() -> store.incrbyfloat(b("x"), Double.POSITIVE_INFINITY))
            .hasMessage("ERR increment would produce NaN or Infinity");
        for (final String bad : new String[] {"nan", " 1", "1 ", "abc", "", "1e"}) {
            store.set(b("bad"), b(bad));
            assertThatThrownBy(() -> store.incrbyfloat(b("bad"), 1)).as(bad)
                .hasMessage("ERR value is not a valid float");
        }
        putZset("z");
        assertThatThrownBy(() -> store.incrbyfloat(b("z"), 1)).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldRejectValuesAboveTheLimitWithoutAllocatingThem() {
        final ByteBuffer tiny = ByteBuffer.allocate(1);
        assertThatThrownBy(() -> store.set(tiny, 0, 1, tiny, 0, 512 * 1024 * 1024 + 1, SetArgs.PLAIN))
            .hasMessage("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    }

    @Test
    void shouldReadAndWriteThroughBuffersWithoutCopies() {
        final ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.put(0, b("xxkeyyy"));
        final ByteBuffer heap = ByteBuffer.wrap(b("..value.."));
        assertThat(store.set(direct, 2, 3, heap, 2, 5, SetArgs.PLAIN)).isTrue();
        assertThat(s(store.get(b("key")))).isEqualTo("value");
        final ByteBuffer out = ByteBuffer.allocate(16);
        final ValueSink sink = (src, off, len) -> {
            out.clear();
            src.getBytes(off, out, 0, len);
            out.limit(len);
        };
        assertThat(store.get(ByteBuffer.wrap(b("key")), 0, 3, sink)).isEqualTo(5);
        assertThat(s(Arrays.copyOf(out.array(), out.limit()))).isEqualTo("value");
        assertThat(store.get(direct, 2, 3, sink)).isEqualTo(5);
        assertThat(store.get(direct, 0, 3, sink)).isEqualTo(-1);
        assertThat(store.get(ByteBuffer.wrap(b("key")).asReadOnlyBuffer(), 0, 3, sink)).isEqualTo(5);
        assertThat(store.set(ByteBuffer.wrap(b("key")), 0, 3, heap, 0, 1,
            new SetArgs(SetCondition.IF_ABSENT, null))).isFalse();
        assertThatThrownBy(() -> store.get(direct, 60, 10, sink)).isInstanceOf(IndexOutOfBoundsException.class);
        putZset("z");
        assertThatThrownBy(() -> store.get(ByteBuffer.wrap(b("z")), 0, 1, sink)).hasMessageStartingWith("WRONGTYPE");
    }

    @Test
    void shouldThrowAfterClose() {
        store.close();
        assertThatThrownBy(() -> store.get(b("k"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.set(b("k"), b("v"))).isInstanceOf(IllegalStateException.class);
        store.close();
    }
}
