package io.minikv.api;

import java.util.List;

/**
 * The stream commands of {@link KvStore}, with Redis 7.0 semantics: an append-only log of entries, each a list of
 * field-value pairs under a unique, increasing {@link StreamId}.
 * <p>
 * A stream remembers, besides its entries, the last ID it generated (so IDs never go back, even after the newest
 * entry is deleted), how many entries were ever added and the largest ID XDEL removed. Unlike other collections, an
 * empty stream is a key like any other: XDEL and XTRIM never delete the key.
 * <p>
 * Consumer groups and blocking reads ({@code XREAD BLOCK}) are served by the RESP server only.
 * <p>
 * Thread-safe; each method is atomic. Keys, IDs and arrays must not be null. A key holding another type throws
 * {@link KvException} with {@link KvError#WRONGTYPE}.
 */
public interface KvStreams {

    /**
     * {@code XADD key [NOMKSTREAM] [MAXLEN|MINID [=|~] threshold [LIMIT count]] *|id field value [field value ...]}:
     * appends an entry, creating the stream unless NOMKSTREAM, then applies the trimming rule if any. O(log n) plus
     * the entries trimmed.
     *
     * @param key the key.
     * @param args the ID rule, NOMKSTREAM and trimming.
     * @param fields the pairs, at least one; fields may repeat.
     * @return the new entry's ID, or null when NOMKSTREAM and the key is missing.
     * @throws KvException {@link KvError#STREAM_ID_ZERO} for the ID 0-0, {@link KvError#STREAM_EXHAUSTED} when the
     *     last ID is the largest possible, {@link KvError#STREAM_ID_NOT_GREATER} when the ID is not above the last
     *     generated ID.
     */
    StreamId xadd(byte[] key, XAddArgs args, List<FieldValue> fields);

    /**
     * {@code XLEN key}. O(1).
     *
     * @param key the key.
     * @return the number of entries, 0 when the key is missing.
     */
    long xlen(byte[] key);

    /**
     * {@code XRANGE key start end [COUNT count]}: the entries with {@code start <= id <= end}, in ID order.
     * O(log n + returned). ({@code -} is {@link StreamId#MIN}, {@code +} {@link StreamId#MAX}; an exclusive
     * {@code (id} is {@link StreamId#next()} or {@link StreamId#previous()}.)
     *
     * @param key the key.
     * @param start the lowest ID.
     * @param end the highest ID.
     * @param count the most entries to return, or a negative value for all of them.
     * @return the entries, empty when none or the key is missing.
     */
    List<StreamEntry> xrange(byte[] key, StreamId start, StreamId end, long count);

    /**
     * {@code XREVRANGE key end start [COUNT count]}: as {@link #xrange} in reverse order.
     *
     * @param key the key.
     * @param end the highest ID.
     * @param start the lowest ID.
     * @param count the most entries to return, or a negative value for all of them.
     * @return the entries, newest first.
     */
    List<StreamEntry> xrevrange(byte[] key, StreamId end, StreamId start, long count);

    /**
     * {@code XDEL key id [id ...]}: removes entries; the stream keeps its last generated ID, and its
     * max-deleted-entry-id becomes the largest ID removed. The key stays even when the stream becomes empty.
     * O(log n) per ID.
     *
     * @param key the key.
     * @param ids the IDs.
     * @return how many entries were removed.
     */
    long xdel(byte[] key, StreamId... ids);

    /**
     * {@code XTRIM key MAXLEN|MINID [=|~] threshold [LIMIT count]}: evicts the oldest entries by the rule.
     *
     * @param key the key.
     * @param rule the rule.
     * @return how many entries were evicted, 0 when the key is missing.
     */
    long xtrim(byte[] key, XTrimArgs rule);

    /**
     * {@code XSETID key last-id [ENTRIESADDED entries-added] [MAXDELETEDID max-deleted-id]}: sets the stream's
     * last generated ID and, optionally, its entries-added counter and max-deleted-entry-id.
     *
     * @param key the key.
     * @param lastId the new last ID: not below the newest entry nor the max-deleted-entry-id.
     * @param entriesAdded the new counter, or -1 to keep it.
     * @param maxDeletedId the new max-deleted-entry-id, or null (or {@code 0-0}) to keep it.
     * @throws KvException {@link KvError#NO_SUCH_KEY} when the key is missing, and the XSETID texts of
     *     {@link KvError} when a value is out of order.
     */
    void xsetid(byte[] key, StreamId lastId, long entriesAdded, StreamId maxDeletedId);

    /**
     * {@code XREAD [COUNT count] STREAMS key [key ...] id [id ...]} without BLOCK: for each stream, the entries
     * with an ID above the one given for it.
     *
     * @param count the most entries per stream, 0 for all.
     * @param keys the keys.
     * @param ids one ID per key.
     * @return the streams that had such entries, in key order; empty when none (Redis replies nil).
     */
    List<StreamEntries> xread(long count, byte[][] keys, StreamId[] ids);

    /**
     * {@code XINFO STREAM key}: the stream's counters and edge entries.
     *
     * @param key the key.
     * @return the report.
     * @throws KvException {@link KvError#NO_SUCH_KEY} when the key is missing.
     */
    StreamInfo xinfoStream(byte[] key);
}
