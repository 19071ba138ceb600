package io.minikv.engine.type.zset;

import java.util.Arrays;

import io.minikv.api.LexBound;
import io.minikv.engine.memory.HeapSize;

/**
 * Order-statistic skiplist on (score, member), after Redis's {@code t_zset.c}: each forward link carries the number
 * of level-0 steps it skips (its span), so the rank of a node, the node at a rank, and every range boundary are found
 * in O(log n) expected time; ranges then walk level 0.
 * <p>
 * Order: by score as doubles compare ({@code -inf < ... < +inf}; the set never stores NaN or -0.0), ties by member
 * bytes compared unsigned, a prefix before its extensions. Levels are drawn with p = 1/4 up to 32, as in Redis.
 * Ranks here are 1-based, as in Redis's {@code zslGetRank}; the public set converts to 0-based.
 * <p>
 * Not thread-safe; the search vectors are reused fields so that no operation allocates except {@link #insert}.
 */
final class SkipList {
    static final int MAX_LEVEL = 32;

    /**
     * The list without nodes: this object (header, update, rank and tail references, length and level ints, seed and
     * {@link #nodeBytes} longs), the header node with its 31 links and spans, and the two search vectors.
     */
    static final long EMPTY_BYTES = HeapSize.object(4 * 4 + 2 * 4 + 2 * 8)
        + ZNode.NODE_BYTES + 2 * HeapSize.referenceArray(MAX_LEVEL - 1)
        + HeapSize.referenceArray(MAX_LEVEL) + HeapSize.longArray(MAX_LEVEL);

    private final ZNode header = new ZNode(null, 0, 0, MAX_LEVEL);
    private final ZNode[] update = new ZNode[MAX_LEVEL];
    private final long[] rank = new long[MAX_LEVEL];
    private ZNode tail;
    private int length;
    private int level = 1;
    private long seed;
    /** The footprint of the nodes and their members. */
    private long nodeBytes;

