package io.minikv.engine;

import io.minikv.engine.keyspace.Keyspace;

/**
 * What the per-family default methods of {@link EmbeddedKvStore} ({@link EmbeddedStrings}, {@link EmbeddedLists}...)
 * need from the store: its keyspace and the announcement of keys a write may have made ready. Package-private, so
 * these accessors stay out of the public API. Thread-safe, as the store is.
 */
interface EmbeddedFamily {

    /**
     * Returns this database's keyspace.
     *
     * @return the keyspace, after checking the store is open.
     */
    Keyspace keyspace();

    /**
     * Returns this database's index.
     *
     * @return the index.
     */
    int databaseIndex();

    /**
     * Announces a key a write may have given elements to (BLPOP, BZPOPMIN... waiters wake on it), unless this is the
     * server's unannounced view.
     *
     * @param database the key's database.
     * @param key the key.
     */
    void ready(int database, byte[] key);

    /** Announces {@code key} of this database, then returns {@code result}. */
    default long ready(final byte[] key, final long result) {
        ready(databaseIndex(), key);
        return result;
    }

    /** Announces {@code key} of this database, then returns {@code result}. */
    default boolean ready(final byte[] key, final boolean result) {
        ready(databaseIndex(), key);
        return result;
    }

    /** Announces {@code key} of this database, then returns {@code result}. */
    default double ready(final byte[] key, final double result) {
        ready(databaseIndex(), key);
        return result;
    }

    /** Announces {@code key} of this database, then returns {@code result}. */
    default <T> T ready(final byte[] key, final T result) {
        ready(databaseIndex(), key);
        return result;
    }

    /** Announces {@code key} of {@code database}, then returns {@code result}. */
    default boolean ready(final int database, final byte[] key, final boolean result) {
        ready(database, key);
        return result;
    }
}
