package io.minikv.net.resp;

import org.agrona.BufferUtil;

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
     * Returns a buffer. Standard buffers are kept for reuse; others (grown for a large value) are freed at once
     * rather than left to the garbage collector, so that a few 512 MB values do not exhaust direct memory before a
     * collection runs. The caller must hold no other reference to a released buffer.
     *
     * @param buffer the buffer, or null.
     */
    public void release(final ByteBuffer buffer) {
        if (buffer == null) {
            return;
        }
        if (buffer.capacity() == bufferSize && free.size() < maxPooled) {
            buffer.clear();
            free.addFirst(buffer);
        } else if (buffer.isDirect()) {
            BufferUtil.free(buffer);
        }
    }
}
