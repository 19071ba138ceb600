package io.minikv.engine.type.zset;

import io.minikv.api.LexBound;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.HeapSize;

/**
 * A sorted-set value: a member hash for O(1) score lookups plus an order-statistic skiplist for everything ordered.
 * <p>
 * <b>Design.</b> As Redis's skiplist encoding ({@code t_zset.c}), minus the listpack form for small sets: one
 * {@link ZNode} per member is at once the skiplist node and the hash entry. Ranks, index ranges, range boundaries
 * and ZQUERY's seek-then-offset are O(log n); ranges then walk level 0 at O(1) per element. Ranks in this class are
 * 0-based, as the commands use them.
 * <p>
 * <b>Scores.</b> Never NaN (rejected as Redis rejects it) and never -0.0: it is stored as +0.0, which is what Redis
 * shows for small sets and keeps ZSCORE's output independent of the set's size.
 * <p>
 * <b>Members</b> are binary-safe; the set keeps the arrays it is given, so callers pass arrays they own.
 * <p>
 * <b>Threads.</b> Not thread-safe: the keyspace entry that holds the set guards every access.
 */
public final class SortedSet implements ObjectValue {
    /** {@link #add} flag: only add new members (ZADD NX). */
    public static final int IN_NX = 1;
    /** {@link #add} flag: only update existing members (ZADD XX). */
    public static final int IN_XX = 1 << 1;
    /** {@link #add} flag: only update when the new score is greater (ZADD GT). */
    public static final int IN_GT = 1 << 2;
    /** {@link #add} flag: only update when the new score is less (ZADD LT). */
    public static final int IN_LT = 1 << 3;
    /** {@link #add} flag: the score is an increment (ZADD INCR, ZINCRBY). */
    public static final int IN_INCR = 1 << 4;

    /** {@link #add} result: the member was added. */
    public static final int OUT_ADDED = 1;
    /** {@link #add} result: the member's score changed. */
    public static final int OUT_UPDATED = 1 << 1;
    /** {@link #add} result: nothing was done because of NX, XX, GT or LT. */
    public static final int OUT_NOP = 1 << 2;
    /** {@link #add} result: the (resulting) score is NaN; nothing was done. */
    public static final int OUT_NAN = 1 << 3;

    /** Redis's {@code zset-max-listpack-entries} default. */
    public static final int LISTPACK_MAX_ENTRIES = 128;
    /** Redis's {@code zset-max-listpack-value} default. */
    public static final int LISTPACK_MAX_VALUE = 64;
    private static final long SET_BYTES = HeapSize.object(2 * 4 + 8 + 1);

    private final SkipList list;
    private final MemberHash hash = new MemberHash();
    private double lastScore;
    /** Whether Redis would have converted this set to a skiplist (one-way, as {@code zsetConvert}). */
    private boolean skiplist;

    /** Creates an empty set. */
    public SortedSet() {
        this(System.nanoTime() * 0x9E3779B97F4A7C15L);
    }

    /**
     * Creates an empty set whose level choices follow a seed (tests).
     *
     * @param seed any value.
     */
    public SortedSet(final long seed) {
        this.list = new SkipList(seed);
    }

    /**
     * Returns the number of members.
     *
     * @return the cardinality.
     */
    public int size() {
        return list.length();
    }

    /**
     * Adds or updates a member with Redis's {@code zsetAdd} semantics.
     *
     * @param score the score, or the increment with {@link #IN_INCR}.
     * @param member the member; kept by the set when added.
     * @param flags a combination of the {@code IN_*} flags; the caller has rejected invalid combinations.
     * @return the {@code OUT_*} flags; 0 means an existing member was left at the same score. Unless
     *     {@link #OUT_NOP} or {@link #OUT_NAN} is set, {@link #lastScore()} holds the member's score.
     */
    public int add(final double score, final byte[] member, final int flags) {
        if (Double.isNaN(score)) {
            return OUT_NAN;
        }
        final int h = MemberHash.hash(member);
        final ZNode node = hash.find(member, h);
        if (node != null) {
            if ((flags & IN_NX) != 0) {
                return OUT_NOP;
            }
            final double current = node.score;
            double target = score;
            if ((flags & IN_INCR) != 0) {
                target = current + score;
                if (Double.isNaN(target)) {
                    return OUT_NAN;
                }
            }
            if (((flags & IN_LT) != 0 && target >= current) || ((flags & IN_GT) != 0 && target <= current)) {
                return OUT_NOP;
            }
            lastScore = current;
            if (target != current) {
                final double stored = target + 0.0;
                list.updateScore(node, stored);
                lastScore = stored;
                return OUT_UPDATED;
            }
            return 0;
        }
        if ((flags & IN_XX) != 0) {
            return OUT_NOP;
        }
        final double stored = score + 0.0;
        // zsetAdd converts before inserting a member that would make the listpack too long or hold too long a member.
        if (list.length() + 1 > LISTPACK_MAX_ENTRIES || member.length > LISTPACK_MAX_VALUE) {
            skiplist = true;
        }
        hash.insert(list.insert(stored, member, h));
        lastScore = stored;
        return OUT_ADDED;
    }

