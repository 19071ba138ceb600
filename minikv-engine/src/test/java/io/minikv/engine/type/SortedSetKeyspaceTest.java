package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static io.minikv.engine.type.SortedSetOpsTest.pairs;
import static io.minikv.engine.type.SortedSetOpsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.engine.ManualClock;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScanResult;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.SetArgs;
import io.minikv.api.ValueType;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;

/** Sorted-set keys in the shared keyspace: types, TTLs, key commands, and WRONGTYPE in both directions. */
class SortedSetKeyspaceTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";


    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final KvStore store = MiniKv.open(KvOptions.builder().clock(clock).activeExpiry(false).build());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldAnswerWrongTypeBothWays() {
        store.zadd(b("z"), 1, b("a"));
        store.set(b("s"), b("v"));
        assertThat(store.type(b("z"))).isEqualTo(ValueType.ZSET);
        assertThatThrownBy(() -> store.get(b("z"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.append(b("z"), b("x"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.incrby(b("z"), 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.strlen(b("z"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.getdel(b("z"))).hasMessage(WRONGTYPE);
        assertThat(store.mget(b("z"), b("s"))).satisfies(l -> {
            assertThat(l.get(0)).isNull();
            assertThat(s(l.get(1))).isEqualTo("v");
        });
        assertThatThrownBy(() -> store.zadd(b("s"), 1, b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zscore(b("s"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zcard(b("s"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zrange(b("s"), 0, -1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zrem(b("s"), b("a"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zpopmin(b("s"), 1)).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zrangestore(b("d"), b("s"), ZRangeQuery.byIndex(0, -1))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zquery(b("s"), 0, b(""), 0, 2)).hasMessage(WRONGTYPE);
        assertThat(store.zscore(b("z"), b("a"))).isEqualTo(1.0);
        // SET overwrites any type.
        store.set(b("z"), b("now a string"));
        assertThat(store.type(b("z"))).isEqualTo(ValueType.STRING);
        assertThat(s(store.get(b("z")))).isEqualTo("now a string");
    }

    @Test
    void shouldExpireSortedSets() {
        store.zadd(b("z"), 1, b("a"));
        assertThat(store.pexpire(b("z"), 1000, ExpireCondition.ALWAYS)).isTrue();
        assertThat(store.pttl(b("z"))).isEqualTo(1000);
        store.zadd(b("z"), 2, b("b"));
        assertThat(store.pttl(b("z"))).isEqualTo(1000);
        clock.advance(1001);
        assertThat(store.zcard(b("z"))).isZero();
        assertThat(store.exists(b("z"))).isZero();
        assertThat(store.zscore(b("z"), b("a"))).isNull();
        assertThat(store.zadd(b("z"), 3, b("c"))).isEqualTo(1);
        assertThat(store.pttl(b("z"))).isEqualTo(-1);
        assertThat(store.zcard(b("z"))).isEqualTo(1);
    }

    @Test
    void shouldDeleteRenameAndCopyDeeply() {
        store.zadd(b("z"), 1, b("a"));
        store.pexpire(b("z"), 5000, ExpireCondition.ALWAYS);
        store.rename(b("z"), b("z2"));
        assertThat(store.exists(b("z"))).isZero();
        assertThat(store.zscore(b("z2"), b("a"))).isEqualTo(1.0);
        assertThat(store.pttl(b("z2"))).isEqualTo(5000);
        assertThat(store.copy(b("z2"), b("z3"), 0, false)).isTrue();
        store.zadd(b("z3"), 2, b("b"));
        store.zincrby(b("z2"), 10, b("a"));
        assertThat(pairs(store.zrange(b("z2"), 0, -1))).isEqualTo("a 11");
        assertThat(pairs(store.zrange(b("z3"), 0, -1))).isEqualTo("a 1 b 2");
        assertThat(store.pttl(b("z3"))).isEqualTo(5000);
        assertThat(store.copy(b("z2"), b("z3"), 0, false)).isFalse();
        assertThat(store.copy(b("z2"), b("z3"), 1, false)).isTrue();
        assertThat(pairs(store.database(1).zrange(b("z3"), 0, -1))).isEqualTo("a 11");
        assertThat(store.del(b("z2"), b("z3"), b("nokey"))).isEqualTo(2);
        assertThat(store.exists(b("z2"))).isZero();
        assertThat(store.move(b("nokey"), 1)).isFalse();
    }

    @Test
    void shouldListScanAndFlushSortedSets() {
        for (int i = 0; i < 50; i++) {
            store.zadd(b("z" + i), i, b("m"));
            store.set(b("s" + i), b("v"));
        }
        final Set<String> zsets = new HashSet<>();
        long cursor = 0;
        do {
            final ScanResult r = store.scan(cursor, null, 10, ValueType.ZSET);
            r.keys().forEach(k -> zsets.add(s(k)));
            cursor = r.cursor();
        } while (cursor != 0);
        assertThat(zsets).hasSize(50).allMatch(k -> k.startsWith("z"));
        assertThat(store.keys(b("z1*"))).hasSize(11);
        assertThat(store.dbsize()).isEqualTo(100);
        store.flushall();
        assertThat(store.dbsize()).isZero();
        assertThat(store.zcard(b("z1"))).isZero();
    }

    @Test
    void shouldDropLargeSetsWithoutWalkingThem() {
        final List<ScoredMember> members = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            members.add(new ScoredMember(b("member:" + i), i));
        }
        store.zadd(b("big"), ZAddArgs.PLAIN, members);
        store.zadd(b("big2"), ZAddArgs.PLAIN, members);
        assertThat(store.zcard(b("big"))).isEqualTo(200_000);
        assertThat(store.zcount(b("big"), ScoreBound.inclusive(1000), ScoreBound.exclusive(2000))).isEqualTo(1000);
        assertThat(store.del(b("big"))).isEqualTo(1);
        assertThat(store.set(b("big2"), b("v"), SetArgs.PLAIN)).isTrue();
        assertThat(store.exists(b("big"))).isZero();
        assertThat(store.type(b("big2"))).isEqualTo(ValueType.STRING);
    }
}
