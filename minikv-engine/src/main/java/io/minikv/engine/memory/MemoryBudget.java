package io.minikv.engine.memory;

import java.util.concurrent.atomic.AtomicLong;

import io.minikv.api.KvError;

/**
 * Counts the native memory a store has allocated (arena chunks, dedicated value buffers, table arrays) against the
 * optional {@code maxMemoryBytes} limit.
 * <p>
 * Why chunk granularity: writers only touch this shared counter when an arena needs a new chunk or a table grows,
 * so the hot write path does no shared write. The limit is therefore enforced with a chunk's precision.
 * <p>
 * Thread-safe.
 */
public final class MemoryBudget {
    private volatile long maxBytes;
    private final AtomicLong allocated = new AtomicLong();

    /**
     * Creates a budget.
     *
     * @param maxBytes the limit, 0 for none.
     */
    public MemoryBudget(final long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Reserves memory that a write needs.
     *
     * @param bytes the amount.
     * @throws io.minikv.api.KvException {@link KvError#OOM} when the limit would be exceeded; nothing is reserved.
     */
    public void reserve(final long bytes) {
        final long maxBytes = this.maxBytes;
        if (maxBytes == 0) {
            allocated.addAndGet(bytes);
            return;
        }
        while (true) {
            final long current = allocated.get();
            if (current + bytes > maxBytes) {
                throw KvError.OOM.exception();
            }
            if (allocated.compareAndSet(current, current + bytes)) {
                return;
            }
        }
    }

    /**
     * Reserves memory that must be taken even beyond the limit (a table that has to grow to stay correct).
     *
     * @param bytes the amount.
     */
    public void force(final long bytes) {
        allocated.addAndGet(bytes);
    }

    /**
     * Returns memory.
     *
     * @param bytes the amount.
     */
    public void release(final long bytes) {
        allocated.addAndGet(-bytes);
    }

    /**
     * Returns the allocated native bytes.
     *
     * @return bytes.
     */
    public long allocated() {
        return allocated.get();
    }

    /**
     * Returns the limit.
     *
     * @return bytes, 0 for none.
     */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Changes the limit, as {@code CONFIG SET maxmemory} does: memory already allocated stays; writes that need more
     * fail until enough is freed.
     *
     * @param bytes the new limit, 0 for none.
     * @throws IllegalArgumentException when negative.
     */
    public void maxBytes(final long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("maxmemory must not be negative: " + bytes);
        }
        this.maxBytes = bytes;
    }
}
