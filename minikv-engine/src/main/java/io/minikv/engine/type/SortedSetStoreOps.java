package io.minikv.engine.type;

import static io.minikv.engine.type.SortedSetOps.BASE;

import java.util.List;

import io.minikv.api.Aggregate;
import io.minikv.api.KvError;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZRangeQuery;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.keyspace.SegmentLocks;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.zset.Ranges;
import io.minikv.engine.type.zset.SetAlgebra;
import io.minikv.engine.type.zset.SortedSet;

/**
 * The multi-key sorted-set commands: ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD and ZRANGESTORE. Every
 * segment involved is write-locked at once through {@link SegmentLocks} (ascending order, so no deadlock), which
 * makes each command atomic: sources cannot change while the result is computed, and a destination that is also a
 * source is replaced only after it was read. A STORE replaces the destination whatever its type and clears its TTL;
 * an empty result deletes it, as in Redis.
 * <p>
 * Thread-safe (stateless).
 */
public final class SortedSetStoreOps {
    /** The operation of {@link #combine}. */
    public enum Op {
        /** ZUNION. */
        UNION,
        /** ZINTER. */
        INTER,
        /** ZDIFF. */
        DIFF
    }

    private SortedSetStoreOps() {
    }

    /** The looked-up sources (all locked) and, for a STORE, the destination's segment. */
    private static final class Locked implements AutoCloseable {
        final SortedSet[] sets;
        final SegmentLocks locks;
        final Segment dst;
        final long dstHash;

        Locked(final Keyspace ks, final byte[][] keys, final byte[] destination) {
            final long now = ks.now();
            final int n = keys.length;
            final Segment[] segments = new Segment[n + (destination == null ? 0 : 1)];
            final long[] hashes = new long[n];
            for (int i = 0; i < n; i++) {
                hashes[i] = KeyHash.hash(keys[i]);
                segments[i] = ks.segment(hashes[i]);
            }
            dstHash = destination == null ? 0 : KeyHash.hash(destination);
            dst = destination == null ? null : ks.segment(dstHash);
            if (dst != null) {
                segments[n] = dst;
            }
            locks = new SegmentLocks(segments);
            sets = new SortedSet[n];
            try {
                for (int i = 0; i < n; i++) {
                    final Segment s = segments[i];
                    sets[i] = SortedSetOps.at(s, s.findLive(hashes[i], keys[i], BASE, keys[i].length, now), now);
                }
            } catch (final RuntimeException e) {
                locks.close();
                throw e;
            }
        }

        /** Stores the result at the destination (replacing any type, clearing the TTL), or deletes it if empty. */
        long store(final byte[] destination, final SortedSet result, final long now) {
            final int d = dst.findLive(dstHash, destination, BASE, destination.length, now);
            if (result.size() == 0) {
                if (d >= 0) {
                    dst.removeKey(dstHash, d);
                }
                return 0;
            }
            dst.putObject(dstHash, destination, BASE, destination.length, d, result, 0);
            return result.size();
        }

        @Override
        public void close() {
            locks.close();
        }
    }

    private static SortedSet compute(final Op op, final SortedSet[] sets, final double[] weights,
        final Aggregate aggregate) {
        switch (op) {
            case UNION:
                return SetAlgebra.union(sets, weights, aggregate);
            case INTER:
                return SetAlgebra.inter(sets, weights, aggregate);
            default:
                return SetAlgebra.diff(sets);
        }
    }

    private static void check(final byte[][] keys, final double[] weights) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        if (weights != null && weights.length != keys.length) {
            throw KvError.SYNTAX.exception();
        }
        if (weights != null) {
            for (final double w : weights) {
                if (Double.isNaN(w)) {
                    throw KvError.WEIGHT_NOT_FLOAT.exception();
                }
            }
        }
    }

    /**
     * ZUNION, ZINTER and ZDIFF: returns the result in ascending order.
     *
     * @param ks the keyspace.
     * @param op the operation.
     * @param keys the sources.
     * @param weights one per source, or null.
     * @param aggregate the combination.
     * @return the members.
     */
    public static List<ScoredMember> combine(final Keyspace ks, final Op op, final byte[][] keys,
        final double[] weights, final Aggregate aggregate) {
        check(keys, weights);
        final SortedSet result;
        try (Locked locked = new Locked(ks, keys, null)) {
            result = compute(op, locked.sets, weights, aggregate);
        }
        return SetAlgebra.toList(result);
    }

    /**
     * ZUNIONSTORE, ZINTERSTORE and ZDIFFSTORE.
     *
     * @param ks the keyspace.
     * @param op the operation.
     * @param destination the destination key.
     * @param keys the sources.
     * @param weights one per source, or null.
     * @param aggregate the combination.
     * @return the size of the stored set.
     */
    public static long combineStore(final Keyspace ks, final Op op, final byte[] destination, final byte[][] keys,
        final double[] weights, final Aggregate aggregate) {
        check(keys, weights);
        try (Locked locked = new Locked(ks, keys, destination)) {
            return locked.store(destination, compute(op, locked.sets, weights, aggregate), ks.now());
        }
    }

    /**
     * ZINTERCARD.
     *
     * @param ks the keyspace.
     * @param keys the sources.
     * @param limit 0 for none.
     * @return the count.
     */
    public static long zintercard(final Keyspace ks, final byte[][] keys, final long limit) {
        if (limit < 0) {
            throw KvError.LIMIT_NEGATIVE.exception();
        }
        check(keys, null);
        try (Locked locked = new Locked(ks, keys, null)) {
            return SetAlgebra.interCard(locked.sets, limit);
        }
    }

    /**
     * ZRANGESTORE.
     *
     * @param ks the keyspace.
     * @param destination the destination key.
     * @param source the source key.
     * @param query the selection.
     * @return the number stored.
     */
    public static long zrangestore(final Keyspace ks, final byte[] destination, final byte[] source,
        final ZRangeQuery query) {
        try (Locked locked = new Locked(ks, new byte[][] {source}, destination)) {
            final SortedSet src = locked.sets[0];
            SortedSet result = new SortedSet();
            if (src != null) {
                // The stored set is the selection in ascending order, whatever the query's direction.
                final List<ScoredMember> picked = Ranges.list(src, Ranges.resolve(src, query), false);
                final int n = picked.size();
                final double[] scores = new double[n];
                final byte[][] members = new byte[n][];
                for (int i = 0; i < n; i++) {
                    scores[i] = picked.get(i).score();
                    members[i] = picked.get(i).member();
                }
                result = SortedSet.ofSorted(scores, members, n);
            }
            return locked.store(destination, result, ks.now());
        }
    }
}
