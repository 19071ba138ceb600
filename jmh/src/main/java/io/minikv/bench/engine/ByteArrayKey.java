package io.minikv.bench.engine;

import java.util.Arrays;

/** The baseline's key: a byte array with value equality, as a heap map of binary keys needs. */
public final class ByteArrayKey {
    private final byte[] bytes;
    private final int hash;

    /**
     * Wraps a key.
     *
     * @param bytes the key bytes (not copied).
     */
    public ByteArrayKey(final byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ByteArrayKey && Arrays.equals(bytes, ((ByteArrayKey) o).bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
