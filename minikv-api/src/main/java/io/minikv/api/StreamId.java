package io.minikv.api;

/**
 * A stream entry ID: two unsigned 64-bit numbers, a millisecond time and a sequence number, written {@code ms-seq}
 * as Redis writes them. IDs order by {@code ms}, then {@code seq}, both compared unsigned.
 *
 * @param ms the millisecond part, unsigned.
 * @param seq the sequence part, unsigned.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {
    /** {@code 0-0}: below every entry ID (no entry can have it), what {@code -} means in XRANGE. */
    public static final StreamId MIN = new StreamId(0, 0);
    /** {@code 18446744073709551615-18446744073709551615}: the largest ID, what {@code +} means in XRANGE. */
    public static final StreamId MAX = new StreamId(-1L, -1L);

    /**
     * Returns an ID.
     *
     * @param ms the millisecond part, unsigned.
     * @param seq the sequence part, unsigned.
     * @return the ID.
     */
    public static StreamId of(final long ms, final long seq) {
        return new StreamId(ms, seq);
    }

    /**
     * Parses the complete {@code ms-seq} form with unsigned decimal parts.
     *
     * @param text e.g. {@code "1526919030474-55"}.
     * @return the ID.
     * @throws KvException {@link KvError#STREAM_INVALID_ID} when the text is not a complete ID.
     */
    public static StreamId parse(final String text) {
        final int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw KvError.STREAM_INVALID_ID.exception();
        }
        try {
            return new StreamId(Long.parseUnsignedLong(text.substring(0, dash)),
                Long.parseUnsignedLong(text.substring(dash + 1)));
        } catch (final NumberFormatException e) {
            throw KvError.STREAM_INVALID_ID.exception();
        }
    }

    /**
     * Returns the next ID in order ({@code seq + 1}, or the next millisecond's {@code 0}).
     *
     * @return the next ID, or null when this is {@link #MAX}.
     */
    public StreamId next() {
        if (seq != -1L) {
            return new StreamId(ms, seq + 1);
        }
        return ms == -1L ? null : new StreamId(ms + 1, 0);
    }

    /**
     * Returns the previous ID in order.
     *
     * @return the previous ID, or null when this is {@link #MIN}.
     */
    public StreamId previous() {
        if (seq != 0) {
            return new StreamId(ms, seq - 1);
        }
        return ms == 0 ? null : new StreamId(ms - 1, -1L);
    }

    @Override
    public int compareTo(final StreamId o) {
        final int c = Long.compareUnsigned(ms, o.ms);
        return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
    }

    /**
     * Returns the ID as Redis writes it.
     *
     * @return {@code ms-seq}, both unsigned decimal.
     */
    @Override
    public String toString() {
        return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
    }
}
