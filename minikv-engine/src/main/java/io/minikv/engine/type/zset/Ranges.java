package io.minikv.engine.type.zset;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.LexBound;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZRangeQuery;

/**
 * Resolves ZRANGE-style selections to 0-based ascending rank intervals, with Redis's rules: index ranges clamp as
 * {@code zrangeGenericCommand} does, score and lex intervals map to the ranks of their first and last members, and
 * LIMIT skips {@code offset} members of the interval in iteration order (a negative offset selects nothing, a
 * negative count means all). Everything is O(log n) before the walk.
 * <p>
 * Stateless; results are {@code long[2]} = {first, last} ascending ranks, first &gt; last when empty.
 */
public final class Ranges {
    /** Sets up to this size behave as Redis's listpack encoding does (linear lex scans). */
    public static final int SMALL_SET = 128;
    private static final long[] EMPTY = {0, -1};

    private Ranges() {
    }

    /**
     * Clamps an index range as Redis does.
     *
     * @param size the set's size.
     * @param start first rank, negative from the end.
     * @param stop last rank, inclusive.
     * @return {first, last} 0-based, in the same direction as the arguments.
     */
    public static long[] index(final long size, final long start, final long stop) {
        long s = start < 0 ? size + start : start;
        long e = stop < 0 ? size + stop : stop;
        if (s < 0) {
            s = 0;
        }
        if (s > e || s >= size) {
            return EMPTY;
        }
        if (e >= size) {
            e = size - 1;
        }
        return new long[] {s, e};
    }

    /**
     * Resolves a query to the ascending rank interval it returns, LIMIT applied.
     *
     * @param set the set.
     * @param q the query.
     * @return {first, last} ascending ranks.
     */
    public static long[] resolve(final SortedSet set, final ZRangeQuery q) {
        final long size = set.size();
        final long first;
        final long last;
        switch (q.by()) {
            case INDEX: {
                final long[] r = index(size, q.start(), q.stop());
                if (r[0] > r[1] || !q.isReversed()) {
                    return r;
                }
                return new long[] {size - 1 - r[1], size - 1 - r[0]};
            }
            case SCORE:
                first = set.firstRankByScore(q.minScore().value(), q.minScore().exclusive());
                last = set.lastRankByScore(q.maxScore().value(), q.maxScore().exclusive());
                break;
            default:
                return lex(set, q);
        }
        if (first > last || q.offset() < 0) {
            return EMPTY;
        }
        final long available = last - first + 1;
        if (q.offset() >= available) {
            return EMPTY;
        }
        final long remaining = available - q.offset();
        final long take = q.count() < 0 ? remaining : Math.min(q.count(), remaining);
        if (take == 0) {
            return EMPTY;
        }
        return q.isReversed()
            ? new long[] {last - q.offset() - take + 1, last - q.offset()}
            : new long[] {first + q.offset(), first + q.offset() + take - 1};
    }

    /**
     * Resolves a lex query the way Redis walks it: find the first (or, reversed, the last) member inside the near
     * bound, skip {@code offset} members, then take members while they are inside the far bound. When members are
     * sorted (all scores equal, the documented use) this is just the rank interval; when they are not, it is what
     * Redis returns: small sets (up to {@link #SMALL_SET}, Redis's listpack encoding) find the start by a linear
     * scan, larger ones by the skiplist descent.
     */
    private static long[] lex(final SortedSet set, final ZRangeQuery q) {
        final LexBound min = q.minLex();
        final LexBound max = q.maxLex();
        final long size = set.size();
        if (size == 0 || SortedSet.isEmptyLexRange(min, max) || !SortedSet.lexGteMin(set.last().member, min)
            || !SortedSet.lexLteMax(set.first().member, max) || q.offset() < 0) {
            return EMPTY;
        }
        final boolean reversed = q.isReversed();
        long start;
        ZNode n;
        if (!reversed) {
            start = size <= SMALL_SET ? scanFirst(set, min) : set.firstRankByLex(min);
            n = start < size ? set.byRank(start) : null;
            if (n == null || !SortedSet.lexLteMax(n.member, max)) {
                return EMPTY;
            }
        } else {
            start = size <= SMALL_SET ? scanLast(set, max) : set.lastRankByLex(max);
            n = start >= 0 ? set.byRank(start) : null;
            if (n == null || !SortedSet.lexGteMin(n.member, min)) {
                return EMPTY;
            }
        }
        start = reversed ? start - q.offset() : start + q.offset();
        if (start < 0 || start >= size) {
            return EMPTY;
        }
        n = set.byRank(start);
        long taken = 0;
        while (n != null && (q.count() < 0 || taken < q.count())
            && (reversed ? SortedSet.lexGteMin(n.member, min) : SortedSet.lexLteMax(n.member, max))) {
            taken++;
            n = reversed ? n.backward : n.next0;
        }
        if (taken == 0) {
            return EMPTY;
        }
        return reversed ? new long[] {start - taken + 1, start} : new long[] {start, start + taken - 1};
    }

    private static long scanFirst(final SortedSet set, final LexBound min) {
        long rank = 0;
        for (ZNode n = set.first(); n != null; n = n.next0, rank++) {
            if (SortedSet.lexGteMin(n.member, min)) {
                return rank;
            }
        }
        return rank;
    }

    private static long scanLast(final SortedSet set, final LexBound max) {
        long rank = set.size() - 1;
        for (ZNode n = set.last(); n != null; n = n.backward, rank--) {
            if (SortedSet.lexLteMax(n.member, max)) {
                return rank;
            }
        }
        return rank;
    }

    /**
     * Counts a lex interval as ZLEXCOUNT does: small sets walk from the first member in range, larger ones subtract
     * the ranks of the first and last members in range.
     *
     * @param set the set.
     * @param min lower bound.
     * @param max upper bound.
     * @return the count.
     */
    public static long lexCount(final SortedSet set, final LexBound min, final LexBound max) {
        if (set.size() <= SMALL_SET) {
            final long[] r = lex(set, ZRangeQuery.byLex(min, max));
            return r[1] - r[0] + 1;
        }
        if (SortedSet.isEmptyLexRange(min, max)) {
            return 0;
        }
        final long first = set.firstRankByLex(min);
        final long last = set.lastRankByLex(max);
        if (first > last || !SortedSet.lexLteMax(set.byRank(first).member, max)
            || !SortedSet.lexGteMin(set.byRank(last).member, min)) {
            return 0;
        }
        return last - first + 1;
    }

    /**
     * Lists ranks {@code first..last} (ascending ranks), in ascending or descending order.
     *
     * @param set the set.
     * @param range {first, last}.
     * @param reversed whether to list from last down to first.
     * @return the pairs.
     */
    public static List<ScoredMember> list(final SortedSet set, final long[] range, final boolean reversed) {
        final long n = range[1] - range[0] + 1;
        if (n <= 0) {
            return new ArrayList<>(0);
        }
        final List<ScoredMember> out = new ArrayList<>((int) Math.min(n, 1 << 16));
        ZNode node = set.byRank(reversed ? range[1] : range[0]);
        for (long i = 0; i < n; i++) {
            out.add(new ScoredMember(node.member, node.score));
            node = reversed ? node.backward : node.next0;
        }
        return out;
    }
}
