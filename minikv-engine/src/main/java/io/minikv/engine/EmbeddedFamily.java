package io.minikv.engine;

import io.minikv.engine.keyspace.Keyspace;

/**
 * What the per-family default methods of {@link EmbeddedKvStore} ({@link EmbeddedStrings}, {@link EmbeddedLists}...)
 * need from the store: its keyspace and the announcement of the keys a write modified. Package-private, so these
 * accessors stay out of the public API. Thread-safe, as the store is.
 * <p>
 * Each write announces exactly the keys Redis's command would pass to {@code signalModifiedKey}, after the engine
 * call returned (locks released), and nothing when it changed nothing or threw: see {@link KeyModifiedListener}.
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
     * Announces a key a write modified to this view's {@link KeyModifiedListener}.
     *
     * @param database the key's database.
     * @param key the key.
     */
    void keyModified(int database, byte[] key);

    /**
     * Enters the engine's {@link WriteGate}s before a write, unless this is a server's own view: every write method
     * runs its whole body, announcements included, between this and {@link #exitWrite}.
     *
     * @return the gates entered.
     */
    WriteGate[] enterWrite();

    /**
     * Exits the gates {@link #enterWrite} entered.
     *
     * @param gates what it returned.
     */
    default void exitWrite(final WriteGate[] gates) {
        Engine.exitWrite(gates);
    }

    /** Announces {@code key} of this database. */
    default void keyModified(final byte[] key) {
        keyModified(databaseIndex(), key);
    }

    /** Announces {@code key} of this database when {@code modified}, then returns {@code result}. */
    default long modifiedIf(final boolean modified, final byte[] key, final long result) {
        if (modified) {
            keyModified(databaseIndex(), key);
        }
        return result;
    }

    /** Announces {@code key} of this database when {@code modified}, then returns {@code result}. */
    default boolean modifiedIf(final boolean modified, final byte[] key, final boolean result) {
        if (modified) {
            keyModified(databaseIndex(), key);
        }
        return result;
    }

    /** Announces {@code key} of this database when {@code modified}, then returns {@code result}. */
    default <T> T modifiedIf(final boolean modified, final byte[] key, final T result) {
        if (modified) {
            keyModified(databaseIndex(), key);
        }
        return result;
    }

    /** Announces {@code key} of this database when {@code count} is positive (SADD, HDEL...), then returns it. */
    default long modifiedIfAny(final byte[] key, final long count) {
        return modifiedIf(count > 0, key, count);
    }

    /** Announces {@code key} of this database when a pop returned something, then returns it. */
    default <T> java.util.List<T> modifiedIfAny(final byte[] key, final java.util.List<T> popped) {
        return modifiedIf(popped != null && !popped.isEmpty(), key, popped);
    }

    /** Announces {@code key} of this database, then returns {@code result}: writes that modify whenever they return. */
    default long modified(final byte[] key, final long result) {
        keyModified(databaseIndex(), key);
        return result;
    }

    /** Announces {@code key} of this database, then returns {@code result}. */
    default <T> T modified(final byte[] key, final T result) {
        keyModified(databaseIndex(), key);
        return result;
    }
}
