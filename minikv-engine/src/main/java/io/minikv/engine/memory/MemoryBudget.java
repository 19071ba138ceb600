package io.minikv.engine.memory;

import java.util.concurrent.atomic.AtomicLong;

import io.minikv.api.KvError;

/**
 * Counts the memory a store holds against the optional {@code maxMemoryBytes} limit: the native memory it has
 * allocated (arena chunks, dedicated value buffers, table arrays) and the estimated heap footprint of its collection
 * values (hashes, sets, lists, sorted sets; see {@link HeapSize}).
 * <p>
 * Two rules apply. An allocation in the arena is refused when it would pass the limit ({@link #reserve}). A write
 * that grows a collection is refused before it starts when the store is already over the limit
 * ({@link #checkWrite}, Redis's rule for {@code denyoom} commands under {@code noeviction}); once admitted, its
 * growth is charged with {@link #force}, so the store may pass the limit by what one write adds, as in Redis.
 * Collections are charged in steps of a few kilobytes per segment, as arena memory is charged in chunks.
 * Writes that only shrink (DEL, the pops, SREM...) are never refused, so memory can always be freed.
 * <p>
 * Why chunk granularity: writers only touch this shared counter when an arena needs a new chunk or a table grows,
 * so the hot write path does no shared write. The limit is therefore enforced with a chunk's precision.
 * <p>
 * Thread-safe.
 */
public final class MemoryBudget {
    private volatile long maxBytes;
    private final AtomicLong allocated = new AtomicLong();
    /** While set, nothing is refused ({@link #suspendChecks}); read only once the limit is reached. */
    private volatile boolean checksSuspended;

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
            if (current + bytes > maxBytes && !checksSuspended) {
                throw KvError.OOM.exception();
            }
            if (allocated.compareAndSet(current, current + bytes)) {
                return;
            }
        }
    }

    /**
     * Tells whether the store holds more than its limit (Redis's {@code used_memory > maxmemory}).
     *
     * @return true when a limit is set and exceeded.
     */
    public boolean exceeded() {
        final long maxBytes = this.maxBytes;
        return maxBytes != 0 && allocated.get() > maxBytes;
    }

    /**
     * Admits a write that may grow the store, as Redis admits a {@code denyoom} command: refused while the store is
     * over its limit, whatever the write would add.
     *
     * @throws io.minikv.api.KvException {@link KvError#OOM} when {@link #exceeded()}.
     */
    public void checkWrite() {
        if (exceeded() && !checksSuspended) {
            throw KvError.OOM.exception();
        }
    }

    /**
     * Suspends or restores the limit's checks: while suspended, {@link #reserve} and {@link #checkWrite} refuse
     * nothing (memory is still counted). For a server's EXEC, which Redis admits as a whole: its commands then run
     * whatever memory they take, and since EXEC runs alone, no other write passes the limit meanwhile.
     *
     * @param suspended true to suspend, false to restore.
     */
    public void suspendChecks(final boolean suspended) {
        this.checksSuspended = suspended;
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
     * Returns the bytes counted: native allocations and the charged collection footprints.
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
