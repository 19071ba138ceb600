package io.minikv.api;

/**
 * Receives a stored value without copying it onto the heap: the zero-copy read path used by the server to move a
 * value straight from the store's memory into a connection's output buffer.
 * <p>
 * <b>Contract.</b> {@code source} is read-only, shared, and valid only during the call. Reads are optimistic: if a
 * concurrent writer changes the entry while it is being copied, the store calls the sink again with the new value
 * (the bytes the earlier call saw may have been a mix of both). Each call must therefore replace whatever the
 * previous call of the same read produced (for example by resetting the output position to where it was before the
 * read).
 */
@FunctionalInterface
public interface ValueSink {
    /**
     * Consumes a value.
     *
     * @param source the memory holding the value.
     * @param offset the value's first byte in {@code source}.
     * @param length the value's length in bytes.
     */
    void accept(ValueSource source, int offset, int length);
}
