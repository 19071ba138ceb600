package io.minikv.net.resp;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A small free list of direct buffers of one standard size, so that connections borrow a read or write buffer only
 * while they have unprocessed input or unsent output, and idle connections hold none: ten thousand idle clients cost
 * no buffer memory.
 * <p>
 * Owned by one event loop thread; not thread-safe.
 */
public final class BufferPool {
    private final int bufferSize;
    private final int maxPooled;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    /**
     * Creates a pool.
     *
     * @param bufferSize the standard buffer size in bytes.
     * @param maxPooled how many free buffers to keep at most.
     */
    public BufferPool(final int bufferSize, final int maxPooled) {
        this.bufferSize = bufferSize;
        this.maxPooled = maxPooled;
    }

    /**
     * Returns the standard buffer size.
     *
     * @return bytes.
     */
    public int bufferSize() {
        return bufferSize;
    }

    /**
     * Borrows a cleared standard buffer.
     *
     * @return a direct buffer of {@link #bufferSize()} bytes, position 0.
     */
    public ByteBuffer acquire() {
        final ByteBuffer buffer = free.pollFirst();
        return buffer != null ? buffer : ByteBuffer.allocateDirect(bufferSize);
    }

    /**
     * Returns a buffer; buffers of another size are dropped (left to the garbage collector).
     *
     * @param buffer the buffer, or null.
     */
    public void release(final ByteBuffer buffer) {
        if (buffer != null && buffer.capacity() == bufferSize && free.size() < maxPooled) {
            buffer.clear();
            free.addFirst(buffer);
        }
    }
}
