package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static io.minikv.engine.type.SortedSetOpsTest.pairs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Aggregate;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScoredMember;
import io.minikv.api.ValueType;
import io.minikv.api.ZAddArgs;

/** ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD; expectations recorded from redis-server 7.0.15. */
class SortedSetAlgebraTest {
    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @BeforeEach
    void fill() {
        add("a", "x 1 y 2 z 3");
        add("b", "y 10 z 20 w 30");
        add("i", "p 1 q -inf r inf");
        add("j", "p 1 q inf r -inf s 0");
    }

    private void add(final String key, final String spec) {
        final String[] f = spec.split(" ");
        for (int i = 0; i < f.length; i += 2) {
            store.zadd(b(key), ZAddArgs.PLAIN, List.of(new ScoredMember(b(f[i]), Double.parseDouble(
                f[i + 1].replace("inf", "Infinity")))));
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static byte[][] keys(final String... names) {
        final byte[][] k = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            k[i] = b(names[i]);
        }
        return k;
    }

    @Test
    void shouldUnionWithWeightsAndAggregates() {
        assertThat(pairs(store.zunion(keys("a", "b"), null, Aggregate.SUM))).isEqualTo("x 1 y 12 z 23 w 30");
        assertThat(pairs(store.zunion(keys("a", "b"), new double[] {2, 0.5}, Aggregate.SUM)))
            .isEqualTo("x 2 y 9 w 15 z 16");
        assertThat(pairs(store.zunion(keys("a", "b"), null, Aggregate.MIN))).isEqualTo("x 1 y 2 z 3 w 30");
        assertThat(pairs(store.zunion(keys("a", "b"), null, Aggregate.MAX))).isEqualTo("x 1 y 10 z 20 w 30");
        assertThat(pairs(store.zunion(keys("i", "j"), null, Aggregate.SUM))).isEqualTo("q 0 r 0 s 0 p 2");
        assertThat(pairs(store.zunion(keys("j"), new double[] {0}, Aggregate.SUM))).isEqualTo("p 0 q 0 r 0 s 0");
        assertThat(pairs(store.zunion(keys("a", "a"), null, Aggregate.SUM))).isEqualTo("x 2 y 4 z 6");
        assertThat(store.zunion(keys("nokey"), null, Aggregate.SUM)).isEmpty();
    }

    @Test
    void shouldIntersect() {
        assertThat(pairs(store.zinter(keys("a", "b"), null, Aggregate.SUM))).isEqualTo("y 12 z 23");
        assertThat(pairs(store.zinter(keys("a", "b"), null, Aggregate.MAX))).isEqualTo("y 10 z 20");
        assertThat(store.zinter(keys("a", "b", "nokey"), null, Aggregate.SUM)).isEmpty();
        assertThat(pairs(store.zinter(keys("i", "j"), null, Aggregate.SUM))).isEqualTo("q 0 r 0 p 2");
        assertThat(pairs(store.zinter(keys("a", "a"), null, Aggregate.SUM))).isEqualTo("x 2 y 4 z 6");
        assertThat(store.zintercard(0, keys("a", "b"))).isEqualTo(2);
        assertThat(store.zintercard(1, keys("a", "b"))).isEqualTo(1);
        assertThat(store.zintercard(0, keys("a", "nokey"))).isZero();
        assertThatThrownBy(() -> store.zintercard(-1, keys("a"))).hasMessage("ERR LIMIT can't be negative");
    }

    @Test
    void shouldDiff() {
        assertThat(pairs(store.zdiff(keys("a", "b")))).isEqualTo("x 1");
        assertThat(pairs(store.zdiff(keys("b", "a")))).isEqualTo("w 30");
        assertThat(store.zdiff(keys("a", "a"))).isEmpty();
        assertThat(pairs(store.zdiff(keys("a", "nokey")))).isEqualTo("x 1 y 2 z 3");
        assertThat(store.zdiff(keys("nokey", "a"))).isEmpty();
    }

    @Test
    void shouldStoreResultsReplacingAnyType() {
        assertThat(store.zunionstore(b("d"), keys("a", "b"), null, Aggregate.SUM)).isEqualTo(4);
        assertThat(pairs(store.zrange(b("d"), 0, -1))).isEqualTo("x 1 y 12 z 23 w 30");
        assertThat(store.zinterstore(b("d"), keys("a", "nokey"), null, Aggregate.SUM)).isZero();
        assertThat(store.exists(b("d"))).isZero();
        assertThat(store.zdiffstore(b("d"), keys("a"))).isEqualTo(3);
        store.set(b("str"), b("v"));
        assertThat(store.zunionstore(b("str"), keys("a"), null, Aggregate.SUM)).isEqualTo(3);
        assertThat(store.type(b("str"))).isEqualTo(ValueType.ZSET);
        assertThat(store.zunionstore(b("a"), keys("a", "b"), null, Aggregate.SUM)).isEqualTo(4);
        assertThat(pairs(store.zrange(b("a"), 0, -1))).isEqualTo("x 1 y 12 z 23 w 30");
    }

    @Test
    void shouldRejectWrongTypesAndBadWeights() {
        store.set(b("str"), b("v"));
        assertThatThrownBy(() -> store.zunion(keys("a", "str"), null, Aggregate.SUM))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThatThrownBy(() -> store.zinterstore(b("d"), keys("str"), null, Aggregate.SUM))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThatThrownBy(() -> store.zdiff(keys("a", "str")))
            .hasMessage("WRONGTYPE Operation against a key holding the wrong kind of value");
        assertThatThrownBy(() -> store.zunion(keys("a", "b"), new double[] {1}, Aggregate.SUM))
            .hasMessage("ERR syntax error");
    }
}
