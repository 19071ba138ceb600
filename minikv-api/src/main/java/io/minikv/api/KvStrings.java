package io.minikv.api;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The commands of Redis's {@code string} group: GET, SET and their variants, MGET/MSET, APPEND, ranges and
 * counters.
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvStrings {

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
     * {@code LCS key1 key2}: the longest common subsequence of two strings (missing keys read as empty). Of several
     * subsequences of the greatest length, the one Redis answers.
     * <p>
     * The work is proportional to the product of the lengths, done outside the store's locks on copies of both
     * strings read at one instant.
     *
     * @param key1 the first key.
     * @param key2 the second key.
     * @return the subsequence, empty when there is none.
     * @throws KvException LCS_NOT_STRINGS when a key holds another type; LCS_TOO_BIG when
     *     {@code (len1 + 1) * (len2 + 1) * 4} exceeds proto-max-bulk-len (512 MB), Redis's bound on its table.
     */
    byte[] lcs(byte[] key1, byte[] key2);

    /**
     * {@code LCS key1 key2 LEN}: the length of the longest common subsequence of two strings.
     *
     * @param key1 the first key.
     * @param key2 the second key.
     * @return the length, 0 when a key is missing.
     * @throws KvException as {@link #lcs}.
     */
    long lcsLength(byte[] key1, byte[] key2);

    /**
     * {@code LCS key1 key2 IDX [MINMATCHLEN n]}: where the longest common subsequence of two strings lies in each.
     *
     * @param key1 the first key.
     * @param key2 the second key.
     * @param minMatchLength runs shorter than this are left out of the matches (0 or negative: none are).
     * @return the runs, from the end of the strings, and the subsequence's length.
     * @throws KvException as {@link #lcs}.
     */
    LcsResult lcsIdx(byte[] key1, byte[] key2, long minMatchLength);

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
}
