package io.minikv.engine.keyspace;

import io.minikv.engine.table.HopscotchTable;

/**
 * Active expiry: reclaims expired keys that nobody reads again, with bounded work per cycle, Redis style.
 * <p>
 * A cycle visits, per database with keys that have a TTL, up to {@link #SEGMENTS_PER_ROUND} segments (round robin)
 * and in each up to {@link #BUCKETS_PER_STEP} home buckets from the segment's own expiry cursor, deleting what has
 * expired. Like Redis's {@code activeExpireCycle} it repeats while more than a quarter of the keys with a TTL it saw
 * were expired, at most {@link #MAX_ROUNDS} times. Cursors sweep each table completely over successive cycles, so no
 * expired key stays behind a long-lived one (the FIFO defect of the origins).
 * <p>
 * Threads: {@link #runCycle} is called by one thread at a time (the store's expiry thread, or a test).
 */
public final class ActiveExpiry {
    /** Home buckets examined per segment visit. */
    public static final int BUCKETS_PER_STEP = 64;
    /** Segment visits per round. */
    public static final int SEGMENTS_PER_ROUND = 16;
    /** Rounds per database per cycle. */
    public static final int MAX_ROUNDS = 16;

    private ActiveExpiry() {
    }

    /**
     * Runs one cycle over the given databases.
     *
     * @param databases the keyspaces.
     * @param now the current time, read once by the caller.
     * @return how many keys were deleted.
     */
    public static long runCycle(final Keyspace[] databases, final long now) {
        long deleted = 0;
        for (final Keyspace ks : databases) {
            if (ks.volatileKeys() == 0) {
                continue;
            }
            for (int round = 0; round < MAX_ROUNDS; round++) {
                long sampled = 0;
                long expired = 0;
                for (int i = 0; i < SEGMENTS_PER_ROUND; i++) {
                    final Segment s = ks.segmentAt(ks.nextExpirySegment());
                    if (s.volatileKeys() == 0) {
                        continue;
                    }
                    final long stamp = s.lock().writeLock();
                    try {
                        final long result = step(s, now);
                        sampled += result >>> 32;
                        expired += result & 0xFFFF_FFFFL;
                    } finally {
                        s.lock().unlockWrite(stamp);
                    }
                }
                deleted += expired;
                if (sampled == 0 || expired * 4 <= sampled) {
                    break;
                }
            }
        }
        return deleted;
    }

    /** Sweeps a few home buckets of a write-locked segment; returns {@code sampled << 32 | expired}. */
    private static long step(final Segment s, final long now) {
        final HopscotchTable t = s.table();
        if (t == null) {
            return 0;
        }
        final int capacity = t.capacity();
        int home = s.expiryCursor() & (capacity - 1);
        long sampled = 0;
        long expired = 0;
        for (int i = 0; i < BUCKETS_PER_STEP && i < capacity; i++) {
            long hop = t.hop(home);
            while (hop != 0) {
                final int b = home + Long.numberOfTrailingZeros(hop);
                hop &= hop - 1;
                final long at = s.expireAt(b);
                if (at != 0) {
                    sampled++;
                    if (now > at) {
                        s.remove(home, b);
                        expired++;
                    }
                }
            }
            home = (home + 1) & (capacity - 1);
        }
        s.expiryCursor(home);
        return sampled << 32 | expired;
    }
}
