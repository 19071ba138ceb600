package io.minikv.engine.memory;

import java.nio.ByteBuffer;
import java.util.Objects;

import org.agrona.BufferUtil;
import org.agrona.UnsafeAccess;

import sun.misc.Unsafe;

/**
 * Raw byte access shared by the engine: one way to address bytes that live either in a heap {@code byte[]} or in
 * native memory, as a {@code (base, offset)} pair in {@link Unsafe} style ({@code base == null} means an absolute
 * native address).
 * <p>
 * Why: keys arrive as {@code byte[]} (embedded API) or as slices of direct or heap {@code ByteBuffer}s (the server's
 * read buffer), and must hash and compare identically without being copied. Every caller checks bounds before calling
 * here; this class does not, so it is kept tiny and used only by the table, the arena and the key normaliser.
 * <p>
 * Thread-safe (stateless).
 */
public final class NativeBytes {
    /** Offset of element 0 of a {@code byte[]}. */
    public static final long BYTE_ARRAY_BASE = UnsafeAccess.ARRAY_BYTE_BASE_OFFSET;

    private static final Unsafe UNSAFE = UnsafeAccess.UNSAFE;

    private NativeBytes() {
    }

    /**
     * Allocates a direct buffer, reporting the JVM's direct-memory exhaustion ({@code -XX:MaxDirectMemorySize},
     * by default the maximum heap size) as Redis's OOM error instead of an {@link OutOfMemoryError} that would end the
     * calling thread: the write that needed the memory fails and the store stays usable.
     *
     * @param capacity the size in bytes.
     * @return a new direct buffer.
     * @throws io.minikv.api.KvException {@link io.minikv.api.KvError#OOM} when the memory cannot be had.
     */
    public static ByteBuffer allocateDirect(final int capacity) {
        try {
            return ByteBuffer.allocateDirect(capacity);
        } catch (final OutOfMemoryError exhausted) {
            throw io.minikv.api.KvError.OOM.exception();
        }
    }

    /**
     * Returns the native address of a direct buffer's element 0.
     *
     * @param buffer a direct buffer.
     * @return its address.
     */
    public static long address(final ByteBuffer buffer) {
        return BufferUtil.address(buffer);
    }

    /**
     * Resolves the base object of a key or value held in a buffer; pair it with {@link #offset}.
     *
     * @param buffer a direct buffer or a writable heap buffer.
     * @return the backing array, or null for a direct buffer.
     */
    public static Object base(final ByteBuffer buffer) {
        return buffer.isDirect() ? null : buffer.array();
    }

    /**
     * Resolves the offset of byte {@code index} of a buffer, after checking {@code [index, index + length)} lies
     * within its capacity.
     *
     * @param buffer a direct buffer or a heap buffer with an accessible array.
     * @param index the absolute index of the first byte.
     * @param length the number of bytes that will be accessed.
     * @return the offset to pair with {@link #base}.
     * @throws IndexOutOfBoundsException when the range is outside the buffer.
     */
    public static long offset(final ByteBuffer buffer, final int index, final int length) {
        Objects.checkFromIndexSize(index, length, buffer.capacity());
        if (buffer.isDirect()) {
            return address(buffer) + index;
        }
        return BYTE_ARRAY_BASE + buffer.arrayOffset() + index;
    }

    /**
     * Tells whether a buffer can be addressed with {@link #base} and {@link #offset} without a copy.
     *
     * @param buffer the buffer.
     * @return true for direct buffers and heap buffers exposing their array.
     */
    public static boolean addressable(final ByteBuffer buffer) {
        return buffer.isDirect() || buffer.hasArray();
    }

