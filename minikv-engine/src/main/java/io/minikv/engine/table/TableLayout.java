package io.minikv.engine.table;

/**
 * Layout of one hopscotch bucket in a {@link HopscotchTable}'s native array: one aligned long, eight to a cache line.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-----------------------------------------------+---------------+
 *  |  hop bitmap (H = 24): bit i set = bucket      |  tag: 8 bits  |  0
 *  |  (this + i) holds a key whose home is this    |  of the hash  |
 *  |  bucket                                       |  of the entry |
 *  +-------------------------------+---------------+---------------+
 *  |  chunk slot + 1 (16 bits)     |  offset in the chunk / 8      |  4
 *  |  entry address, 0 = empty     |  (16 bits)                    |
 *  +-------------------------------+-------------------------------+
 * </pre>
 * A bucket is both a home (its hop bitmap) and a slot (its tag and entry), and a reader gets all of it with one
 * atomic load. Eight-byte buckets keep the table small enough to run at half the load of 16-byte ones in the same
 * memory, so most keys sit in their home bucket and most lookups read one line of the table. An 8-bit tag sends one
 * key comparison in 256 to the wrong entry, which costs less than the wider neighbourhood it pays for (with H = 16,
 * inserts failed from 65 % load on). The table has
 * {@code capacity + NEIGHBOURHOOD} buckets and does not wrap around: the extra buckets hold keys of the last homes,
 * so every index a hop bit can name is inside the array, even when the bitmap was read torn.
 */
public final class TableLayout {
    /** Neighbourhood size H: a key lives within H buckets of its home. */
    public static final int NEIGHBOURHOOD = 24;
    /** Bytes per bucket. */
    public static final int BUCKET_LENGTH = Long.BYTES;
    /** Mask of the hop bitmap in a bucket word. */
    public static final long HOP_MASK = (1L << NEIGHBOURHOOD) - 1;
    /** Shift of the tag in a bucket word. */
    public static final int TAG_SHIFT = NEIGHBOURHOOD;
    /** Mask of the tag once shifted down: the bits between the hop bitmap and the address. */
    public static final int TAG_MASK = (1 << (32 - NEIGHBOURHOOD)) - 1;
    /** Shift of the entry address in a bucket word. */
    public static final int ENTRY_SHIFT = 32;
    /** Largest chunk offset an entry address can hold: offsets are multiples of 8 below 512 KB. */
    public static final int MAX_ENTRY_OFFSET = (0xFFFF << 3);

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
