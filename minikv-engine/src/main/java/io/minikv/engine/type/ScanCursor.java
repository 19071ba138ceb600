package io.minikv.engine.type;

/**
 * Redis's SCAN cursor step ({@code dict.c}, {@code dictScan}), the one copy that SCAN and the per-key scans of
 * sorted sets, sets and hashes share.
 * <p>
 * The cursor is a bucket index whose bits are incremented from the high end: after visiting bucket {@code cursor} of
 * a table of {@code mask + 1} buckets, the next is the reversed increment of the reversed cursor. A table that doubles
 * or halves between calls then maps every bucket already visited onto cursor values already passed, so an element
 * present for the whole iteration is returned at least once. Thread-safe (stateless).
 */
public final class ScanCursor {
    private ScanCursor() {
    }

    /**
     * Returns the cursor after {@code cursor} in a table of {@code mask + 1} buckets.
     *
     * @param cursor the bucket just visited.
     * @param mask the table size minus one (a power of two minus one).
     * @return the next cursor; 0 when the iteration is complete.
     */
    public static long next(final long cursor, final long mask) {
        return Long.reverse(Long.reverse(cursor | ~mask) + 1);
    }

    /**
     * Returns the cursor after {@code cursor} in a table of {@code mask + 1} buckets, in 32 bits.
     *
     * @param cursor the bucket just visited.
     * @param mask the table size minus one (a power of two minus one).
     * @return the next cursor; 0 when the iteration is complete.
     */
    public static int next(final int cursor, final int mask) {
        return Integer.reverse(Integer.reverse(cursor | ~mask) + 1);
    }
}
