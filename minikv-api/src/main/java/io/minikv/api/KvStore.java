package io.minikv.api;

import java.nio.ByteBuffer;
import java.util.List;

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
public interface KvStore extends AutoCloseable {

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

    // ------------------------------------------------------------------------------------------------ strings

    /**
     * {@code GET key}: O(1).
     *
     * @param key the key.
     * @return the value, or null when the key does not exist.
     * @throws KvException WRONGTYPE when the key holds a non-string.
     */
    byte[] get(byte[] key);

    /**
     * {@code GET key} without copying onto the heap: the value is handed to {@code sink} (see its retry contract).
     *
     * @param key buffer holding the key; not modified.
     * @param keyOffset the key's first byte.
     * @param keyLength the key's length.
     * @param sink receives the value; not called when the key does not exist.
     * @return the value's length, or -1 when the key does not exist.
     * @throws KvException WRONGTYPE when the key holds a non-string.
     */
    int get(ByteBuffer key, int keyOffset, int keyLength, ValueSink sink);

    /**
     * {@code SET key value}: stores the value, replacing any value of any type and clearing its TTL. O(1).
     *
     * @param key the key.
     * @param value the value, at most 512 MB.
     * @throws KvException OOM when the memory limit is reached.
     */
    void set(byte[] key, byte[] value);

    /**
     * {@code SET key value [NX|XX] [EX|PX|EXAT|PXAT|KEEPTTL]}.
     *
     * @param key the key.
     * @param value the value, at most 512 MB.
     * @param args condition and expiration.
     * @return true when the value was stored, false when the condition was not met.
     * @throws KvException invalid expire time, OOM.
     */
    boolean set(byte[] key, byte[] value, SetArgs args);

    /**
     * {@code SET} from buffers, without allocating: the server's path for SET and its options.
     *
     * @param key buffer holding the key; not modified.
     * @param keyOffset the key's first byte.
     * @param keyLength the key's length.
     * @param value buffer holding the value; not modified.
     * @param valueOffset the value's first byte.
     * @param valueLength the value's length.
     * @param args condition and expiration; {@link SetArgs#PLAIN} for a plain SET.
     * @return true when the value was stored, false when the condition was not met.
     * @throws KvException invalid expire time, OOM.
     */
    boolean set(ByteBuffer key, int keyOffset, int keyLength, ByteBuffer value, int valueOffset, int valueLength,
        SetArgs args);

    /**
     * {@code SET key value [NX|XX] [expiration] GET}: stores as {@link #set(byte[], byte[], SetArgs)} and returns
     * the previous value. {@code GETSET} is this with {@link SetArgs#PLAIN}.
     *
     * @param key the key.
     * @param value the new value.
     * @param args condition and expiration.
     * @return the previous string value, or null when there was none.
     * @throws KvException WRONGTYPE when the key holds a non-string (nothing is written), invalid expire time, OOM.
     */
    byte[] setGet(byte[] key, byte[] value, SetArgs args);

    /**
     * {@code GETDEL key}.
     *
     * @param key the key.
     * @return the value that was deleted, or null.
     * @throws KvException WRONGTYPE.
     */
    byte[] getdel(byte[] key);

    /**
     * {@code GETEX key [EX|PX|EXAT|PXAT|PERSIST]}.
     *
     * @param key the key.
     * @param expiration the new expiry, {@link Expiration#PERSIST} to remove it, or null to leave it unchanged.
     * @return the value, or null.
     * @throws KvException WRONGTYPE, invalid expire time ({@code 'getex'}).
     */
    byte[] getex(byte[] key, Expiration expiration);

    /**
     * {@code MGET key [key ...]}: never fails; non-strings read as null.
     *
     * @param keys the keys.
     * @return one entry per key, null for missing keys and non-strings.
     */
    List<byte[]> mget(byte[]... keys);

    /**
     * {@code MSET key value [key value ...]}.
     *
     * @param keysAndValues alternating keys and values; even length.
     * @throws IllegalArgumentException when the length is odd or zero.
     */
    void mset(byte[]... keysAndValues);

