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
    /** {@link #smove}: the member was in the source (SMOVE answers 1). */
    public static final int SMOVE_FOUND = 1;
    /** {@link #smove}: the member left the source, a key other than the destination. */
    public static final int SMOVE_REMOVED = 1 << 1;
    /** {@link #smove}: the destination did not hold the member and now does. */
    public static final int SMOVE_ADDED = 1 << 2;

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
     * @return the size of the stored set, 0 when the destination was deleted; modified unless the result was empty
     *     and the destination missing.
     */
    public static Written<Long> combineStore(final Keyspace ks, final Op op, final byte[] destination, final byte[][] keys) {
        ks.checkWrite();
        check(keys);
        final byte[][] all = Arrays.copyOf(keys, keys.length + 1);
        all[keys.length] = destination;
        try (LockedObjects locked = new LockedObjects(ks, all)) {
            final MemberSet result = compute(op, sources(locked, keys.length));
            if (result.size() == 0) {
                return new Written<>(0L, locked.delete(keys.length));
            }
            locked.put(keys.length, result);
            return new Written<>((long) result.size(), true);
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
     * @return {@link #SMOVE_FOUND} when the member was in the source (SMOVE's reply), with {@link #SMOVE_REMOVED}
     *     when it was removed from it (the keys differ) and {@link #SMOVE_ADDED} when the destination did not hold it.
     */
    public static int smove(final Keyspace ks, final byte[] source, final byte[] destination,
        final byte[] member) {
        try (LockedObjects locked = new LockedObjects(ks, source, destination)) {
            final MemberSet src = (MemberSet) locked.value(0, EntryLayout.TYPE_SET);
            if (src == null) {
                return 0;
            }
            final MemberSet dst = (MemberSet) locked.value(1, EntryLayout.TYPE_SET);
            if (src == dst) {
                return src.contains(member) ? SMOVE_FOUND : 0;
            }
            if (!src.remove(member)) {
                return 0;
            }
            if (src.size() == 0) {
                locked.delete(0);
            }
            if (dst == null) {
                final MemberSet created = new MemberSet();
                created.add(member);
                locked.putOverLimit(1, created);
                return SMOVE_FOUND | SMOVE_REMOVED | SMOVE_ADDED;
            }
            return SMOVE_FOUND | SMOVE_REMOVED | (dst.add(member) ? SMOVE_ADDED : 0);
        }
    }
}
