package io.minikv.engine.type.zset;

/**
 * One member of a {@link SortedSet}: a skiplist node that is also the entry of the member hash.
 * <p>
 * Sharing one object between the two indexes (instead of Redis's dict entry pointing at the node's score) keeps the
 * heap cost to one node plus two small arrays per member and makes ZSCORE a single hash probe.
 * <p>
 * Read-only outside this package; valid only while the owning set is not modified (the owner's lock guards both).
 */
public final class ZNode {
    final byte[] member;
    final int hash;
    final ZNode[] forward;
    final int[] span;
    double score;
    ZNode backward;
    ZNode hashNext;

    ZNode(final byte[] member, final int hash, final double score, final int level) {
        this.member = member;
        this.hash = hash;
        this.score = score;
        this.forward = new ZNode[level];
        this.span = new int[level];
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
        return forward[0];
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