    /**
     * {@code MSETNX key value [key value ...]}: sets all or none, atomically with respect to other MSETNX calls.
     *
     * @param keysAndValues alternating keys and values; even length.
     * @return true when all were set, false when any key existed.
     */
    boolean msetnx(byte[]... keysAndValues);

    /**
     * {@code APPEND key value}.
     *
     * @param key the key.
     * @param value the bytes to append.
     * @return the length after the append.
     * @throws KvException WRONGTYPE, STRING_TOO_LONG.
     */
    long append(byte[] key, byte[] value);

    /**
     * {@code STRLEN key}.
     *
     * @param key the key.
     * @return the length, 0 when missing.
     * @throws KvException WRONGTYPE.
     */
    long strlen(byte[] key);

    /**
     * {@code GETRANGE key start end}: inclusive, negative offsets count from the end.
     *
     * @param key the key.
     * @param start first offset.
     * @param end last offset.
     * @return the substring, empty when out of range or missing.
     * @throws KvException WRONGTYPE.
     */
    byte[] getrange(byte[] key, long start, long end);

    /**
     * {@code SETRANGE key offset value}: zero-pads when the string is shorter than offset.
     *
     * @param key the key.
     * @param offset from 0.
     * @param value bytes to write.
     * @return the length after the write.
     * @throws KvException WRONGTYPE, OFFSET_OUT_OF_RANGE (negative), STRING_TOO_LONG.
     */
    long setrange(byte[] key, long offset, byte[] value);

    /**
     * {@code INCRBY key increment}; {@code INCR}, {@code DECR} and {@code DECRBY} are this with 1, -1, -n.
     *
     * @param key the key; a missing key counts as 0.
     * @param increment the amount.
     * @return the new value.
     * @throws KvException WRONGTYPE, NOT_INTEGER (stored value), INCR_OVERFLOW.
     */
    long incrby(byte[] key, long increment);

    /**
     * {@code INCRBYFLOAT key increment}.
     *
     * @param key the key; a missing key counts as 0.
     * @param increment the amount; finite.
     * @return the new value as stored, in Redis's text form (e.g. {@code "10.6"}, {@code "3"}).
     * @throws KvException WRONGTYPE, NOT_FLOAT (stored value), INCR_NAN_OR_INFINITY.
     */
    String incrbyfloat(byte[] key, double increment);

    // ------------------------------------------------------------------------------------------------ keys

    /**
     * {@code DEL key [key ...]}; also {@code UNLINK}.
     *
     * @param keys the keys.
     * @return how many existed and were removed.
     */
    long del(byte[]... keys);

    /**
     * {@code EXISTS key [key ...]}: a key named twice counts twice.
     *
     * @param keys the keys.
     * @return how many of the names exist.
     */
    long exists(byte[]... keys);

    /**
     * {@code TYPE key}.
     *
     * @param key the key.
     * @return the type, {@link ValueType#NONE} when missing.
     */
    ValueType type(byte[] key);

    /**
     * {@code KEYS pattern} with Redis glob rules ({@code * ? [abc] [^a] [a-z] \x}). O(n).
     *
     * @param pattern the glob.
     * @return the matching keys, in no particular order.
     */
    List<byte[]> keys(byte[] pattern);

    /**
     * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}: a key present for the whole iteration is
     * returned at least once, also when the store grows meanwhile; a key may be returned more than once.
     *
     * @param cursor 0 to start, then the returned cursor.
     * @param pattern a glob, or null for all keys.
     * @param count the amount of work per call, at least 1.
     * @param type only keys of this type, or null for all.
     * @return the batch and the next cursor.
     */
    ScanResult scan(long cursor, byte[] pattern, long count, ValueType type);

    /**
     * {@code RANDOMKEY}.
     *
     * @return a random existing key, or null when the database is empty.
     */
    byte[] randomkey();

    /**
     * {@code RENAME key newkey}: moves the value and its TTL, replacing newkey.
     *
     * @param key the source.
     * @param newKey the destination.
     * @throws KvException NO_SUCH_KEY when key does not exist.
     */
    void rename(byte[] key, byte[] newKey);

