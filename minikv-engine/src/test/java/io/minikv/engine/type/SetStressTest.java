package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;

/**
 * Threads moving a fixed population of members between a few set keys with SMOVE (whose keys often share no
 * segment), while others read and combine them: SMOVE must be atomic, so the members are never lost or duplicated
 * (the union of the keys is always the whole population, their sizes always add up to it), and a separate key
 * churned with SADD, SREM and SPOP is left either missing or non-empty. Operation counts follow
 * {@code -Dminikv.set.stress.ops} (default 10 000 per thread).
 */
class SetStressTest {
    private static final int OPS = Integer.getInteger("minikv.set.stress.ops", 10_000);
    private static final int THREADS = 4;
    private static final int KEYS = 4;
    private static final int POPULATION = 300;

    @Test
    void shouldNeverLoseOrDuplicateMovedMembers() throws Exception {
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            for (int i = 0; i < POPULATION; i++) {
                store.sadd(b("k" + (i % KEYS)), b("m" + i));
            }
            final byte[][] keys = new byte[KEYS][];
            for (int k = 0; k < KEYS; k++) {
                keys[k] = b("k" + k);
            }
            final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int seed = t;
                futures.add(pool.submit(() -> {
                    final SplittableRandom rnd = new SplittableRandom(seed);
                    for (int i = 0; i < OPS; i++) {
                        final byte[] member = b("m" + rnd.nextInt(POPULATION));
                        switch (rnd.nextInt(6)) {
                            case 0, 1, 2 -> store.smove(keys[rnd.nextInt(KEYS)], keys[rnd.nextInt(KEYS)], member);
                            case 3 -> assertThat(store.sunion(keys)).hasSize(POPULATION);
                            case 4 -> assertThat(store.sintercard(0, keys[0], keys[1])).isZero();
                            default -> {
                                final byte[] churn = b("churn");
                                store.sadd(churn, member);
                                store.srem(churn, b("m" + rnd.nextInt(POPULATION)));
                                store.spop(churn, rnd.nextInt(3));
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
            final Set<ByteBuffer> all = new HashSet<>();
            long total = 0;
            for (final byte[] key : keys) {
                for (final byte[] m : store.smembers(key)) {
                    all.add(ByteBuffer.wrap(m));
                }
                total += store.scard(key);
            }
            assertThat(all).hasSize(POPULATION);
            assertThat(total).isEqualTo(POPULATION);
            assertThat(store.exists(b("churn")) == 0 || store.scard(b("churn")) > 0).isTrue();
        }
    }
}
