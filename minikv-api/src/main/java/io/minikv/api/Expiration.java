package io.minikv.api;

/**
 * An expiry option of {@code SET} or {@code GETEX}: {@code EX}, {@code PX}, {@code EXAT}, {@code PXAT},
 * {@code KEEPTTL} or {@code PERSIST}.
 *
 * @param kind which option.
 * @param value seconds or milliseconds, relative or absolute as {@code kind} says; 0 for KEEPTTL and PERSIST.
 */
public record Expiration(Kind kind, long value) {

    /** Keep the key's current TTL ({@code SET ... KEEPTTL}). */
    public static final Expiration KEEP_TTL = new Expiration(Kind.KEEP_TTL, 0);
    /** Remove the key's TTL ({@code GETEX ... PERSIST}). */
    public static final Expiration PERSIST = new Expiration(Kind.PERSIST, 0);

    /** The expiry options. */
    public enum Kind {
        /** Seconds from now. */
        EX,
        /** Milliseconds from now. */
        PX,
        /** Unix time in seconds. */
        EXAT,
        /** Unix time in milliseconds. */
        PXAT,
        /** Keep the current TTL. */
        KEEP_TTL,
        /** Remove the TTL. */
        PERSIST
    }

    /**
     * Validates the kind.
     *
     * @param kind which option; not null.
     * @param value the time value.
     */
    public Expiration {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
    }

    /**
     * {@code EX seconds}.
     *
     * @param seconds time to live in seconds.
     * @return the expiration.
     */
    public static Expiration seconds(final long seconds) {
        return new Expiration(Kind.EX, seconds);
    }

    /**
     * {@code PX milliseconds}.
     *
     * @param millis time to live in milliseconds.
     * @return the expiration.
     */
    public static Expiration millis(final long millis) {
        return new Expiration(Kind.PX, millis);
    }

    /**
     * {@code EXAT unix-time-seconds}.
     *
     * @param unixSeconds the deadline.
     * @return the expiration.
     */
    public static Expiration atUnixSeconds(final long unixSeconds) {
        return new Expiration(Kind.EXAT, unixSeconds);
    }

    /**
     * {@code PXAT unix-time-milliseconds}.
     *
     * @param unixMillis the deadline.
     * @return the expiration.
     */
    public static Expiration atUnixMillis(final long unixMillis) {
        return new Expiration(Kind.PXAT, unixMillis);
    }

    /**
     * Converts to an absolute deadline in Unix milliseconds, with Redis's validation: the value must be positive and
     * the deadline must not overflow.
     *
     * @param nowMillis the current time in Unix milliseconds.
     * @param command the lower-case command name for the error text, e.g. {@code "set"}.
     * @return the deadline; undefined for {@link Kind#KEEP_TTL} and {@link Kind#PERSIST} (returns -1).
     * @throws KvException {@link KvError#INVALID_EXPIRE_TIME} when the value is not positive or overflows.
     */
    public long deadlineMillis(final long nowMillis, final String command) {
        switch (kind) {
            case KEEP_TTL:
            case PERSIST:
                return -1;
            default:
                break;
        }
        if (value <= 0) {
            throw KvError.invalidExpireTime(command);
        }
        long millis = value;
        if (kind == Kind.EX || kind == Kind.EXAT) {
            if (value > Long.MAX_VALUE / 1000) {
                throw KvError.invalidExpireTime(command);
            }
            millis = value * 1000;
        }
        if (kind == Kind.EX || kind == Kind.PX) {
            if (millis > Long.MAX_VALUE - nowMillis) {
                throw KvError.invalidExpireTime(command);
            }
            millis += nowMillis;
        }
        return millis;
    }
}
