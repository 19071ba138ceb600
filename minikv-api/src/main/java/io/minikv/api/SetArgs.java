package io.minikv.api;

/**
 * Options of Redis's {@code SET}: a write condition ({@code NX}/{@code XX}) and an optional expiration
 * ({@code EX PX EXAT PXAT KEEPTTL}). Without an expiration the key's TTL is cleared, as in Redis.
 *
 * @param condition when to write; not null.
 * @param expiration the expiry to apply, or null to clear the TTL. {@link Expiration#PERSIST} is not allowed.
 */
public record SetArgs(SetCondition condition, Expiration expiration) {

    /** A plain {@code SET}: always write, clear the TTL. */
    public static final SetArgs PLAIN = new SetArgs(SetCondition.ALWAYS, null);

    /**
     * Validates the arguments.
     *
     * @param condition when to write.
     * @param expiration the expiry, or null.
     */
    public SetArgs {
        if (condition == null) {
            throw new NullPointerException("condition");
        }
        if (expiration != null && expiration.kind() == Expiration.Kind.PERSIST) {
            throw new IllegalArgumentException("SET has no PERSIST option");
        }
    }

    /**
     * {@code SET ... NX}.
     *
     * @return the arguments.
     */
    public static SetArgs ifAbsent() {
        return new SetArgs(SetCondition.IF_ABSENT, null);
    }

    /**
     * {@code SET ... XX}.
     *
     * @return the arguments.
     */
    public static SetArgs ifPresent() {
        return new SetArgs(SetCondition.IF_PRESENT, null);
    }

    /**
     * Returns a copy with the given expiration.
     *
     * @param expiration the expiry, or null to clear the TTL on write.
     * @return the new arguments.
     */
    public SetArgs with(final Expiration expiration) {
        return new SetArgs(condition, expiration);
    }
}
