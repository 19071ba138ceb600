package io.minikv.engine.type.hash;

/**
 * One field of a {@link FieldMap} with its value: at once the bucket-chain node of the map's hash table and the
 * element of its dense array.
 * <p>
 * Not thread-safe: the owning map's guard covers it.
 */
public final class HashEntry {
    final byte[] field;
    final int hash;
    byte[] value;
    /** The next entry of the same bucket. */
    HashEntry next;
    /** This entry's position in the map's dense array. */
    int index;

    HashEntry(final byte[] field, final int hash, final byte[] value) {
        this.field = field;
        this.hash = hash;
        this.value = value;
    }

    /**
     * Returns the field.
     *
     * @return the field bytes; callers must not modify them.
     */
    public byte[] field() {
        return field;
    }

    /**
     * Returns the value.
     *
     * @return the value bytes; callers must not modify them.
     */
    public byte[] value() {
        return value;
    }
}
