package io.minikv.engine.type;

import static io.minikv.engine.type.HashOpsTest.b;
import static io.minikv.engine.type.HashOpsTest.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;

/**
 * Threads mixing hash writes, deletes, increments, reads, scans and random picks on a few shared keys: no exception
 * escapes, every read sees a consistent hash (HGETALL without duplicate fields, HLEN agreeing with it), and no
 * increment is lost. Operation counts follow {@code -Dminikv.hash.stress.ops} (default 20 000 per thread).
 */
class HashStressTest {
    private static final int OPS = Integer.getInteger("minikv.hash.stress.ops", 20_000);
    private static final int THREADS = 4;
    private static final int COUNTERS = 8;

    @Test
    void shouldStayConsistentUnderConcurrentUse() throws Exception {
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            final AtomicLongArray increments = new AtomicLongArray(COUNTERS);
            final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int seed = t;
                futures.add(pool.submit(() -> {
                    final SplittableRandom rnd = new SplittableRandom(seed);
                    for (int i = 0; i < OPS; i++) {
                        final int k = rnd.nextInt(3);
                        final byte[] key = b("k" + k);
                        final byte[] field = b("f" + rnd.nextInt(300));
                        switch (rnd.nextInt(9)) {
                            case 0, 1 -> store.hset(key, field, b("v" + i));
                            case 2 -> store.hdel(key, field, b("f" + rnd.nextInt(300)));
                            case 3 -> {
                                final int c = rnd.nextInt(COUNTERS);
                                store.hincrby(b("counters"), b("c" + c), 2);
                                increments.addAndGet(c, 2);
                            }
                            case 4 -> checkConsistent(store.hgetall(key));
                            case 5 -> store.hrandfieldWithValues(key, rnd.nextBoolean() ? 5 : -5)
                                .forEach(p -> assertThat(s(p.value())).startsWith("v"));
                            case 6 -> {
                                final HScanResult r = store.hscan(key, rnd.nextLong(), null, 10);
                                r.entries().forEach(p -> assertThat(s(p.field())).startsWith("f"));
                            }
                            case 7 -> store.copy(key, b("k" + (k + 1 + rnd.nextInt(2)) % 3), 0, true);
                            default -> {
                                final byte[] v = store.hget(key, field);
                                assertThat(v == null || s(v).startsWith("v")).isTrue();
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
            for (int c = 0; c < COUNTERS; c++) {
                final byte[] v = store.hget(b("counters"), b("c" + c));
                assertThat(v == null ? 0 : Long.parseLong(s(v))).isEqualTo(increments.get(c));
            }
            for (int k = 0; k < 3; k++) {
                final List<FieldValue> all = store.hgetall(b("k" + k));
                checkConsistent(all);
                assertThat((long) all.size()).isEqualTo(store.hlen(b("k" + k)));
            }
        }
    }

    private static void checkConsistent(final List<FieldValue> pairs) {
        final Set<String> fields = new HashSet<>();
        for (final FieldValue p : pairs) {
            assertThat(fields.add(s(p.field()))).isTrue();
            assertThat(s(p.value())).startsWith("v");
        }
    }
}
