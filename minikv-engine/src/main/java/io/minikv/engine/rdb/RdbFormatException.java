package io.minikv.engine.rdb;

/**
 * A payload in Redis's RDB encoding that cannot be read: truncated, an unknown type or encoding, an impossible
 * length, a duplicate member. Carries no stack trace: it is an answer ("Bad data format"), not a bug.
 */
public final class RdbFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, for tests and logs.
     */
    public RdbFormatException(final String message) {
        super(message, null, false, false);
    }
}
