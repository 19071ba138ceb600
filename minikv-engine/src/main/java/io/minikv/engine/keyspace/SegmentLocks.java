package io.minikv.engine.keyspace;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Write-locks several segments at once, always in ascending {@link Segment#order()}, so multi-key operations (RENAME,
 * COPY, MOVE, MSETNX) cannot deadlock with each other. Not thread-safe: one instance per operation.
 */
public final class SegmentLocks implements AutoCloseable {
    private final Segment[] segments;
    private final long[] stamps;

    /**
     * Locks the distinct segments among those given.
     *
     * @param segments the segments, duplicates allowed.
     */
    public SegmentLocks(final Segment... segments) {
        final Segment[] sorted = segments.clone();
        Arrays.sort(sorted, Comparator.comparingInt(Segment::order));
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (n == 0 || sorted[n - 1] != sorted[i]) {
                sorted[n++] = sorted[i];
            }
        }
        this.segments = Arrays.copyOf(sorted, n);
        this.stamps = new long[n];
        for (int i = 0; i < n; i++) {
            stamps[i] = this.segments[i].lock().writeLock();
        }
    }

    /** Unlocks in reverse order. */
    @Override
    public void close() {
        for (int i = segments.length - 1; i >= 0; i--) {
            segments[i].lock().unlockWrite(stamps[i]);
        }
    }
}
