package io.minikv.api;

/**
 * The type of the value stored at a key, named as Redis's {@code TYPE} command names it.
 */
public enum ValueType {
    /** No such key. */
    NONE("none"),
    /** A binary-safe string. */
    STRING("string"),
    /** A list. */
    LIST("list"),
    /** A set. */
    SET("set"),
    /** A sorted set. */
    ZSET("zset"),
    /** A hash. */
    HASH("hash"),
    /** A stream. */
    STREAM("stream");

    private final String redisName;

    ValueType(final String redisName) {
        this.redisName = redisName;
    }

    /**
     * Returns the name {@code TYPE} replies with.
     *
     * @return e.g. {@code "string"}.
     */
    public String redisName() {
        return redisName;
    }

    /**
     * Looks a type up by its Redis name, case-insensitively, as {@code SCAN ... TYPE} does.
     *
     * @param name the Redis type name.
     * @return the type, or {@code null} when the name is not a type.
     */
    public static ValueType fromRedisName(final String name) {
        for (final ValueType type : values()) {
            if (type.redisName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return null;
    }
}
