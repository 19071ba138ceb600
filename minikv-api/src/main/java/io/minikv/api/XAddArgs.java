package io.minikv.api;

/**
 * The options of XADD: how the new entry's ID is chosen, {@code NOMKSTREAM}, and an optional trimming rule applied
 * after the entry is added. Immutable: each method returns new arguments.
 */
public final class XAddArgs {
    private static final XAddArgs AUTO = new XAddArgs(null, -1, false, false, null);

    private final StreamId id;
    private final long ms;
    private final boolean autoSeq;
    private final boolean noMkStream;
    private final XTrimArgs trim;

    private XAddArgs(final StreamId id, final long ms, final boolean autoSeq, final boolean noMkStream,
        final XTrimArgs trim) {
        this.id = id;
        this.ms = ms;
        this.autoSeq = autoSeq;
        this.noMkStream = noMkStream;
        this.trim = trim;
    }

    /**
     * {@code *}: the ID is the store clock's millisecond time, with the next sequence number when that time is not
     * above the last ID's (then the last ID's time is kept, as Redis does when the clock goes back).
     *
     * @return the arguments.
     */
    public static XAddArgs autoId() {
        return AUTO;
    }

    /**
     * {@code ms-seq}: an explicit ID, which must be above the stream's last generated ID.
     *
     * @param id the ID.
     * @return the arguments.
     */
    public static XAddArgs id(final StreamId id) {
        if (id == null) {
            throw new NullPointerException("id");
        }
        return new XAddArgs(id, -1, false, false, null);
    }

    /**
     * {@code ms-*}: an explicit time with the next free sequence number (0, or the last ID's plus one when the last
     * ID has the same time).
     *
     * @param ms the time part, unsigned.
     * @return the arguments.
     */
    public static XAddArgs idWithAutoSequence(final long ms) {
        return new XAddArgs(null, ms, true, false, null);
    }

    /**
     * Returns these arguments with {@code NOMKSTREAM}: a missing key is not created (XADD returns null).
     *
     * @return the arguments.
     */
    public XAddArgs noMkStream() {
        return new XAddArgs(id, ms, autoSeq, true, trim);
    }

    /**
     * Returns these arguments with a trimming rule, applied after the entry is added.
     *
     * @param rule the rule.
     * @return the arguments.
     */
    public XAddArgs trim(final XTrimArgs rule) {
        if (rule == null) {
            throw new NullPointerException("rule");
        }
        return new XAddArgs(id, ms, autoSeq, noMkStream, rule);
    }

    /**
     * Returns the explicit ID.
     *
     * @return the ID, null for {@code *} and {@code ms-*}.
     */
    public StreamId explicitId() {
        return id;
    }

    /**
     * Returns whether the ID is {@code ms-*}.
     *
     * @return true when only the time is given.
     */
    public boolean isAutoSequence() {
        return autoSeq;
    }

    /**
     * Returns the time of an {@code ms-*} ID.
     *
     * @return the time, unsigned; meaningful only when {@link #isAutoSequence()}.
     */
    public long ms() {
        return ms;
    }

    /**
     * Returns whether NOMKSTREAM was given.
     *
     * @return true when a missing key is not created.
     */
    public boolean isNoMkStream() {
        return noMkStream;
    }

    /**
     * Returns the trimming rule.
     *
     * @return the rule, null when none.
     */
    public XTrimArgs trimRule() {
        return trim;
    }
}
