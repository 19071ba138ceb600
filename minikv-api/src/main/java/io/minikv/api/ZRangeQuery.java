package io.minikv.api;

/**
 * What {@code ZRANGE} and {@code ZRANGESTORE} select: an index, score or lex interval, optionally reversed and
 * limited. Immutable; build with {@link #byIndex}, {@link #byScore} or {@link #byLex}, then {@link #reversed()} and
 * {@link #limit}.
 * <p>
 * Unlike the command line, bounds are always given as (min, max), also when reversed: Redis's
 * {@code ZRANGE key (5 1 BYSCORE REV} is {@code byScore(inclusive(1), exclusive(5)).reversed()}. For an index range
 * {@code start}/{@code stop} count in the direction of the iteration, as in Redis.
 */
public final class ZRangeQuery {
    /** The kind of interval. */
    public enum By {
        /** By 0-based rank; negative counts from the end. */
        INDEX,
        /** By score. */
        SCORE,
        /** By member bytes; meaningful when all scores are equal. */
        LEX
    }

    private final By by;
    private final long start;
    private final long stop;
    private final ScoreBound minScore;
    private final ScoreBound maxScore;
    private final LexBound minLex;
    private final LexBound maxLex;
    private final boolean reversed;
    private final long offset;
    private final long count;

    private ZRangeQuery(final By by, final long start, final long stop, final ScoreBound minScore,
        final ScoreBound maxScore, final LexBound minLex, final LexBound maxLex, final boolean reversed,
        final long offset, final long count) {
        this.by = by;
        this.start = start;
        this.stop = stop;
        this.minScore = minScore;
        this.maxScore = maxScore;
        this.minLex = minLex;
        this.maxLex = maxLex;
        this.reversed = reversed;
        this.offset = offset;
        this.count = count;
    }

    /**
     * Selects ranks {@code start..stop}, inclusive; negative values count from the end.
     *
     * @param start first rank.
     * @param stop last rank.
     * @return the query.
     */
    public static ZRangeQuery byIndex(final long start, final long stop) {
        return new ZRangeQuery(By.INDEX, start, stop, null, null, null, null, false, 0, -1);
    }

    /**
     * Selects scores within {@code [min, max]} (each end possibly exclusive).
     *
     * @param min lower bound.
     * @param max upper bound.
     * @return the query.
     */
    public static ZRangeQuery byScore(final ScoreBound min, final ScoreBound max) {
        return new ZRangeQuery(By.SCORE, 0, 0, min, max, null, null, false, 0, -1);
    }

    /**
     * Selects members within {@code [min, max]} in byte order.
     *
     * @param min lower bound.
     * @param max upper bound.
     * @return the query.
     */
    public static ZRangeQuery byLex(final LexBound min, final LexBound max) {
        return new ZRangeQuery(By.LEX, 0, 0, null, null, min, max, false, 0, -1);
    }

    /**
     * Returns this query iterating from the highest member down ({@code REV}).
     *
     * @return a reversed copy.
     */
    public ZRangeQuery reversed() {
        return new ZRangeQuery(by, start, stop, minScore, maxScore, minLex, maxLex, true, offset, count);
    }

    /**
     * Returns this query with {@code LIMIT offset count}.
     *
     * @param offset elements of the interval to skip; a negative offset selects nothing.
     * @param count at most this many elements; negative for all.
     * @return a limited copy.
     * @throws KvException {@link KvError#ZRANGE_LIMIT_NEEDS_BY} on an index query.
     */
    public ZRangeQuery limit(final long offset, final long count) {
        if (by == By.INDEX) {
            throw KvError.ZRANGE_LIMIT_NEEDS_BY.exception();
        }
        return new ZRangeQuery(by, start, stop, minScore, maxScore, minLex, maxLex, reversed, offset, count);
    }

    /** @return the kind of interval. */
    public By by() {
        return by;
    }

    /** @return the first rank of an index query. */
    public long start() {
        return start;
    }

    /** @return the last rank of an index query. */
    public long stop() {
        return stop;
    }

    /** @return the lower score bound of a score query. */
    public ScoreBound minScore() {
        return minScore;
    }

    /** @return the upper score bound of a score query. */
    public ScoreBound maxScore() {
        return maxScore;
    }

    /** @return the lower bound of a lex query. */
    public LexBound minLex() {
        return minLex;
    }

    /** @return the upper bound of a lex query. */
    public LexBound maxLex() {
        return maxLex;
    }

    /** @return whether the iteration runs from the highest member down. */
    public boolean isReversed() {
        return reversed;
    }

    /** @return the LIMIT offset, 0 when none. */
    public long offset() {
        return offset;
    }

    /** @return the LIMIT count, -1 (all) when none. */
    public long count() {
        return count;
    }
}
