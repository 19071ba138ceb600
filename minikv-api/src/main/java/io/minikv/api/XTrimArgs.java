package io.minikv.api;

/**
 * A stream trimming rule, for XTRIM and XADD's {@code MAXLEN}/{@code MINID} options: immutable, each method returns
 * a new rule.
 * <p>
 * <b>Exact</b> trimming removes entries until the rule holds. <b>Approximate</b> trimming ({@code ~}) removes only
 * whole entry nodes (Redis's listpacks of up to 100 entries), so the stream may keep more entries than the rule
 * asks, and removes at most {@link #limit()} entries (10000 by default; 0 means no limit).
 */
public final class XTrimArgs {
    /** Redis's default LIMIT for approximate trimming: 100 times {@code stream-node-max-entries}. */
    public static final long DEFAULT_APPROX_LIMIT = 10_000;

    private final long maxLen;
    private final StreamId minId;
    private final boolean approximate;
    private final long limit;

    private XTrimArgs(final long maxLen, final StreamId minId, final boolean approximate, final long limit) {
        this.maxLen = maxLen;
        this.minId = minId;
        this.approximate = approximate;
        this.limit = limit;
    }

    /**
     * {@code MAXLEN = threshold}: keep at most that many entries, evicting the oldest.
     *
     * @param threshold the length to keep.
     * @return the rule.
     * @throws KvException {@link KvError#STREAM_MAXLEN_NEGATIVE} when negative.
     */
    public static XTrimArgs maxLen(final long threshold) {
        if (threshold < 0) {
            throw KvError.STREAM_MAXLEN_NEGATIVE.exception();
        }
        return new XTrimArgs(threshold, null, false, 0);
    }

    /**
     * {@code MINID = id}: evict the entries whose ID is below {@code id}.
     *
     * @param id the lowest ID to keep.
     * @return the rule.
     */
    public static XTrimArgs minId(final StreamId id) {
        if (id == null) {
            throw new NullPointerException("id");
        }
        return new XTrimArgs(-1, id, false, 0);
    }

    /**
     * Returns this rule with {@code ~}: whole entry nodes only, at most {@link #DEFAULT_APPROX_LIMIT} entries unless
     * {@link #limit(long)} says otherwise.
     *
     * @return the approximate rule.
     */
    public XTrimArgs approximate() {
        return new XTrimArgs(maxLen, minId, true, approximate ? limit : DEFAULT_APPROX_LIMIT);
    }

    /**
     * Returns this approximate rule with {@code LIMIT count}.
     *
     * @param count the most entries to evict, 0 for no limit.
     * @return the rule.
     * @throws KvException {@link KvError#STREAM_LIMIT_NEGATIVE} when negative,
     *     {@link KvError#STREAM_LIMIT_WITHOUT_APPROX} when the rule is exact.
     */
    public XTrimArgs limit(final long count) {
        if (count < 0) {
            throw KvError.STREAM_LIMIT_NEGATIVE.exception();
        }
        if (!approximate) {
            throw KvError.STREAM_LIMIT_WITHOUT_APPROX.exception();
        }
        return new XTrimArgs(maxLen, minId, true, count);
    }

    /**
     * Returns whether this is a MAXLEN rule.
     *
     * @return true for MAXLEN, false for MINID.
     */
    public boolean isMaxLen() {
        return minId == null;
    }

    /**
     * Returns the MAXLEN threshold.
     *
     * @return the length, -1 for a MINID rule.
     */
    public long maxLen() {
        return maxLen;
    }

    /**
     * Returns the MINID threshold.
     *
     * @return the ID, null for a MAXLEN rule.
     */
    public StreamId minId() {
        return minId;
    }

    /**
     * Returns whether trimming is approximate ({@code ~}).
     *
     * @return true for {@code ~}.
     */
    public boolean isApproximate() {
        return approximate;
    }

    /**
     * Returns the most entries one trim evicts.
     *
     * @return the limit, 0 for none (always 0 for exact trimming).
     */
    public long limit() {
        return limit;
    }
}
