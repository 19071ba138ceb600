package io.minikv.engine.type;

import java.util.Arrays;
import java.util.List;

import io.minikv.api.Aggregate;
import io.minikv.api.KvError;
import io.minikv.api.ScoredMember;
import io.minikv.api.ZRangeQuery;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.zset.Ranges;
import io.minikv.engine.type.zset.SetAlgebra;
import io.minikv.engine.type.zset.SortedSet;

/**
 * The multi-key sorted-set commands: ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD and ZRANGESTORE. Every
 * segment involved is write-locked at once through {@link LockedObjects} (ascending order, so no deadlock), which
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

    /** Looks up the first n locked keys as sorted sets (WRONGTYPE otherwise), null for missing keys. */
    private static SortedSet[] sources(final LockedObjects locked, final int n) {
        final SortedSet[] sets = new SortedSet[n];
        for (int i = 0; i < n; i++) {
            sets[i] = (SortedSet) locked.value(i, EntryLayout.TYPE_ZSET);
        }
        return sets;
    }

    /**
     * Looks up the sources of ZUNION, ZINTER, ZDIFF and ZINTERCARD, which, as in Redis, also take plain sets: a
     * set's members all score 1 (a temporary copy; the set itself is not changed).
     */
    private static SortedSet[] algebraSources(final LockedObjects locked, final int n) {
        final SortedSet[] sets = new SortedSet[n];
        for (int i = 0; i < n; i++) {
            final ObjectValue value = locked.value(i, EntryLayout.TYPE_ZSET, EntryLayout.TYPE_SET);
            if (value instanceof MemberSet plain) {
                final SortedSet scored = new SortedSet();
                plain.forEach(m -> scored.add(1, m, 0));
                sets[i] = scored;
            } else {
                sets[i] = (SortedSet) value;
            }
        }
        return sets;
    }

    /** Stores the result at the last key (replacing any type, clearing the TTL), or deletes it if empty. */
    /** Stores a result, or deletes the destination when it is empty: modified unless both were empty. */
    static Written<Long> store(final LockedObjects locked, final int destination, final SortedSet result) {
        if (result.size() == 0) {
            return new Written<>(0L, locked.delete(destination));
        }
        locked.put(destination, result);
        return new Written<>((long) result.size(), true);
    }

    private static byte[][] withDestination(final byte[][] keys, final byte[] destination) {
        final byte[][] all = Arrays.copyOf(keys, keys.length + 1);
        all[keys.length] = destination;
        return all;
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
        try (LockedObjects locked = new LockedObjects(ks, keys)) {
            result = compute(op, algebraSources(locked, keys.length), weights, aggregate);
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
     * @return the size of the stored set; modified unless the result was empty and the destination missing.
     */
    public static Written<Long> combineStore(final Keyspace ks, final Op op, final byte[] destination, final byte[][] keys,
        final double[] weights, final Aggregate aggregate) {
        ks.checkWrite();
        check(keys, weights);
        try (LockedObjects locked = new LockedObjects(ks, withDestination(keys, destination))) {
            return store(locked, keys.length, compute(op, algebraSources(locked, keys.length), weights, aggregate));
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
        try (LockedObjects locked = new LockedObjects(ks, keys)) {
            return SetAlgebra.interCard(algebraSources(locked, keys.length), limit);
        }
    }

    /**
     * ZRANGESTORE.
     *
     * @param ks the keyspace.
     * @param destination the destination key.
     * @param source the source key.
     * @param query the selection.
     * @return the number stored; modified unless the result was empty and the destination missing.
     */
    public static Written<Long> zrangestore(final Keyspace ks, final byte[] destination, final byte[] source,
        final ZRangeQuery query) {
        ks.checkWrite();
        try (LockedObjects locked = new LockedObjects(ks, source, destination)) {
            final SortedSet src = sources(locked, 1)[0];
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
            return store(locked, 1, result);
        }
    }
}
