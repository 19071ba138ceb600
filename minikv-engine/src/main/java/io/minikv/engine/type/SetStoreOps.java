package io.minikv.engine.type;

import java.util.Arrays;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.set.SetAlgebra;

/**
 * The multi-key set commands: SMOVE, SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD. Each runs with every
 * segment involved write-locked at once ({@link LockedObjects}), so it is atomic. As in Redis 7, every source key's
 * type is checked before anything is computed (a missing key is an empty set, even before a key of another type);
 * a STORE replaces the destination whatever its type and clears its TTL, and an empty result deletes it.
 * <p>
 * Thread-safe (stateless).
 */
public final class SetStoreOps {
    /** The operation of {@link #combine}. */
    public enum Op {
        /** SINTER. */
        INTER,
        /** SUNION. */
        UNION,
        /** SDIFF. */
        DIFF
    }

    private SetStoreOps() {
    }

    /** Looks up the first n locked keys as sets (WRONGTYPE otherwise), null for missing keys. */
    private static MemberSet[] sources(final LockedObjects locked, final int n) {
        final MemberSet[] sets = new MemberSet[n];
        for (int i = 0; i < n; i++) {
            sets[i] = (MemberSet) locked.value(i, EntryLayout.TYPE_SET);
        }
        return sets;
    }

    private static MemberSet compute(final Op op, final MemberSet[] sets) {
        switch (op) {
            case INTER:
                return SetAlgebra.inter(sets);
            case UNION:
                return SetAlgebra.union(sets);
            default:
                return SetAlgebra.diff(sets);
        }
    }

    private static void check(final byte[][] keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("at least one key is needed");
        }
    }

    /**
     * SINTER, SUNION and SDIFF.
     *
     * @param ks the keyspace.
     * @param op the operation.
     * @param keys the sources, at least one.
     * @return the members of the result, in no particular order.
     */
    public static List<byte[]> combine(final Keyspace ks, final Op op, final byte[][] keys) {
        check(keys);
        final MemberSet result;
        try (LockedObjects locked = new LockedObjects(ks, keys)) {
            result = compute(op, sources(locked, keys.length));
        }
        return SetAlgebra.toList(result);
    }

    /**
     * SINTERSTORE, SUNIONSTORE and SDIFFSTORE.
     *
     * @param ks the keyspace.
     * @param op the operation.
     * @param destination the destination key.
     * @param keys the sources, at least one.
     * @return the size of the stored set, 0 when the destination was deleted.
     */
    public static long combineStore(final Keyspace ks, final Op op, final byte[] destination, final byte[][] keys) {
        check(keys);
        final byte[][] all = Arrays.copyOf(keys, keys.length + 1);
        all[keys.length] = destination;
        try (LockedObjects locked = new LockedObjects(ks, all)) {
            final MemberSet result = compute(op, sources(locked, keys.length));
            if (result.size() == 0) {
                locked.delete(keys.length);
                return 0;
            }
            locked.put(keys.length, result);
            return result.size();
        }
    }

    /**
     * SINTERCARD.
     *
     * @param ks the keyspace.
     * @param keys the sources, at least one.
     * @param limit 0 for none.
     * @return the size of the intersection, at most limit when limit is positive.
     */
    public static long sintercard(final Keyspace ks, final byte[][] keys, final long limit) {
        if (limit < 0) {
            throw KvError.LIMIT_NEGATIVE.exception();
        }
        check(keys);
        try (LockedObjects locked = new LockedObjects(ks, keys)) {
            return SetAlgebra.interCard(sources(locked, keys.length), limit);
        }
    }

    /**
     * SMOVE, in Redis's order: a missing source answers false before the destination's type is looked at; a
     * destination of another type is an error even when the member is absent; moving within one key only tells
     * whether the member is there.
     *
     * @param ks the keyspace.
     * @param source the source key.
     * @param destination the destination key.
     * @param member the member, kept by the destination when added.
     * @return true when the member was in the source.
     */
    public static boolean smove(final Keyspace ks, final byte[] source, final byte[] destination,
        final byte[] member) {
        try (LockedObjects locked = new LockedObjects(ks, source, destination)) {
            final MemberSet src = (MemberSet) locked.value(0, EntryLayout.TYPE_SET);
            if (src == null) {
                return false;
            }
            final MemberSet dst = (MemberSet) locked.value(1, EntryLayout.TYPE_SET);
            if (src == dst) {
                return src.contains(member);
            }
            if (!src.remove(member)) {
                return false;
            }
            if (src.size() == 0) {
                locked.delete(0);
            }
            if (dst == null) {
                final MemberSet created = new MemberSet();
                created.add(member);
                locked.put(1, created);
            } else {
                dst.add(member);
            }
            return true;
        }
    }
}
