package io.minikv.api;

/**
 * A command failed with one of the errors in {@link KvError}. The message is the exact Redis error text.
 * <p>
 * Instances for fixed texts are shared and carry no stack trace ({@link KvError#exception()}), so throwing them is
 * cheap; do not rely on their stack traces.
 */
public class KvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient KvError error;

    /**
     * Creates an exception with the given error and text.
     *
     * @param error the catalogue entry.
     * @param message the exact error text, usually {@code error.text()} or its formatted form.
     */
    public KvException(final KvError error, final String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /**
     * Returns the catalogue entry.
     *
     * @return the error kind.
     */
    public KvError error() {
        return error;
    }
}
