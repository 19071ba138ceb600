package io.minikv.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The options of {@code SORT} and {@code SORT_RO}, built with {@link #builder()}: {@code BY pattern},
 * {@code LIMIT offset count}, {@code GET pattern} (repeatable), {@code ASC}/{@code DESC} and {@code ALPHA}.
 * <p>
 * <b>Patterns.</b> The first {@code *} of a pattern is replaced by an element to name a key; a {@code ->field}
 * suffix after the {@code *} reads that field of a hash instead of a string. A pattern without {@code *} names no
 * key: as BY it turns sorting off ({@code BY nosort}); as GET it yields nil. The GET pattern {@code #} yields the
 * element itself. As in Redis, patterns are C strings: the parts after a NUL byte are not looked at.
 * <p>
 * Immutable and thread-safe; the pattern arrays are copied in and out.
 */
public final class SortArgs {
    /** SORT without options: numeric, ascending, every element. */
    public static final SortArgs DEFAULT = builder().build();

    private final byte[] by;
    private final boolean dontSort;
    private final long offset;
    private final long count;
    private final List<byte[]> get;
    private final boolean desc;
    private final boolean alpha;

    private SortArgs(final Builder b) {
        this.by = b.by;
        this.dontSort = b.dontSort;
        this.offset = b.offset;
        this.count = b.count;
        this.get = List.copyOf(b.get);
        this.desc = b.desc;
        this.alpha = b.alpha;
    }

    /**
     * Starts a new set of options.
     *
     * @return a builder with SORT's defaults.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the BY pattern.
     *
     * @return a copy, or null when sorting by the elements themselves.
     */
    public byte[] by() {
        return by == null ? null : by.clone();
    }

    /**
     * Returns whether sorting is off: some BY pattern had no {@code *} ({@code BY nosort}).
     *
     * @return true when the source's own order is kept.
     */
    public boolean dontSort() {
        return dontSort;
    }

    /**
     * Returns LIMIT's offset.
     *
     * @return the offset, 0 by default; a negative offset counts as 0.
     */
    public long offset() {
        return offset;
    }

    /**
     * Returns LIMIT's count.
     *
     * @return the count, -1 (all) by default; a negative count means all from the offset on.
     */
    public long count() {
        return count;
    }

    /**
     * Returns the GET patterns, in order.
     *
     * @return copies of the patterns; empty when the elements themselves are returned.
     */
    public List<byte[]> get() {
        final List<byte[]> copies = new ArrayList<>(get.size());
        for (final byte[] pattern : get) {
            copies.add(pattern.clone());
        }
        return copies;
    }

    /**
     * Returns whether the order is descending.
     *
     * @return true for DESC.
     */
    public boolean desc() {
        return desc;
    }

    /**
     * Returns whether the elements (or BY values) are compared as strings rather than numbers.
     *
     * @return true for ALPHA.
     */
    public boolean alpha() {
        return alpha;
    }

    @Override
    public String toString() {
        return "SortArgs[by=" + (by == null ? "null" : new String(by, java.nio.charset.StandardCharsets.UTF_8))
            + ", offset=" + offset + ", count=" + count + ", get=" + get.size() + ", desc=" + desc + ", alpha=" + alpha
            + "]";
    }

    /** Builds {@link SortArgs}. Not thread-safe. */
    public static final class Builder {
        private byte[] by;
        private boolean dontSort;
        private long offset;
        private long count = -1;
        private final List<byte[]> get = new ArrayList<>();
        private boolean desc;
        private boolean alpha;

        private Builder() {
        }

        /**
         * {@code BY pattern}: sorts by the values the pattern names (a missing key, a key of another type or a
         * missing hash field counts as 0, or sorts first with ALPHA); a pattern without {@code *} turns sorting off
         * (see {@link #noSort()}). Given twice, the last pattern is used, but once a pattern without {@code *} was
         * given sorting stays off, as in Redis.
         *
         * @param pattern the pattern.
         * @return this builder.
         */
        public Builder by(final byte[] pattern) {
            this.by = Objects.requireNonNull(pattern, "pattern").clone();
            // Redis's parser sets its don't-sort flag for a pattern without '*' and never clears it.
            this.dontSort |= !hasStar(this.by);
            return this;
        }

        /**
         * {@code BY nosort}: keeps the source's own order (a list's, or a sorted set's by score; a set's members in
         * no particular order, except with STORE, where they are sorted as with ALPHA so the result is
         * reproducible, as Redis does). DESC then reverses a list or sorted set, and LIMIT applies to that order.
         *
         * @return this builder.
         */
        public Builder noSort() {
            return by(new byte[] {'n', 'o', 's', 'o', 'r', 't'});
        }

        /**
         * {@code LIMIT offset count}: the elements from offset on (a negative offset counts as 0), at most count of
         * them (a negative count takes all).
         *
         * @param offset the number to skip.
         * @param count the number to return.
         * @return this builder.
         */
        public Builder limit(final long offset, final long count) {
            this.offset = offset;
            this.count = count;
            return this;
        }

        /**
         * {@code GET pattern}: for each element, returns the value the pattern names (nil when missing, not a
         * string, or the hash lacks the field), or the element itself for {@code #}. Repeatable: each element then
         * yields one value per pattern, in order.
         *
         * @param pattern the pattern.
         * @return this builder.
         */
        public Builder get(final byte[] pattern) {
            get.add(Objects.requireNonNull(pattern, "pattern").clone());
            return this;
        }

        /**
         * {@code ASC}: ascending order (the default).
         *
         * @return this builder.
         */
        public Builder asc() {
            this.desc = false;
            return this;
        }

        /**
         * {@code DESC}: descending order.
         *
         * @return this builder.
         */
        public Builder desc() {
            this.desc = true;
            return this;
        }

        /**
         * {@code ALPHA}: compares as byte strings instead of as numbers.
         *
         * @return this builder.
         */
        public Builder alpha() {
            this.alpha = true;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the immutable options.
         */
        public SortArgs build() {
            return new SortArgs(this);
        }
    }

    /** Whether a pattern holds {@code *} before its first NUL byte (Redis's {@code strchr}). */
    static boolean hasStar(final byte[] pattern) {
        for (final byte b : pattern) {
            if (b == 0) {
                return false;
            }
            if (b == '*') {
                return true;
            }
        }
        return false;
    }
}
