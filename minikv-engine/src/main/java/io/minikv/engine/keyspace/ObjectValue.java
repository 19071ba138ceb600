package io.minikv.engine.keyspace;

import io.minikv.api.ValueType;

/**
 * A value that lives on the Java heap rather than in the arena: sorted sets, sets, lists and hashes.
 * <p>
 * The entry in the arena carries the type tag and a handle into its segment's object table; the object itself is
 * only read and mutated under that segment's lock (read lock to read, write lock to mutate), never optimistically,
 * so implementations need no synchronization of their own.
 * <p>
 * <b>Memory.</b> Each value estimates its own heap footprint ({@link #memoryBytes()}, figures from
 * {@link io.minikv.engine.memory.HeapSize}); its segment charges the store's memory budget for the change when the
 * write lock is released, so implementations keep the estimate current with a few arithmetic operations per change
 * and never touch the budget themselves.
 */
public interface ObjectValue {
    /**
     * Returns the Redis type of this value.
     *
     * @return a type other than {@link ValueType#STRING} and {@link ValueType#NONE}.
     */
    ValueType type();

    /**
     * Returns an independent deep copy, for {@code COPY}.
     *
     * @return the copy.
     */
    ObjectValue copy();

    /**
     * Returns the estimated heap footprint of this value: the value object, its structure (tables, arrays, nodes)
     * and the element byte arrays it holds. O(1).
     *
     * @return bytes.
     */
    long memoryBytes();

    /**
     * Returns the encoding Redis 7.0 would report for this value under its default thresholds
     * ({@code OBJECT ENCODING}): {@code listpack} or {@code hashtable} for hashes, {@code intset} or {@code hashtable}
     * for sets, {@code listpack} or {@code skiplist} for sorted sets, {@code quicklist} for lists. As in Redis, a value
     * that once outgrew its compact encoding keeps the large one while it exists, and {@link #copy()} keeps it too.
     *
     * @return the encoding name.
     */
    String encoding();
}
