package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.LcsMatch;
import io.minikv.api.LcsResult;
import io.minikv.engine.keyspace.Keyspace;

/**
 * {@code LCS} ({@code t_string.c}): the longest common subsequence of two strings, by Redis's dynamic programme and
 * backtrack, so that of several subsequences of the greatest length the same one comes back, with its runs in the
 * same order.
 * <p>
 * Redis keeps a table of 4-byte lengths, (len1 + 1) * (len2 + 1) cells, and refuses a table larger than
 * proto-max-bulk-len. The backtrack only needs, for each cell whose bytes differ, which neighbour holds the longer
 * subsequence, so this keeps one bit per cell and two rows of lengths: 1/32 of the memory for the same answers and
 * the same limit. Both strings are copied at one instant under their segments' locks and compared outside them.
 */
public final class Lcs {
    /** Bytes per cell of Redis's table, the unit of its size limit. */
    private static final long REDIS_CELL_BYTES = Integer.BYTES;

    private final byte[] a;
    private final byte[] b;
    private final int columns;
    /** Bit (i, j) set: at a cell whose bytes differ, the subsequence of a[0..i-1] and b[0..j-2] is the shorter. */
    private final long[] up;
    private final int length;

    private Lcs(final byte[] a, final byte[] b) {
        this.a = a;
        this.b = b;
        this.columns = b.length + 1;
        this.up = new long[(int) (((long) (a.length + 1) * columns + Long.SIZE - 1) / Long.SIZE)];
        int[] previous = new int[columns];
        int[] current = new int[columns];
        for (int i = 1; i <= a.length; i++) {
            final byte x = a[i - 1];
            final long row = (long) i * columns;
            for (int j = 1; j < columns; j++) {
                if (x == b[j - 1]) {
                    current[j] = previous[j - 1] + 1;
                } else if (previous[j] > current[j - 1]) {
                    current[j] = previous[j];
                    final long cell = row + j;
                    up[(int) (cell >>> 6)] |= 1L << cell;
                } else {
                    current[j] = current[j - 1];
                }
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        this.length = previous[columns - 1];
    }

    /**
     * Compares the strings at two keys.
     *
     * @param ks the keyspace.
     * @param key1 the first key.
     * @param key2 the second key.
     * @param maxTableBytes the limit on Redis's table (its proto-max-bulk-len).
     * @return the comparison, ready to answer any form of the command.
     * @throws io.minikv.api.KvException LCS_NOT_STRINGS, LCS_TOO_BIG.
     */
    public static Lcs of(final Keyspace ks, final byte[] key1, final byte[] key2, final long maxTableBytes) {
        final byte[] first;
        final byte[] second;
        try (LockedObjects locked = new LockedObjects(ks, key1, key2)) {
            first = locked.string(0, KvError.LCS_NOT_STRINGS);
            second = locked.string(1, KvError.LCS_NOT_STRINGS);
        }
        return of(first == null ? new byte[0] : first, second == null ? new byte[0] : second, maxTableBytes);
    }

    /**
     * Compares two strings.
     *
     * @param a the first string.
     * @param b the second string.
     * @param maxTableBytes the limit on Redis's table (its proto-max-bulk-len).
     * @return the comparison.
     * @throws io.minikv.api.KvException LCS_TOO_BIG.
     */
    public static Lcs of(final byte[] a, final byte[] b, final long maxTableBytes) {
        // Both lengths are below 2^31, so the product cannot overflow a long.
        if ((a.length + 1L) * (b.length + 1L) * REDIS_CELL_BYTES > maxTableBytes) {
            throw KvError.LCS_TOO_BIG.exception();
        }
        return new Lcs(a, b);
    }

    /**
     * Returns the length of the longest common subsequence ({@code LEN}).
     *
     * @return the length.
     */
    public int length() {
        return length;
    }

    /**
     * Returns the longest common subsequence (no option).
     *
     * @return the bytes.
     */
    public byte[] subsequence() {
        final byte[] result = new byte[length];
        backtrack(result, 0, null);
        return result;
    }

    /**
     * Returns the runs of the subsequence ({@code IDX}).
     *
     * @param minMatchLength runs shorter than this are left out (0 or less: none).
     * @return the runs, from the end of the strings, and the length.
     */
    public LcsResult matches(final long minMatchLength) {
        final List<LcsMatch> matches = new ArrayList<>();
        backtrack(null, minMatchLength, matches);
        return new LcsResult(matches, length);
    }

    /** Redis's backtrack: from the last cell, collecting the subsequence and its runs as they close. */
    private void backtrack(final byte[] result, final long minMatchLength, final List<LcsMatch> matches) {
        int i = a.length;
        int j = b.length;
        int k = length;
        // No open run while start1 == a.length, as in Redis.
        int start1 = a.length;
        int end1 = 0;
        int start2 = 0;
        int end2 = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                if (result != null) {
                    result[k - 1] = a[i - 1];
                }
                if (start1 == a.length) {
                    start1 = i - 1;
                    end1 = i - 1;
                    start2 = j - 1;
                    end2 = j - 1;
                } else if (start1 == i && start2 == j) {
                    start1--;
                    start2--;
                } else {
                    emit = true;
                }
                if (start1 == 0 || start2 == 0) {
                    emit = true;
                }
                k--;
                i--;
                j--;
            } else {
                final long cell = (long) i * columns + j;
                if ((up[(int) (cell >>> 6)] & 1L << cell) != 0) {
                    i--;
                } else {
                    j--;
                }
                if (start1 != a.length) {
                    emit = true;
                }
            }
            if (emit) {
                if (matches != null && (minMatchLength <= 0 || end1 - start1 + 1 >= minMatchLength)) {
                    matches.add(new LcsMatch(start1, end1, start2, end2));
                }
                start1 = a.length;
            }
        }
    }
}