    /**
     * Compares two byte ranges for equality.
     *
     * @param aBase base of the first range.
     * @param aOffset offset of the first range.
     * @param bBase base of the second range.
     * @param bOffset offset of the second range.
     * @param length bytes to compare.
     * @return true when equal.
     */
    public static boolean equals(final Object aBase, final long aOffset, final Object bBase, final long bOffset,
        final int length) {
        if (length >= Long.BYTES && length <= 2 * Long.BYTES) {
            // Two overlapping longs cover 8 to 16 bytes (most keys) with no loop and a single data-dependent branch.
            final int tail = length - Long.BYTES;
            return (UNSAFE.getLong(aBase, aOffset) ^ UNSAFE.getLong(bBase, bOffset)
                | UNSAFE.getLong(aBase, aOffset + tail) ^ UNSAFE.getLong(bBase, bOffset + tail)) == 0;
        }
        return equalsByLongs(aBase, aOffset, bBase, bOffset, length);
    }

    private static boolean equalsByLongs(final Object aBase, final long aOffset, final Object bBase,
        final long bOffset, final int length) {
        int i = 0;
        final int longs = length & ~7;
        while (i < longs) {
            if (UNSAFE.getLong(aBase, aOffset + i) != UNSAFE.getLong(bBase, bOffset + i)) {
                return false;
            }
            i += 8;
        }
        while (i < length) {
            if (UNSAFE.getByte(aBase, aOffset + i) != UNSAFE.getByte(bBase, bOffset + i)) {
                return false;
            }
            i++;
        }
        return true;
    }

    /**
     * Copies bytes between ranges (heap or native, not overlapping).
     *
     * @param srcBase source base.
     * @param srcOffset source offset.
     * @param dstBase destination base.
     * @param dstOffset destination offset.
     * @param length bytes to copy.
     */
    public static void copy(final Object srcBase, final long srcOffset, final Object dstBase, final long dstOffset,
        final long length) {
        UNSAFE.copyMemory(srcBase, srcOffset, dstBase, dstOffset, length);
    }

    /**
     * Fills native memory with zeros.
     *
     * @param address native address.
     * @param length bytes.
     */
    public static void zero(final long address, final long length) {
        UNSAFE.setMemory(address, length, (byte) 0);
    }

    /**
     * Reads a byte.
     *
     * @param base base.
     * @param offset offset.
     * @return the byte.
     */
    public static byte getByte(final Object base, final long offset) {
        return UNSAFE.getByte(base, offset);
    }

    /**
     * Writes a byte.
     *
     * @param base base.
     * @param offset offset.
     * @param value the byte.
     */
    public static void putByte(final Object base, final long offset, final byte value) {
        UNSAFE.putByte(base, offset, value);
    }

    /**
     * Reads a native-order int from a heap or native range.
     *
     * @param base the backing array, or null for native memory.
     * @param offset the offset (array base offset included) or native address.
     * @return the value.
     */
    public static int getInt(final Object base, final long offset) {
        return UNSAFE.getInt(base, offset);
    }

    /**
     * Reads a native-order long from a heap or native range.
     *
     * @param base the backing array, or null for native memory.
     * @param offset the offset (array base offset included) or native address.
     * @return the value.
     */
    public static long getLong(final Object base, final long offset) {
        return UNSAFE.getLong(base, offset);
    }

    /**
     * Reads an int from native memory.
     *
     * @param address the address.
     * @return the value.
     */
    public static int getInt(final long address) {
        return UNSAFE.getInt(address);
    }

    /**
     * Writes an int to native memory.
     *
     * @param address the address.
     * @param value the value.
     */
    public static void putInt(final long address, final int value) {
        UNSAFE.putInt(address, value);
    }

    /**
     * Reads a long from native memory.
     *
     * @param address the address.
     * @return the value.
     */
    public static long getLong(final long address) {
        return UNSAFE.getLong(address);
    }

    /**
     * Writes a long to native memory.
     *
     * @param address the address.
     * @param value the value.
     */
    public static void putLong(final long address, final long value) {
        UNSAFE.putLong(address, value);
    }

    /**
     * Copies a native range into a new array.
     *
     * @param address the address.
     * @param length the length.
     * @return the bytes.
     */
    public static byte[] toArray(final long address, final int length) {
        final byte[] bytes = new byte[length];
        UNSAFE.copyMemory(null, address, bytes, BYTE_ARRAY_BASE, length);
        return bytes;
    }
}
