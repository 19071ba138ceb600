package io.minikv.engine.table;

import java.nio.ByteOrder;

import io.minikv.engine.memory.NativeBytes;
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
 * <p>
 * Keys of 4 to 16 bytes (most keys) are hashed here, with XXH3's short-input steps written out so that they inline
 * into a lookup: the library's entry point handles every length and is too big to inline, and the call costs a
 * lookup more than the hash itself. Other lengths go to the library. Both give the same hashes (KeyHashTest).
 */
public final class KeyHash {
    private static final LongHashFunction XXH3 = LongHashFunction.xx3();
    private static final Access<Object> ACCESS = Access.unsafe();
    /** The written-out steps read little-endian words with native loads. */
    private static final boolean INLINE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    // Words of XXH3's default secret, little-endian: bytes 8-15, 16-23 (4-8 byte inputs) and 24-55 (9-16 byte inputs).
    private static final long SECRET_8 = 0x1cad21f72c81017cL;
    private static final long SECRET_16 = 0xdb979083e96dd4deL;
    private static final long SECRET_24 = 0x1f67b3b7a4a44072L;
    private static final long SECRET_32 = 0x78e5c0cc4ee679cbL;
    private static final long SECRET_40 = 0x2172ffcc7dd05a82L;
    private static final long SECRET_48 = 0x8e2443f7744608b8L;
    private static final long PRIME_MX1 = 0x165667919E3779F9L;
    private static final long PRIME_MX2 = 0x9FB21C651E98DF25L;

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
        if (INLINE && length > 8 && length <= 16) {
            return hash9to16(base, offset, length);
        }
        if (INLINE && length >= 4 && length <= 8) {
            return hash4to8(base, offset, length);
        }
        return XXH3.hash(base, ACCESS, offset, length);
    }

    /** XXH3_len_9to16_64b with seed 0. */
    private static long hash9to16(final Object base, final long offset, final int length) {
        final long lo = NativeBytes.getLong(base, offset) ^ (SECRET_24 ^ SECRET_32);
        final long hi = NativeBytes.getLong(base, offset + length - Long.BYTES) ^ (SECRET_40 ^ SECRET_48);
        final long acc = length + Long.reverseBytes(lo) + hi + multiplyFold(lo, hi);
        final long h = (acc ^ acc >>> 37) * PRIME_MX1;
        return h ^ h >>> 32;
    }

    /** XXH3_len_4to8_64b with seed 0. */
    private static long hash4to8(final Object base, final long offset, final int length) {
        final long first = NativeBytes.getInt(base, offset) & 0xFFFFFFFFL;
        final long last = NativeBytes.getInt(base, offset + length - Integer.BYTES) & 0xFFFFFFFFL;
        long h = (last + (first << 32)) ^ (SECRET_8 ^ SECRET_16);
        h ^= Long.rotateLeft(h, 49) ^ Long.rotateLeft(h, 24);
        h *= PRIME_MX2;
        h ^= (h >>> 35) + length;
        h *= PRIME_MX2;
        return h ^ h >>> 28;
    }

    /** The low and the high half of the unsigned 128-bit product, xored. */
    private static long multiplyFold(final long a, final long b) {
        final long high = Math.multiplyHigh(a, b) + (a >> 63 & b) + (b >> 63 & a);
        return a * b ^ high;
    }

    /**
     * Hashes a key held in an array.
     *
     * @param key the key.
     * @return the 64-bit hash, equal to the hash of the same bytes anywhere else.
     */
    public static long hash(final byte[] key) {
        return hash(key, NativeBytes.BYTE_ARRAY_BASE, key.length);
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
