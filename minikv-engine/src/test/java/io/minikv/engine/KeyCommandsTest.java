package io.minikv.engine;

import static io.minikv.engine.StringCommandsTest.b;
import static io.minikv.engine.StringCommandsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScanResult;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;

class KeyCommandsTest {
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

    void putZset(final KvStore db, final String key, final String content) {
        ((EmbeddedKvStore) db).keyspace().writeObject(b(key), ValueType.ZSET, slot -> {
            slot.set(new TestObject(content));
            return null;
        });
    }

    String zsetContent(final KvStore db, final String key) {
        return ((EmbeddedKvStore) db).keyspace().readObject(b(key), ValueType.ZSET,
            (ObjectValue v) -> v == null ? null : ((TestObject) v).content.toString());
    }

    static Set<String> strings(final List<byte[]> keys) {
        return keys.stream().map(StringCommandsTest::s).collect(Collectors.toSet());
    }

    @Test
    void shouldDelExistsTouchAndType() {
        store.mset(b("a"), b("1"), b("b"), b("2"));
        putZset(store, "z", "");
        assertThat(store.exists(b("a"), b("a"), b("c"), b("z"))).isEqualTo(3);
        assertThat(store.touch(b("a"), b("c"))).isEqualTo(1);
        assertThat(store.type(b("a"))).isEqualTo(ValueType.STRING);
        assertThat(store.type(b("z"))).isEqualTo(ValueType.ZSET);
        assertThat(store.type(b("c"))).isEqualTo(ValueType.NONE);
        assertThat(store.del(b("a"), b("a"), b("c"), b("z"))).isEqualTo(2);
        assertThat(store.dbsize()).isEqualTo(1);
    }

    @Test
    void shouldListKeysWithGlobs() {
        store.mset(b("hello"), b("1"), b("hallo"), b("1"), b("hxllo"), b("1"), b("hllo"), b("1"), b("heeeello"),
            b("1"));
        assertThat(strings(store.keys(b("*")))).hasSize(5);
        assertThat(strings(store.keys(b("h?llo")))).containsExactlyInAnyOrder("hello", "hallo", "hxllo");
        assertThat(strings(store.keys(b("h*llo")))).hasSize(5);
        assertThat(strings(store.keys(b("h[ae]llo")))).containsExactlyInAnyOrder("hello", "hallo");
        assertThat(strings(store.keys(b("h[^e]llo")))).containsExactlyInAnyOrder("hallo", "hxllo");
        assertThat(strings(store.keys(b("h[a-b]llo")))).containsExactlyInAnyOrder("hallo");
        store.set(new byte[0], b("empty key"));
        assertThat(strings(store.keys(b("*")))).hasSize(6).contains("");
        assertThat(strings(store.keys(b("**")))).hasSize(5).doesNotContain("");
        store.del(new byte[0]);
        store.pexpire(b("hello"), 10, ExpireCondition.ALWAYS);
        clock.advance(11);
        assertThat(strings(store.keys(b("*")))).doesNotContain("hello").hasSize(4);
    }

