package io.minikv.engine.type.zset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.minikv.api.LexBound;

/**
 * Long seeded random operation sequences against a simple sorted model (a TreeSet of pairs plus a HashMap). The
 * length follows {@code -Dminikv.zset.ops} (default 60 000 per seed).
 */
class SortedSetModelTest {
    private static final int OPS = Integer.getInteger("minikv.zset.ops", 60_000);
    private static final double[] SCORES = {
        Double.NEGATIVE_INFINITY, -3.5, -1, -0.0, 0.0, 0.5, 1, 2, 2.5, 10, 1e300, Double.POSITIVE_INFINITY,
    };

    /** A model entry. */
    private record Pair(double score, byte[] member) {
    }

    private static final Comparator<Pair> ORDER =
        (a, b) -> SkipList.compare(a.score, a.member, b.score, b.member);

    /** The model: what the set should hold. */
    private static final class Model {
        final TreeSet<Pair> sorted = new TreeSet<>(ORDER);
        final Map<ByteBuffer, Double> scores = new HashMap<>();

        Double score(final byte[] m) {
            return scores.get(ByteBuffer.wrap(m));
        }

        void put(final byte[] m, final double s) {
            final Double old = scores.put(ByteBuffer.wrap(m), s);
            if (old != null) {
                sorted.remove(new Pair(old, m));
            }
            sorted.add(new Pair(s, m));
        }

        void remove(final byte[] m) {
            final Double old = scores.remove(ByteBuffer.wrap(m));
            if (old != null) {
                sorted.remove(new Pair(old, m));
            }
        }

        List<Pair> list() {
            return new ArrayList<>(sorted);
        }
    }

    private static byte[] member(final Random rnd, final int alphabet) {
        final int len = rnd.nextInt(4);
        final byte[] m = new byte[len];
        for (int i = 0; i < len; i++) {
            // A tiny alphabet with 0x00 and 0xff: prefixes, ties and unsigned order all get exercised.
            final int c = rnd.nextInt(alphabet);
            m[i] = (byte) (c == 0 ? 0 : c == 1 ? 0xff : 'a' + c);
        }
        return m;
    }

    private static double score(final Random rnd) {
        return rnd.nextInt(4) == 0 ? rnd.nextInt(1000) / 8.0 : SCORES[rnd.nextInt(SCORES.length)];
    }

    @Test
    void shouldMatchModelWithMixedScores() {
        for (long seed = 1; seed <= 4; seed++) {
            run(seed, false);
        }
    }

    @Test
    void shouldMatchModelOnLexRangesWithEqualScores() {
        for (long seed = 11; seed <= 13; seed++) {
            run(seed, true);
        }
    }

    @Test
    void shouldBulkLoadSortedPairsAndStayConsistent() {
        for (long seed = 21; seed <= 23; seed++) {
            final Random rnd = new Random(seed);
            final Model model = new Model();
            for (int i = 0; i < 3000; i++) {
                final double s = score(rnd);
                model.put(member(rnd, 8), s == 0 ? 0.0 : s);
            }
            final List<Pair> sorted = model.list();
            final double[] scores = new double[sorted.size()];
            final byte[][] members = new byte[sorted.size()][];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = sorted.get(i).score;
                members[i] = sorted.get(i).member;
            }
            run(seed, false, SortedSet.ofSorted(scores, members, scores.length), model);
        }
        assertThatThrownBy(() -> SortedSet.ofSorted(new double[] {2, 1}, new byte[][] {{'a'}, {'b'}}, 2))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static void run(final long seed, final boolean sameScore) {
        run(seed, sameScore, new SortedSet(seed), new Model());
    }

