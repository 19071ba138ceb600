package io.minikv.net.command;

import io.minikv.net.resp.ReplyWriter;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One command's latency histogram, as Redis 7.0's per-command {@code hdr_histogram} (latency-tracking): values in
 * nanoseconds from 1 to 1 s, two significant digits, so LATENCY HISTOGRAM's buckets and INFO latencystats'
 * percentiles come out as Redis computes them.
 * <p>
 * <b>Layout.</b> HdrHistogram's: 256 sub-buckets per bucket (two significant digits), the upper half of each
 * bucket after the first, 23 buckets to reach 1 s; a value's slot is {@code ((bucket + 1) << 7) + subBucket - 128}.
 * <p>
 * <b>Cost.</b> Recording is one volatile read and one plain increment into the counts of the recording thread's
 * stripe (threads are striped by id, as {@link ExecGate} stripes the application's writers): no lock, no atomic.
 * Two threads that share a stripe may lose an increment now and then; these are statistics. A stripe's counts
 * (24 KB) are allocated on its first record, so commands never called cost nothing.
 * <p>
 * Thread-safe for recording from any thread; reads are a sum of racy snapshots. Public only as the type of
 * {@link CommandSpec#latency()}; its operations are the server's.
 */
public final class LatencyHistogram {
    /** Redis's {@code LATENCY_HISTOGRAM_MIN_VALUE} and {@code MAX_VALUE}, nanoseconds. */
    private static final long MIN_VALUE = 1;
    private static final long MAX_VALUE = 1_000_000_000L;
    private static final int SUB_BUCKET_COUNT = 256;
    private static final int SUB_BUCKET_HALF_COUNT = 128;
    private static final int SUB_BUCKET_HALF_COUNT_MAGNITUDE = 7;
    private static final long SUB_BUCKET_MASK = SUB_BUCKET_COUNT - 1;
    private static final int BUCKET_COUNT = 23;
    private static final int COUNTS_LENGTH = (BUCKET_COUNT + 1) * SUB_BUCKET_HALF_COUNT;
    private static final int STRIPES = 8;
    /** LATENCY HISTOGRAM reports at powers of two from 1024 ns, as Redis's {@code hdr_iter_log_init(.., 1024, 2)}. */
    private static final long FIRST_REPORTING_LEVEL = 1024;

    private final AtomicReferenceArray<long[]> stripes = new AtomicReferenceArray<>(STRIPES);

    /**
     * Records one command's duration.
     *
     * @param nanos the duration; clamped to 1 ns .. 1 s as Redis clamps it.
     */
    void record(final long nanos) {
        final long value = Math.min(MAX_VALUE, Math.max(MIN_VALUE, nanos));
        final int stripe = (int) (Thread.currentThread().getId() & (STRIPES - 1));
        long[] counts = stripes.get(stripe);
        if (counts == null) {
            stripes.compareAndSet(stripe, null, new long[COUNTS_LENGTH]);
            counts = stripes.get(stripe);
        }
        counts[index(value)]++;
    }

    /** Forgets every value (CONFIG RESETSTAT). */
    void reset() {
        for (int i = 0; i < STRIPES; i++) {
            stripes.set(i, null);
        }
    }

    /** @return the counts of every stripe summed, or null when nothing was recorded. */
    private long[] snapshot() {
        long[] sum = null;
        for (int i = 0; i < STRIPES; i++) {
            final long[] counts = stripes.get(i);
            if (counts == null) {
                continue;
            }
            if (sum == null) {
                sum = new long[COUNTS_LENGTH];
            }
            for (int k = 0; k < COUNTS_LENGTH; k++) {
                sum[k] += counts[k];
            }
        }
        return sum;
    }

    /** @return whether anything was recorded since the last reset: only such commands are reported. */
    boolean recorded() {
        for (int i = 0; i < STRIPES; i++) {
            if (stripes.get(i) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes LATENCY HISTOGRAM's entry for the command: {@code calls} and {@code histogram_usec}, the cumulative
     * count at each power-of-two level (from 1024 ns) where it grew, keyed by the level's highest equivalent value in
     * whole microseconds, as Redis's {@code fillCommandCDF}.
     *
     * @param reply the writer.
     */
    void writeCdf(final ReplyWriter reply) {
        final long[] counts = snapshot();
        final long total = total(counts);
        final java.util.List<long[]> levels = new java.util.ArrayList<>();
        long cumulative = 0;
        long previous = 0;
        int i = 0;
        for (long level = FIRST_REPORTING_LEVEL; cumulative < total; level <<= 1) {
            // Every level is the value of a slot: count the slots up to and including it.
            final int last = index(level);
            for (; i <= last && i < COUNTS_LENGTH; i++) {
                cumulative += counts[i];
            }
            if (cumulative > previous) {
                levels.add(new long[] {highestEquivalent(level) / 1000, cumulative});
            }
            previous = cumulative;
            if (i >= COUNTS_LENGTH) {
                break;
            }
        }
        reply.array(4);
        reply.bulk("calls");
        reply.integer(total);
        reply.bulk("histogram_usec");
        reply.array(levels.size() * 2L);
        for (final long[] l : levels) {
            reply.integer(l[0]);
            reply.integer(l[1]);
        }
    }

    /**
     * Returns INFO latencystats' value for a percentile: HdrHistogram's {@code value_at_percentile} (the highest
     * equivalent value of the slot where the count is reached; the lowest for percentile 0), in microseconds.
     *
     * @param percentile 0 to 100.
     * @return microseconds.
     */
    double percentileMicros(final double percentile) {
        final long[] counts = snapshot();
        final long total = total(counts);
        final double requested = Math.min(percentile, 100.0);
        final long countAtPercentile = Math.max(1, (long) (requested / 100 * total + 0.5));
        long value = 0;
        long seen = 0;
        for (int i = 0; counts != null && i < COUNTS_LENGTH; i++) {
            seen += counts[i];
            if (seen >= countAtPercentile) {
                value = valueAt(i);
                break;
            }
        }
        final long result = percentile == 0.0 ? lowestEquivalent(value) : highestEquivalent(value);
        return result / 1000.0;
    }

    private static long total(final long[] counts) {
        long total = 0;
        if (counts != null) {
            for (final long c : counts) {
                total += c;
            }
        }
        return total;
    }

    private static int bucketIndex(final long value) {
        return 64 - Long.numberOfLeadingZeros(value | SUB_BUCKET_MASK) - (SUB_BUCKET_HALF_COUNT_MAGNITUDE + 1);
    }

    private static int index(final long value) {
        final int bucket = bucketIndex(value);
        final int subBucket = (int) (value >>> bucket);
        return ((bucket + 1) << SUB_BUCKET_HALF_COUNT_MAGNITUDE) + subBucket - SUB_BUCKET_HALF_COUNT;
    }

    private static long valueAt(final int index) {
        int bucket = (index >> SUB_BUCKET_HALF_COUNT_MAGNITUDE) - 1;
        int subBucket = (index & (SUB_BUCKET_HALF_COUNT - 1)) + SUB_BUCKET_HALF_COUNT;
        if (bucket < 0) {
            subBucket -= SUB_BUCKET_HALF_COUNT;
            bucket = 0;
        }
        return (long) subBucket << bucket;
    }

    private static long lowestEquivalent(final long value) {
        final int bucket = bucketIndex(value);
        return (value >>> bucket) << bucket;
    }

    private static long highestEquivalent(final long value) {
        final int bucket = bucketIndex(value);
        final long subBucket = value >>> bucket;
        final int adjusted = subBucket >= SUB_BUCKET_COUNT ? bucket + 1 : bucket;
        return lowestEquivalent(value) + (1L << adjusted) - 1;
    }
}
