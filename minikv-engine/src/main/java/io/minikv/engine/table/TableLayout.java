package io.minikv.engine.table;

/**
 * Layout of one hopscotch bucket in a {@link HopscotchTable}'s native array.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  hop bitmap: bit i set = bucket (this + i) holds a key whose  |  0
 *  |  home is this bucket                                          |
 *  +---------------------------------------------------------------+
 *  |                   tag (middle bits of the hash)               |  4
 *  +---------------------------------------------------------------+
 *  |          entry address in the segment's arena (0 = empty)     |  8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 * The table has {@code capacity + NEIGHBOURHOOD} buckets and does not wrap around: the extra buckets hold keys of
 * the last homes, so every index a hop bit can name is inside the array, even when the bitmap was read torn.
 */
public final class TableLayout {
    /** Neighbourhood size H: a key lives within H buckets of its home. */
    public static final int NEIGHBOURHOOD = 32;
    /** Offset of the hop bitmap. */
    public static final int HOP_OFFSET = 0;
    /** Offset of the tag. */
    public static final int TAG_OFFSET = HOP_OFFSET + Integer.BYTES;
    /** Offset of the entry address. */
    public static final int ENTRY_OFFSET = TAG_OFFSET + Integer.BYTES;
    /** Bytes per bucket. */
    public static final int BUCKET_LENGTH = ENTRY_OFFSET + Long.BYTES;

    private TableLayout() {
    }

    /**
     * Returns the bytes of a table's array.
     *
     * @param capacity home buckets, a power of two.
     * @return bytes including the tail.
     */
    public static long arrayLength(final int capacity) {
        return (long) (capacity + NEIGHBOURHOOD) * BUCKET_LENGTH;
    }
}
