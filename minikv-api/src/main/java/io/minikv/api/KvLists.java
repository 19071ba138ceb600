package io.minikv.api;

import java.util.List;

/**
 * The commands of Redis's {@code list} group (LPUSH, LPOP, LRANGE, LMOVE, LMPOP...); the blocking forms exist only
 * over RESP.
 * <p>
 * One of the command groups {@link KvStore} is made of; concurrency, nulls and errors are as {@link KvStore}
 * describes them.
 */
public interface KvLists {

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
}
