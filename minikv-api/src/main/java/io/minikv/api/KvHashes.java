package io.minikv.api;

import java.util.List;

/**
 * The commands of Redis's {@code hash} group (HSET, HGET, HGETALL, HINCRBY, HRANDFIELD, HSCAN...).
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvHashes {

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
}