    /**
     * Returns the score {@link #add} left the member at.
     *
     * @return the score.
     */
    public double lastScore() {
        return lastScore;
    }

    /**
     * Looks a member up.
     *
     * @param member the member.
     * @return its node, or null.
     */
    public ZNode find(final byte[] member) {
        return hash.find(member, MemberHash.hash(member));
    }

    /**
     * Removes a member.
     *
     * @param member the member.
     * @return true when it was present.
     */
    public boolean remove(final byte[] member) {
        final ZNode node = find(member);
        if (node == null) {
            return false;
        }
        delete(node);
        return true;
    }

    /**
     * Removes a node of this set; the node stays readable (member and score) afterwards.
     *
     * @param node the node.
     */
    public void delete(final ZNode node) {
        list.delete(node);
        hash.remove(node);
    }

    /**
     * Returns a member's 0-based rank in ascending order. O(log n).
     *
     * @param node a node of this set.
     * @return the rank.
     */
    public long rank(final ZNode node) {
        return list.rankOf(node) - 1;
    }

    /**
     * Returns the member at a 0-based ascending rank. O(log n).
     *
     * @param rank the rank.
     * @return the node, or null when out of range.
     */
    public ZNode byRank(final long rank) {
        return list.byRank(rank + 1);
    }

    /**
     * Returns the lowest member.
     *
     * @return the first node, or null when empty.
     */
    public ZNode first() {
        return list.first();
    }

    /**
     * Returns the highest member.
     *
     * @return the last node, or null when empty.
     */
    public ZNode last() {
        return list.last();
    }

    /**
     * Returns the 0-based rank of the first pair {@code >= (score, member)} (ZQUERY's seek). O(log n).
     *
     * @param score the score.
     * @param member the member.
     * @return a rank from 0 to {@code size()}; {@code size()} when every pair is below.
     */
    public long seek(final double score, final byte[] member) {
        return list.seekRank(score, member) - 1;
    }

    /**
     * ZQUERY's start: seek the first pair {@code >= (score, member)}, then move {@code offset} ranks. O(log n).
     *
     * @param score the seek score.
     * @param member the seek member.
     * @param offset ranks to move, negative backwards.
     * @return the 0-based start rank, or -1 when nothing is {@code >=} the pair or the target rank is outside the
     *     set.
     */
    public long queryStart(final double score, final byte[] member, final long offset) {
        final long seek = seek(score, member);
        final long size = size();
        if (seek >= size) {
            return -1;
        }
        // Both terms are within [-2^63, 2^31], so only a huge positive offset can overflow: compare first.
        if (offset >= size - seek) {
            return -1;
        }
        final long target = seek + offset;
        return target < 0 ? -1 : target;
    }

    /**
     * Returns the 0-based rank of the first member whose score is within the lower bound.
     *
     * @param min the bound.
     * @param exclusive whether scores equal to min are excluded.
     * @return a rank from 0 to {@code size()}.
     */
    public long firstRankByScore(final double min, final boolean exclusive) {
        return list.firstRankAtLeast(min, exclusive) - 1;
    }

    /**
     * Returns the 0-based rank of the last member whose score is within the upper bound.
     *
     * @param max the bound.
     * @param exclusive whether scores equal to max are excluded.
     * @return a rank from -1 to {@code size() - 1}.
     */
    public long lastRankByScore(final double max, final boolean exclusive) {
        return list.lastRankAtMost(max, exclusive) - 1;
    }

    /**
     * Returns the 0-based rank of the first member within a lex lower bound.
     *
     * @param min the bound.
     * @return a rank from 0 to {@code size()}.
     */
    public long firstRankByLex(final LexBound min) {
        return list.firstRankAtLeast(min) - 1;
    }