    private static void run(final long seed, final boolean sameScore, final SortedSet set, final Model model) {
        checkAll(set, model, "start seed " + seed);
        final Random rnd = new Random(seed);
        for (int op = 0; op < OPS; op++) {
            final byte[] m = member(rnd, 6);
            final int kind = rnd.nextInt(12);
            final String ctx = "seed " + seed + " op " + op + " kind " + kind;
            switch (kind) {
                case 0, 1, 2 -> add(rnd, set, model, m, sameScore, ctx);
                case 3 -> {
                    final boolean present = model.score(m) != null;
                    assertThat(set.remove(m)).as(ctx).isEqualTo(present);
                    model.remove(m);
                }
                case 4 -> {
                    final Double s = model.score(m);
                    final ZNode n = set.find(m);
                    if (s == null) {
                        assertThat(n).as(ctx).isNull();
                    } else {
                        assertThat(n.score()).as(ctx).isEqualTo(s);
                        assertThat(set.rank(n)).as(ctx).isEqualTo(model.sorted.headSet(new Pair(s, m)).size());
                    }
                }
                case 5 -> {
                    final List<Pair> l = model.list();
                    final long r = rnd.nextInt(l.size() + 3) - 1;
                    final ZNode n = set.byRank(r);
                    if (r < 0 || r >= l.size()) {
                        assertThat(n).as(ctx).isNull();
                    } else {
                        assertThat(n.member()).as(ctx).isEqualTo(l.get((int) r).member);
                        assertThat(n.score()).as(ctx).isEqualTo(l.get((int) r).score);
                    }
                }
                case 6 -> {
                    final double s = score(rnd);
                    final long seek = set.seek(s, m);
                    assertThat(seek).as(ctx).isEqualTo(model.sorted.headSet(new Pair(s, m)).size());
                }
                case 7 -> scoreRanks(rnd, set, model, ctx);
                case 8 -> {
                    if (sameScore) {
                        lexRanks(rnd, set, model, ctx);
                    } else {
                        scoreRanks(rnd, set, model, ctx);
                    }
                }
                case 9 -> {
                    if (rnd.nextInt(20) == 0 && model.sorted.size() > 0) {
                        final int size = model.sorted.size();
                        final int start = rnd.nextInt(size);
                        final int end = start + rnd.nextInt(Math.min(size - start, 4));
                        final List<Pair> l = model.list();
                        for (int i = start; i <= end; i++) {
                            model.remove(l.get(i).member);
                        }
                        assertThat(set.removeRankRange(start, end)).as(ctx).isEqualTo(end - start + 1);
                    }
                }
                case 10 -> {
                    if (!model.sorted.isEmpty()) {
                        final ZNode n = rnd.nextBoolean() ? set.first() : set.last();
                        final Pair p = n == set.first() ? model.sorted.first() : model.sorted.last();
                        assertThat(n.member()).as(ctx).isEqualTo(p.member);
                        set.delete(n);
                        model.remove(p.member);
                        assertThat(n.member()).isEqualTo(p.member);
                    } else {
                        assertThat(set.first()).isNull();
                        assertThat(set.last()).isNull();
                    }
                }
                default -> {
                    if (rnd.nextInt(50) == 0) {
                        checkAll(set, model, ctx);
                        checkScan(set, model, ctx);
                        checkAll(set.copy(), model, ctx + " copy");
                    }
                }
            }
            assertThat(set.size()).as(ctx).isEqualTo(model.sorted.size());
        }
        checkAll(set, model, "end seed " + seed);
    }

    private static void add(final Random rnd, final SortedSet set, final Model model, final byte[] m,
        final boolean sameScore, final String ctx) {
        final double s = sameScore ? 1 : score(rnd);
        final int[] flagChoices = {
            0, 0, 0, SortedSet.IN_NX, SortedSet.IN_XX, SortedSet.IN_GT, SortedSet.IN_LT,
            SortedSet.IN_XX | SortedSet.IN_GT, SortedSet.IN_XX | SortedSet.IN_LT, SortedSet.IN_INCR,
            SortedSet.IN_INCR | SortedSet.IN_GT, SortedSet.IN_INCR | SortedSet.IN_NX,
        };
        final int flags = sameScore ? 0 : flagChoices[rnd.nextInt(flagChoices.length)];
        final Double old = model.score(m);
        final int out = set.add(s, m, flags);
        final boolean incr = (flags & SortedSet.IN_INCR) != 0;
        if (old == null) {
            if ((flags & SortedSet.IN_XX) != 0) {
                assertThat(out).as(ctx).isEqualTo(SortedSet.OUT_NOP);
                return;
            }
            assertThat(out).as(ctx).isEqualTo(SortedSet.OUT_ADDED);
            final double stored = s == 0 ? 0.0 : s;
            assertThat(set.lastScore()).as(ctx).isEqualTo(stored);
            model.put(m, stored);
            return;
        }
        if ((flags & SortedSet.IN_NX) != 0) {
            assertThat(out).as(ctx).isEqualTo(SortedSet.OUT_NOP);
            return;
        }
        final double target = incr ? old + s : s;
        if (Double.isNaN(target)) {
            assertThat(out).as(ctx).isEqualTo(SortedSet.OUT_NAN);
            return;
        }
        if (((flags & SortedSet.IN_GT) != 0 && target <= old) || ((flags & SortedSet.IN_LT) != 0 && target >= old)) {
            assertThat(out).as(ctx).isEqualTo(SortedSet.OUT_NOP);
            return;
        }
        if (target == old) {
            assertThat(out).as(ctx).isZero();
            assertThat(set.lastScore()).as(ctx).isEqualTo(old);
            return;
        }
        assertThat(out).as(ctx).isEqualTo(SortedSet.OUT_UPDATED);
        final double stored = target == 0 ? 0.0 : target;
        assertThat(set.lastScore()).as(ctx).isEqualTo(stored);
        model.put(m, stored);
    }

