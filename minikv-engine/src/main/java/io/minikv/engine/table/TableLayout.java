package io.minikv.engine.table;

/**
 * Layout of one hopscotch bucket in a {@link HopscotchTable}'s native array.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  hop bitmap: bit i set = bucket (this + i) holds a key whose  |  0
 *  |  home is this bucket (H = 64)                                 |
 *  +-------------------------------+-------------------------------+
 *  |   tag (16 bits of the hash)   |  entry address in the arena   |  8
 *  |                               |  (48 bits, 0 = empty)         |
 *  +-------------------------------+-------------------------------+
 * </pre>
 * The tag and the address share one aligned long, so a reader gets both with one (atomic) load. The table has
 * {@code capacity + NEIGHBOURHOOD} buckets and does not wrap around: the extra buckets hold keys of the last homes,
 * so every index a hop bit can name is inside the array, even when the bitmap was read torn.
 */
public final class TableLayout {
    /** Neighbourhood size H: a key lives within H buckets of its home. */
    public static final int NEIGHBOURHOOD = 64;
    /** Offset of the hop bitmap. */
    public static final int HOP_OFFSET = 0;
    /** Offset of the tagged entry address. */
    public static final int ENTRY_OFFSET = HOP_OFFSET + Long.BYTES;
    /** Bytes per bucket. */
    public static final int BUCKET_LENGTH = ENTRY_OFFSET + Long.BYTES;
    /** Bits of the entry word that hold the address. */
    public static final int ADDRESS_BITS = 48;
    /** Mask of the address in the entry word. */
    public static final long ADDRESS_MASK = (1L << ADDRESS_BITS) - 1;

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
