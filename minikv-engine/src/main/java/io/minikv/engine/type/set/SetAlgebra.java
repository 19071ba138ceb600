package io.minikv.engine.type.set;

import java.util.ArrayList;
import java.util.List;

/**
 * SINTER, SUNION, SDIFF and SINTERCARD over already looked-up sets ({@code t_set.c}'s {@code sinterGenericCommand}
 * and {@code sunionDiffGenericCommand}). A missing key is passed as null and is an empty set. Intersections walk the
 * smallest input and probe the others, O(n * k) for the smallest size n; unions and differences are O(total size).
 * Result order is unspecified, as in Redis.
 * <p>
 * Results share member arrays with the inputs: members are never modified in place, and a stored result owning
 * the same arrays as its sources is safe.
 * <p>
 * Stateless; the caller holds the locks that keep the inputs stable.
 */
public final class SetAlgebra {
    private SetAlgebra() {
    }

    private static int size(final MemberSet set) {
        return set == null ? 0 : set.size();
    }

    /** Returns the index of the smallest input (the first one on ties); a missing key is the smallest of all. */
    private static int smallest(final MemberSet[] sets) {
        int best = 0;
        for (int i = 1; i < sets.length; i++) {
            if (size(sets[i]) < size(sets[best])) {
                best = i;
            }
        }
        return best;
    }

    private static boolean inAll(final MemberSet[] sets, final int skip, final byte[] member) {
        final int hash = MemberSet.hash(member);
        for (int j = 0; j < sets.length; j++) {
            if (j != skip && sets[j] != sets[skip] && !sets[j].contains(member, hash)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Computes the intersection into a new set.
     *
     * @param sets the inputs, null for missing keys; at least one.
     * @return the intersection, empty when any input is missing.
     */
    public static MemberSet inter(final MemberSet[] sets) {
        final MemberSet out = new MemberSet();
        final int s = smallest(sets);
        final MemberSet first = sets[s];
        if (first == null) {
            return out;
        }
        for (int i = 0; i < first.size(); i++) {
            final byte[] m = first.memberAt(i);
            if (inAll(sets, s, m)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Counts the intersection, stopping at a limit (SINTERCARD).
     *
     * @param sets the inputs, null for missing keys; at least one.
     * @param limit 0 for none.
     * @return the count, at most limit when limit is positive.
     */
    public static long interCard(final MemberSet[] sets, final long limit) {
        final int s = smallest(sets);
        final MemberSet first = sets[s];
        if (first == null) {
            return 0;
        }
        long count = 0;
        for (int i = 0; i < first.size(); i++) {
            if (inAll(sets, s, first.memberAt(i)) && ++count == limit) {
                break;
            }
        }
        return count;
    }

    /**
     * Computes the union into a new set.
     *
     * @param sets the inputs, null for missing keys.
     * @return the union.
     */
    public static MemberSet union(final MemberSet[] sets) {
        final MemberSet out = new MemberSet();
        for (final MemberSet set : sets) {
            if (set != null) {
                set.forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Computes the members of the first set that are in none of the others.
     *
     * @param sets the inputs, null for missing keys.
     * @return the difference.
     */
    public static MemberSet diff(final MemberSet[] sets) {
        final MemberSet out = new MemberSet();
        final MemberSet first = sets[0];
        if (first == null) {
            return out;
        }
        for (int i = 0; i < first.size(); i++) {
            final byte[] m = first.memberAt(i);
            final int hash = MemberSet.hash(m);
            boolean elsewhere = false;
            for (int j = 1; j < sets.length && !elsewhere; j++) {
                elsewhere = sets[j] != null && sets[j].contains(m, hash);
            }
            if (!elsewhere) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Lists a set's members.
     *
     * @param set the set, or null.
     * @return the members in dense order; empty for null.
     */
    public static List<byte[]> toList(final MemberSet set) {
        final List<byte[]> out = new ArrayList<>(size(set));
        if (set != null) {
            set.forEach(out::add);
        }
        return out;
    }
}