    /**
     * Returns the 0-based rank of the last member within a lex upper bound.
     *
     * @param max the bound.
     * @return a rank from -1 to {@code size() - 1}.
     */
    public long lastRankByLex(final LexBound max) {
        return list.lastRankAtMost(max) - 1;
    }

    /**
     * Returns whether a lex range is empty whatever the set holds (min after max, or equal with an exclusive end).
     *
     * @param min lower bound.
     * @param max upper bound.
     * @return true when no member can match.
     */
    public static boolean isEmptyLexRange(final LexBound min, final LexBound max) {
        return LexRange.isEmpty(min, max);
    }

    /**
     * Returns whether a member is within a lex lower bound.
     *
     * @param member the member.
     * @param min the bound.
     * @return true when inside.
     */
    public static boolean lexGteMin(final byte[] member, final LexBound min) {
        return LexRange.gteMin(member, min);
    }

    /**
     * Returns whether a member is within a lex upper bound.
     *
     * @param member the member.
     * @param max the bound.
     * @return true when inside.
     */
    public static boolean lexLteMax(final byte[] member, final LexBound max) {
        return LexRange.lteMax(member, max);
    }

    /**
     * Removes the members of 0-based ranks {@code start..end}, both inclusive and within {@code [0, size())}.
     * O(log n + removed).
     *
     * @param start first rank.
     * @param end last rank, at least start.
     * @return the number removed.
     */
    public long removeRankRange(final long start, final long end) {
        return list.deleteRankRange(start + 1, end + 1, hash);
    }

    /**
     * Visits one hash bucket of a ZSCAN iteration.
     *
     * @param cursor 0 to start, then the returned value.
     * @param visitor receives the bucket's members.
     * @return the next cursor, 0 when complete.
     */
    public long scan(final long cursor, final Visitor visitor) {
        return hash.scan(cursor, visitor);
    }

    /** Receives members of a scan step. */
    public interface Visitor {
        /**
         * Called once per member.
         *
         * @param node the member's node.
         */
        void visit(ZNode node);
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    /**
     * {@inheritDoc} The set object (list and hash references, {@link #lastScore}), its skiplist with the nodes, and
     * the member hash's table. A copy shares the member arrays with the original but is charged for them in full.
     */
    @Override
    public long memoryBytes() {
        return SET_BYTES + list.memoryBytes() + hash.memoryBytes();
    }

    @Override
    public String encoding() {
        return skiplist ? "skiplist" : "listpack";
    }

    /**
     * Records that Redis would now hold this set as a skiplist, as its {@code zsetConvert} does for every sorted set
     * SORT reads, so that OBJECT ENCODING answers as Redis's does afterwards.
     */
    public void convertToSkiplist() {
        skiplist = true;
    }

    /**
     * Returns a deep copy (COPY) in O(n): new nodes, shared member arrays (the set never modifies them).
     *
     * @return an equal, independent set with the same encoding.
     */
    @Override
    public SortedSet copy() {
        final SortedSet copy = new SortedSet();
        copy.list.beginAppend();
        for (ZNode n = list.first(); n != null; n = n.next()) {
            copy.hash.insert(copy.list.append(n.score, n.member, n.hash));
        }
        copy.list.endAppend();
        copy.skiplist = skiplist;
        return copy;
    }

    /**
     * Builds a set from pairs already in ascending (score, member) order with distinct members, in O(n): the STORE
     * commands' path.
     *
     * @param scores the scores, not NaN.
     * @param members the members, kept.
     * @param count how many pairs to take.
     * @return the set.
     * @throws IllegalArgumentException when the pairs are not strictly ascending.
     */
    public static SortedSet ofSorted(final double[] scores, final byte[][] members, final int count) {
        final SortedSet set = new SortedSet();
        set.list.beginAppend();
        for (int i = 0; i < count; i++) {
            if (i > 0 && SkipList.compare(scores[i - 1], members[i - 1], scores[i], members[i]) >= 0) {
                throw new IllegalArgumentException("pairs not in ascending order at " + i);
            }
            final double score = scores[i] + 0.0;
            set.hash.insert(set.list.append(score, members[i], MemberHash.hash(members[i])));
            // The STORE commands end with zsetConvertToListpackIfNeeded: the result's content decides.
            set.skiplist |= members[i].length > LISTPACK_MAX_VALUE;
        }
        set.skiplist |= count > LISTPACK_MAX_ENTRIES;
        set.list.endAppend();
        return set;
    }
}
