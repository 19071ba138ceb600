package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.ManualClock;

/** OBJECT ENCODING and OBJECT REFCOUNT per type, with Redis 7.0's default thresholds and one-way conversions. */
class ObjectOpsTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());

    @AfterEach
    void close() {
        store.close();
    }

    private String enc(final String key) {
        return store.objectEncoding(b(key));
    }

    @Test
    void shouldReportStringEncodingsByTryObjectEncodingRules() {
        final String[][] cases = {
            {"0", "int"}, {"123", "int"}, {"-5", "int"}, {"9223372036854775807", "int"},
            {"-9223372036854775808", "int"}, {"9223372036854775808", "embstr"}, {"01", "embstr"}, {"+1", "embstr"},
            {"-0", "embstr"}, {" 1", "embstr"}, {"1.5", "embstr"}, {"", "embstr"}, {"x".repeat(44), "embstr"},
            {"x".repeat(45), "raw"}, {"1".repeat(45), "raw"},
        };
        for (final String[] c : cases) {
            store.set(b("k"), b(c[0]));
            assertThat(enc("k")).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void shouldReplyNullForMissingAndExpiredKeys() {
        assertThat(enc("nosuch")).isNull();
        assertThat(store.objectRefcount(b("nosuch"))).isEqualTo(-1);
        store.set(b("t"), b("1"));
        store.pexpire(b("t"), 10, ExpireCondition.ALWAYS);
        assertThat(enc("t")).isEqualTo("int");
        clock.advance(11);
        assertThat(enc("t")).isNull();
        assertThat(store.objectRefcount(b("t"))).isEqualTo(-1);
    }

    @Test
    void shouldShareOnlyTheIntegersZeroTo9999() {
        final String[][] cases = {{"0", "2147483647"}, {"9999", "2147483647"}, {"10000", "1"}, {"-1", "1"},
            {"01", "1"}, {"abc", "1"}};
        for (final String[] c : cases) {
            store.set(b("k"), b(c[0]));
            assertThat(store.objectRefcount(b("k"))).as(c[0]).isEqualTo(Long.parseLong(c[1]));
        }
        store.sadd(b("s"), b("1"));
        assertThat(store.objectRefcount(b("s"))).isEqualTo(1);
    }

    @Test
    void shouldConvertHashesOneWay() {
        store.hset(b("h"), b("f"), b("v".repeat(64)));
        assertThat(enc("h")).isEqualTo("listpack");
        store.hset(b("h"), b("g"), b("v".repeat(65)));
        assertThat(enc("h")).isEqualTo("hashtable");
        store.hdel(b("h"), b("g"));
        assertThat(enc("h")).isEqualTo("hashtable");
        for (int i = 0; i < 512; i++) {
            store.hset(b("big"), b("f" + i), b("v"));
        }
        assertThat(enc("big")).isEqualTo("listpack");
        store.hset(b("big"), b("f512"), b("v"));
        assertThat(enc("big")).isEqualTo("hashtable");
        store.copy(b("h"), b("h2"), 0, false);
        assertThat(enc("h2")).isEqualTo("hashtable");
    }

    @Test
    void shouldConvertSetsOneWay() {
        store.sadd(b("s"), b("1"), b("-2"), b("9223372036854775807"));
        assertThat(enc("s")).isEqualTo("intset");
        store.sadd(b("s"), b("01"));
        assertThat(enc("s")).isEqualTo("hashtable");
        store.srem(b("s"), b("01"));
        assertThat(enc("s")).isEqualTo("hashtable");
        store.copy(b("s"), b("s2"), 0, false);
        assertThat(enc("s2")).isEqualTo("hashtable");
        for (int i = 0; i < 512; i++) {
            store.sadd(b("big"), b(Integer.toString(i)));
        }
        assertThat(enc("big")).isEqualTo("intset");
        store.sadd(b("big"), b("512"));
        assertThat(enc("big")).isEqualTo("hashtable");
        store.spop(b("big"), 500);
        assertThat(enc("big")).isEqualTo("hashtable");
    }

    @Test
    void shouldConvertSortedSetsOneWayAndStoreResultsByContent() {
        store.zadd(b("z"), 1, b("m".repeat(64)));
        assertThat(enc("z")).isEqualTo("listpack");
        store.zadd(b("z"), 2, b("m".repeat(65)));
        assertThat(enc("z")).isEqualTo("skiplist");
        store.zrem(b("z"), b("m".repeat(65)));
        assertThat(enc("z")).isEqualTo("skiplist");
        store.copy(b("z"), b("z2"), 0, false);
        assertThat(enc("z2")).isEqualTo("skiplist");
        store.zunionstore(b("u"), new byte[][] {b("z")}, null, io.minikv.api.Aggregate.SUM);
        assertThat(enc("u")).isEqualTo("listpack");
        for (int i = 0; i < 128; i++) {
            store.zadd(b("big"), i, b("m" + i));
        }
        assertThat(enc("big")).isEqualTo("listpack");
        store.zadd(b("big"), 1, b("m1"));
        assertThat(enc("big")).isEqualTo("listpack");
        store.zadd(b("big"), 200, b("m200"));
        assertThat(enc("big")).isEqualTo("skiplist");
        store.zunionstore(b("u"), new byte[][] {b("big")}, null, io.minikv.api.Aggregate.SUM);
        assertThat(enc("u")).isEqualTo("skiplist");
    }

    @Test
    void shouldReportEveryListAsQuicklist() {
        store.rpush(b("l"), b("a"));
        assertThat(enc("l")).isEqualTo("quicklist");
        assertThat(store.objectRefcount(b("l"))).isEqualTo(1);
    }

    @Test
    void shouldReportTheMemoryOfAKeyInTheStoresOwnAccounting() {
        assertThat(store.memoryUsage(b("nosuch"))).isNull();
        store.set(b("small"), b("v"));
        store.set(b("large"), new byte[10_000]);
        final long small = store.memoryUsage(b("small"));
        final long large = store.memoryUsage(b("large"));
        // Header, key and value in one block, plus the table bucket.
        assertThat(small).isBetween(8L + 5 + 1, 8L + 64);
        assertThat(large).isBetween(10_000L, 10_000L + 8 + 1024);
        store.rpush(b("list"), b("a"), b("b"), b("c"));
        final long list = store.memoryUsage(b("list"));
        store.rpush(b("list"), new byte[5_000]);
        assertThat(store.memoryUsage(b("list"))).isGreaterThan(list + 5_000);
        store.pexpire(b("small"), 10, ExpireCondition.ALWAYS);
        clock.advance(11);
        assertThat(store.memoryUsage(b("small"))).isNull();
    }
}
