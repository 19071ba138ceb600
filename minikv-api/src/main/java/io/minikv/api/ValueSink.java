package io.minikv.api;

import java.nio.ByteBuffer;

/**
 * Receives a stored value without copying it onto the heap: the zero-copy read path used by the server to move a
 * value straight from the store's memory into a connection's output buffer.
 * <p>
 * <b>Contract.</b> {@code source} is read-only, shared, and valid only during the call: use absolute reads
 * ({@code get(int)}, {@code ByteBuffer.put(int, ByteBuffer, int, int)}) and never change its position or limit.
 * Reads are optimistic: if a concurrent writer changes the entry while it is being copied, the store calls the sink
 * again with the new value. Each call must therefore replace whatever the previous call of the same read produced
 * (for example by resetting the output position to where it was before the read).
 */
@FunctionalInterface
public interface ValueSink {
    /**
     * Consumes a value.
     *
     * @param source a read-only buffer holding the value; use absolute access only.
     * @param offset the value's first byte in {@code source}.
     * @param length the value's length in bytes.
     */
    void accept(ByteBuffer source, int offset, int length);
}
