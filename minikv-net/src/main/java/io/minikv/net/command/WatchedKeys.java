package io.minikv.net.command;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The keys clients WATCH, as Redis's {@code watched_keys} dictionary: a write that modifies a watched key marks every
 * client watching it, whose next EXEC then fails with a null array. The engine reports each key a write modified, as
 * Redis's {@code signalModifiedKey} (a write that changes nothing, such as a DEL of a missing key, is not reported):
 * the commands' writes through the server's own views, the embedding application's through the engine's
 * {@link io.minikv.engine.KeyModifiedListener}s. Flushes are reported by FLUSHDB/FLUSHALL; a watched key that
 * existed and is gone at EXEC (expired, flushed by the application) fails it too ({@link Transaction#watchFailed}).
 * <p>
 * Thread-safe: changes happen under this object's monitor. While nobody watches, {@link #touch} is one volatile
 * read, so the write path pays nothing.
 */
public final class WatchedKeys {
    private final Map<WatchKey, Set<Transaction>> watchers = new HashMap<>();
    private final AtomicInteger watched = new AtomicInteger();

    /** A key of one database. */
    record WatchKey(int db, ByteBuffer key) {
    }

    /** @return whether any client watches a key. */
    public boolean any() {
        return watched.get() > 0;
    }

    /**
     * Adds a watch.
     *
     * @param tx the watching client's state.
     * @param key the key (copied by the caller).
     */
    synchronized void watch(final Transaction tx, final WatchKey key) {
        if (watchers.computeIfAbsent(key, k -> new HashSet<>()).add(tx)) {
            watched.incrementAndGet();
        }
    }

    /**
     * Removes a client's watches.
     *
     * @param tx the client's state.
     * @param keys the keys it watches.
     */
    synchronized void unwatch(final Transaction tx, final Iterable<WatchKey> keys) {
        for (final WatchKey key : keys) {
            final Set<Transaction> set = watchers.get(key);
            if (set != null && set.remove(tx)) {
                watched.decrementAndGet();
                if (set.isEmpty()) {
                    watchers.remove(key);
                }
            }
        }
    }

    /**
     * Marks the clients watching a key: it was written.
     *
     * @param db the database.
     * @param key the key (not kept).
     */
    public void touch(final int db, final byte[] key) {
        if (!any()) {
            return;
        }
        synchronized (this) {
            final Set<Transaction> set = watchers.get(new WatchKey(db, ByteBuffer.wrap(key)));
            if (set != null) {
                for (final Transaction tx : set) {
                    tx.dirtyWatch();
                }
            }
        }
    }

    /**
     * Marks every client watching a key that exists in a database about to be flushed (FLUSHDB), or in any database
     * when {@code db} is negative: as Redis's {@code touchAllWatchedKeysInDb}, a watched key that does not exist is
     * not modified by a flush.
     *
     * @param db the database, or -1 for all.
     * @param exists whether a key exists in a database.
     */
    public void touchAll(final int db, final java.util.function.BiPredicate<Integer, byte[]> exists) {
        if (!any()) {
            return;
        }
        synchronized (this) {
            for (final Map.Entry<WatchKey, Set<Transaction>> e : watchers.entrySet()) {
                if ((db < 0 || e.getKey().db() == db) && exists.test(e.getKey().db(), bytes(e.getKey().key()))) {
                    for (final Transaction tx : e.getValue()) {
                        tx.dirtyWatch();
                    }
                }
            }
        }
    }

    /**
     * Marks every client watching a key of either of two databases SWAPDB exchanged, when the key exists in either
     * of them: as Redis's {@code touchAllWatchedKeysInDb} for both (the swap changes the key's value unless it is
     * missing on both sides).
     *
     * @param first one database.
     * @param second the other.
     * @param exists whether a key exists in a database.
     */
    public void touchSwapped(final int first, final int second,
        final java.util.function.BiPredicate<Integer, byte[]> exists) {
        if (!any()) {
            return;
        }
        synchronized (this) {
            for (final Map.Entry<WatchKey, Set<Transaction>> e : watchers.entrySet()) {
                final int db = e.getKey().db();
                if (db != first && db != second) {
                    continue;
                }
                final byte[] key = bytes(e.getKey().key());
                if (exists.test(first, key) || exists.test(second, key)) {
                    for (final Transaction tx : e.getValue()) {
                        tx.dirtyWatch();
                    }
                }
            }
        }
    }

    private static byte[] bytes(final ByteBuffer key) {
        final byte[] b = new byte[key.remaining()];
        key.duplicate().get(b);
        return b;
    }
}
