package io.minikv.api;

import java.nio.ByteBuffer;

/**
 * A key-value store with Redis's data types and semantics, used in-process.
 * <p>
 * Method names are Redis's command names in lower case, and each method behaves as that command does in Redis 7:
 * same results, same edge cases, same errors. Keys and values are binary-safe byte arrays; the zero-copy overloads
 * over {@link ByteBuffer} read and write without allocating.
 * <p>
 * <b>Databases.</b> A store has {@link KvOptions#databases()} independent keyspaces. The instance returned by
 * {@code MiniKv.open} is database 0; {@link #database(int)} returns the others. All of them share memory, clock and
 * lifecycle: closing any closes all.
 * <p>
 * <b>Concurrency.</b> Thread-safe. Each single-key operation is atomic; multi-key operations (DEL with several keys,
 * MSET, MGET, RENAME) are atomic per key.
 * <p>
 * <b>Nulls.</b> Keys, values and arrays must not be null; a missing key reads as {@code null} where Redis replies nil.
 * <p>
 * <b>Errors.</b> Failures throw {@link KvException} whose message is Redis's error text, e.g.
 * {@code WRONGTYPE Operation against a key holding the wrong kind of value}.
 */
public interface KvStore extends KvStrings, KvKeys, KvSortedSets, KvSets, KvLists, KvHashes, AutoCloseable {

    // ------------------------------------------------------------------------------------------------ databases

    /**
     * Returns the keyspace of another database of this store.
     *
     * @param index from 0 to {@code databases() - 1}.
     * @return a view sharing this store's memory and lifecycle.
     * @throws KvException {@link KvError#DB_INDEX_OUT_OF_RANGE} when out of range.
     */
    KvStore database(int index);

    /**
     * Returns this view's database index.
     *
     * @return the index, 0 for the store returned by {@code MiniKv.open}.
     */
    int databaseIndex();

    /**
     * Returns the number of databases.
     *
     * @return the count configured by {@link KvOptions#databases()}.
     */
    int databases();

    // ---------------------------------------------------------------------------------- database size and flush

    /**
     * {@code DBSIZE}: keys in this database, expired-but-unreclaimed keys excluded where cheaply known.
     *
     * @return the number of keys.
     */
    long dbsize();

    /** {@code FLUSHDB}: removes every key of this database. */
    void flushdb();

    /** {@code FLUSHALL}: removes every key of every database. */
    void flushall();

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Releases the store's memory and stops its background work. Idempotent. Operations after close throw
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
