package io.minikv.engine.type.hll;

/**
 * MurmurHash2, 64-bit version, as Redis's {@code hyperloglog.c} computes it: 8-byte blocks read little endian on
 * every platform, so the register an element lands in is the one Redis picks. Stateless.
 */
public final class MurmurHash64A {
    /** The seed Redis hashes HyperLogLog elements with. */
    public static final int HLL_SEED = 0xadc83b19;

    private static final long M = 0xc6a4a7935bd1e995L;
    private static final int R = 47;

    private MurmurHash64A() {
    }

    /**
     * Hashes {@code length} bytes of {@code data} from {@code offset}.
     *
     * @param data the bytes.
     * @param offset the first byte.
     * @param length the number of bytes.
     * @param seed the seed, taken as an unsigned 32-bit value as Redis's {@code unsigned int seed}.
     * @return the 64-bit hash.
     */
    public static long hash(final byte[] data, final int offset, final int length, final int seed) {
        long h = (seed & 0xffffffffL) ^ (length * M);
        final int blocks = length - (length & 7);
        int i = offset;
        final int end = offset + blocks;
        for (; i < end; i += 8) {
            long k = (data[i] & 0xffL) | (data[i + 1] & 0xffL) << 8 | (data[i + 2] & 0xffL) << 16
                | (data[i + 3] & 0xffL) << 24 | (data[i + 4] & 0xffL) << 32 | (data[i + 5] & 0xffL) << 40
                | (data[i + 6] & 0xffL) << 48 | (data[i + 7] & 0xffL) << 56;
            k *= M;
            k ^= k >>> R;
            k *= M;
            h ^= k;
            h *= M;
        }
        final int tail = length & 7;
        if (tail > 0) {
            for (int j = tail - 1; j >= 0; j--) {
                h ^= (data[i + j] & 0xffL) << (8 * j);
            }
            h *= M;
        }
        h ^= h >>> R;
        h *= M;
        h ^= h >>> R;
        return h;
    }
}
