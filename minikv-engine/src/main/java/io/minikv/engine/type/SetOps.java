package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import io.minikv.api.KvError;
import io.minikv.api.SScanResult;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectSlot;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.set.SetAlgebra;

/**
 * The set commands on one key ({@code t_set.c}'s command half): each runs under the key's segment lock through
 * {@link Keyspace#readObject} or {@link Keyspace#writeObject}, which do the lazy expiry and the type check, and keeps
 * the keyspace invariant that no empty set is ever stored: a set is created by its first member and its key deleted
 * with its last. Multi-key commands are in {@link SetStoreOps}.
 * <p>
 * Random choices (SPOP, SRANDMEMBER) come from the {@link RandomGenerator} the caller passes, so tests can seed them.
 * <p>
 * Thread-safe (stateless).
 */
public final class SetOps {
    /** Sets up to this size answer SSCAN in one call, as Redis's compact encodings (intset, listpack) do. */
    static final int SMALL_SET = 128;
    /**
     * The most members SRANDMEMBER with a negative count returns. Redis has no bound and would grow its output
     * buffer until it runs out of memory; a larger count gets {@link KvError#VALUE_OUT_OF_RANGE} instead.
     */
    public static final long MAX_RANDOM_REPEATS = 1L << 24;

    private SetOps() {
    }

    private static MemberSet set(final Object value) {
        return (MemberSet) value;
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * {@code SADD}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members, kept by the set when added.
     * @return how many were added.
     */
    public static long sadd(final Keyspace ks, final byte[] key, final byte[][] members) {
        ks.checkWrite();
        return ks.writeObject(key, ValueType.SET, slot -> {
            MemberSet set = set(slot.get());
            final boolean created = set == null;
            if (created) {
                set = new MemberSet();
            }
            long added = 0;
            for (final byte[] m : members) {
                if (set.add(m)) {
                    added++;
                }
            }
            if (created && set.size() > 0) {
                slot.set(set);
            }
            return added;
        });
    }

    /** Deletes the slot's key when its set became empty. */
    private static void deleteIfEmpty(final ObjectSlot slot, final MemberSet set) {
        if (set.size() == 0) {
            slot.delete();
        }
    }

    /**
     * {@code SREM}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members.
     * @return how many were removed.
     */
    public static long srem(final Keyspace ks, final byte[] key, final byte[][] members) {
        return ks.writeObject(key, ValueType.SET, slot -> {
            final MemberSet set = set(slot.get());
            long removed = 0;
            if (set != null) {
                for (final byte[] m : members) {
                    if (set.remove(m)) {
                        removed++;
                    }
                }
                deleteIfEmpty(slot, set);
            }
            return removed;
        });
    }

    /**
     * {@code SPOP key count}: removes up to count distinct random members; popping them all deletes the key.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param count at least 0.
     * @param random the source of randomness.
     * @return the popped members, empty when the key is missing or count is 0.
     */
    public static List<byte[]> spop(final Keyspace ks, final byte[] key, final long count,
        final RandomGenerator random) {
        if (count < 0) {
            throw KvError.COUNT_NOT_POSITIVE.exception();
        }
        return ks.writeObject(key, ValueType.SET, slot -> {
            final MemberSet set = set(slot.get());
            if (set == null || count == 0) {
                return new ArrayList<byte[]>(0);
            }
            final List<byte[]> out;
            if (count >= set.size()) {
                out = SetAlgebra.toList(set);
                slot.delete();
                return out;
            }
            out = new ArrayList<>((int) count);
            for (long i = 0; i < count; i++) {
                out.add(set.pop(random));
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * {@code SMEMBERS}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the members in no particular order, empty when missing.
     */
    public static List<byte[]> smembers(final Keyspace ks, final byte[] key) {
        return ks.readObject(key, ValueType.SET, value -> SetAlgebra.toList(set(value)));
    }

    /**
     * {@code SMISMEMBER} (and {@code SISMEMBER} with one member).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param members the members.
     * @return one flag per member.
     */
    public static boolean[] smismember(final Keyspace ks, final byte[] key, final byte[][] members) {
        return ks.readObject(key, ValueType.SET, value -> {
            final MemberSet set = set(value);
            final boolean[] out = new boolean[members.length];
            for (int i = 0; set != null && i < members.length; i++) {
                out[i] = set.contains(members[i]);
            }
            return out;
        });
    }

    /**
     * {@code SCARD}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the size, 0 when missing.
     */
    public static long scard(final Keyspace ks, final byte[] key) {
        return ks.readObject(key, ValueType.SET, value -> value == null ? 0L : set(value).size());
    }

    /**
     * {@code SRANDMEMBER key count}, Redis 7's cases: a negative count returns {@code -count} members that may
     * repeat; a count reaching the size returns the whole set; a smaller count returns distinct members.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param count the count, above {@code Long.MIN_VALUE}.
     * @param random the source of randomness.
     * @return the members, empty when missing or count is 0.
     */
    public static List<byte[]> srandmember(final Keyspace ks, final byte[] key, final long count,
        final RandomGenerator random) {
        if (count == Long.MIN_VALUE) {
            throw KvError.RANDMEMBER_COUNT_RANGE.exception();
        }
        return ks.readObject(key, ValueType.SET, value -> {
            final MemberSet set = set(value);
            if (set == null || count == 0) {
                return new ArrayList<byte[]>(0);
            }
            if (count < 0) {
                if (-count > MAX_RANDOM_REPEATS) {
                    throw KvError.VALUE_OUT_OF_RANGE.exception();
                }
                final List<byte[]> out = new ArrayList<>((int) -count);
                for (long i = 0; i < -count; i++) {
                    out.add(set.random(random));
                }
                return out;
            }
            final int size = set.size();
            if (count >= size) {
                return SetAlgebra.toList(set);
            }
            // Partial Fisher-Yates over dense positions: count distinct members, O(count), no retries.
            final List<byte[]> out = new ArrayList<>((int) count);
            final Map<Integer, Integer> swapped = new HashMap<>();
            for (int i = 0; i < count; i++) {
                final int j = i + random.nextInt(size - i);
                final int pick = swapped.getOrDefault(j, j);
                swapped.put(j, swapped.getOrDefault(i, i));
                out.add(set.memberAt(pick));
            }
            return out;
        });
    }

    /**
     * {@code SSCAN}: small sets whole in one call, large ones by hash bucket with Redis's cursor.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param cursor the cursor.
     * @param match a glob or null.
     * @param count work per call, at least 1.
     * @return the batch.
     */
    public static SScanResult sscan(final Keyspace ks, final byte[] key, final long cursor, final byte[] match,
        final long count) {
        // Redis skips matching for the pattern "*", so it returns even the empty member (the glob itself does not
        // match an empty string).
        final byte[] pattern = match != null && match.length == 1 && match[0] == '*' ? null : match;
        return ks.readObject(key, ValueType.SET, value -> {
            final MemberSet set = set(value);
            final List<byte[]> out = new ArrayList<>();
            if (set == null) {
                return new SScanResult(0, out);
            }
            final MemberSet.Visitor collect = m -> {
                if (pattern == null || GlobMatcher.matches(pattern, m)) {
                    out.add(m);
                }
            };
            if (set.size() <= SMALL_SET) {
                set.forEach(collect);
                return new SScanResult(0, out);
            }
            long next = cursor;
            long budget = Math.max(1, Math.min(count, Long.MAX_VALUE / 10)) * 10;
            do {
                next = set.scan(next, collect);
            } while (next != 0 && --budget > 0 && out.size() < count);
            return new SScanResult(next, out);
        });
    }
}