    SkipList(final long seed) {
        this.seed = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    int length() {
        return length;
    }

    /** Returns the estimated footprint of the list and its nodes. */
    long memoryBytes() {
        return EMPTY_BYTES + nodeBytes;
    }

    ZNode first() {
        return header.next(0);
    }

    ZNode last() {
        return tail;
    }

    /**
     * Compares (score, member) pairs.
     *
     * @return negative, zero or positive as the first pair sorts before, equal to or after the second.
     */
    static int compare(final double s1, final byte[] m1, final double s2, final byte[] m2) {
        if (s1 < s2) {
            return -1;
        }
        if (s1 > s2) {
            return 1;
        }
        return Arrays.compareUnsigned(m1, m2);
    }

    private static boolean before(final ZNode n, final double score, final byte[] member) {
        return n.score < score || (n.score == score && Arrays.compareUnsigned(n.member, member) < 0);
    }

    private int randomLevel() {
        // xorshift64: cheap, and per-list state avoids contention on a shared generator.
        long x = seed;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        seed = x;
        int lvl = 1;
        // Two bits per level give p = 1/4; 64 random bits cover levels up to 32.
        while (lvl < MAX_LEVEL && (x & 3) == 0) {
            lvl++;
            x >>>= 2;
        }
        return lvl;
    }

    /**
     * Creates and links a node; the pair must not be present.
     *
     * @param score the score, not NaN.
     * @param member the member.
     * @param hash the member's hash.
     * @return the new node.
     */
    ZNode insert(final double score, final byte[] member, final int hash) {
        final ZNode node = new ZNode(member, hash, score, randomLevel());
        link(node);
        nodeBytes += node.memoryBytes();
        return node;
    }

    private void link(final ZNode node) {
        final ZNode[] update = this.update;
        final long[] rank = this.rank;
        final double score = node.score;
        final byte[] member = node.member;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            ZNode f;
            while ((f = x.next(i)) != null && before(f, score, member)) {
                rank[i] += x.span(i);
                x = f;
            }
            update[i] = x;
        }
        final int lvl = node.levels();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span(i, length);
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            node.next(i, update[i].next(i));
            update[i].next(i, node);
            node.span(i, (int) (update[i].span(i) - (rank[0] - rank[i])));
            update[i].span(i, (int) (rank[0] - rank[i]) + 1);
        }
        for (int i = lvl; i < level; i++) {
            update[i].span(i, update[i].span(i) + 1);
        }
        node.backward = update[0] == header ? null : update[0];
        if (node.next(0) != null) {
            node.next(0).backward = node;
        } else {
            tail = node;
        }
        length++;
    }

    /** Fills {@link #update} with the last node before (score, member) on each level. */
    private void findUpdate(final double score, final byte[] member) {
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null && before(f, score, member)) {
                x = f;
            }
            update[i] = x;
        }
    }

    private void unlink(final ZNode x) {
        final ZNode[] update = this.update;
        for (int i = 0; i < level; i++) {
            if (update[i].next(i) == x) {
                update[i].span(i, update[i].span(i) + x.span(i) - 1);
                update[i].next(i, x.next(i));
            } else {
                update[i].span(i, update[i].span(i) - 1);
            }
        }
        if (x.next(0) != null) {
            x.next(0).backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.next(level - 1) == null) {
            level--;
        }
        length--;
    }

    /**
     * Unlinks a node that is in the list.
     *
     * @param node the node.
     */
    void delete(final ZNode node) {
        findUpdate(node.score, node.member);
        if (update[0].next(0) != node) {
            throw new IllegalStateException("node not in the skiplist");
        }
        unlink(node);
        node.unlinkAll();
        nodeBytes -= node.memoryBytes();
    }

    /**
     * Changes a node's score, moving it only when its position changes.
     *
     * @param node a node in the list.
     * @param newScore the new score, not NaN.
     */
    void updateScore(final ZNode node, final double newScore) {
        // Same test as Redis's zslUpdateScore: strict neighbours mean the order cannot change.
        final ZNode prev = node.backward;
        final ZNode next = node.next(0);
        if ((prev == null || prev.score < newScore) && (next == null || next.score > newScore)) {
            node.score = newScore;
            return;
        }
        findUpdate(node.score, node.member);
        unlink(node);
        node.unlinkAll();
        node.score = newScore;
        link(node);
    }

    /**
     * Returns the 1-based rank of a node in the list. O(log n).
     *
     * @param node a node in the list.
     * @return its rank.
     */
    long rankOf(final ZNode node) {
        final double score = node.score;
        final byte[] member = node.member;
        long r = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null
                && (f.score < score || (f.score == score && Arrays.compareUnsigned(f.member, member) <= 0))) {
                r += x.span(i);
                x = f;
            }
            if (x == node) {
                return r;
            }
        }
        throw new IllegalStateException("node not in the skiplist");
    }

    /**
     * Returns the node at a 1-based rank. O(log n).
     *
     * @param r the rank.
     * @return the node, or null when out of range.
     */
    ZNode byRank(final long r) {
        if (r < 1 || r > length) {
            return null;
        }
        long traversed = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && traversed + x.span(i) <= r) {
                traversed += x.span(i);
                x = x.next(i);
            }
            if (traversed == r) {
                return x;
            }
        }
        return null;
    }

    /**
     * Returns the 1-based rank the first pair {@code >= (score, member)} has, or would have: one more than the number
     * of pairs before it. O(log n).
     *
     * @param score the score.
     * @param member the member.
     * @return a rank from 1 to {@code length() + 1}.
     */
    long seekRank(final double score, final byte[] member) {
        long r = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null && before(f, score, member)) {
                r += x.span(i);
                x = f;
            }
        }
        return r + 1;
    }

    // ---------------------------------------------------------------------------------------------- score ranges

    /**
     * Returns the 1-based rank of the first node whose score is above (or, inclusive, at least) {@code min}.
     *
     * @return a rank from 1 to {@code length() + 1}.
     */
    long firstRankAtLeast(final double min, final boolean exclusive) {
        long r = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null && (exclusive ? f.score <= min : f.score < min)) {
                r += x.span(i);
                x = f;
            }
        }
        return r + 1;
    }

    /**
     * Returns the 1-based rank of the last node whose score is below (or, inclusive, at most) {@code max}.
     *
     * @return a rank from 0 to {@code length()}.
     */
    long lastRankAtMost(final double max, final boolean exclusive) {
        long r = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null && (exclusive ? f.score < max : f.score <= max)) {
                r += x.span(i);
                x = f;
            }
        }
        return r;
    }

    // ---------------------------------------------------------------------------------------------- lex ranges

    /**
     * Returns the 1-based rank of the first node whose member is above (or, inclusive, at least) the bound.
     *
     * @return a rank from 1 to {@code length() + 1}.
     */
    long firstRankAtLeast(final LexBound min) {
        long r = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null && !LexRange.gteMin(f.member, min)) {
                r += x.span(i);
                x = f;
            }
        }
        return r + 1;
    }

    /**
     * Returns the 1-based rank of the last node whose member is below (or, inclusive, at most) the bound.
     *
     * @return a rank from 0 to {@code length()}.
     */
    long lastRankAtMost(final LexBound max) {
        long r = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            ZNode f;
            while ((f = x.next(i)) != null && LexRange.lteMax(f.member, max)) {
                r += x.span(i);
                x = f;
            }
        }
        return r;
    }

    /**
     * Removes the nodes of 1-based ranks {@code start..end} (inclusive, within range) from the list and from the
     * member hash, in one pass as Redis's {@code zslDeleteRangeByRank}.
     *
     * @param start first rank, at least 1.
     * @param end last rank, at most {@code length()}.
     * @param hash the member hash to unlink from.
     * @return the number removed.
     */
    long deleteRankRange(final long start, final long end, final MemberHash hash) {
        final ZNode[] update = this.update;
        long traversed = 0;
        ZNode x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.next(i) != null && traversed + x.span(i) < start) {
                traversed += x.span(i);
                x = x.next(i);
            }
            update[i] = x;
        }
        traversed++;
        x = x.next(0);
        long removed = 0;
        while (x != null && traversed <= end) {
            final ZNode next = x.next(0);
            unlink(x);
            hash.remove(x);
            x.unlinkAll();
            nodeBytes -= x.memoryBytes();
            removed++;
            traversed++;
            x = next;
        }
        return removed;
    }

    // ---------------------------------------------------------------------------------------------- bulk load

    /** Starts appending to this empty list in order: {@link #update} and {@link #rank} track each level's tail. */
    void beginAppend() {
        for (int i = 0; i < MAX_LEVEL; i++) {
            update[i] = header;
            rank[i] = 0;
        }
    }

    /**
     * Appends a node that sorts after every node present, in O(level): COPY and STORE results are built in
     * O(n) instead of O(n log n). Only between {@link #beginAppend()} and {@link #endAppend()}.
     *
     * @param score the score.
     * @param member the member.
     * @param hash the member's hash.
     * @return the new node.
     */
    ZNode append(final double score, final byte[] member, final int hash) {
        final ZNode node = new ZNode(member, hash, score, randomLevel());
        nodeBytes += node.memoryBytes();
        final int lvl = node.levels();
        if (lvl > level) {
            level = lvl;
        }
        final long r = length + 1L;
        for (int i = 0; i < lvl; i++) {
            update[i].next(i, node);
            update[i].span(i, (int) (r - rank[i]));
            update[i] = node;
            rank[i] = r;
        }
        node.backward = tail;
        tail = node;
        length++;
        return node;
    }

    /** Ends an append run: the last node of each level spans to the end of the list, as inserts keep it. */
    void endAppend() {
        for (int i = 0; i < level; i++) {
            update[i].span(i, (int) (length - rank[i]));
        }
    }

    /** Removes every node; O(1), the garbage collector reclaims them. */
    void clear() {
        header.unlinkAll();
        Arrays.fill(header.span, 0);
        tail = null;
        length = 0;
        level = 1;
        nodeBytes = 0;
    }
}
