package io.minikv.engine.type.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FieldMap} against java.util models under seeded random operations: contents against a {@link HashMap},
 * the compact (listpack) order against a {@link LinkedHashMap}, the SCAN guarantee across resizes, uniform random
 * picks, and deep copies.
 */
class FieldMapModelTest {

    private static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String s(final byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static List<String> order(final FieldMap map) {
        final List<String> out = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            out.add(s(map.at(i).field()) + "=" + s(map.at(i).value()));
        }
        return out;
    }

    private static List<String> order(final Map<String, String> model) {
        final List<String> out = new ArrayList<>();
        model.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20_260_124})
    void shouldMatchTheModels(final long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final FieldMap map = new FieldMap();
        final Map<String, String> model = new HashMap<>();
        final LinkedHashMap<String, String> ordered = new LinkedHashMap<>();
        // Phases: grow past the compact limit, shrink, then churn with a wider field space.
        final int[] fieldSpace = {100, 400, 400, 2000};
        final int[] addPercent = {75, 75, 20, 55};
        boolean compact = true;
        for (int phase = 0; phase < fieldSpace.length; phase++) {
            for (int step = 0; step < 4000; step++) {
                final String field = "f" + rnd.nextInt(fieldSpace[phase]);
                final int op = rnd.nextInt(100);
                if (op < addPercent[phase]) {
                    final String value = rnd.nextInt(200) == 0 ? "x".repeat(65) : "v" + rnd.nextInt(1000);
                    final boolean added = map.put(b(field), b(value));
                    assertThat(added).isEqualTo(model.put(field, value) == null);
                    ordered.put(field, value);
                    compact &= value.length() <= FieldMap.COMPACT_MAX_LENGTH;
                } else {
                    final boolean removed = map.remove(b(field));
                    assertThat(removed).isEqualTo(model.remove(field) != null);
                    ordered.remove(field);
                }
                compact &= model.size() <= FieldMap.COMPACT_MAX_ENTRIES;
                assertThat(map.size()).isEqualTo(model.size());
                assertThat(map.isCompact()).isEqualTo(compact);
                if (step % 97 == 0) {
                    final String probe = "f" + rnd.nextInt(fieldSpace[phase]);
                    final byte[] got = map.get(b(probe));
                    assertThat(got == null ? null : s(got)).isEqualTo(model.get(probe));
                }
                if (compact && step % 13 == 0) {
                    assertThat(order(map)).isEqualTo(order(ordered));
                }
            }
            final Map<String, String> contents = new HashMap<>();
            for (int i = 0; i < map.size(); i++) {
                contents.put(s(map.at(i).field()), s(map.at(i).value()));
                assertThat(map.at(i).index).isEqualTo(i);
            }
            assertThat(contents).isEqualTo(model);
            assertThat(scanAll(map)).isEqualTo(model.keySet());
        }
    }

    private static Set<String> scanAll(final FieldMap map) {
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        do {
            cursor = map.scan(cursor, e -> seen.add(s(e.field())));
        } while (cursor != 0);
        return seen;
    }

    @Test
    void shouldKeepTheScanGuaranteeAcrossResizes() {
        final SplittableRandom rnd = new SplittableRandom(7);
        for (int round = 0; round < 20; round++) {
            final FieldMap map = new FieldMap();
            final Set<String> stable = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                map.put(b("stable" + i), b("v"));
                stable.add("stable" + i);
            }
            final Set<String> seen = new HashSet<>();
            long cursor = 0;
            int churn = 0;
            do {
                cursor = map.scan(cursor, e -> seen.add(s(e.field())));
                // Grow to several times the size and shrink back while the scan runs: the table resizes both ways.
                final boolean grow = (churn++ / 40) % 2 == 0;
                for (int j = 0; j < 30; j++) {
                    final String f = "tmp" + rnd.nextInt(3000);
                    if (grow) {
                        map.put(b(f), b("t"));
                    } else {
                        map.remove(b(f));
                    }
                }
            } while (cursor != 0);
            assertThat(seen).containsAll(stable);
        }
    }

    @Test
    void shouldPickUniformlyWithASeededSource() {
        final FieldMap map = new FieldMap();
        for (int i = 0; i < 10; i++) {
            map.put(b("f" + i), b("v" + i));
        }
        final SplittableRandom rnd = new SplittableRandom(11);
        final Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(s(map.random(rnd).field()), 1, Integer::sum);
        }
        assertThat(counts).hasSize(10);
        // Expected 2000 each; a fixed seed makes the check exact, the bound leaves room for any fair source.
        assertThat(counts.values()).allMatch(c -> c > 1700 && c < 2300);
        // The same seed gives the same picks.
        final SplittableRandom a = new SplittableRandom(5);
        final SplittableRandom b = new SplittableRandom(5);
        for (int i = 0; i < 100; i++) {
            assertThat(map.random(a)).isSameAs(map.random(b));
        }
    }

    @Test
    void shouldCopyDeeply() {
        final FieldMap map = new FieldMap();
        map.put(b("z"), b("1"));
        map.put(b("a"), b("2"));
        final FieldMap copy = map.copy();
        copy.put(b("z"), b("changed"));
        copy.put(b("new"), b("3"));
        map.remove(b("a"));
        assertThat(order(map)).containsExactly("z=1");
        assertThat(order(copy)).containsExactly("z=changed", "a=2", "new=3");
        assertThat(copy.isCompact()).isTrue();
        map.put(b("long"), b("x".repeat(65)));
        assertThat(map.copy().isCompact()).isFalse();
    }
}
