package io.minikv.engine.keyspace;

import java.util.Arrays;

/**
 * The on-heap values of one segment, addressed by int handles stored in the arena entries. Freed handles are
 * reused. Each handle also records the footprint its value was last charged for ({@link #recharge}), so the segment
 * can charge the memory budget for the change a write made, and return exactly what was charged when the value goes.
 * Not thread-safe: used under the segment's lock.
 */
final class ObjectTable {
    private ObjectValue[] values = new ObjectValue[8];
    private long[] charged = new long[8];
    /** Handles written or handed out under the write lock since the last {@link #settle}. */
    private int[] touched = new int[8];
    private int touchedCount;
    private int[] freeHandles = new int[8];
    private int freeCount;
    private int next;

    int add(final ObjectValue value) {
        final int handle;
        if (freeCount > 0) {
            handle = freeHandles[--freeCount];
        } else {
            if (next == values.length) {
                values = Arrays.copyOf(values, next * 2);
                charged = Arrays.copyOf(charged, next * 2);
            }
            handle = next++;
        }
        values[handle] = value;
        return handle;
    }

    ObjectValue get(final int handle) {
        return values[handle];
    }

    void set(final int handle, final ObjectValue value) {
        values[handle] = value;
    }

    /**
     * Notes that a handle's value may change before the write lock is released (repeats of the last handle are
     * dropped, so a loop over one value stays O(1) in memory).
     *
     * @param handle a live handle.
     */
    void touch(final int handle) {
        final int n = touchedCount;
        if (n > 0 && touched[n - 1] == handle) {
            return;
        }
        if (n == touched.length) {
            touched = Arrays.copyOf(touched, n * 2);
        }
        touched[n] = handle;
        touchedCount = n + 1;
    }

    /**
     * Tells whether {@link #settle} has work.
     *
     * @return true when a handle was touched since the last settle.
     */
    boolean touched() {
        return touchedCount != 0;
    }

    /**
     * Recharges every touched handle and forgets them.
     *
     * @return the total change to charge (negative to release).
     */
    long settle() {
        long delta = 0;
        for (int i = 0; i < touchedCount; i++) {
            delta += recharge(touched[i]);
        }
        touchedCount = 0;
        return delta;
    }

    /**
     * Brings a handle's charge up to date with its value's footprint.
     *
     * @param handle a handle, live or freed.
     * @return the change to charge (negative to release).
     */
    long recharge(final int handle) {
        final ObjectValue v = values[handle];
        final long now = v == null ? 0 : v.memoryBytes();
        final long delta = now - charged[handle];
        charged[handle] = now;
        return delta;
    }

    /**
     * Frees a handle.
     *
     * @param handle a live handle.
     * @return what its value was charged for, to release.
     */
    long remove(final int handle) {
        final long released = charged[handle];
        charged[handle] = 0;
        values[handle] = null;
        if (freeCount == freeHandles.length) {
            freeHandles = Arrays.copyOf(freeHandles, freeCount * 2);
        }
        freeHandles[freeCount++] = handle;
        return released;
    }
}
