package io.minikv.api;

import java.nio.ByteBuffer;

/**
 * Read-only access to a stored value where it lies in the store's memory, handed to a {@link ValueSink}: a flyweight
 * over a region of native memory, so a value can be copied straight into an output buffer with one bounds check and
 * one memory copy.
 * <p>
 * Indexes are absolute within the region; the sink receives the value's first index and length. A source is valid
 * only during the {@link ValueSink#accept} call that received it: do not keep it.
 */
public interface ValueSource {
    /**
     * Reads one byte.
     *
     * @param index the byte's index.
     * @return the byte.
     * @throws IndexOutOfBoundsException when {@code index} is outside the region.
     */
    byte getByte(int index);

    /**
     * Copies bytes into an array.
     *
     * @param index the first byte's index.
     * @param dst the destination.
     * @param dstOffset the first destination index.
     * @param length the number of bytes.
     * @throws IndexOutOfBoundsException when either range is out of bounds.
     */
    void getBytes(int index, byte[] dst, int dstOffset, int length);

    /**
     * Copies bytes into a buffer at an absolute index, as {@link ByteBuffer#put(int, ByteBuffer, int, int)} does:
     * the buffer's position and limit are unchanged.
     *
     * @param index the first byte's index.
     * @param dst the destination.
     * @param dstIndex the first destination index; the range must lie below {@code dst.limit()}.
     * @param length the number of bytes.
     * @throws IndexOutOfBoundsException when either range is out of bounds.
     * @throws java.nio.ReadOnlyBufferException when {@code dst} is read-only.
     */
    void getBytes(int index, ByteBuffer dst, int dstIndex, int length);

    /**
     * Returns a read-only buffer over the same region with the same indexes, for code written against
     * {@link ByteBuffer}; use absolute access only and never change its position or limit.
     *
     * @return the shared read-only view.
     */
    ByteBuffer byteBuffer();
}