    /**
     * {@code RENAMENX key newkey}.
     *
     * @param key the source.
     * @param newKey the destination.
     * @return true when renamed, false when newkey exists.
     * @throws KvException NO_SUCH_KEY when key does not exist.
     */
    boolean renamenx(byte[] key, byte[] newKey);

    /**
     * {@code COPY source destination [DB index] [REPLACE]}: copies value and TTL.
     *
     * @param source the source key.
     * @param destination the destination key.
     * @param destinationDb the destination database index.
     * @param replace whether to replace an existing destination.
     * @return true when copied.
     * @throws KvException DB_INDEX_OUT_OF_RANGE.
     */
    boolean copy(byte[] source, byte[] destination, int destinationDb, boolean replace);

    /**
     * {@code MOVE key db}.
     *
     * @param key the key.
     * @param db the destination database.
     * @return true when moved, false when missing here or present there.
     * @throws KvException DB_INDEX_OUT_OF_RANGE, SAME_OBJECT.
     */
    boolean move(byte[] key, int db);

    /**
     * {@code TOUCH key [key ...]}.
     *
     * @param keys the keys.
     * @return how many exist.
     */
    long touch(byte[]... keys);

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

    // ------------------------------------------------------------------------------------------------ expiry

    /**
     * {@code EXPIRE key seconds [NX|XX|GT|LT]}: a deadline not in the future deletes the key.
     *
     * @param key the key.
     * @param seconds time to live.
     * @param condition NX/XX/GT/LT, or {@link ExpireCondition#ALWAYS}.
     * @return true when the expiry was set (or the key deleted), false when the key is missing or the condition
     *     not met.
     * @throws KvException invalid expire time ({@code 'expire'}) on overflow.
     */
    boolean expire(byte[] key, long seconds, ExpireCondition condition);

    /**
     * {@code PEXPIRE key milliseconds [NX|XX|GT|LT]}.
     *
     * @param key the key.
     * @param millis time to live.
     * @param condition the condition.
     * @return as {@link #expire}.
     * @throws KvException invalid expire time ({@code 'pexpire'}) on overflow.
     */
    boolean pexpire(byte[] key, long millis, ExpireCondition condition);

    /**
     * {@code EXPIREAT key unix-time-seconds [NX|XX|GT|LT]}.
     *
     * @param key the key.
     * @param unixSeconds the deadline.
     * @param condition the condition.
     * @return as {@link #expire}.
     * @throws KvException invalid expire time ({@code 'expireat'}) on overflow.
     */
    boolean expireat(byte[] key, long unixSeconds, ExpireCondition condition);

    /**
     * {@code PEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT]}.
     *
     * @param key the key.
     * @param unixMillis the deadline.
     * @param condition the condition.
     * @return as {@link #expire}.
     * @throws KvException invalid expire time ({@code 'pexpireat'}) on overflow.
     */
    boolean pexpireat(byte[] key, long unixMillis, ExpireCondition condition);

    /**
     * {@code TTL key}.
     *
     * @param key the key.
     * @return seconds left (rounded as Redis rounds), -1 without TTL, -2 when missing.
     */
    long ttl(byte[] key);

    /**
     * {@code PTTL key}.
     *
     * @param key the key.
     * @return milliseconds left, -1 without TTL, -2 when missing.
     */
    long pttl(byte[] key);

    /**
     * {@code PERSIST key}.
     *
     * @param key the key.
     * @return true when a TTL was removed.
     */
    boolean persist(byte[] key);

    /**
     * {@code EXPIRETIME key}.
     *
     * @param key the key.
     * @return the deadline in Unix seconds, -1 without TTL, -2 when missing.
     */
    long expiretime(byte[] key);

    /**
     * {@code PEXPIRETIME key}.
     *
     * @param key the key.
     * @return the deadline in Unix milliseconds, -1 without TTL, -2 when missing.
     */
    long pexpiretime(byte[] key);

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Releases the store's memory and stops its background work. Idempotent. Operations after close throw
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
