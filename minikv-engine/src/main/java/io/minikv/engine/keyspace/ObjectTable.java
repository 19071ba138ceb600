package io.minikv.engine.keyspace;

import java.util.Arrays;

/**
 * The on-heap values of one segment, addressed by int handles stored in the arena entries. Freed handles are
 * reused. Not thread-safe: used under the segment's lock.
 */
final class ObjectTable {
    private ObjectValue[] values = new ObjectValue[8];
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

    void remove(final int handle) {
        values[handle] = null;
        if (freeCount == freeHandles.length) {
            freeHandles = Arrays.copyOf(freeHandles, freeCount * 2);
        }
        freeHandles[freeCount++] = handle;
    }
}
