package io.minikv.engine.type;

import static io.minikv.engine.type.ListOpsTest.b;
import static io.minikv.engine.type.ListOpsTest.bs;
import static io.minikv.engine.type.ListOpsTest.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.engine.ManualClock;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;
import io.minikv.api.ScanResult;
import io.minikv.api.SetArgs;
import io.minikv.api.ValueType;

/** List keys in the shared keyspace: TYPE, TTLs, DEL, RENAME, COPY, MOVE, SCAN TYPE, KEYS and FLUSHALL. */
class ListKeyspaceTest {

    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldReportTypeList() {
        assertThat(store.type(b("l"))).isEqualTo(ValueType.NONE);
        store.rpush(b("l"), bs("a"));
        assertThat(store.type(b("l"))).isEqualTo(ValueType.LIST);
        store.lpop(b("l"));
        assertThat(store.type(b("l"))).isEqualTo(ValueType.NONE);
    }

    @Test
    void shouldExpireListsAndKeepTheTtlAcrossWrites() {
        store.rpush(b("l"), bs("a", "b"));
        assertThat(store.pexpire(b("l"), 1000, ExpireCondition.ALWAYS)).isTrue();
        store.rpush(b("l"), bs("c"));
        store.lset(b("l"), 0, b("A"));
        store.lpop(b("l"));
        assertThat(store.pttl(b("l"))).isEqualTo(1000);
        clock.advance(1001);
        assertThat(store.llen(b("l"))).isZero();
        assertThat(store.lindex(b("l"), 0)).isNull();
        assertThat(store.exists(b("l"))).isZero();
        assertThat(store.rpushx(b("l"), bs("x"))).isZero();
        assertThat(store.lpush(b("l"), bs("x"))).isEqualTo(1);
        assertThat(store.pttl(b("l"))).isEqualTo(-1);
    }

    @Test
    void shouldNotMoveFromAnExpiredSource() {
        store.rpush(b("src"), bs("a"));
        store.pexpire(b("src"), 10, ExpireCondition.ALWAYS);
        clock.advance(11);
        assertThat(store.lmove(b("src"), b("dst"), ListEnd.LEFT, ListEnd.LEFT)).isNull();
        assertThat(store.exists(b("dst"))).isZero();
    }

    @Test
    void shouldDeleteAndOverwriteLists() {
        store.rpush(b("l"), bs("a"));
        store.rpush(b("m"), bs("a"));
        assertThat(store.del(b("l"), b("nokey"))).isEqualTo(1);
        assertThat(store.exists(b("l"))).isZero();
        assertThat(store.set(b("m"), b("v"), SetArgs.PLAIN)).isTrue();
        assertThat(store.type(b("m"))).isEqualTo(ValueType.STRING);
        assertThat(store.lpush(b("l"), bs("fresh"))).isEqualTo(1);
    }

    @Test
    void shouldRenameWithTtl() {
        store.rpush(b("l"), bs("a", "b"));
        store.pexpire(b("l"), 5000, ExpireCondition.ALWAYS);
        store.rename(b("l"), b("l2"));
        assertThat(store.exists(b("l"))).isZero();
        assertThat(strings(store.lrange(b("l2"), 0, -1))).containsExactly("a", "b");
        assertThat(store.pttl(b("l2"))).isEqualTo(5000);
        store.rpush(b("l3"), bs("x"));
        assertThat(store.renamenx(b("l2"), b("l3"))).isFalse();
        store.rename(b("l2"), b("l3"));
        assertThat(strings(store.lrange(b("l3"), 0, -1))).containsExactly("a", "b");
    }

    @Test
    void shouldCopyDeeply() {
        store.rpush(b("l"), bs("a", "b"));
        store.pexpire(b("l"), 5000, ExpireCondition.ALWAYS);
        assertThat(store.copy(b("l"), b("c"), 0, false)).isTrue();
        store.rpush(b("c"), bs("c"));
        store.lset(b("l"), 0, b("A"));
        assertThat(strings(store.lrange(b("l"), 0, -1))).containsExactly("A", "b");
        assertThat(strings(store.lrange(b("c"), 0, -1))).containsExactly("a", "b", "c");
        assertThat(store.pttl(b("c"))).isEqualTo(5000);
        assertThat(store.copy(b("l"), b("c"), 0, false)).isFalse();
        assertThat(store.copy(b("l"), b("c"), 0, true)).isTrue();
        assertThat(strings(store.lrange(b("c"), 0, -1))).containsExactly("A", "b");
        assertThat(store.copy(b("l"), b("c"), 1, false)).isTrue();
        store.database(1).rpop(b("c"));
        assertThat(strings(store.database(1).lrange(b("c"), 0, -1))).containsExactly("A");
        assertThat(store.llen(b("l"))).isEqualTo(2);
    }

    @Test
    void shouldMoveBetweenDatabases() {
        store.rpush(b("l"), bs("a", "b"));
        assertThat(store.move(b("l"), 1)).isTrue();
        assertThat(store.exists(b("l"))).isZero();
        final KvStore db1 = store.database(1);
        assertThat(db1.type(b("l"))).isEqualTo(ValueType.LIST);
        assertThat(strings(db1.lrange(b("l"), 0, -1))).containsExactly("a", "b");
        store.rpush(b("l"), bs("z"));
        assertThat(store.move(b("l"), 1)).isFalse();
        assertThat(store.llen(b("l"))).isEqualTo(1);
    }

    @Test
    void shouldScanByTypeListKeysAndFlush() {
        for (int i = 0; i < 40; i++) {
            store.rpush(b("list" + i), bs("e"));
            store.set(b("str" + i), b("v"));
            store.zadd(b("zset" + i), 1, b("m"));
        }
        final Set<String> lists = new HashSet<>();
        long cursor = 0;
        do {
            final ScanResult r = store.scan(cursor, null, 10, ValueType.LIST);
            r.keys().forEach(k -> lists.add(new String(k, StandardCharsets.UTF_8)));
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(lists).hasSize(40).allMatch(k -> k.startsWith("list"));
        assertThat(store.keys(b("list1*"))).hasSize(11);
        assertThat(store.dbsize()).isEqualTo(120);
        store.flushall();
        assertThat(store.dbsize()).isZero();
        assertThat(store.llen(b("list1"))).isZero();
    }

    @Test
    void shouldHandleLargeListsAtBothEnds() {
        final int n = 100_000;
        for (int i = 0; i < n; i++) {
            store.rpush(b("big"), b(Integer.toString(i)));
        }
        assertThat(store.llen(b("big"))).isEqualTo(n);
        assertThat(store.lindex(b("big"), n / 2)).isEqualTo(b(Integer.toString(n / 2)));
        store.ltrim(b("big"), 1000, -1001);
        assertThat(store.llen(b("big"))).isEqualTo(n - 2000);
        assertThat(store.lindex(b("big"), 0)).isEqualTo(b("1000"));
        assertThat(store.del(b("big"))).isEqualTo(1);
    }
}
