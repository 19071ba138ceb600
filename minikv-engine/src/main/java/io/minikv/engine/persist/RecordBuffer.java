package io.minikv.engine.persist;

import java.util.Arrays;

import io.minikv.engine.memory.NativeBytes;

/**
 * A growable big-endian byte buffer that holds the records of one segment while its lock is held, so the lock is
 * released before anything is compressed or written.
 * <p>
 * Not thread-safe: one save uses one instance.
 */
final class RecordBuffer {
    /** Capacity kept between segments; a bigger array is dropped after use, so one huge segment does not pin it. */
    static final int RETAINED_CAPACITY = 1 << 20;

    private byte[] bytes = new byte[64 * 1024];
    private int length;

    void putByte(final byte v) {
        ensure(1);
        bytes[length++] = v;
    }

    void putInt(final int v) {
        ensure(4);
        bytes[length] = (byte) (v >>> 24);
        bytes[length + 1] = (byte) (v >>> 16);
        bytes[length + 2] = (byte) (v >>> 8);
        bytes[length + 3] = (byte) v;
        length += 4;
    }

    void putLong(final long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Appends a length-prefixed byte string. */
    void putBytes(final byte[] b) {
        putInt(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    /** Appends a length-prefixed byte string copied from native memory. */
    void putNative(final long address, final int len) {
        putInt(len);
        ensure(len);
        NativeBytes.copy(null, address, bytes, NativeBytes.BYTE_ARRAY_BASE + length, len);
        length += len;
    }

    byte[] array() {
        return bytes;
    }

    int length() {
        return length;
    }

    /** Empties the buffer, dropping an oversized array. */
    void clear() {
        length = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = new byte[RETAINED_CAPACITY];
        }
    }

    private void ensure(final int n) {
        final long needed = (long) length + n;
        if (needed > bytes.length) {
            if (needed > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a segment's records exceed 2 GiB; snapshot not possible");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.max(needed, Math.min(Integer.MAX_VALUE - 16, bytes.length * 2L)));
        }
    }
}
