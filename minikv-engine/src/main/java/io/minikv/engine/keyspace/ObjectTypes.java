package io.minikv.engine.keyspace;

import io.minikv.api.ValueType;
import io.minikv.engine.memory.EntryLayout;

/**
 * Maps {@link ValueType}s to the type tags of {@link EntryLayout} and back. Thread-safe (stateless).
 */
public final class ObjectTypes {
    private static final ValueType[] BY_TAG = {
        ValueType.NONE, ValueType.STRING, ValueType.LIST, ValueType.SET, ValueType.ZSET, ValueType.HASH,
        ValueType.STREAM,
    };

    private ObjectTypes() {
    }

    /**
     * Returns the entry tag of a type.
     *
     * @param type a stored type (not NONE).
     * @return the tag.
     */
    public static byte tag(final ValueType type) {
        switch (type) {
            case STRING:
                return EntryLayout.TYPE_STRING;
            case LIST:
                return EntryLayout.TYPE_LIST;
            case SET:
                return EntryLayout.TYPE_SET;
            case ZSET:
                return EntryLayout.TYPE_ZSET;
            case HASH:
                return EntryLayout.TYPE_HASH;
            case STREAM:
                return EntryLayout.TYPE_STREAM;
            default:
                throw new IllegalArgumentException("not a stored type: " + type);
        }
    }

    /**
     * Returns the type of an entry tag.
     *
     * @param tag a tag.
     * @return the type, NONE for an unknown tag.
     */
    public static ValueType type(final byte tag) {
        return tag > 0 && tag < BY_TAG.length ? BY_TAG[tag] : ValueType.NONE;
    }
}
