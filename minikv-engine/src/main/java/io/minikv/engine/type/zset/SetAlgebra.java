package io.minikv.engine.type.zset;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.minikv.api.Aggregate;
import io.minikv.api.ScoredMember;

/**
 * ZUNION, ZINTER, ZDIFF and ZINTERCARD over already looked-up sets, with Redis's {@code zunionInterDiffGenericCommand}
 * arithmetic: a weighted score that is NaN ({@code 0 * inf}) counts as 0, and a SUM that is NaN
 * ({@code inf + -inf}) becomes 0. Union and intersection visit the inputs from the smallest to the largest, as Redis
 * does, so sums are added in the same order. A missing key is passed as null and is an empty set.
 * <p>
 * Stateless; the caller holds the locks that keep the inputs stable.
 */
public final class SetAlgebra {
    private SetAlgebra() {
    }

    private static double weighted(final double weight, final double score) {
        final double v = weight * score;
        return Double.isNaN(v) ? 0 : v;
    }

    private static double aggregate(final Aggregate aggregate, final double acc, final double value) {
        switch (aggregate) {
            case MIN:
                return Math.min(acc, value);
            case MAX:
                return Math.max(acc, value);
            default:
                final double sum = acc + value;
                return Double.isNaN(sum) ? 0 : sum;
        }
    }

    /** Input indexes ordered by cardinality, stable. */
    private static Integer[] bySize(final SortedSet[] sets) {
        final Integer[] order = new Integer[sets.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Integer.compare(size(sets[a]), size(sets[b])));
        return order;
    }

    private static int size(final SortedSet set) {
        return set == null ? 0 : set.size();
    }

    private static double weight(final double[] weights, final int i) {
        return weights == null ? 1 : weights[i];
    }

    /**
     * Computes the union into a new set.
     *
     * @param sets the inputs, null for missing keys.
     * @param weights one per input, or null.
     * @param aggregate the combination.
     * @return the union.
     */
    public static SortedSet union(final SortedSet[] sets, final double[] weights, final Aggregate aggregate) {
        final Map<ByteBuffer, double[]> acc = new HashMap<>();
        final List<byte[]> order = new ArrayList<>();
        for (final int i : bySize(sets)) {
            final SortedSet set = sets[i];
            if (set == null) {
                continue;
            }
            final double w = weight(weights, i);
            for (ZNode n = set.first(); n != null; n = n.next()) {
                final double score = weighted(w, n.score);
                final double[] slot = acc.get(ByteBuffer.wrap(n.member));
                if (slot == null) {
                    acc.put(ByteBuffer.wrap(n.member), new double[] {score});
                    order.add(n.member);
                } else {
                    slot[0] = aggregate(aggregate, slot[0], score);
                }
            }
        }
        final double[] scores = new double[order.size()];
        final byte[][] members = order.toArray(new byte[0][]);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = acc.get(ByteBuffer.wrap(members[i]))[0];
        }
        return build(scores, members, scores.length);
    }

    /** Sorts distinct (score, member) pairs and bulk-loads them: O(n log n) in arrays, then O(n). */
    static SortedSet build(final double[] scores, final byte[][] members, final int count) {
        final Integer[] idx = new Integer[count];
        for (int i = 0; i < count; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> SkipList.compare(scores[a] + 0.0, members[a], scores[b] + 0.0, members[b]));
        final double[] s = new double[count];
        final byte[][] m = new byte[count][];
        for (int i = 0; i < count; i++) {
            s[i] = scores[idx[i]];
            m[i] = members[idx[i]];
        }
        return SortedSet.ofSorted(s, m, count);
    }

    /**
     * Computes the intersection into a new set.
     *
     * @param sets the inputs, null for missing keys.
     * @param weights one per input, or null.
     * @param aggregate the combination.
     * @return the intersection.
     */
    public static SortedSet inter(final SortedSet[] sets, final double[] weights, final Aggregate aggregate) {
        final Integer[] order = bySize(sets);
        final SortedSet smallest = sets[order[0]];
        if (smallest == null || smallest.size() == 0) {
            return new SortedSet();
        }
        final double[] scores = new double[smallest.size()];
        final byte[][] members = new byte[smallest.size()][];
        int count = 0;
        for (ZNode n = smallest.first(); n != null; n = n.next()) {
            double score = weighted(weight(weights, order[0]), n.score);
            boolean everywhere = true;
            for (int j = 1; j < order.length && everywhere; j++) {
                final SortedSet other = sets[order[j]];
                final ZNode found = other == smallest ? n : other.find(n.member);
                if (found == null) {
                    everywhere = false;
                } else {
                    score = aggregate(aggregate, score, weighted(weight(weights, order[j]), found.score));
                }
            }
            if (everywhere) {
                scores[count] = score;
                members[count++] = n.member;
            }
        }
        return build(scores, members, count);
    }

    /**
     * Counts the intersection, stopping at a limit (ZINTERCARD).
     *
     * @param sets the inputs, null for missing keys.
     * @param limit 0 for none.
     * @return the count, at most limit when limit is positive.
     */
    public static long interCard(final SortedSet[] sets, final long limit) {
        final Integer[] order = bySize(sets);
        final SortedSet smallest = sets[order[0]];
        if (smallest == null) {
            return 0;
        }
        long count = 0;
        for (ZNode n = smallest.first(); n != null; n = n.next()) {
            boolean everywhere = true;
            for (int j = 1; j < order.length && everywhere; j++) {
                final SortedSet other = sets[order[j]];
                everywhere = other == smallest || other.find(n.member) != null;
            }
            if (everywhere) {
                count++;
                if (count == limit) {
                    break;
                }
            }
        }
        return count;
    }

    /**
     * Computes the members of the first set that are in none of the others, with their first-set scores.
     *
     * @param sets the inputs, null for missing keys.
     * @return the difference.
     */
    public static SortedSet diff(final SortedSet[] sets) {
        final SortedSet first = sets[0];
        if (first == null) {
            return new SortedSet();
        }
        final double[] scores = new double[first.size()];
        final byte[][] members = new byte[first.size()][];
        int count = 0;
        for (ZNode n = first.first(); n != null; n = n.next()) {
            boolean elsewhere = false;
            for (int j = 1; j < sets.length && !elsewhere; j++) {
                final SortedSet other = sets[j];
                elsewhere = other != null && (other == first || other.find(n.member) != null);
            }
            if (!elsewhere) {
                scores[count] = n.score;
                members[count++] = n.member;
            }
        }
        // Visited in order with the first set's scores: already sorted.
        return SortedSet.ofSorted(scores, members, count);
    }

    /**
     * Lists a set's members in ascending order.
     *
     * @param set the set.
     * @return the pairs.
     */
    public static List<ScoredMember> toList(final SortedSet set) {
        final List<ScoredMember> out = new ArrayList<>(set.size());
        for (ZNode n = set.first(); n != null; n = n.next()) {
            out.add(new ScoredMember(n.member, n.score));
        }
        return out;
    }
}
