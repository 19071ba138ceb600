package io.minikv.engine.keyspace;

/**
 * The object value at one key, handed to an {@link Keyspace#writeObject} callback while the key's segment is write
 * locked. Valid only during the callback.
 */
public interface ObjectSlot {
    /**
     * Returns the current value.
     *
     * @return the value, or null when the key does not exist (or has expired).
     */
    ObjectValue get();

    /**
     * Stores a value at the key: creates the key (without TTL) when missing, keeps the TTL when present.
     *
     * @param value the value; its type must be the type the slot was opened for.
     */
    void set(ObjectValue value);

    /** Deletes the key (for example when a sorted set becomes empty). */
    void delete();
}
