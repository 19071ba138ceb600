package io.minikv.api;

import java.util.List;

/**
 * The commands of Redis's {@code sorted-set} group (ZADD, ZRANGE, ZPOPMIN, ZUNIONSTORE, ZSCAN...).
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvSortedSets {

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
}
