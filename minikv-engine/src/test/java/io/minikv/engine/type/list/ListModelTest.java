package io.minikv.engine.type.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.KeyedElements;
import io.minikv.api.KvException;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.api.ListEnd;

/**
 * Long seeded random operation sequences against a {@code java.util} model: one {@link ArrayList} per key, with
 * Redis's list rules written out plainly. The length follows {@code -Dminikv.list.ops} (default 25 000 per seed).
 */
class ListModelTest {
    private static final int OPS = Integer.getInteger("minikv.list.ops", 25_000);
    private static final String[] KEYS = {"k0", "k1", "k2"};
    private static final String[] ELEMENTS = {"a", "b", "c", "", "dd"};

    static byte[] b(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> strings(final List<byte[]> list) {
        if (list == null) {
            return null;
        }
        final List<String> out = new ArrayList<>();
        list.forEach(e -> out.add(new String(e, StandardCharsets.UTF_8)));
        return out;
    }

    /** Redis's index rules, written without the ring. */
    private static final class Model {
        final Map<String, List<String>> lists = new HashMap<>();

        List<String> get(final String key) {
            return lists.get(key);
        }

        List<String> create(final String key) {
            return lists.computeIfAbsent(key, k -> new ArrayList<>());
        }

        void dropIfEmpty(final String key) {
            final List<String> l = lists.get(key);
            if (l != null && l.isEmpty()) {
                lists.remove(key);
            }
        }

        static long norm(final long index, final int size) {
            return index < 0 ? size + index : index;
        }

        static List<String> range(final List<String> l, final long start, final long stop) {
            final List<String> out = new ArrayList<>();
            if (l == null) {
                return out;
            }
            final long from = Math.max(0, norm(start, l.size()));
            final long to = Math.min(l.size() - 1, norm(stop, l.size()));
            for (long i = from; i <= to; i++) {
                out.add(l.get((int) i));
            }
            return out;
        }
    }

    private static long index(final Random rnd) {
        return rnd.nextInt(16) - 8;
    }

    @Test
    void shouldMatchTheModelOverRandomSequences() {
        for (final long seed : new long[] {1, 7, 42}) {
            run(seed);
        }
    }

    private static void run(final long seed) {
        final Random rnd = new Random(seed);
        final Model m = new Model();
        try (KvStore store = MiniKv.open(KvOptions.defaults())) {
            for (int op = 0; op < OPS; op++) {
                final String key = KEYS[rnd.nextInt(KEYS.length)];
                final String other = KEYS[rnd.nextInt(KEYS.length)];
                final String e = ELEMENTS[rnd.nextInt(ELEMENTS.length)];
                final List<String> l = m.get(key);
                final String where = "seed " + seed + " op " + op;
                switch (rnd.nextInt(15)) {
                    case 0, 1 -> {
                        final boolean left = rnd.nextBoolean();
                        final boolean x = rnd.nextInt(4) == 0;
                        final long got = left
                            ? (x ? store.lpushx(b(key), b(e), b("z")) : store.lpush(b(key), b(e), b("z")))
                            : (x ? store.rpushx(b(key), b(e), b("z")) : store.rpush(b(key), b(e), b("z")));
                        long want = 0;
                        if (!x || l != null) {
                            final List<String> t = m.create(key);
                            if (left) {
                                t.add(0, e);
                                t.add(0, "z");
                            } else {
                                t.add(e);
                                t.add("z");
                            }
                            want = t.size();
                        }
                        assertThat(got).as(where).isEqualTo(want);
                    }
                    case 2 -> {
                        final long count = rnd.nextInt(4);
                        final boolean left = rnd.nextBoolean();
                        final List<String> got = strings(left ? store.lpop(b(key), count) : store.rpop(b(key),
                            count));
                        List<String> want = null;
                        if (l != null) {
                            want = new ArrayList<>();
                            for (int i = 0; i < count && !l.isEmpty(); i++) {
                                want.add(left ? l.remove(0) : l.remove(l.size() - 1));
                            }
                            m.dropIfEmpty(key);
                        }
                        assertThat(got).as(where).isEqualTo(want);
                    }
                    case 3 -> {
                        final long i = index(rnd);
                        final byte[] got = store.lindex(b(key), i);
                        final long n = l == null ? -1 : Model.norm(i, l.size());
                        final String want = l == null || n < 0 || n >= l.size() ? null : l.get((int) n);
                        assertThat(got == null ? null : new String(got, StandardCharsets.UTF_8)).as(where)
                            .isEqualTo(want);
                    }
                    case 4 -> {
                        final long i = index(rnd);
                        String got = "OK";
                        try {
                            store.lset(b(key), i, b(e));
                        } catch (final KvException ex) {
                            got = ex.getMessage();
                        }
                        String want = "OK";
                        if (l == null) {
                            want = "ERR no such key";
                        } else {
                            final long n = Model.norm(i, l.size());
                            if (n < 0 || n >= l.size()) {
                                want = "ERR index out of range";
                            } else {
                                l.set((int) n, e);
                            }
                        }
                        assertThat(got).as(where).isEqualTo(want);
                    }
                    case 5 -> {
                        final boolean before = rnd.nextBoolean();
                        final String pivot = ELEMENTS[rnd.nextInt(ELEMENTS.length)];
                        final long got = store.linsert(b(key), before, b(pivot), b(e));
                        long want = 0;
                        if (l != null) {
                            final int at = l.indexOf(pivot);
                            if (at < 0) {
                                want = -1;
                            } else {
                                l.add(before ? at : at + 1, e);
                                want = l.size();
                            }
                        }
                        assertThat(got).as(where).isEqualTo(want);
                    }
                    case 6 -> {
                        final long count = rnd.nextInt(7) - 3;
                        final long got = store.lrem(b(key), count, b(e));
                        long want = 0;
                        if (l != null) {
                            final boolean fromTail = count < 0;
                            for (int k = 0; k < l.size(); k++) {
                                final int at = fromTail ? l.size() - 1 - k : k;
                                if (l.get(at).equals(e) && (count == 0 || want < Math.abs(count))) {
                                    l.remove(at);
                                    want++;
                                    k--;
                                }
                            }
                            m.dropIfEmpty(key);
                        }
                        assertThat(got).as(where).isEqualTo(want);
                    }
                    case 7 -> {
                        final long start = index(rnd);
                        final long stop = index(rnd);
                        store.ltrim(b(key), start, stop);
                        if (l != null) {
                            final List<String> kept = Model.range(l, start, stop);
                            l.clear();
                            l.addAll(kept);
                            m.dropIfEmpty(key);
                        }
                    }
                    case 8 -> {
                        final long start = index(rnd);
                        final long stop = index(rnd);
                        assertThat(strings(store.lrange(b(key), start, stop))).as(where)
                            .isEqualTo(Model.range(l, start, stop));
                    }
                    case 9 -> {
                        final long rank = rnd.nextBoolean() ? rnd.nextInt(3) + 1 : -(rnd.nextInt(3) + 1);
                        final long count = rnd.nextInt(3);
                        final long maxlen = rnd.nextInt(5);
                        final List<Long> want = new ArrayList<>();
                        if (l != null) {
                            long matches = 0;
                            for (int k = 0; k < l.size() && (maxlen == 0 || k < maxlen); k++) {
                                final int at = rank < 0 ? l.size() - 1 - k : k;
                                if (l.get(at).equals(e) && ++matches >= Math.abs(rank)
                                    && (count == 0 || want.size() < count)) {
                                    want.add((long) at);
                                }
                            }
                        }
                        assertThat(store.lpos(b(key), b(e), rank, count, maxlen)).as(where).isEqualTo(want);
                        assertThat(store.lpos(b(key), b(e), rank, maxlen)).as(where)
                            .isEqualTo(want.isEmpty() ? null : want.get(0));
                    }
                    case 10 -> {
                        final ListEnd from = rnd.nextBoolean() ? ListEnd.LEFT : ListEnd.RIGHT;
                        final ListEnd to = rnd.nextBoolean() ? ListEnd.LEFT : ListEnd.RIGHT;
                        final byte[] got = store.lmove(b(key), b(other), from, to);
                        String want = null;
                        if (l != null) {
                            want = from == ListEnd.LEFT ? l.remove(0) : l.remove(l.size() - 1);
                            final List<String> d = m.create(other);
                            if (to == ListEnd.LEFT) {
                                d.add(0, want);
                            } else {
                                d.add(want);
                            }
                            m.dropIfEmpty(key);
                        }
                        assertThat(got == null ? null : new String(got, StandardCharsets.UTF_8)).as(where)
                            .isEqualTo(want);
                    }
                    case 11 -> {
                        final ListEnd end = rnd.nextBoolean() ? ListEnd.LEFT : ListEnd.RIGHT;
                        final long count = rnd.nextInt(3) + 1;
                        final KeyedElements got = store.lmpop(end, count, b(key), b(other));
                        final String from = m.get(key) != null ? key : m.get(other) != null ? other : null;
                        if (from == null) {
                            assertThat(got).as(where).isNull();
                        } else {
                            final List<String> src = m.get(from);
                            final List<String> want = new ArrayList<>();
                            for (int i = 0; i < count && !src.isEmpty(); i++) {
                                want.add(end == ListEnd.LEFT ? src.remove(0) : src.remove(src.size() - 1));
                            }
                            m.dropIfEmpty(from);
                            assertThat(new String(got.key(), StandardCharsets.UTF_8)).as(where).isEqualTo(from);
                            assertThat(strings(got.elements())).as(where).isEqualTo(want);
                        }
                    }
                    case 12 -> {
                        if (rnd.nextInt(10) == 0) {
                            assertThat(store.del(b(key))).as(where).isEqualTo(l == null ? 0 : 1);
                            m.lists.remove(key);
                        }
                    }
                    default -> assertThat(store.llen(b(key))).as(where).isEqualTo(l == null ? 0 : l.size());
                }
                for (final String k : KEYS) {
                    assertThat(store.exists(b(k))).as(where + " " + k).isEqualTo(m.get(k) == null ? 0 : 1);
                }
            }
            for (final String k : KEYS) {
                assertThat(strings(store.lrange(b(k), 0, -1))).isEqualTo(Model.range(m.get(k), 0, -1));
            }
        }
    }

    @Test
    void shouldMatchAnArrayListForRingOperations() {
        final Random rnd = new Random(3);
        final ElementRing ring = new ElementRing();
        final List<String> model = new ArrayList<>();
        for (int op = 0; op < OPS * 2; op++) {
            final String e = Integer.toString(op);
            final int n = model.size();
            // Bias towards growth, then towards shrinking, so the array grows and shrinks repeatedly.
            final boolean grow = (op / 5000) % 2 == 0 ? rnd.nextInt(10) < 6 : rnd.nextInt(10) < 4;
            if (grow) {
                switch (rnd.nextInt(3)) {
                    case 0 -> {
                        ring.addFirst(b(e));
                        model.add(0, e);
                    }
                    case 1 -> {
                        ring.addLast(b(e));
                        model.add(e);
                    }
                    default -> {
                        final int at = rnd.nextInt(n + 1);
                        ring.insert(at, b(e));
                        model.add(at, e);
                    }
                }
            } else if (n > 0) {
                switch (rnd.nextInt(5)) {
                    case 0 -> assertThat(ring.pollFirst()).isEqualTo(b(model.remove(0)));
                    case 1 -> assertThat(ring.pollLast()).isEqualTo(b(model.remove(n - 1)));
                    case 2 -> {
                        final int at = rnd.nextInt(n);
                        assertThat(ring.remove(at)).isEqualTo(b(model.remove(at)));
                    }
                    case 3 -> {
                        final int k = rnd.nextInt(Math.min(n, 3) + 1);
                        ring.removeFirst(k);
                        model.subList(0, k).clear();
                    }
                    default -> {
                        final int k = rnd.nextInt(Math.min(n, 3) + 1);
                        ring.removeLast(k);
                        model.subList(n - k, n).clear();
                    }
                }
            }
            assertThat(ring.size()).isEqualTo(model.size());
            if (!model.isEmpty()) {
                final int at = rnd.nextInt(model.size());
                assertThat(ring.get(at)).isEqualTo(b(model.get(at)));
            }
            assertThat(ring.capacity()).isLessThanOrEqualTo(Math.max(ElementRing.MIN_CAPACITY, model.size() * 4));
        }
        assertThat(strings(copyOf(ring))).isEqualTo(model);
    }

    private static List<byte[]> copyOf(final ElementRing ring) {
        final List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            out.add(ring.get(i));
        }
        return out;
    }
}
