package io.minikv.api;

import java.util.List;

/**
 * The key commands of Redis's {@code generic} group (DEL, EXISTS, TYPE, SCAN, RENAME, COPY, MOVE...) and the
 * expiry commands (EXPIRE, TTL, PERSIST...), which apply to a key of any type.
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvKeys {

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
     * {@code SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC] [ALPHA]} (also
     * {@code SORT_RO}): the elements of a list, set or sorted set, sorted.
     * <p>
     * Numeric sorting (the default) reads each element, or its BY value, as a double as C's {@code strtod} does
     * (leading spaces, hexadecimal, {@code inf}; an empty value is 0; NaN, trailing characters, overflow and
     * underflow are refused); elements with equal scores are ordered by their bytes (in reverse with DESC). ALPHA
     * compares bytes up to the first NUL byte, as Redis's {@code strcoll} in the C locale (whole values with
     * {@link #sortStore}); with a BY pattern, elements whose BY value is missing come first (last with DESC), and elements
     * with equal BY values keep the source's order. A missing key sorts as an empty list. With {@code BY nosort} a
     * list or sorted set keeps its own order (reversed by DESC, LIMIT applied to it) and a set its iteration order.
     * <p>
     * With GET patterns each element yields one value per pattern, null where the key or field is missing or holds
     * another type. O(N log N) plus the lookups; a BY or GET pattern that names keys makes the command hold the
     * whole database while it runs (it reads keys it cannot know beforehand), otherwise only the key's segment.
     *
     * @param key a list, set or sorted set.
     * @param args the options; {@link SortArgs#DEFAULT} for none.
     * @return the elements, or with GET the values (null where missing).
     * @throws KvException WRONGTYPE for another type, SORT_NOT_DOUBLE when a numeric value does not parse.
     */
    List<byte[]> sort(byte[] key, SortArgs args);

    /**
     * {@code SORT key ... STORE destination}: stores what {@link #sort} returns as a list at destination, replacing
     * any value and TTL there; an empty result deletes destination. GET values that are missing are stored as empty
     * strings. With {@code BY nosort}, a set is sorted as with ALPHA so the stored list is reproducible (Redis's
     * rule). Atomic, as {@link #sort}.
     *
     * @param key a list, set or sorted set.
     * @param args the options.
     * @param destination the key to store at.
     * @return the length of the stored list (0 when destination was deleted).
     * @throws KvException WRONGTYPE, SORT_NOT_DOUBLE (nothing is stored then), OOM.
     */
    long sortStore(byte[] key, SortArgs args, byte[] destination);

    /**
     * {@code TOUCH key [key ...]}.
     *
     * @param keys the keys.
     * @return how many exist.
     */
    long touch(byte[]... keys);

    /**
     * {@code OBJECT ENCODING key}: the internal encoding Redis 7.0 would report for the same value with its default
     * configuration ({@code int}, {@code embstr}, {@code raw}, {@code listpack}, {@code hashtable}, {@code intset},
     * {@code skiplist}, {@code quicklist}). Strings are judged by their content (see the server's COMMANDS notes). O(1)
     * for collections, O(n) in the string length for strings.
     *
     * @param key the key.
     * @return the encoding, or null when the key is missing.
     */
    String objectEncoding(byte[] key);

    /**
     * {@code OBJECT REFCOUNT key}: {@value Integer#MAX_VALUE} for the integers 0 to 9999, which Redis shares between
     * keys, 1 for every other value. O(1).
     *
     * @param key the key.
     * @return the count, or -1 when the key is missing.
     */
    long objectRefcount(byte[] key);

    /**
     * {@code MEMORY USAGE key}: the bytes the key and its value take in this store (its block of store memory, rounded
     * to the block's size class, its table bucket, and a collection's heap structure). The figure is mini-kv's own
     * accounting, not what Redis would report for the same key.
     *
     * @param key the key.
     * @return the bytes, or null when the key is missing.
     */
    Long memoryUsage(byte[] key);

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

    /**
     * {@code DUMP key}: the value in Redis 7.0's DUMP payload format (RDB encoding, RDB version 10, CRC-64), which
     * {@link #restore} and a real Redis's RESTORE accept.
     *
     * @param key the key.
     * @return the payload, or null when the key is missing.
     */
    byte[] dump(byte[] key);

    /**
     * {@code RESTORE key ttl payload [REPLACE] [ABSTTL]}: creates a key from a DUMP payload of this store or of
     * Redis 7.0 (any of the encodings Redis 7.0 writes or reads for strings, lists, sets, sorted sets, hashes and
     * streams). A deadline already passed creates nothing, and deletes the key when {@code replace} is given.
     *
     * @param key the key.
     * @param ttl the time to live in ms, or with {@code absTtl} the deadline in Unix ms; 0 for none.
     * @param payload the payload.
     * @param replace whether an existing key is replaced.
     * @param absTtl whether {@code ttl} is an absolute deadline.
     * @return true when the key was created, false when the deadline had already passed.
     * @throws KvException BUSYKEY, RESTORE_INVALID_TTL, DUMP_PAYLOAD_INVALID or BAD_DATA_FORMAT, checked in that
     *     order as Redis does.
     */
    boolean restore(byte[] key, long ttl, byte[] payload, boolean replace, boolean absTtl);
}
