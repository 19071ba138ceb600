package io.minikv.engine.type;

import static io.minikv.engine.type.HashOpsTest.b;
import static io.minikv.engine.type.HashOpsTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.minikv.MiniKv;
import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.type.hash.FieldMap;
import io.minikv.engine.type.hash.HashEntry;

/**
 * The hash commands of a store against a {@code Map<String, HashMap<String, String>>} model under seeded random
 * operations over a few keys (so hashes are created, emptied and deleted often), and HRANDFIELD's sampling under a
 * seeded random source.
 */
class HashModelTest {
    private final KvStore store = MiniKv.open(KvOptions.defaults());

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 17, 99, 20_261_124})
    void shouldMatchTheModel(final long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final Map<String, Map<String, String>> model = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            final String key = "k" + rnd.nextInt(4);
            final String field = "f" + rnd.nextInt(step < 10_000 ? 40 : 300);
            final Map<String, String> hash = model.getOrDefault(key, new HashMap<>());
            final int op = rnd.nextInt(100);
            if (op < 40) {
                final String value = "v" + rnd.nextInt(100);
                assertThat(store.hset(b(key), b(field), b(value))).isEqualTo(hash.put(field, value) == null ? 1 : 0);
                model.put(key, hash);
            } else if (op < 48) {
                final boolean set = store.hsetnx(b(key), b(field), b("nx"));
                assertThat(set).isEqualTo(!hash.containsKey(field));
                hash.putIfAbsent(field, "nx");
                model.put(key, hash);
            } else if (op < 75) {
                final String other = "f" + rnd.nextInt(40);
                final long removed = store.hdel(b(key), b(field), b(other));
                long expected = hash.remove(field) != null ? 1 : 0;
                expected += hash.remove(other) != null ? 1 : 0;
                assertThat(removed).isEqualTo(expected);
                if (hash.isEmpty()) {
                    model.remove(key);
                }
            } else if (op < 85) {
                final String current = hash.get(field);
                if (current != null && !current.matches("-?[1-9][0-9]*|0")) {
                    assertThatThrownBy(() -> store.hincrby(b(key), b(field), 3))
                        .hasMessage("ERR hash value is not an integer");
                } else {
                    final long next = (current == null ? 0 : Long.parseLong(current)) + 3;
                    assertThat(store.hincrby(b(key), b(field), 3)).isEqualTo(next);
                    hash.put(field, Long.toString(next));
                    model.put(key, hash);
                }
            } else if (op < 95) {
                final byte[] got = store.hget(b(key), b(field));
                assertThat(got == null ? null : s(got)).isEqualTo(hash.get(field));
                assertThat(store.hexists(b(key), b(field))).isEqualTo(hash.containsKey(field));
                assertThat(store.hlen(b(key))).isEqualTo(hash.size());
            } else {
                assertThat(contents(store.hgetall(b(key)))).isEqualTo(hash);
                assertThat(store.exists(b(key))).isEqualTo(hash.isEmpty() ? 0 : 1);
            }
        }
        for (final String key : new String[] {"k0", "k1", "k2", "k3"}) {
            final Map<String, String> hash = model.getOrDefault(key, Map.of());
            assertThat(contents(store.hgetall(b(key)))).isEqualTo(hash);
            assertThat(contents(scanAll(key))).isEqualTo(hash);
        }
    }

    private static Map<String, String> contents(final List<FieldValue> pairs) {
        final Map<String, String> out = new HashMap<>();
        for (final FieldValue p : pairs) {
            assertThat(out.put(s(p.field()), s(p.value()))).isNull();
        }
        return out;
    }

    private List<FieldValue> scanAll(final String key) {
        final List<FieldValue> out = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            final HScanResult r = store.hscan(b(key), cursor, null, 7);
            for (final FieldValue p : r.entries()) {
                if (seen.add(s(p.field()))) {
                    out.add(p);
                }
            }
            cursor = r.cursor();
        } while (cursor != 0);
        return out;
    }

    @Test
    void shouldSampleDistinctFieldsUniformlyUnderASeed() {
        final FieldMap map = new FieldMap();
        for (int i = 0; i < 20; i++) {
            map.put(b("f" + i), b("v" + i));
        }
        final SplittableRandom rnd = new SplittableRandom(3);
        final Map<String, Integer> counts = new HashMap<>();
        for (int round = 0; round < 5000; round++) {
            final List<FieldValue> picks = HashOps.randomFields(map, 5, rnd, HashOps::pair);
            final Set<String> distinct = new HashSet<>();
            for (final FieldValue p : picks) {
                assertThat(distinct.add(s(p.field()))).isTrue();
                assertThat(s(p.value())).isEqualTo("v" + s(p.field()).substring(1));
                counts.merge(s(p.field()), 1, Integer::sum);
            }
            assertThat(picks).hasSize(5);
        }
        // 25 000 picks over 20 fields: 1250 expected each.
        assertThat(counts).hasSize(20);
        assertThat(counts.values()).allMatch(c -> c > 1050 && c < 1450);
        // Same seed, same sample.
        final List<FieldValue> a = HashOps.randomFields(map, -8, new SplittableRandom(9), HashOps::pair);
        final List<FieldValue> b = HashOps.randomFields(map, -8, new SplittableRandom(9), HashOps::pair);
        assertThat(a).isEqualTo(b);
        assertThat(HashOps.randomFields(map, 20, rnd, HashEntry::field)).hasSize(20);
        assertThat(HashOps.randomFields(map, -30, rnd, HashEntry::field)).hasSize(30);
    }
}
