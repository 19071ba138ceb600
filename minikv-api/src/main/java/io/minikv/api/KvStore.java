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
 * MSET, MGET, RENAME) are atomic per key. While a {@code MiniKvServer} serves the store, each write also behaves
 * towards its clients as another client's command: it fails their WATCHes on the keys it modified and waits while
 * an EXEC runs (reads do not wait; see {@code MiniKvServer}).
 * <p>
 * <b>Nulls.</b> Keys, values and arrays must not be null; a missing key reads as {@code null} where Redis replies nil.
 * <p>
 * <b>Errors.</b> Failures throw {@link KvException} whose message is Redis's error text, e.g.
 * {@code WRONGTYPE Operation against a key holding the wrong kind of value}.
 */
public interface KvStore extends KvStrings, KvKeys, KvSortedSets, KvSets, KvLists, KvHashes, KvPubSub, KvGeo,
    KvBitmaps, KvHyperLogLogs, KvStreams, AutoCloseable {

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

    /**
     * {@code SWAPDB index1 index2}: swaps the contents of two databases at once, TTLs included; views such as
     * {@link #database(int)} keep their index and so see the other database's data from then on. Atomic: every key
     * of both databases moves in one step, so no operation sees one swapped and not the other. While a server serves
     * the store, clients blocked on a key (BLPOP...) that the swap makes available are served, and WATCHes on keys
     * that exist in either database fail, as in Redis. Swapping a database with itself does nothing. O(1) in the
     * number of keys (the tables are exchanged, not copied).
     *
     * @param index1 a database.
     * @param index2 another database, or the same.
     * @throws KvException {@link KvError#DB_INDEX_OUT_OF_RANGE} when either is out of range.
     */
    void swapdb(int index1, int index2);

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

    // ---------------------------------------------------------------------------------------------- persistence

    /**
     * {@code SAVE}: writes a snapshot of every database to {@link KvOptions#snapshotFile()}, replacing the previous
     * one atomically: the data goes to a temporary file in the same directory, which is flushed to disk and renamed
     * over the old snapshot, and the directory is flushed too. A failure at any point leaves the previous snapshot in
     * place. Saves of one store run one at a time.
     * <p>
     * <b>Consistency.</b> Each key is saved as it was at one instant (entries are read under their segment's lock),
     * and each of the 64 segments of a database is saved as it was at one instant, but different segments are read
     * one after another: a write made by another thread while a save runs may or may not be in the snapshot, and
     * writes spanning segments (RENAME, MSET, ...) may be seen in part. Call it while no other thread writes for a
     * point-in-time snapshot. Memory: one segment's serialized data at a time, not the whole snapshot. O(N).
     *
     * @throws IllegalStateException when no {@link KvOptions#dataDirectory() data directory} is configured.
     * @throws java.io.UncheckedIOException when the snapshot cannot be written; its message names the file.
     */
    void save();

    /**
     * {@code LASTSAVE}: the time of the last successful {@link #save()}.
     *
     * @return Unix seconds of the store's clock; the open time until the first save (as Redis's LASTSAVE).
     */
    long lastSave();

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Releases the store's memory and stops its background work. Idempotent. Operations after close throw
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
