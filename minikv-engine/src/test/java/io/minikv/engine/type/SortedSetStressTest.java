package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.Aggregate;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ScoreBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZRangeQuery;

/**
 * Threads mixing sorted-set writes, reads and multi-key commands on a few shared keys: no exception escapes, every
 * read sees a consistent set (ascending order, ZCARD equal to the range length), and per-key increments are not
 * lost. Operation counts follow {@code -Dminikv.zset.stress.ops} (default 20 000 per thread).
 */
class SortedSetStressTest {
    private static final int OPS = Integer.getInteger("minikv.zset.stress.ops", 20_000);
    private static final int THREADS = 4;

    @Test
    void shouldStayConsistentUnderConcurrentUse() throws Exception {
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            final AtomicLong increments = new AtomicLong();
            final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int seed = t;
                futures.add(pool.submit(() -> {
                    final SplittableRandom rnd = new SplittableRandom(seed);
                    for (int i = 0; i < OPS; i++) {
                        final byte[] key = b("k" + rnd.nextInt(3));
                        final byte[] member = b("m" + rnd.nextInt(200));
                        switch (rnd.nextInt(9)) {
                            case 0, 1 -> store.zadd(key, rnd.nextInt(1000), member);
                            case 2 -> store.zrem(key, member);
                            case 3 -> {
                                store.zincrby(b("counter"), 1, b("c"));
                                increments.incrementAndGet();
                            }
                            case 4 -> checkConsistent(store.zrange(key, 0, -1));
                            case 5 -> checkConsistent(store.zrange(key,
                                ZRangeQuery.byScore(ScoreBound.inclusive(100), ScoreBound.POS_INF).limit(1, 20)));
                            case 6 -> store.zunionstore(b("k" + rnd.nextInt(3)), new byte[][] {key, b("k9")}, null,
                                Aggregate.MAX);
                            case 7 -> store.zpopmin(key, 2);
                            default -> {
                                final Long rank = store.zrank(key, member);
                                assertThat(rank == null || rank >= 0).isTrue();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(store.zscore(b("counter"), b("c"))).isEqualTo((double) increments.get());
            for (int k = 0; k < 3; k++) {
                final List<ScoredMember> all = store.zrange(b("k" + k), 0, -1);
                checkConsistent(all);
                assertThat((long) all.size()).isEqualTo(store.zcard(b("k" + k)));
            }
        }
    }

    private static void checkConsistent(final List<ScoredMember> list) {
        for (int i = 1; i < list.size(); i++) {
            final ScoredMember a = list.get(i - 1);
            final ScoredMember c = list.get(i);
            assertThat(a.score() < c.score()
                || (a.score() == c.score() && java.util.Arrays.compareUnsigned(a.member(), c.member()) < 0)).isTrue();
        }
    }
}
