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
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.LexBound;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ValueType;
import io.minikv.api.ZAddArgs;
import io.minikv.api.ZRangeQuery;

/** ZRANGE in all its forms and ZRANGESTORE; expectations recorded from redis-server 7.0.15. */
class SortedSetRangeTest {
    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @BeforeEach
    void fill() {
        store.zadd(b("z"), ZAddArgs.PLAIN, List.of(new ScoredMember(b("a"), 1), new ScoredMember(b("b"), 2),
            new ScoredMember(b("c"), 3), new ScoredMember(b("d"), 4), new ScoredMember(b("e"), 5)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String range(final ZRangeQuery q) {
        return pairs(store.zrange(b("z"), q));
    }

    @Test
    void shouldRangeByIndex() {
        assertThat(pairs(store.zrange(b("z"), 0, -1))).isEqualTo("a 1 b 2 c 3 d 4 e 5");
        assertThat(pairs(store.zrange(b("z"), -2, -1))).isEqualTo("d 4 e 5");
        assertThat(pairs(store.zrange(b("z"), 3, 1))).isEmpty();
        assertThat(pairs(store.zrange(b("z"), 0, 100))).isEqualTo("a 1 b 2 c 3 d 4 e 5");
        assertThat(pairs(store.zrange(b("z"), -100, 1))).isEqualTo("a 1 b 2");
        assertThat(pairs(store.zrange(b("z"), 5, 6))).isEmpty();
        assertThat(pairs(store.zrange(b("z"), Long.MIN_VALUE, Long.MAX_VALUE))).isEqualTo("a 1 b 2 c 3 d 4 e 5");
        assertThat(range(ZRangeQuery.byIndex(0, 1).reversed())).isEqualTo("e 5 d 4");
        assertThat(range(ZRangeQuery.byIndex(1, 3).reversed())).isEqualTo("d 4 c 3 b 2");
        assertThat(store.zrange(b("nokey"), 0, -1)).isEmpty();
        assertThatThrownBy(() -> ZRangeQuery.byIndex(0, 1).limit(0, 1)).hasMessage(
            "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    }

    @Test
    void shouldRangeByScore() {
        final ScoreBound ninf = ScoreBound.NEG_INF;
        final ScoreBound pinf = ScoreBound.POS_INF;
        assertThat(range(ZRangeQuery.byScore(ScoreBound.exclusive(1), ScoreBound.inclusive(4)))).isEqualTo("b 2 c 3 d 4");
        assertThat(range(ZRangeQuery.byScore(ScoreBound.exclusive(1), ScoreBound.inclusive(4)).reversed()))
            .isEqualTo("d 4 c 3 b 2");
        assertThat(range(ZRangeQuery.byScore(ninf, pinf).limit(1, 2))).isEqualTo("b 2 c 3");
        assertThat(range(ZRangeQuery.byScore(ninf, pinf).reversed().limit(1, 2))).isEqualTo("d 4 c 3");
        assertThat(range(ZRangeQuery.byScore(ninf, pinf).limit(-1, 2))).isEmpty();
        assertThat(range(ZRangeQuery.byScore(ninf, pinf).limit(1, -1))).isEqualTo("b 2 c 3 d 4 e 5");
        assertThat(range(ZRangeQuery.byScore(ninf, pinf).limit(5, 1))).isEmpty();
        assertThat(range(ZRangeQuery.byScore(ninf, pinf).limit(0, 0))).isEmpty();
        assertThat(range(ZRangeQuery.byScore(ScoreBound.inclusive(2), ScoreBound.inclusive(4)).limit(1, 1)))
            .isEqualTo("c 3");
        assertThat(range(ZRangeQuery.byScore(ScoreBound.inclusive(4), ScoreBound.inclusive(2)))).isEmpty();
        assertThat(range(ZRangeQuery.byScore(ScoreBound.exclusive(3), ScoreBound.exclusive(3)))).isEmpty();
        assertThat(range(ZRangeQuery.byScore(ScoreBound.inclusive(3), ScoreBound.inclusive(3)))).isEqualTo("c 3");
    }

    @Test
    void shouldRangeByLex() {
        assertThat(range(ZRangeQuery.byLex(LexBound.inclusive(b("b")), LexBound.exclusive(b("d")))))
            .isEqualTo("b 2 c 3");
        assertThat(range(ZRangeQuery.byLex(LexBound.inclusive(b("b")), LexBound.exclusive(b("d"))).reversed()))
            .isEqualTo("c 3 b 2");
        assertThat(range(ZRangeQuery.byLex(LexBound.MIN, LexBound.MAX).limit(2, 2))).isEqualTo("c 3 d 4");
        assertThat(range(ZRangeQuery.byLex(LexBound.MIN, LexBound.MAX).reversed().limit(0, 2))).isEqualTo("e 5 d 4");
        assertThat(range(ZRangeQuery.byLex(LexBound.MAX, LexBound.MIN))).isEmpty();
        assertThat(range(ZRangeQuery.byLex(LexBound.MIN, LexBound.MIN))).isEmpty();
        assertThat(range(ZRangeQuery.byLex(LexBound.exclusive(b("")), LexBound.inclusive(b("bz")))))
            .isEqualTo("a 1 b 2");
    }

    @Test
    void shouldWalkLexRangesAsRedisWhenScoresDiffer() {
        store.zadd(b("m"), ZAddArgs.PLAIN, List.of(new ScoredMember(b("a"), 0), new ScoredMember(b("tiny"), 1e-310),
            new ScoredMember(b("b"), 1), new ScoredMember(b("c"), 2), new ScoredMember(b("d"), 3)));
        // Members are not in byte order here; Redis walks from the first member inside the near bound.
        assertThat(pairs(store.zrange(b("m"), ZRangeQuery.byLex(LexBound.inclusive(b("b")), LexBound.MAX))))
            .isEqualTo("tiny 1.0E-310 b 1 c 2 d 3");
        assertThat(pairs(store.zrange(b("m"), ZRangeQuery.byLex(LexBound.MIN, LexBound.inclusive(b("d"))).reversed())))
            .isEqualTo("d 3 c 2 b 1 tiny 1.0E-310 a 0");
        assertThat(store.zlexcount(b("m"), LexBound.inclusive(b("b")), LexBound.inclusive(b("c")))).isZero();
        assertThat(store.zremrangebylex(b("m"), LexBound.inclusive(b("b")), LexBound.inclusive(b("c")))).isZero();
        assertThat(store.zcard(b("m"))).isEqualTo(5);
    }

    @Test
    void shouldStoreRanges() {
        assertThat(store.zrangestore(b("dst"), b("z"), ZRangeQuery.byIndex(1, 2))).isEqualTo(2);
        assertThat(pairs(store.zrange(b("dst"), 0, -1))).isEqualTo("b 2 c 3");
        assertThat(store.zrangestore(b("dst"), b("z"), ZRangeQuery.byIndex(10, 20))).isZero();
        assertThat(store.exists(b("dst"))).isZero();
        store.set(b("str"), b("v"));
        assertThat(store.zrangestore(b("str"), b("z"),
            ZRangeQuery.byScore(ScoreBound.inclusive(4), ScoreBound.POS_INF).reversed())).isEqualTo(2);
        assertThat(store.type(b("str"))).isEqualTo(ValueType.ZSET);
        assertThat(pairs(store.zrange(b("str"), 0, -1))).isEqualTo("d 4 e 5");
        assertThat(store.zrangestore(b("z"), b("z"), ZRangeQuery.byIndex(0, 0))).isEqualTo(1);
        assertThat(pairs(store.zrange(b("z"), 0, -1))).isEqualTo("a 1");
        assertThat(store.zrangestore(b("dst"), b("nokey"), ZRangeQuery.byIndex(0, -1))).isZero();
    }
}
