package io.minikv.engine.type;

import static io.minikv.engine.type.ListOpsTest.b;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KeyedElements;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;

/**
 * Threads pushing unique elements, moving them between a few shared lists (LMOVE, RPOPLPUSH, LMPOP into a push)
 * and popping them: no exception escapes and no element is lost or duplicated, which a non-atomic move would do.
 * Operation counts follow {@code -Dminikv.list.stress.ops} (default 10 000 per thread).
 */
class ListStressTest {
    private static final int OPS = Integer.getInteger("minikv.list.stress.ops", 10_000);
    private static final int THREADS = 4;
    private static final int KEYS = 6;

    @Test
    void shouldNeitherLoseNorDuplicateElements() throws Exception {
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            final Set<String> pushed = ConcurrentHashMap.newKeySet();
            final Set<String> popped = ConcurrentHashMap.newKeySet();
            final ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            final List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                final int thread = t;
                futures.add(pool.submit(() -> {
                    final SplittableRandom rnd = new SplittableRandom(thread);
                    for (int i = 0; i < OPS; i++) {
                        final byte[] key = b("k" + rnd.nextInt(KEYS));
                        final byte[] other = b("k" + rnd.nextInt(KEYS));
                        switch (rnd.nextInt(8)) {
                            case 0, 1 -> {
                                final String e = thread + ":" + i;
                                pushed.add(e);
                                if (rnd.nextBoolean()) {
                                    store.lpush(key, b(e));
                                } else {
                                    store.rpush(key, b(e));
                                }
                            }
                            case 2 -> store.lmove(key, other, rnd.nextBoolean() ? ListEnd.LEFT : ListEnd.RIGHT,
                                rnd.nextBoolean() ? ListEnd.LEFT : ListEnd.RIGHT);
                            case 3 -> store.rpoplpush(key, other);
                            case 4 -> {
                                final byte[] e = store.lpop(key);
                                if (e != null) {
                                    assertThat(popped.add(new String(e, StandardCharsets.UTF_8))).isTrue();
                                }
                            }
                            case 5 -> {
                                final KeyedElements got = store.lmpop(ListEnd.RIGHT, 2, key, other);
                                if (got != null) {
                                    for (final byte[] e : got.elements()) {
                                        store.rpush(other, e);
                                    }
                                }
                            }
                            case 6 -> {
                                final List<byte[]> all = store.lrange(key, 0, -1);
                                final Set<String> seen = new HashSet<>();
                                all.forEach(e -> assertThat(seen.add(new String(e, StandardCharsets.UTF_8)))
                                    .isTrue());
                            }
                            default -> store.lrem(key, 1, b("never-there"));
                        }
                    }
                    return null;
                }));
            }
            for (final Future<?> f : futures) {
                f.get(2, TimeUnit.MINUTES);
            }
            pool.shutdown();
            final Set<String> remaining = new HashSet<>();
            long total = 0;
            for (int k = 0; k < KEYS; k++) {
                for (final byte[] e : store.lrange(b("k" + k), 0, -1)) {
                    assertThat(remaining.add(new String(e, StandardCharsets.UTF_8))).isTrue();
                    total++;
                }
            }
            assertThat(total).isEqualTo(pushed.size() - popped.size());
            assertThat(remaining).doesNotContainAnyElementsOf(popped);
            remaining.addAll(popped);
            assertThat(remaining).isEqualTo(pushed);
        }
    }
}
