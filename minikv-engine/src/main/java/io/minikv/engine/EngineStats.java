package io.minikv.engine;

import io.minikv.api.KvStore;

/**
 * Memory and keyspace figures of an engine store, for the server's INFO command and for monitoring.
 * <p>
 * Values are read without locks and may be slightly stale under concurrent writes. Thread-safe.
 */
public interface EngineStats {
    /**
     * Returns the stats of a store opened by {@code MiniKv.open}.
     *
     * @param store any database view of the store.
     * @return its stats.
     * @throws IllegalArgumentException when the store is not an engine store.
     */
    static EngineStats of(final KvStore store) {
        if (store instanceof EmbeddedKvStore) {
            return ((EmbeddedKvStore) store).engine();
        }
        throw new IllegalArgumentException("not a mini-kv engine store: " + store.getClass().getName());
    }

    /**
     * Returns the native bytes held by live entries (size-class rounded) and hash tables, plus the estimated heap
     * footprint of the collection values (hashes, sets, lists, sorted sets): Redis's {@code used_memory} analogue.
     *
     * @return bytes.
     */
    long usedMemoryBytes();

    /**
     * Returns the bytes counted against the memory limit: native arena chunks, dedicated value buffers and tables,
     * plus the estimated heap footprint of the collection values.
     *
     * @return bytes.
     */
    long allocatedMemoryBytes();

    /**
     * Returns the memory limit.
     *
     * @return bytes, 0 for none.
     */
    long maxMemoryBytes();

    /**
     * Returns the keys of a database, expired-but-unreclaimed included (as Redis's DBSIZE).
     *
     * @param db the database index.
     * @return keys.
     */
    long keys(int db);

    /**
     * Returns the keys with a TTL of a database (INFO keyspace's {@code expires}).
     *
     * @param db the database index.
     * @return keys.
     */
    long expires(int db);

    /**
     * Returns the keys deleted by active expiry since the store opened.
     *
     * @return keys.
     */
    long expiredKeys();
}
