package io.minikv.engine.type;

import static io.minikv.engine.type.SetOpsTest.sorted;
import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Aggregate;
import io.minikv.api.ExpireCondition;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ValueType;

/** SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD, with Redis 7's results and type checks. */
class SetStoreOpsTest {
    private static final String WRONGTYPE = "WRONGTYPE Operation against a key holding the wrong kind of value";

    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @BeforeEach
    void fill() {
        store.sadd(b("a"), b("1"), b("2"), b("3"), b("4"), b("x"));
        store.sadd(b("b"), b("2"), b("3"), b("4"), b("5"), b("x"), b("y"));
        store.sadd(b("c"), b("3"), b("4"), b("x"), b("z"));
        store.set(b("str"), b("v"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldIntersect() {
        assertThat(sorted(store.sinter(b("a"), b("b"), b("c")))).containsExactly("3", "4", "x");
        assertThat(sorted(store.sinter(b("a")))).containsExactly("1", "2", "3", "4", "x");
        assertThat(sorted(store.sinter(b("a"), b("a")))).containsExactly("1", "2", "3", "4", "x");
        assertThat(store.sinter(b("a"), b("nosuch"))).isEmpty();
        assertThat(store.sinter(b("nosuch"))).isEmpty();
    }

    @Test
    void shouldUnite() {
        assertThat(sorted(store.sunion(b("a"), b("b"), b("c"))))
            .containsExactly("1", "2", "3", "4", "5", "x", "y", "z");
        assertThat(sorted(store.sunion(b("nosuch"), b("c")))).containsExactly("3", "4", "x", "z");
        assertThat(store.sunion(b("nosuch"))).isEmpty();
    }

    @Test
    void shouldSubtract() {
        assertThat(sorted(store.sdiff(b("a"), b("b")))).containsExactly("1");
        assertThat(sorted(store.sdiff(b("b"), b("a"), b("c")))).containsExactly("5", "y");
        assertThat(sorted(store.sdiff(b("a"), b("nosuch")))).containsExactly("1", "2", "3", "4", "x");
        assertThat(store.sdiff(b("a"), b("a"))).isEmpty();
        assertThat(store.sdiff(b("nosuch"), b("a"))).isEmpty();
    }

    @Test
    void shouldCheckEverySourceTypeEvenAfterAMissingKey() {
        assertThatThrownBy(() -> store.sinter(b("a"), b("nosuch"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sinter(b("nosuch"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sunion(b("a"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sdiff(b("nosuch"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sintercard(0, b("nosuch"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sinterstore(b("d"), b("a"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sunionstore(b("d"), b("str"))).hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.sdiffstore(b("d"), b("a"), b("str"))).hasMessage(WRONGTYPE);
        assertThat(store.exists(b("d"))).isZero();
    }

    @Test
    void shouldStoreReplacingAnyTypeAndTtl() {
        assertThat(store.sinterstore(b("str"), b("a"), b("b"))).isEqualTo(4);
        assertThat(store.type(b("str"))).isEqualTo(ValueType.SET);
        assertThat(sorted(store.smembers(b("str")))).containsExactly("2", "3", "4", "x");
        store.expire(b("str"), 100, ExpireCondition.ALWAYS);
        assertThat(store.sunionstore(b("str"), b("c"))).isEqualTo(4);
        assertThat(store.ttl(b("str"))).isEqualTo(-1);
        assertThat(store.sdiffstore(b("d"), b("b"), b("a"))).isEqualTo(2);
        assertThat(sorted(store.smembers(b("d")))).containsExactly("5", "y");
    }

    @Test
    void shouldDeleteTheDestinationOnAnEmptyResult() {
        store.set(b("d"), b("v"));
        assertThat(store.sinterstore(b("d"), b("a"), b("nosuch"))).isZero();
        assertThat(store.exists(b("d"))).isZero();
        store.sadd(b("d"), b("q"));
        assertThat(store.sdiffstore(b("d"), b("a"), b("a"))).isZero();
        assertThat(store.exists(b("d"))).isZero();
        assertThat(store.sunionstore(b("d"), b("nosuch"))).isZero();
        assertThat(store.exists(b("d"))).isZero();
    }

    @Test
    void shouldReadADestinationThatIsAlsoASource() {
        assertThat(store.sinterstore(b("a"), b("a"), b("c"))).isEqualTo(3);
        assertThat(sorted(store.smembers(b("a")))).containsExactly("3", "4", "x");
        assertThat(store.sdiffstore(b("c"), b("c"))).isEqualTo(4);
        assertThat(store.sdiffstore(b("c"), b("c"), b("a"))).isEqualTo(1);
        assertThat(sorted(store.smembers(b("c")))).containsExactly("z");
        store.sadd(b("c"), b("new"));
        assertThat(store.sismember(b("a"), b("new"))).isFalse();
    }

    @Test
    void shouldCountTheIntersectionUpToALimit() {
        assertThat(store.sintercard(0, b("a"), b("b"), b("c"))).isEqualTo(3);
        assertThat(store.sintercard(0, b("a"))).isEqualTo(5);
        assertThat(store.sintercard(2, b("a"), b("b"))).isEqualTo(2);
        assertThat(store.sintercard(1, b("a"))).isEqualTo(1);
        assertThat(store.sintercard(100, b("a"), b("b"))).isEqualTo(4);
        assertThat(store.sintercard(0, b("a"), b("nosuch"))).isZero();
        assertThatThrownBy(() -> store.sintercard(-1, b("a"))).hasMessage("ERR LIMIT can't be negative");
    }

    @Test
    void shouldLetSortedSetAlgebraReadSetsWithScoreOne() {
        store.zadd(b("z"), 5, b("x"));
        store.zadd(b("z"), 9, b("w"));
        assertThat(SortedSetOpsTest.pairs(store.zunion(new byte[][] {b("c"), b("z")}, null, Aggregate.SUM)))
            .isEqualTo("3 1 4 1 z 1 x 6 w 9");
        assertThat(SortedSetOpsTest.pairs(store.zinter(new byte[][] {b("a"), b("c")}, new double[] {2, 3},
            Aggregate.MAX))).isEqualTo("3 3 4 3 x 3");
        assertThat(SortedSetOpsTest.pairs(store.zdiff(b("c"), b("z")))).isEqualTo("3 1 4 1 z 1");
        assertThat(store.zintercard(0, b("a"), b("z"))).isEqualTo(1);
        assertThat(store.zunionstore(b("a"), new byte[][] {b("a")}, null, Aggregate.SUM)).isEqualTo(5);
        assertThat(store.type(b("a"))).isEqualTo(ValueType.ZSET);
        assertThat(store.type(b("c"))).isEqualTo(ValueType.SET);
        assertThatThrownBy(() -> store.zrangestore(b("d"), b("c"), io.minikv.api.ZRangeQuery.byIndex(0, -1)))
            .hasMessage(WRONGTYPE);
        assertThatThrownBy(() -> store.zunion(new byte[][] {b("c"), b("str")}, null, Aggregate.SUM))
            .hasMessage(WRONGTYPE);
    }
}
