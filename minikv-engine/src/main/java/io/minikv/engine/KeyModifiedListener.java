package io.minikv.engine;

import java.nio.ByteBuffer;

/**
 * Hears of every key a write through a store modified, as Redis's {@code signalModifiedKey}: a write that changes
 * nothing is not heard of (SADD of a present member, DEL or EXPIRE of a missing key, HDEL of a missing field, SET NX
 * on a present key, a store command whose empty result leaves a missing destination missing), nor is a write that
 * fails (WRONGTYPE, not an integer...). A command that modifies several keys (RENAME, SMOVE, LMOVE, MOVE, MSET) tells
 * each one it modified. Expiry and FLUSHDB/FLUSHALL are not told key by key: they remove keys, and whoever watches a
 * key can see that it is gone.
 * <p>
 * This is how a server hears of the writes the embedding application makes through the
 * {@link io.minikv.api.KvStore} directly: it fails the WATCH of a transaction on the key, and wakes the clients
 * blocked on it (BLPOP, BZPOPMIN...), which must check the key now holds what they wait for.
 * <p>
 * A listener is told after the write completed and released its locks, on the writing thread, so it may read the
 * store. It must be quick and must not throw: the write has already happened. It is told before the write leaves
 * the engine's {@link WriteGate}s, so it must not write through the store's views itself (a transaction waiting for
 * the write would wait for ever); a server writes through its own {@link Engine#viewTelling} views, which pass no
 * gate.
 */
@FunctionalInterface
public interface KeyModifiedListener {
    /**
     * Called after a write modified a key.
     *
     * @param database the database index.
     * @param key the key; the listener must not modify it nor keep it.
     */
    void keyModified(int database, byte[] key);

    /**
     * Called after a write through the {@code ByteBuffer} SET modified a key. This default copies the key and calls
     * {@link #keyModified(int, byte[])}; a listener that usually has nothing to do overrides it to skip the copy,
     * which is then the only cost the hot path pays for it.
     *
     * @param database the database index.
     * @param key the buffer holding the key; its position and limit are not used and must not be changed.
     * @param offset the key's offset in the buffer.
     * @param length the key's length.
     */
    default void keyModified(final int database, final ByteBuffer key, final int offset, final int length) {
        final byte[] copy = new byte[length];
        key.get(offset, copy);
        keyModified(database, copy);
    }

    /**
     * Called after {@code SWAPDB} exchanged two databases: every key of both may have appeared or gone. This default
     * does nothing; a server overrides it to fail the WATCHes on keys of either database and to serve the clients
     * blocked on keys the swap made available, as Redis's {@code swapdbCommand}.
     *
     * @param first one database index.
     * @param second the other.
     */
    default void databasesSwapped(final int first, final int second) {
    }
}