    @Test
    void shouldScanEverythingWithMatchCountAndType() {
        for (int i = 0; i < 2000; i++) {
            store.set(b("key:" + i), b("v"));
        }
        putZset(store, "key:z", "");
        final Set<String> seen = new HashSet<>();
        final Set<String> zsets = new HashSet<>();
        long cursor = 0;
        int calls = 0;
        do {
            final ScanResult r = store.scan(cursor, b("key:1*"), 10, null);
            seen.addAll(strings(r.keys()));
            cursor = r.cursor();
            calls++;
        } while (cursor != 0);
        assertThat(calls).isGreaterThan(10);
        assertThat(seen).hasSize(1 + 10 + 100 + 1000).allMatch(k -> k.startsWith("key:1"));
        cursor = 0;
        do {
            final ScanResult r = store.scan(cursor, null, 1000, ValueType.ZSET);
            zsets.addAll(strings(r.keys()));
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(zsets).containsExactly("key:z");
        assertThat(store.scan(0, null, 100_000, null).keys()).hasSize(2001);
        assertThat(store.scan(0, null, Long.MAX_VALUE, null)).satisfies(r -> {
            assertThat(r.keys()).hasSize(2001);
            assertThat(r.cursor()).isZero();
        });
        assertThat(store.scan(99L << 32, null, 10, null)).isEqualTo(new ScanResult(0, List.of()));
    }

    @Test
    void shouldReturnRandomKeys() {
        assertThat(store.randomkey()).isNull();
        store.set(b("only"), b("1"));
        assertThat(s(store.randomkey())).isEqualTo("only");
        store.pexpire(b("only"), 1, ExpireCondition.ALWAYS);
        clock.advance(2);
        assertThat(store.randomkey()).isNull();
        for (int i = 0; i < 100; i++) {
            store.set(b("k" + i), b("v"));
        }
        assertThat(s(store.randomkey())).startsWith("k");
    }

    @Test
    void shouldRenameWithTtl() {
        assertThatThrownBy(() -> store.rename(b("nope"), b("x"))).hasMessage("ERR no such key");
        assertThatThrownBy(() -> store.renamenx(b("nope"), b("nope"))).hasMessage("ERR no such key");
        store.set(b("a"), b("1"));
        store.pexpire(b("a"), 5000, ExpireCondition.ALWAYS);
        store.set(b("b"), b("2"));
        store.rename(b("a"), b("b"));
        assertThat(store.exists(b("a"))).isZero();
        assertThat(s(store.get(b("b")))).isEqualTo("1");
        assertThat(store.pttl(b("b"))).isEqualTo(5000);
        store.rename(b("b"), b("b"));
        assertThat(store.pttl(b("b"))).isEqualTo(5000);
        assertThat(store.renamenx(b("b"), b("b"))).isFalse();
        store.set(b("c"), b("3"));
        assertThat(store.renamenx(b("b"), b("c"))).isFalse();
        assertThat(store.renamenx(b("b"), b("d"))).isTrue();
        assertThat(s(store.get(b("d")))).isEqualTo("1");
        putZset(store, "z", "members");
        store.rename(b("z"), b("z2"));
        assertThat(zsetContent(store, "z2")).isEqualTo("members");
        assertThat(store.type(b("z"))).isEqualTo(ValueType.NONE);
    }

    @Test
    void shouldRenameManyKeysAcrossSegments() {
        for (int i = 0; i < 500; i++) {
            store.set(b("src" + i), b("v" + i));
        }
        for (int i = 0; i < 500; i++) {
            store.rename(b("src" + i), b("dst" + i));
        }
        for (int i = 0; i < 500; i++) {
            assertThat(s(store.get(b("dst" + i)))).isEqualTo("v" + i);
        }
        assertThat(store.dbsize()).isEqualTo(500);
    }

    @Test
    void shouldCopyAsRedis() {
        final KvStore db1 = store.database(1);
        assertThat(store.copy(b("nope"), b("x"), 0, false)).isFalse();
        assertThatThrownBy(() -> store.copy(b("a"), b("a"), 0, false))
            .hasMessage("ERR source and destination objects are the same");
        assertThatThrownBy(() -> store.copy(b("a"), b("a"), 16, false)).hasMessage("ERR DB index is out of range");
        store.set(b("a"), b("1"));
        store.expire(b("a"), 100, ExpireCondition.ALWAYS);
        assertThat(store.copy(b("a"), b("b"), 0, false)).isTrue();
        assertThat(store.ttl(b("b"))).isEqualTo(100);
        store.set(b("c"), b("old"));
        assertThat(store.copy(b("a"), b("c"), 0, false)).isFalse();
        assertThat(store.copy(b("a"), b("c"), 0, true)).isTrue();
        assertThat(s(store.get(b("c")))).isEqualTo("1");
        assertThat(store.copy(b("a"), b("a"), 1, false)).isTrue();
        assertThat(s(db1.get(b("a")))).isEqualTo("1");
        putZset(store, "z", "m");
        assertThat(store.copy(b("z"), b("z2"), 0, false)).isTrue();
        putZset(store, "z", "changed");
        assertThat(zsetContent(store, "z2")).isEqualTo("m");
    }

    @Test
    void shouldMoveAsRedis() {
        final KvStore db1 = store.database(1);
        assertThatThrownBy(() -> store.move(b("a"), 0)).hasMessage("ERR source and destination objects are the same");
        assertThatThrownBy(() -> store.move(b("a"), -1)).hasMessage("ERR DB index is out of range");
        assertThat(store.move(b("a"), 1)).isFalse();
        store.set(b("a"), b("1"));
        store.pexpire(b("a"), 777, ExpireCondition.ALWAYS);
        assertThat(store.move(b("a"), 1)).isTrue();
        assertThat(store.exists(b("a"))).isZero();
        assertThat(db1.pttl(b("a"))).isEqualTo(777);
        store.set(b("a"), b("2"));
        assertThat(store.move(b("a"), 1)).isFalse();
        assertThat(s(store.get(b("a")))).isEqualTo("2");
        assertThat(db1.databaseIndex()).isEqualTo(1);
        assertThat(db1.databases()).isEqualTo(16);
    }

    @Test
    void shouldKeepDatabasesApartAndFlush() {
        final KvStore db2 = store.database(2);
        store.set(b("k"), b("0"));
        db2.set(b("k"), b("2"));
        assertThat(s(store.get(b("k")))).isEqualTo("0");
        assertThat(s(db2.get(b("k")))).isEqualTo("2");
        db2.flushdb();
        assertThat(db2.dbsize()).isZero();
        assertThat(store.dbsize()).isEqualTo(1);
        db2.set(b("k"), b("2"));
        store.flushall();
        assertThat(store.dbsize() + db2.dbsize()).isZero();
        store.set(b("k"), b("again"));
        assertThat(s(store.get(b("k")))).isEqualTo("again");
        assertThatThrownBy(() -> store.database(16)).hasMessage("ERR DB index is out of range");
    }

    @Test
    void shouldReportStats() {
        final EngineStats stats = EngineStats.of(store);
        for (int i = 0; i < 1000; i++) {
            store.set(b("k" + i), b("v"));
        }
        store.expire(b("k1"), 10, ExpireCondition.ALWAYS);
        assertThat(stats.keys(0)).isEqualTo(1000);
        assertThat(stats.expires(0)).isEqualTo(1);
        assertThat(stats.usedMemoryBytes()).isGreaterThan(1000 * 24L);
        assertThat(stats.allocatedMemoryBytes()).isGreaterThanOrEqualTo(stats.usedMemoryBytes());
        store.flushall();
        assertThat(stats.usedMemoryBytes()).isZero();
        assertThat(stats.allocatedMemoryBytes()).isZero();
    }

    @Test
    void shouldRefuseWritesAboveTheMemoryLimitAndRecoverAfterDeletes() {
        try (KvStore small = MiniKv.open(KvOptions.builder().maxMemoryBytes(2_000_000).activeExpiry(false).build())) {
            final byte[] value = new byte[1000];
            int written = 0;
            try {
                for (int i = 0; i < 100_000; i++) {
                    small.set(b("k" + i), value);
                    written++;
                }
            } catch (final io.minikv.api.KvException e) {
                assertThat(e).hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
            }
            assertThat(written).isBetween(500, 2000);
            assertThat(EngineStats.of(small).allocatedMemoryBytes()).isLessThanOrEqualTo(2_000_000);
            assertThat(small.dbsize()).isEqualTo(written);
            for (int i = 0; i < written; i++) {
                assertThat(small.get(b("k" + i))).hasSize(1000);
            }
            small.del(b("k0"), b("k1"));
            small.set(b("k0"), value);
            assertThat(small.get(b("k0"))).hasSize(1000);
        }
    }
}
