package io.minikv.api;

import java.util.List;

/**
 * The commands of Redis's {@code set} group (SADD, SMEMBERS, SPOP, SINTER, SSCAN...).
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvSets {

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
}
