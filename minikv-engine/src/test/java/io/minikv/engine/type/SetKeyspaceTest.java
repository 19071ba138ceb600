package io.minikv.engine.type;

import static io.minikv.engine.type.SetOpsTest.sorted;
import static io.minikv.engine.type.SortedSetOpsTest.b;
import static io.minikv.engine.type.SortedSetOpsTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScanResult;
import io.minikv.api.ValueType;
import io.minikv.engine.ManualClock;

/** Set keys in the shared keyspace: TYPE, TTLs and lazy expiry, COPY, RENAME, MOVE, SCAN TYPE, DEL, FLUSHALL. */
class SetKeyspaceTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldReportTheSetType() {
        assertThat(store.type(b("s"))).isEqualTo(ValueType.NONE);
        store.sadd(b("s"), b("a"));
        assertThat(store.type(b("s"))).isEqualTo(ValueType.SET);
        assertThat(store.exists(b("s"))).isEqualTo(1);
        assertThat(store.dbsize()).isEqualTo(1);
    }

    @Test
    void shouldExpireSetsLazily() {
        store.sadd(b("s"), b("a"), b("b"));
        assertThat(store.expire(b("s"), 10, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.ttl(b("s"))).isEqualTo(10);
        store.sadd(b("s"), b("c"));
        assertThat(store.ttl(b("s"))).isEqualTo(10);
        clock.advance(10_001);
        assertThat(store.scard(b("s"))).isZero();
        assertThat(store.sismember(b("s"), b("a"))).isFalse();
        assertThat(store.type(b("s"))).isEqualTo(ValueType.NONE);
        assertThat(store.sadd(b("s"), b("z"))).isEqualTo(1);
        assertThat(sorted(store.smembers(b("s")))).containsExactly("z");
        assertThat(store.ttl(b("s"))).isEqualTo(-1);
    }

    @Test
    void shouldPersistAndKeepTheTtlAcrossWrites() {
        store.sadd(b("s"), b("a"));
        store.pexpire(b("s"), 5000, ExpireCondition.ALWAYS);
        store.srem(b("s"), b("zz"));
        assertThat(store.pttl(b("s"))).isEqualTo(5000);
        assertThat(store.persist(b("s"))).isTrue();
        assertThat(store.ttl(b("s"))).isEqualTo(-1);
    }

    @Test
    void shouldCopyDeeply() {
        store.sadd(b("s"), b("a"), b("b"));
        assertThat(store.copy(b("s"), b("c"), 0, false)).isTrue();
        store.sadd(b("c"), b("new"));
        store.srem(b("s"), b("a"));
        assertThat(sorted(store.smembers(b("s")))).containsExactly("b");
        assertThat(sorted(store.smembers(b("c")))).containsExactly("a", "b", "new");
        assertThat(store.copy(b("s"), b("c"), 0, false)).isFalse();
        assertThat(store.copy(b("s"), b("c"), 0, true)).isTrue();
        assertThat(sorted(store.smembers(b("c")))).containsExactly("b");
        assertThat(store.copy(b("s"), b("c"), 2, false)).isTrue();
        assertThat(sorted(store.database(2).smembers(b("c")))).containsExactly("b");
    }

    @Test
    void shouldRenameAndMove() {
        store.sadd(b("s"), b("a"));
        store.expire(b("s"), 100, ExpireCondition.ALWAYS);
        store.rename(b("s"), b("t"));
        assertThat(store.exists(b("s"))).isZero();
        assertThat(sorted(store.smembers(b("t")))).containsExactly("a");
        assertThat(store.ttl(b("t"))).isEqualTo(100);
        assertThat(store.move(b("t"), 1)).isTrue();
        assertThat(store.exists(b("t"))).isZero();
        final KvStore db1 = store.database(1);
        assertThat(db1.type(b("t"))).isEqualTo(ValueType.SET);
        assertThat(db1.sismember(b("t"), b("a"))).isTrue();
        store.sadd(b("t"), b("other"));
        assertThat(store.move(b("t"), 1)).isFalse();
        assertThat(sorted(db1.smembers(b("t")))).containsExactly("a");
    }

    @Test
    void shouldScanByTypeSet() {
        store.sadd(b("s1"), b("a"));
        store.sadd(b("s2"), b("a"));
        store.set(b("str"), b("v"));
        store.zadd(b("z"), 1, b("a"));
        final List<String> keys = new ArrayList<>();
        long cursor = 0;
        do {
            final ScanResult r = store.scan(cursor, null, 10, ValueType.SET);
            for (final byte[] k : r.keys()) {
                keys.add(s(k));
            }
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(keys).containsExactlyInAnyOrder("s1", "s2");
    }

    @Test
    void shouldDeleteAndFlush() {
        store.sadd(b("s1"), b("a"));
        store.sadd(b("s2"), b("a"));
        assertThat(store.del(b("s1"), b("nosuch"))).isEqualTo(1);
        assertThat(store.scard(b("s1"))).isZero();
        store.flushall();
        assertThat(store.exists(b("s2"))).isZero();
        assertThat(store.sadd(b("s2"), b("b"))).isEqualTo(1);
    }

    @Test
    void shouldOverwriteASetWithSet() {
        store.sadd(b("s"), b("a"));
        store.set(b("s"), b("v"));
        assertThat(store.type(b("s"))).isEqualTo(ValueType.STRING);
        assertThat(store.get(b("s"))).isEqualTo(b("v"));
    }
}
