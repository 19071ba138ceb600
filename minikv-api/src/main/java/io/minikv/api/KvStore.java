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

    // ------------------------------------------------------------------------------------------------ sorted sets

    /**
     * {@code ZADD key score member}: adds a member or updates its score. O(log n).
     *
     * @param key the key; created when missing.
     * @param score the score, not NaN; -0.0 is stored as 0.
     * @param member the member.
     * @return 1 when added, 0 when updated or unchanged.
     * @throws KvException WRONGTYPE, NOT_FLOAT (NaN).
     */
    long zadd(byte[] key, double score, byte[] member);

    /**
     * {@code ZADD key [NX|XX] [GT|LT] [CH] score member [score member ...]}. O(m log n).
     *
     * @param key the key; created unless XX is given or nothing would be added.
     * @param args the options.
     * @param members the pairs, at least one; scores not NaN.
     * @return the number added, or with CH the number added or changed.
     * @throws KvException WRONGTYPE, NOT_FLOAT (a NaN score).
     */
    long zadd(byte[] key, ZAddArgs args, List<ScoredMember> members);

    /**
     * {@code ZADD key [NX|XX] [GT|LT] INCR increment member}: as ZINCRBY under the options.
     *
     * @param key the key.
     * @param args the options; CH has no effect.
     * @param increment the increment, not NaN.
     * @param member the member.
     * @return the new score, or null when an option prevented the operation.
     * @throws KvException WRONGTYPE, NOT_FLOAT, SCORE_NAN ({@code inf + -inf}).
     */
    Double zaddIncr(byte[] key, ZAddArgs args, double increment, byte[] member);

    /**
     * {@code ZINCRBY key increment member}: a missing member counts as 0. O(log n).
     *
     * @param key the key.
     * @param increment the increment, not NaN.
     * @param member the member.
     * @return the new score.
     * @throws KvException WRONGTYPE, NOT_FLOAT, SCORE_NAN ({@code inf + -inf}).
     */
    double zincrby(byte[] key, double increment, byte[] member);

    /**
     * {@code ZREM key member [member ...]}: an emptied set deletes its key. O(m log n).
     *
     * @param key the key.
     * @param members the members.
     * @return how many were removed.
     * @throws KvException WRONGTYPE.
     */
    long zrem(byte[] key, byte[]... members);

    /**
     * {@code ZSCORE key member}. O(1).
     *
     * @param key the key.
     * @param member the member.
     * @return the score, or null when the key or member is missing.
     * @throws KvException WRONGTYPE.
     */
    Double zscore(byte[] key, byte[] member);

    /**
     * {@code ZMSCORE key member [member ...]}. O(m).
     *
     * @param key the key.
     * @param members the members, at least one.
     * @return one entry per member, null where missing.
     * @throws KvException WRONGTYPE.
     */
    List<Double> zmscore(byte[] key, byte[]... members);

    /**
     * {@code ZCARD key}. O(1).
     *
     * @param key the key.
     * @return the number of members, 0 when missing.
     * @throws KvException WRONGTYPE.
     */
    long zcard(byte[] key);

    /**
     * {@code ZCOUNT key min max}. O(log n).
     *
     * @param key the key.
     * @param min lower score bound.
     * @param max upper score bound.
     * @return the number of members within the bounds.
     * @throws KvException WRONGTYPE.
     */
    long zcount(byte[] key, ScoreBound min, ScoreBound max);

    /**
     * {@code ZLEXCOUNT key min max}: meaningful when all scores are equal. O(log n).
     *
     * @param key the key.
     * @param min lower bound.
     * @param max upper bound.
     * @return the number of members within the bounds.
     * @throws KvException WRONGTYPE.
     */
    long zlexcount(byte[] key, LexBound min, LexBound max);

    /**
     * {@code ZRANGE key start stop WITHSCORES}: ranks {@code start..stop}, negative from the end. O(log n + m).
     *
     * @param key the key.
     * @param start first rank.
     * @param stop last rank, inclusive.
     * @return the members in ascending order, empty when none.
     * @throws KvException WRONGTYPE.
     */
    List<ScoredMember> zrange(byte[] key, long start, long stop);

    /**
     * {@code ZRANGE key ... [BYSCORE|BYLEX] [REV] [LIMIT offset count] WITHSCORES}, also ZREVRANGE,
     * ZRANGEBYSCORE, ZREVRANGEBYSCORE, ZRANGEBYLEX and ZREVRANGEBYLEX. O(log n + offset + m).
     *
     * @param key the key.
     * @param query the interval.
     * @return the members in iteration order (descending when reversed).
     * @throws KvException WRONGTYPE.
     */
    List<ScoredMember> zrange(byte[] key, ZRangeQuery query);

    /**
     * {@code ZRANGESTORE dst src ...}: stores the selection at dst, replacing any value; an empty selection deletes
     * dst.
     *
     * @param destination the destination key.
     * @param source the source key.
     * @param query the interval.
     * @return the number of members stored.
     * @throws KvException WRONGTYPE when source holds another type.
     */
    long zrangestore(byte[] destination, byte[] source, ZRangeQuery query);

    /**
     * {@code ZRANK key member}. O(log n).
     *
     * @param key the key.
     * @param member the member.
     * @return the 0-based ascending rank, or null when missing.
     * @throws KvException WRONGTYPE.
     */
    Long zrank(byte[] key, byte[] member);

    /**
     * {@code ZREVRANK key member}. O(log n).
     *
     * @param key the key.
     * @param member the member.
     * @return the 0-based descending rank, or null when missing.
     * @throws KvException WRONGTYPE.
     */
    Long zrevrank(byte[] key, byte[] member);

    /**
     * {@code ZRANK key member WITHSCORE} ({@code ZREVRANK} when reversed). O(log n).
     *
     * @param key the key.
     * @param member the member.
     * @param reversed true for ZREVRANK.
     * @return the rank and score, or null when missing.
     * @throws KvException WRONGTYPE.
     */
    RankScore zrankWithScore(byte[] key, byte[] member, boolean reversed);

    /**
     * {@code ZPOPMIN key [count]}: removes and returns the lowest members; an emptied set deletes its key.
     *
     * @param key the key.
     * @param count at most this many, at least 0.
     * @return the popped members, lowest first.
     * @throws KvException WRONGTYPE, COUNT_NOT_POSITIVE.
     */
    List<ScoredMember> zpopmin(byte[] key, long count);

    /**
     * {@code ZPOPMAX key [count]}: removes and returns the highest members.
     *
     * @param key the key.
     * @param count at most this many, at least 0.
     * @return the popped members, highest first.
     * @throws KvException WRONGTYPE, COUNT_NOT_POSITIVE.
     */
    List<ScoredMember> zpopmax(byte[] key, long count);

    /**
     * {@code ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]}: pops from the first non-empty key.
     *
     * @param max true for MAX.
     * @param count at most this many, at least 1.
     * @param keys the keys, at least one.
     * @return the key and its popped members, or null when every key is empty.
     * @throws KvException WRONGTYPE (the first non-empty key of another type), COUNT_SHOULD_BE_POSITIVE.
     */
    KeyedMembers zmpop(boolean max, long count, byte[]... keys);

    /**
     * {@code ZRANDMEMBER key}.
     *
     * @param key the key.
     * @return a uniformly chosen member with its score, or null when the key is missing.
     * @throws KvException WRONGTYPE.
     */
    ScoredMember zrandmember(byte[] key);

    /**
     * {@code ZRANDMEMBER key count}: a positive count returns distinct members (all of them, highest first, when
     * count reaches the size); a negative count returns {@code -count} members that may repeat.
     *
     * @param key the key.
     * @param count the count, above {@code Long.MIN_VALUE}; a negative count may not go below -16777216 (Redis has
     *     no bound and would fill its output buffer).
     * @return the members with their scores; empty when missing or count is 0.
     * @throws KvException WRONGTYPE, RANDMEMBER_COUNT_RANGE, VALUE_OUT_OF_RANGE (below -16777216 on an existing key).
     */
    List<ScoredMember> zrandmember(byte[] key, long count);

    /**
     * {@code ZREMRANGEBYRANK key start stop}.
     *
     * @param key the key.
     * @param start first rank, negative from the end.
     * @param stop last rank, inclusive.
     * @return the number removed.
     * @throws KvException WRONGTYPE.
     */
    long zremrangebyrank(byte[] key, long start, long stop);

    /**
     * {@code ZREMRANGEBYSCORE key min max}.
     *
     * @param key the key.
     * @param min lower bound.
     * @param max upper bound.
     * @return the number removed.
     * @throws KvException WRONGTYPE.
     */
    long zremrangebyscore(byte[] key, ScoreBound min, ScoreBound max);

    /**
     * {@code ZREMRANGEBYLEX key min max}.
     *
     * @param key the key.
     * @param min lower bound.
     * @param max upper bound.
     * @return the number removed.
     * @throws KvException WRONGTYPE.
     */
    long zremrangebylex(byte[] key, LexBound min, LexBound max);

    /**
     * {@code ZUNION numkeys key ... [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] WITHSCORES}. Missing keys are empty.
     *
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @param weights one weight per key, or null for all 1.
     * @param aggregate how scores combine.
     * @return the union in ascending (score, member) order.
     * @throws KvException WRONGTYPE, SYNTAX (weights of another length).
     */
    List<ScoredMember> zunion(byte[][] keys, double[] weights, Aggregate aggregate);

    /**
     * {@code ZINTER numkeys key ... [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] WITHSCORES}.
     *
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @param weights one weight per key, or null for all 1.
     * @param aggregate how scores combine.
     * @return the intersection in ascending order.
     * @throws KvException WRONGTYPE, SYNTAX.
     */
    List<ScoredMember> zinter(byte[][] keys, double[] weights, Aggregate aggregate);

    /**
     * {@code ZDIFF numkeys key ... WITHSCORES}: members of the first set in none of the others.
     *
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @return the difference in ascending order.
     * @throws KvException WRONGTYPE.
     */
    List<ScoredMember> zdiff(byte[]... keys);

    /**
     * {@code ZUNIONSTORE destination numkeys key ...}: an empty result deletes destination.
     *
     * @param destination the destination key, replaced whatever its type.
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @param weights one weight per key, or null.
     * @param aggregate how scores combine.
     * @return the size of the stored set.
     * @throws KvException WRONGTYPE (a source key), SYNTAX.
     */
    long zunionstore(byte[] destination, byte[][] keys, double[] weights, Aggregate aggregate);

    /**
     * {@code ZINTERSTORE destination numkeys key ...}.
     *
     * @param destination the destination key.
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @param weights one weight per key, or null.
     * @param aggregate how scores combine.
     * @return the size of the stored set.
     * @throws KvException WRONGTYPE, SYNTAX.
     */
    long zinterstore(byte[] destination, byte[][] keys, double[] weights, Aggregate aggregate);

    /**
     * {@code ZDIFFSTORE destination numkeys key ...}.
     *
     * @param destination the destination key.
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @return the size of the stored set.
     * @throws KvException WRONGTYPE.
     */
    long zdiffstore(byte[] destination, byte[]... keys);

    /**
     * {@code ZINTERCARD numkeys key ... [LIMIT limit]}.
     *
     * @param limit stop counting at this many, 0 for no limit.
     * @param keys the keys, at least one; a set counts as a sorted set whose scores are all 1.
     * @return the size of the intersection, at most limit when limit is positive.
     * @throws KvException WRONGTYPE, LIMIT_NEGATIVE.
     */
    long zintercard(long limit, byte[]... keys);

    /**
     * {@code ZSCAN key cursor [MATCH pattern] [COUNT count]}: a member present for the whole iteration is returned
     * at least once; small sets (up to 128 members) come whole in one call, in ascending order, as in Redis.
     *
     * @param key the key.
     * @param cursor 0 to start, then the returned cursor.
     * @param pattern a glob on members, or null.
     * @param count the amount of work per call, at least 1.
     * @return the batch and the next cursor.
     * @throws KvException WRONGTYPE.
     */
    ZScanResult zscan(byte[] key, long cursor, byte[] pattern, long count);

    /**
     * {@code ZQUERY key score member offset limit}, mini-kv's own command from the book: seek the first pair
     * {@code >= (score, member)}, move {@code offset} ranks (negative backwards), then return pairs while fewer than
     * {@code limit} reply elements (member and score each count one) were produced; a pair is never split, so
     * {@code limit} 3 or 4 gives two pairs. O(log n + limit).
     *
     * @param key the key; a missing key is an empty set.
     * @param score the seek score, not NaN.
     * @param member the seek member.
     * @param offset the rank move.
     * @param limit the reply element budget; 0 or less gives an empty list.
     * @return the pairs in ascending order; empty when nothing is {@code >=} the seek pair or the moved rank is
     *     outside the set.
     * @throws KvException WRONGTYPE, NOT_FLOAT (NaN score).
     */
    List<ScoredMember> zquery(byte[] key, double score, byte[] member, long offset, long limit);

    // ------------------------------------------------------------------------------------------------ sets

    /**
     * {@code SADD key member [member ...]}: adds members, creating the set when missing. O(m).
     *
     * @param key the key.
     * @param members the members, at least one; the store keeps the arrays, so pass arrays you no longer modify.
     * @return how many were added (members already present do not count).
     * @throws KvException WRONGTYPE.
     */
    long sadd(byte[] key, byte[]... members);

    /**
     * {@code SREM key member [member ...]}: removing the last member deletes the key. O(m).
     *
     * @param key the key.
     * @param members the members, at least one.
     * @return how many were removed.
     * @throws KvException WRONGTYPE.
     */
    long srem(byte[] key, byte[]... members);

    /**
     * {@code SMEMBERS key}. O(n).
     *
     * @param key the key.
     * @return the members in no particular order (as in Redis); empty when the key is missing. The arrays must not
     *     be modified.
     * @throws KvException WRONGTYPE.
     */
    List<byte[]> smembers(byte[] key);

    /**
     * {@code SISMEMBER key member}. O(1).
     *
     * @param key the key.
     * @param member the member.
     * @return true when the key holds a set containing the member.
     * @throws KvException WRONGTYPE.
     */
    boolean sismember(byte[] key, byte[] member);

    /**
     * {@code SMISMEMBER key member [member ...]}. O(m).
     *
     * @param key the key.
     * @param members the members, at least one.
     * @return one entry per member, in argument order: true where present.
     * @throws KvException WRONGTYPE.
     */
    List<Boolean> smismember(byte[] key, byte[]... members);

    /**
     * {@code SCARD key}. O(1).
     *
     * @param key the key.
     * @return the number of members, 0 when the key is missing.
     * @throws KvException WRONGTYPE.
     */
    long scard(byte[] key);

    /**
     * {@code SPOP key}: removes and returns a uniformly chosen member; popping the last one deletes the key. O(1).
     *
     * @param key the key.
     * @return the member, or null when the key is missing.
     * @throws KvException WRONGTYPE.
     */
    byte[] spop(byte[] key);

    /**
     * {@code SPOP key count}: removes and returns up to count distinct random members (all of them, deleting the
     * key, when count reaches the size). O(count).
     *
     * @param key the key.
     * @param count at least 0.
     * @return the members in no particular order; empty when the key is missing or count is 0.
     * @throws KvException COUNT_NOT_POSITIVE (negative count), WRONGTYPE.
     */
    List<byte[]> spop(byte[] key, long count);

    /**
     * {@code SRANDMEMBER key}. O(1).
     *
     * @param key the key.
     * @return a uniformly chosen member, or null when the key is missing.
     * @throws KvException WRONGTYPE.
     */
    byte[] srandmember(byte[] key);

    /**
     * {@code SRANDMEMBER key count}: a positive count returns distinct members (the whole set when count reaches the
     * size); a negative count returns {@code -count} members chosen independently, so they may repeat. O(|count|).
     *
     * @param key the key.
     * @param count the count; a negative count may not go below -16777216 (Redis has no bound, and would fill its
     *     output buffer until memory runs out).
     * @return the members; empty when the key is missing or count is 0.
     * @throws KvException RANDMEMBER_COUNT_RANGE ({@code Long.MIN_VALUE}), VALUE_OUT_OF_RANGE (below -16777216),
     *     WRONGTYPE.
     */
    List<byte[]> srandmember(byte[] key, long count);

    /**
     * {@code SMOVE source destination member}: atomically moves a member, creating destination when missing and
     * deleting an emptied source. Moving within one key changes nothing. O(1).
     *
     * @param source the source key.
     * @param destination the destination key.
     * @param member the member.
     * @return true when the member was in source (false also when source is missing, whatever destination holds).
     * @throws KvException WRONGTYPE when source, or an existing destination, holds another type.
     */
    boolean smove(byte[] source, byte[] destination, byte[] member);

    /**
     * {@code SINTER key [key ...]}: the members present in every set; a missing key is an empty set. O(n * k) for
     * the smallest set's size n.
     *
     * @param keys the keys, at least one.
     * @return the members in no particular order.
     * @throws KvException WRONGTYPE (any key, even after a missing one).
     */
    List<byte[]> sinter(byte[]... keys);

    /**
     * {@code SINTERSTORE destination key [key ...]}: stores the intersection, replacing destination whatever its
     * type and clearing its TTL; an empty result deletes destination.
     *
     * @param destination the destination key, possibly one of the keys.
     * @param keys the keys, at least one.
     * @return the size of the stored set.
     * @throws KvException WRONGTYPE (a source key).
     */
    long sinterstore(byte[] destination, byte[]... keys);

    /**
     * {@code SINTERCARD numkeys key [key ...] [LIMIT limit]}: the size of the intersection, without building it.
     *
     * @param limit stop counting at this many, 0 for no limit.
     * @param keys the keys, at least one.
     * @return the size of the intersection, at most limit when limit is positive.
     * @throws KvException LIMIT_NEGATIVE, WRONGTYPE.
     */
    long sintercard(long limit, byte[]... keys);

    /**
     * {@code SUNION key [key ...]}: the members of any of the sets. O(total size).
     *
     * @param keys the keys, at least one.
     * @return the members in no particular order.
     * @throws KvException WRONGTYPE.
     */
    List<byte[]> sunion(byte[]... keys);

    /**
     * {@code SUNIONSTORE destination key [key ...]}: as {@link #sinterstore} for the union.
     *
     * @param destination the destination key.
     * @param keys the keys, at least one.
     * @return the size of the stored set.
     * @throws KvException WRONGTYPE (a source key).
     */
    long sunionstore(byte[] destination, byte[]... keys);

    /**
     * {@code SDIFF key [key ...]}: the members of the first set that are in none of the others. O(total size).
     *
     * @param keys the keys, at least one.
     * @return the members in no particular order.
     * @throws KvException WRONGTYPE.
     */
    List<byte[]> sdiff(byte[]... keys);

    /**
     * {@code SDIFFSTORE destination key [key ...]}: as {@link #sinterstore} for the difference.
     *
     * @param destination the destination key.
     * @param keys the keys, at least one.
     * @return the size of the stored set.
     * @throws KvException WRONGTYPE (a source key).
     */
    long sdiffstore(byte[] destination, byte[]... keys);

    /**
     * {@code SSCAN key cursor [MATCH pattern] [COUNT count]}: a member present for the whole iteration is returned
     * at least once; small sets (up to 128 members) come whole in one call, as in Redis's compact encodings.
     *
     * @param key the key.
     * @param cursor 0 to start, then the returned cursor.
     * @param pattern a glob on members, or null.
     * @param count the amount of work per call, at least 1.
     * @return the batch and the next cursor.
     * @throws KvException SYNTAX (count below 1), WRONGTYPE.
     */
    SScanResult sscan(byte[] key, long cursor, byte[] pattern, long count);

    // ------------------------------------------------------------------------------------------------ lists

    /**
     * {@code LPUSH key element [element ...]}: inserts each element at the head in turn, so the last one given ends
     * up first; creates the list when the key is missing. O(1) per element. The store keeps the element arrays: do
     * not modify them after the call.
     *
     * @param key the key.
     * @param elements the elements, at least one.
     * @return the length of the list after the push.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     * @throws IllegalArgumentException when no element is given.
     */
    long lpush(byte[] key, byte[]... elements);

    /**
     * {@code RPUSH key element [element ...]}: appends each element at the tail; creates the list when the key is
     * missing. O(1) per element.
     *
     * @param key the key.
     * @param elements the elements, at least one.
     * @return the length of the list after the push.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     * @throws IllegalArgumentException when no element is given.
     */
    long rpush(byte[] key, byte[]... elements);

    /**
     * {@code LPUSHX key element [element ...]}: as {@link #lpush} but only when the list exists.
     *
     * @param key the key.
     * @param elements the elements, at least one.
     * @return the length after the push, 0 when the key is missing (nothing is created).
     * @throws KvException WRONGTYPE when the key holds a non-list.
     * @throws IllegalArgumentException when no element is given.
     */
    long lpushx(byte[] key, byte[]... elements);

    /**
     * {@code RPUSHX key element [element ...]}: as {@link #rpush} but only when the list exists.
     *
     * @param key the key.
     * @param elements the elements, at least one.
     * @return the length after the push, 0 when the key is missing (nothing is created).
     * @throws KvException WRONGTYPE when the key holds a non-list.
     * @throws IllegalArgumentException when no element is given.
     */
    long rpushx(byte[] key, byte[]... elements);

    /**
     * {@code LPOP key}: removes and returns the first element; popping the last element deletes the key. O(1).
     *
     * @param key the key.
     * @return the element, or null when the key is missing.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    byte[] lpop(byte[] key);

    /**
     * {@code LPOP key count}: removes and returns up to count elements from the head. O(count).
     *
     * @param key the key.
     * @param count at most this many, at least 0.
     * @return the elements in pop order (empty when count is 0), or null when the key is missing (Redis's nil
     *     array).
     * @throws KvException WRONGTYPE, COUNT_NOT_POSITIVE (negative count).
     */
    List<byte[]> lpop(byte[] key, long count);

    /**
     * {@code RPOP key}: removes and returns the last element; popping the last element deletes the key. O(1).
     *
     * @param key the key.
     * @return the element, or null when the key is missing.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    byte[] rpop(byte[] key);

    /**
     * {@code RPOP key count}: removes and returns up to count elements from the tail, last element first.
     * O(count).
     *
     * @param key the key.
     * @param count at most this many, at least 0.
     * @return the elements in pop order (empty when count is 0), or null when the key is missing.
     * @throws KvException WRONGTYPE, COUNT_NOT_POSITIVE (negative count).
     */
    List<byte[]> rpop(byte[] key, long count);

    /**
     * {@code LLEN key}. O(1).
     *
     * @param key the key.
     * @return the length, 0 when the key is missing.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    long llen(byte[] key);

    /**
     * {@code LRANGE key start stop}: indexes from 0, negative ones count from the tail (-1 is the last element);
     * out-of-range indexes are clamped, never an error. O(m) for m returned elements.
     *
     * @param key the key.
     * @param start first index.
     * @param stop last index, inclusive.
     * @return the elements in list order; empty when the range is empty or the key is missing.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    List<byte[]> lrange(byte[] key, long start, long stop);

    /**
     * {@code LINDEX key index}. O(1).
     *
     * @param key the key.
     * @param index from 0, negative from the tail.
     * @return the element, or null when the index is out of range or the key is missing.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    byte[] lindex(byte[] key, long index);

    /**
     * {@code LSET key index element}: replaces the element at an index. O(1).
     *
     * @param key the key.
     * @param index from 0, negative from the tail.
     * @param element the new element.
     * @throws KvException NO_SUCH_KEY when the key is missing, WRONGTYPE, INDEX_OUT_OF_RANGE.
     */
    void lset(byte[] key, long index, byte[] element);

    /**
     * {@code LINSERT key BEFORE|AFTER pivot element}: inserts next to the first element equal to pivot (from the
     * head). O(n).
     *
     * @param key the key.
     * @param before true for BEFORE, false for AFTER.
     * @param pivot the element to look for.
     * @param element the element to insert.
     * @return the length after the insert, -1 when pivot is not in the list, 0 when the key is missing.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    long linsert(byte[] key, boolean before, byte[] pivot, byte[] element);

    /**
     * {@code LREM key count element}: removes elements equal to element: the first count from the head when count
     * is positive, the last {@code -count} from the tail when negative, all when 0. Removing the last element
     * deletes the key. O(n).
     *
     * @param key the key.
     * @param count how many and from which end.
     * @param element the element to remove.
     * @return how many were removed.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    long lrem(byte[] key, long count, byte[] element);

    /**
     * {@code LTRIM key start stop}: keeps only the elements from start to stop (inclusive, negative from the
     * tail); an empty range deletes the key. O(removed).
     *
     * @param key the key; a missing key is left missing.
     * @param start first index kept.
     * @param stop last index kept.
     * @throws KvException WRONGTYPE when the key holds a non-list.
     */
    void ltrim(byte[] key, long start, long stop);

    /**
     * {@code LPOS key element [RANK rank] [MAXLEN maxlen]}: the index of a matching element. O(n).
     *
     * @param key the key.
     * @param element the element to look for.
     * @param rank 1 for the first match from the head, 2 for the second...; -1 for the first match from the tail,
     *     and so on; not 0. As in Redis 7.0, {@code Long.MIN_VALUE} acts as -1.
     * @param maxlen compare at most this many elements (from the end the search starts at), 0 for all.
     * @return the index (from the head), or null when there is no such match or the key is missing.
     * @throws KvException WRONGTYPE, LPOS_RANK_ZERO, LPOS_MAXLEN_NEGATIVE.
     */
    Long lpos(byte[] key, byte[] element, long rank, long maxlen);

    /**
     * {@code LPOS key element [RANK rank] COUNT count [MAXLEN maxlen]}: the indexes of up to count matches,
     * starting with the match selected by rank. O(n).
     *
     * @param key the key.
     * @param element the element to look for.
     * @param rank as in {@link #lpos(byte[], byte[], long, long)}.
     * @param count at most this many indexes, 0 for all matches.
     * @param maxlen compare at most this many elements, 0 for all.
     * @return the indexes in search order (descending when rank is negative); empty when none or the key is
     *     missing.
     * @throws KvException WRONGTYPE, LPOS_RANK_ZERO, LPOS_COUNT_NEGATIVE, LPOS_MAXLEN_NEGATIVE.
     */
    List<Long> lpos(byte[] key, byte[] element, long rank, long count, long maxlen);

    /**
     * {@code LMOVE source destination LEFT|RIGHT LEFT|RIGHT}: atomically pops an element from one end of source
     * and pushes it to an end of destination (which may be source itself: a rotation). O(1).
     *
     * @param source the source key.
     * @param destination the destination key, created when missing.
     * @param from the end of source to pop from.
     * @param to the end of destination to push to.
     * @return the moved element, or null when source is missing (then nothing changes, whatever destination
     *     holds).
     * @throws KvException WRONGTYPE when source or destination holds a non-list (nothing changes).
     */
    byte[] lmove(byte[] source, byte[] destination, ListEnd from, ListEnd to);

    /**
     * {@code RPOPLPUSH source destination}: {@link #lmove} from RIGHT to LEFT.
     *
     * @param source the source key.
     * @param destination the destination key.
     * @return the moved element, or null when source is missing.
     * @throws KvException WRONGTYPE when source or destination holds a non-list.
     */
    byte[] rpoplpush(byte[] source, byte[] destination);

    /**
     * {@code LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]}: pops up to count elements from the first key
     * that holds a list. O(count).
     *
     * @param end the end to pop from.
     * @param count at most this many, at least 1.
     * @param keys the keys, at least one, looked at in order; missing keys are skipped.
     * @return the key and its popped elements, or null when every key is missing.
     * @throws KvException WRONGTYPE (the first existing key holds another type), COUNT_SHOULD_BE_POSITIVE.
     * @throws IllegalArgumentException when no key is given.
     */
    KeyedElements lmpop(ListEnd end, long count, byte[]... keys);

    // ------------------------------------------------------------------------------------------------ hashes

    /**
     * {@code HSET key field value}: sets one field, creating the hash when missing. O(1).
     * <p>
     * As for every hash method, the store keeps the field and value arrays it is given and returns its own arrays:
     * do not modify either.
     *
     * @param key the key.
     * @param field the field.
     * @param value the value.
     * @return 1 when the field was added, 0 when its value was replaced.
     * @throws KvException WRONGTYPE when the key holds another type.
     */
    long hset(byte[] key, byte[] field, byte[] value);

    /**
     * {@code HSET key field value [field value ...]} (also {@code HMSET}): sets the fields in order, so a field
     * named twice ends with its last value. O(n).
     *
     * @param key the key.
     * @param entries the fields and values, at least one.
     * @return how many fields were added (replaced values not counted).
     * @throws KvException WRONGTYPE.
     */
    long hset(byte[] key, List<FieldValue> entries);

    /**
     * {@code HSETNX key field value}: sets the field only when it does not exist. O(1).
     *
     * @param key the key.
     * @param field the field.
     * @param value the value.
     * @return true when set, false when the field existed.
     * @throws KvException WRONGTYPE.
     */
    boolean hsetnx(byte[] key, byte[] field, byte[] value);

    /**
     * {@code HGET key field}. O(1).
     *
     * @param key the key.
     * @param field the field.
     * @return the value, or null when the key or the field is missing.
     * @throws KvException WRONGTYPE.
     */
    byte[] hget(byte[] key, byte[] field);

    /**
     * {@code HMGET key field [field ...]}. O(n).
     *
     * @param key the key; a missing key reads as an empty hash.
     * @param fields the fields, at least one.
     * @return one entry per field, null where missing.
     * @throws KvException WRONGTYPE.
     */
    List<byte[]> hmget(byte[] key, byte[]... fields);

    /**
     * {@code HDEL key field [field ...]}: removing the last field deletes the key. O(n).
     *
     * @param key the key.
     * @param fields the fields, at least one.
     * @return how many fields were removed.
     * @throws KvException WRONGTYPE.
     */
    long hdel(byte[] key, byte[]... fields);

    /**
     * {@code HEXISTS key field}. O(1).
     *
     * @param key the key.
     * @param field the field.
     * @return whether the field exists.
     * @throws KvException WRONGTYPE.
     */
    boolean hexists(byte[] key, byte[] field);

    /**
     * {@code HLEN key}. O(1).
     *
     * @param key the key.
     * @return the number of fields, 0 when missing.
     * @throws KvException WRONGTYPE.
     */
    long hlen(byte[] key);

    /**
     * {@code HSTRLEN key field}. O(1).
     *
     * @param key the key.
     * @param field the field.
     * @return the length of the value, 0 when the key or field is missing.
     * @throws KvException WRONGTYPE.
     */
    long hstrlen(byte[] key, byte[] field);

    /**
     * {@code HKEYS key}: in insertion order while the hash is small (up to 128 fields of at most 64 bytes, as
     * Redis's listpack keeps them), otherwise in no particular order. O(n).
     *
     * @param key the key.
     * @return the fields, empty when missing.
     * @throws KvException WRONGTYPE.
     */
    List<byte[]> hkeys(byte[] key);

    /**
     * {@code HVALS key}: in the order of {@link #hkeys}. O(n).
     *
     * @param key the key.
     * @return the values, empty when missing.
     * @throws KvException WRONGTYPE.
     */
    List<byte[]> hvals(byte[] key);

    /**
     * {@code HGETALL key}: in the order of {@link #hkeys}. O(n).
     *
     * @param key the key.
     * @return the fields with their values, empty when missing.
     * @throws KvException WRONGTYPE.
     */
    List<FieldValue> hgetall(byte[] key);

    /**
     * {@code HINCRBY key field increment}: a missing key or field counts as 0. O(1).
     *
     * @param key the key.
     * @param field the field.
     * @param increment the amount.
     * @return the new value.
     * @throws KvException WRONGTYPE, HASH_VALUE_NOT_INTEGER (stored value), INCR_OVERFLOW.
     */
    long hincrby(byte[] key, byte[] field, long increment);

    /**
     * {@code HINCRBYFLOAT key field increment}: a missing key or field counts as 0; the result is stored and
     * returned in INCRBYFLOAT's text form. O(1).
     *
     * @param key the key.
     * @param field the field.
     * @param increment the amount, finite.
     * @return the new value as stored, e.g. {@code "10.6"} or {@code "3"}.
     * @throws KvException NOT_FLOAT (NaN increment), VALUE_NAN_OR_INFINITY (infinite increment; both checked
     *     before the key), WRONGTYPE, HASH_VALUE_NOT_FLOAT (stored value), INCR_NAN_OR_INFINITY (result).
     */
    String hincrbyfloat(byte[] key, byte[] field, double increment);

    /**
     * {@code HRANDFIELD key}. O(1).
     *
     * @param key the key.
     * @return a uniformly chosen field, or null when the key is missing.
     * @throws KvException WRONGTYPE.
     */
    byte[] hrandfield(byte[] key);

    /**
     * {@code HRANDFIELD key count}: a positive count returns distinct fields (the whole hash, in {@link #hkeys}
     * order, when count reaches its size); a negative count returns {@code -count} uniformly chosen fields that may
     * repeat. O(|count|).
     *
     * @param key the key.
     * @param count the count, above {@code Long.MIN_VALUE}; a negative count may not go below -16777216 (as for
     *     SRANDMEMBER: Redis has no bound, and would fill its output buffer until memory runs out).
     * @return the fields; empty when the key is missing or count is 0.
     * @throws KvException WRONGTYPE, RANDMEMBER_COUNT_RANGE ({@code Long.MIN_VALUE}), VALUE_OUT_OF_RANGE (below
     *     -16777216).
     */
    List<byte[]> hrandfield(byte[] key, long count);

    /**
     * {@code HRANDFIELD key count WITHVALUES}: as {@link #hrandfield(byte[], long)}, with the values.
     *
     * @param key the key.
     * @param count the count, from {@code -Long.MAX_VALUE / 2} to {@code Long.MAX_VALUE / 2} (Redis's limit, so
     *     that the reply length does not overflow), and not below -16777216 as for {@link #hrandfield(byte[], long)}.
     * @return the fields with their values.
     * @throws KvException WRONGTYPE, VALUE_OUT_OF_RANGE.
     */
    List<FieldValue> hrandfieldWithValues(byte[] key, long count);

    /**
     * {@code HSCAN key cursor [MATCH pattern] [COUNT count]}: a field present for the whole iteration is returned
     * at least once; small hashes (see {@link #hkeys}) come whole in one call, in order, as in Redis.
     *
     * @param key the key.
     * @param cursor 0 to start, then the returned cursor.
     * @param pattern a glob on fields, or null.
     * @param count the amount of work per call, at least 1.
     * @return the batch and the next cursor.
     * @throws KvException WRONGTYPE, SYNTAX (count below 1).
     */
    HScanResult hscan(byte[] key, long cursor, byte[] pattern, long count);

    // ------------------------------------------------------------------------------------------------ lifecycle

    /**
     * Releases the store's memory and stops its background work. Idempotent. Operations after close throw
     * {@link IllegalStateException}.
     */
    @Override
    void close();
}
