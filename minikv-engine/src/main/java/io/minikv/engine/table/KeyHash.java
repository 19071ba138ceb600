package io.minikv.engine.table;

import net.openhft.hashing.Access;
import net.openhft.hashing.LongHashFunction;

/**
 * The key hash: XXH3-64 over the key bytes, wherever they live.
 * <p>
 * Keys are addressed as {@code (base, offset)} pairs (see {@link io.minikv.engine.memory.NativeBytes}), so a key in
 * a {@code byte[]}, in a heap or direct {@code ByteBuffer} slice, or in the arena hashes identically without a copy.
 * <p>
 * Bit use: the top bits pick the segment, the low bits the home bucket, and the middle bits give the bucket's tag
 * that skips most key comparisons. Thread-safe.
 */
public final class KeyHash {
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();
    private static final Access<Object> ACCESS = Access.unsafe();

    private KeyHash() {
    }

    /**
     * Hashes a key.
     *
     * @param base the backing array, or null for native memory.
     * @param offset the offset (array base offset included) or native address.
     * @param length the key length.
     * @return the 64-bit hash.
     */
    public static long hash(final Object base, final long offset, final int length) {
        return XXH3.hash(base, ACCESS, offset, length);
    }

    /**
     * Hashes a key held in an array.
     *
     * @param key the key.
     * @return the 64-bit hash, equal to the hash of the same bytes anywhere else.
     */
    public static long hash(final byte[] key) {
        return XXH3.hashBytes(key);
    }

    /**
     * Returns the segment of a hash.
     *
     * @param hash the hash.
     * @param segmentBits log2 of the number of segments, at least 1.
     * @return the segment index.
     */
    public static int segment(final long hash, final int segmentBits) {
        return (int) (hash >>> (64 - segmentBits));
    }

    /**
     * Returns the tag of a hash: bits no segment index uses and few home indexes do.
     *
     * @param hash the hash.
     * @return the tag, {@link TableLayout#TAG_MASK} wide.
     */
    public static int tag(final long hash) {
        return (int) (hash >>> 32) & TableLayout.TAG_MASK;
    }
}
