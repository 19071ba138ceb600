package io.minikv.engine.memory;

/**
 * Heap footprints of the objects collection values are built of, for charging them to the {@link MemoryBudget}.
 * <p>
 * <b>Model.</b> HotSpot on a 64-bit JVM with compressed class pointers and compressed oops, the defaults for heaps
 * below 32 GB: an object header is 12 bytes, an array header 16 (12 plus the 4-byte length), a reference 4 bytes,
 * and every object is padded to a multiple of 8. With a larger heap (uncompressed oops) references take 8 bytes and
 * these figures underestimate; the limit is then reached later than the real heap use would suggest.
 * {@code HeapSizeTest} checks the figures against JOL's layout of the real classes.
 * <p>
 * What is not counted: the JVM's own overhead (GC headroom, card tables, fragmentation of the old generation), which
 * is why the JVM heap must be larger than {@code maxmemory}.
 * <p>
 * Thread-safe (stateless).
 */
public final class HeapSize {
    /** Bytes of an object header (mark word and compressed class pointer). */
    public static final int OBJECT_HEADER = 12;
    /** Bytes of an array header (object header and the int length). */
    public static final int ARRAY_HEADER = 16;
    /** Bytes of a compressed reference. */
    public static final int REFERENCE = 4;

    private HeapSize() {
    }

    /**
     * Pads a size to the 8-byte object alignment.
     *
     * @param bytes an unpadded size.
     * @return the padded size.
     */
    public static long align(final long bytes) {
        return (bytes + 7) & ~7L;
    }

    /**
     * Returns the footprint of a {@code byte[]}.
     *
     * @param length the array length.
     * @return bytes.
     */
    public static long byteArray(final int length) {
        return (ARRAY_HEADER + 7L + length) & ~7L;
    }

    /**
     * Returns the footprint of an array of references (or of {@code int}s, which have the same width).
     *
     * @param length the array length.
     * @return bytes.
     */
    public static long referenceArray(final int length) {
        return (ARRAY_HEADER + 7L + (long) REFERENCE * length) & ~7L;
    }

    /**
     * Returns the footprint of a {@code long[]}.
     *
     * @param length the array length.
     * @return bytes.
     */
    public static long longArray(final int length) {
        return ARRAY_HEADER + 8L * length;
    }

    /**
     * Returns the footprint of an object with the given field bytes.
     *
     * @param fieldBytes the sum of its field widths (references 4, int 4, long and double 8, boolean 1).
     * @return bytes.
     */
    public static long object(final int fieldBytes) {
        return align(OBJECT_HEADER + fieldBytes);
    }
}
