package io.minikv.engine;

/**
 * Hears of keys that writes through a store may have given elements to: pushes onto a list, members added to a
 * sorted set, a list or sorted set stored, renamed, copied or moved under a key; and of keys SET or deleted (DEL),
 * which a server's WATCH must hear of. It is how a server wakes the
 * clients blocked on such keys (BLPOP, BZPOPMIN, ...) when the embedding application writes through the
 * {@link io.minikv.api.KvStore} directly.
 * <p>
 * A listener is told after the write completed and released its locks, on the writing thread, so it may read and
 * write the store itself. It may be told of a key that did not end up holding elements (it must check), and is told
 * nothing of writes made through {@link Engine#unannounced}'s views.
 */
@FunctionalInterface
public interface ReadyKeyListener {
    /**
     * Called after a write that may have made a key ready.
     *
     * @param database the database index.
     * @param key the key; the listener must not modify it.
     */
    void keyReady(int database, byte[] key);
}
