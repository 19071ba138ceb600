package io.minikv.engine.rdb;

/**
 * Redis's {@code crc64}: CRC-64/Jones (polynomial 0xad93d23594c935a9, reflected, initial value 0, no final xor);
 * {@code "123456789"} gives {@code 0xe9c6d914c4b8d9ca}. It checks DUMP and FUNCTION DUMP payloads.
 * <p>
 * Stateless and thread-safe.
 */
public final class Crc64 {
    private static final long[] TABLE = table();

    private Crc64() {
    }

    /**
     * Computes the checksum of the first bytes of an array.
     *
     * @param bytes the bytes.
     * @param length how many, from the first.
     * @return the checksum.
     */
    public static long crc64(final byte[] bytes, final int length) {
        long crc = 0;
        for (int i = 0; i < length; i++) {
            crc = TABLE[(int) ((crc ^ bytes[i]) & 0xff)] ^ (crc >>> 8);
        }
        return crc;
    }

    private static long[] table() {
        final long reflected = Long.reverse(0xad93d23594c935a9L);
        final long[] table = new long[256];
        for (int n = 0; n < 256; n++) {
            long c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? reflected ^ (c >>> 1) : c >>> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