    private static void scoreRanks(final Random rnd, final SortedSet set, final Model model, final String ctx) {
        final double min = score(rnd);
        final double max = score(rnd);
        final boolean minEx = rnd.nextBoolean();
        final boolean maxEx = rnd.nextBoolean();
        final List<Pair> l = model.list();
        int first = 0;
        while (first < l.size() && !(minEx ? l.get(first).score > min : l.get(first).score >= min)) {
            first++;
        }
        int last = l.size() - 1;
        while (last >= 0 && !(maxEx ? l.get(last).score < max : l.get(last).score <= max)) {
            last--;
        }
        assertThat(set.firstRankByScore(min, minEx)).as(ctx).isEqualTo(first);
        assertThat(set.lastRankByScore(max, maxEx)).as(ctx).isEqualTo(last);
    }

    private static LexBound lexBound(final Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0 -> LexBound.MIN;
            case 1 -> LexBound.MAX;
            case 2, 3 -> LexBound.exclusive(member(rnd, 6));
            default -> LexBound.inclusive(member(rnd, 6));
        };
    }

    private static void lexRanks(final Random rnd, final SortedSet set, final Model model, final String ctx) {
        final LexBound min = lexBound(rnd);
        final LexBound max = lexBound(rnd);
        final List<Pair> l = model.list();
        int first = 0;
        while (first < l.size() && !LexRange.gteMin(l.get(first).member, min)) {
            first++;
        }
        int last = l.size() - 1;
        while (last >= 0 && !LexRange.lteMax(l.get(last).member, max)) {
            last--;
        }
        assertThat(set.firstRankByLex(min)).as(ctx + " " + min).isEqualTo(first);
        assertThat(set.lastRankByLex(max)).as(ctx + " " + max).isEqualTo(last);
        final boolean modelEmpty = first > last;
        if (SortedSet.isEmptyLexRange(min, max)) {
            assertThat(modelEmpty).as(ctx + " empty " + min + " " + max).isTrue();
        }
    }

    private static void checkAll(final SortedSet set, final Model model, final String ctx) {
        final List<Pair> l = model.list();
        int i = 0;
        ZNode prev = null;
        for (ZNode n = set.first(); n != null; n = n.next(), i++) {
            assertThat(n.member()).as(ctx).isEqualTo(l.get(i).member);
            assertThat(n.score()).as(ctx).isEqualTo(l.get(i).score);
            assertThat(n.previous()).as(ctx).isSameAs(prev);
            assertThat(set.rank(n)).as(ctx).isEqualTo(i);
            assertThat(set.byRank(i)).as(ctx).isSameAs(n);
            assertThat(set.find(n.member())).as(ctx).isSameAs(n);
            prev = n;
        }
        assertThat(i).as(ctx).isEqualTo(l.size());
        assertThat(set.last()).as(ctx).isSameAs(prev);
    }

    private static void checkScan(final SortedSet set, final Model model, final String ctx) {
        final Set<ByteBuffer> seen = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        do {
            cursor = set.scan(cursor, n -> seen.add(ByteBuffer.wrap(n.member())));
            steps++;
        } while (cursor != 0 && steps < 1_000_000);
        assertThat(seen).as(ctx).isEqualTo(model.scores.keySet());
    }

    @Test
    void shouldKeepScanGuaranteeAcrossResizes() {
        final SortedSet set = new SortedSet(7);
        for (int i = 0; i < 1000; i++) {
            set.add(i, ("m" + i).getBytes(), 0);
        }
        final Set<String> seen = new HashSet<>();
        long cursor = 0;
        int step = 0;
        do {
            cursor = set.scan(cursor, n -> seen.add(new String(n.member())));
            step++;
            // Grow past two doublings, then shrink, while the scan is under way; members 0..499 stay throughout.
            if (step == 5) {
                for (int i = 1000; i < 5000; i++) {
                    set.add(i, ("m" + i).getBytes(), 0);
                }
            }
            if (step == 40) {
                for (int i = 500; i < 5000; i++) {
                    set.remove(("m" + i).getBytes());
                }
            }
        } while (cursor != 0);
        for (int i = 0; i < 500; i++) {
            assertThat(seen).contains("m" + i);
        }
    }

    @Test
    void shouldStoreNegativeZeroAsZero() {
        final SortedSet set = new SortedSet(1);
        set.add(-0.0, new byte[] {'a'}, 0);
        assertThat(Double.doubleToRawLongBits(set.find(new byte[] {'a'}).score())).isZero();
        set.add(3, new byte[] {'a'}, 0);
        set.add(-3, new byte[] {'a'}, SortedSet.IN_INCR);
        assertThat(Double.doubleToRawLongBits(set.find(new byte[] {'a'}).score())).isZero();
        assertThat(set.add(Double.NaN, new byte[] {'b'}, 0)).isEqualTo(SortedSet.OUT_NAN);
        set.add(Double.POSITIVE_INFINITY, new byte[] {'a'}, 0);
        assertThat(set.add(Double.NEGATIVE_INFINITY, new byte[] {'a'}, SortedSet.IN_INCR))
            .isEqualTo(SortedSet.OUT_NAN);
        assertThat(Arrays.equals(set.first().member(), new byte[] {'a'})).isTrue();
    }
}
