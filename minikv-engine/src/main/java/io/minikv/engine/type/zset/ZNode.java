package io.minikv.engine.type.zset;

import io.minikv.engine.memory.HeapSize;

/**
 * One member of a {@link SortedSet}: a skiplist node that is also the entry of the member hash.
 * <p>
 * Sharing one object between the two indexes (instead of Redis's dict entry pointing at the node's score) makes
 * ZSCORE a single hash probe. Level 0 lives in the node itself ({@link #next0}; its span is always 1, or 0 at the
 * tail, so it is not stored): three nodes in four have no higher level and hence no arrays at all, and the last,
 * most frequent steps of every search touch only nodes.
 * <p>
 * Read-only outside this package; valid only while the owning set is not modified (the owner's lock guards both).
 */
public final class ZNode {
    private static final ZNode[] NO_NODES = new ZNode[0];
    private static final int[] NO_SPANS = new int[0];
    /** A node object: member, forward, span, next0, backward and hashNext references, the hash, the score. */
    static final long NODE_BYTES = HeapSize.object(6 * 4 + 4 + 8);
    final byte[] member;
    final int hash;
    /** Forward links of levels 1 and up ({@code forward[i - 1]} is level i); empty for single-level nodes. */
    final ZNode[] forward;
    /** Spans of levels 1 and up, as {@link #forward}. */
    final int[] span;
    /** The level-0 forward link. */
    ZNode next0;
    double score;
    ZNode backward;
    ZNode hashNext;

    ZNode(final byte[] member, final int hash, final double score, final int level) {
        this.member = member;
        this.hash = hash;
        this.score = score;
        this.forward = level > 1 ? new ZNode[level - 1] : NO_NODES;
        this.span = level > 1 ? new int[level - 1] : NO_SPANS;
    }

    /**
     * Returns the node's estimated footprint: the node, its member and, above level 0, its link and span arrays
     * (single-level nodes share empty ones).
     */
    long memoryBytes() {
        final int upper = forward.length;
        final long arrays = upper == 0 ? 0 : 2 * HeapSize.referenceArray(upper);
        return NODE_BYTES + HeapSize.byteArray(member.length) + arrays;
    }

    /** Returns how many levels the node has, at least 1. */
    int levels() {
        return forward.length + 1;
    }

    /** Returns the forward link of level i. */
    ZNode next(final int i) {
        return i == 0 ? next0 : forward[i - 1];
    }

    /** Sets the forward link of level i. */
    void next(final int i, final ZNode node) {
        if (i == 0) {
            next0 = node;
        } else {
            forward[i - 1] = node;
        }
    }

    /** Returns the span of level i: level 0 spans one node, or none at the tail. */
    int span(final int i) {
        return i == 0 ? (next0 != null ? 1 : 0) : span[i - 1];
    }

    /** Sets the span of level i; level 0's is implied by its link. */
    void span(final int i, final int value) {
        if (i != 0) {
            span[i - 1] = value;
        }
    }

    /** Clears every forward link (the node left the list). */
    void unlinkAll() {
        next0 = null;
        java.util.Arrays.fill(forward, null);
        backward = null;
    }

    /**
     * Returns the member bytes, shared with the set: callers must not modify them.
     *
     * @return the member.
     */
    public byte[] member() {
        return member;
    }

    /**
     * Returns the score; never NaN and never -0.0.
     *
     * @return the score.
     */
    public double score() {
        return score;
    }

    /**
     * Returns the next member in (score, member) order.
     *
     * @return the next node, or null at the end.
     */
    public ZNode next() {
        return next0;
    }

    /**
     * Returns the previous member in (score, member) order.
     *
     * @return the previous node, or null at the start.
     */
    public ZNode previous() {
        return backward;
    }
}
