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
 * <b>Consumer groups</b> (XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO GROUPS and CONSUMERS) hand
 * entries out to named consumers and remember what each was delivered until it acknowledges it (the group's pending
 * entries list, PEL). Idle and delivery times are read from the store's clock ({@code KvOptions}), so a test can
 * advance them. Deleting or overwriting the key drops its groups. Blocking reads ({@code XREAD BLOCK},
 * {@code XREADGROUP BLOCK}) are served by the RESP server only.
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

    /**
     * {@code XINFO STREAM key FULL [COUNT count]}: the counters, the first entries, and every consumer group with its
     * pending entries and consumers.
     *
     * @param key the key.
     * @param count the most entries, and pending entries per group and per consumer, to report; 0 for all.
     * @return the report.
     * @throws KvException {@link KvError#NO_SUCH_KEY} when the key is missing.
     */
    StreamFullInfo xinfoStreamFull(byte[] key, long count);

    // ------------------------------------------------------------------------------------------------ groups

    /**
     * {@code XGROUP CREATE key group id|$ [MKSTREAM] [ENTRIESREAD n]}: creates a consumer group whose last delivered
     * ID is {@code id}. O(1).
     *
     * @param key the key.
     * @param group the group's name.
     * @param id the last delivered ID, or null for {@code $} (the stream's last generated ID, 0-0 for a new stream).
     * @param mkStream create an empty stream when the key is missing.
     * @param entriesRead the group's read counter, -1 when unknown (Redis's default).
     * @throws KvException {@link KvError#XGROUP_KEY_MISSING} when the key is missing without MKSTREAM,
     *     {@link KvError#STREAM_BUSYGROUP} when the group exists, {@link KvError#XGROUP_ENTRIES_READ} below -1.
     */
    void xgroupCreate(byte[] key, byte[] group, StreamId id, boolean mkStream, long entriesRead);

    /**
     * {@code XGROUP SETID key group id|$ [ENTRIESREAD n]}: moves the group's last delivered ID. O(1).
     *
     * @param key the key.
     * @param group the group's name.
     * @param id the new last delivered ID, or null for {@code $}.
     * @param entriesRead the new read counter, -1 for unknown (what SETID without ENTRIESREAD sets).
     * @throws KvException {@link KvError#XGROUP_KEY_MISSING}, or NOGROUP ({@link KvError#STREAM_NOGROUP_FOR_KEY}).
     */
    void xgroupSetId(byte[] key, byte[] group, StreamId id, long entriesRead);

    /**
     * {@code XGROUP DESTROY key group}: removes a group, its consumers and its PEL. O(consumers + pending).
     *
     * @param key the key.
     * @param group the group's name.
     * @return true when the group existed.
     * @throws KvException {@link KvError#XGROUP_KEY_MISSING} when the key is missing.
     */
    boolean xgroupDestroy(byte[] key, byte[] group);

    /**
     * {@code XGROUP CREATECONSUMER key group consumer}. O(1).
     *
     * @param key the key.
     * @param group the group's name.
     * @param consumer the consumer's name.
     * @return true when created, false when it existed.
     * @throws KvException {@link KvError#XGROUP_KEY_MISSING}, or NOGROUP ({@link KvError#STREAM_NOGROUP_FOR_KEY}).
     */
    boolean xgroupCreateConsumer(byte[] key, byte[] group, byte[] consumer);

    /**
     * {@code XGROUP DELCONSUMER key group consumer}: removes a consumer; its pending entries leave the group's PEL
     * (they are no longer pending for anyone). O(pending of the consumer).
     *
     * @param key the key.
     * @param group the group's name.
     * @param consumer the consumer's name.
     * @return how many pending entries the consumer had, 0 when it did not exist.
     * @throws KvException {@link KvError#XGROUP_KEY_MISSING}, or NOGROUP ({@link KvError#STREAM_NOGROUP_FOR_KEY}).
     */
    long xgroupDelConsumer(byte[] key, byte[] group, byte[] consumer);

    /**
     * {@code XREADGROUP GROUP group consumer [COUNT count] [NOACK] STREAMS key [key ...] id [id ...]} without BLOCK.
     * The consumer is created (or marked seen) for each stream served. For the ID {@code >} ({@link StreamId#MAX}, as Redis encodes it) the
     * entries after the group's last delivered ID are delivered: the group's position and read counter advance and,
     * unless NOACK, each entry enters the group's and the consumer's PEL (an entry already pending for another
     * consumer moves to this one, its delivery count reset to 1). For any other ID the consumer's own pending entries
     * above it are delivered again (delivery count incremented); an entry deleted from the stream since comes back
     * with null fields.
     *
     * @param group the group's name.
     * @param consumer the consumer's name.
     * @param count the most entries per stream, 0 for all.
     * @param noAck deliver without adding to the PEL.
     * @param keys the keys, each holding the group.
     * @param ids one ID per key.
     * @return the streams served, in key order: every history read, and each {@code >} read that had new entries;
     *     empty when none (Redis replies nil).
     * @throws KvException {@link KvError#XREADGROUP_NOGROUP} for a missing key or group.
     */
    List<StreamEntries> xreadgroup(byte[] group, byte[] consumer, long count, boolean noAck, byte[][] keys,
        StreamId[] ids);

    /**
     * {@code XACK key group id [id ...]}: removes entries from the group's PEL. O(log n) per ID.
     *
     * @param key the key.
     * @param group the group's name.
     * @param ids the IDs.
     * @return how many were pending; 0 when the key or the group is missing.
     */
    long xack(byte[] key, byte[] group, StreamId... ids);

    /**
     * {@code XPENDING key group}: the size and bounds of the group's PEL and each consumer's share.
     *
     * @param key the key.
     * @param group the group's name.
     * @return the summary.
     * @throws KvException NOGROUP ({@link KvError#STREAM_NOGROUP}) for a missing key or group.
     */
    StreamPendingSummary xpending(byte[] key, byte[] group);

    /**
     * {@code XPENDING key group [IDLE min-idle-time] start end count [consumer]}: the pending entries in an
     * inclusive ID range, in ID order.
     *
     * @param key the key.
     * @param group the group's name.
     * @param minIdleMillis only entries idle at least this long; 0 for all.
     * @param start the lowest ID.
     * @param end the highest ID.
     * @param count the most entries.
     * @param consumer only this consumer's entries, or null for the whole group.
     * @return the entries; empty when the consumer does not exist.
     * @throws KvException NOGROUP ({@link KvError#STREAM_NOGROUP}) for a missing key or group.
     */
    List<StreamPendingEntry> xpending(byte[] key, byte[] group, long minIdleMillis, StreamId start, StreamId end,
        long count, byte[] consumer);

    /**
     * {@code XCLAIM key group consumer min-idle-time id [id ...] [IDLE ms] [TIME ms] [RETRYCOUNT n] [FORCE] [JUSTID]
     * [LASTID id]}: gives pending entries idle at least {@code minIdleMillis} to a consumer (created when it claims
     * something). A pending ID whose entry was deleted from the stream leaves the PEL and is not returned.
     *
     * @param key the key.
     * @param group the group's name.
     * @param consumer the new owner.
     * @param minIdleMillis only entries idle at least this long; 0 for all.
     * @param ids the IDs.
     * @param args the options.
     * @return the entries claimed, in argument order; with JUSTID their fields are null.
     * @throws KvException NOGROUP ({@link KvError#STREAM_NOGROUP}) for a missing key or group.
     */
    List<StreamEntry> xclaim(byte[] key, byte[] group, byte[] consumer, long minIdleMillis, StreamId[] ids,
        XClaimArgs args);

    /**
     * {@code XAUTOCLAIM key group consumer min-idle-time start [COUNT count] [JUSTID]}: scans the group's PEL from
     * {@code start} and claims up to {@code count} entries idle at least {@code minIdleMillis} (looking at no more
     * than {@code 10 * count} entries). Pending IDs whose entries were deleted leave the PEL and are reported.
     *
     * @param key the key.
     * @param group the group's name.
     * @param consumer the new owner (created when it claims something).
     * @param minIdleMillis only entries idle at least this long; 0 for all.
     * @param start the lowest ID to look at.
     * @param count the most entries to claim (deleted IDs count too), at least 1.
     * @param justId return IDs only and leave the delivery counts alone.
     * @return the cursor, the claimed entries and the deleted IDs.
     * @throws KvException NOGROUP ({@link KvError#STREAM_NOGROUP}) for a missing key or group.
     */
    StreamAutoClaim xautoclaim(byte[] key, byte[] group, byte[] consumer, long minIdleMillis, StreamId start,
        long count, boolean justId);

    /**
     * {@code XINFO GROUPS key}.
     *
     * @param key the key.
     * @return the groups, in name order (bytewise).
     * @throws KvException {@link KvError#NO_SUCH_KEY} when the key is missing.
     */
    List<StreamGroupInfo> xinfoGroups(byte[] key);

    /**
     * {@code XINFO CONSUMERS key group}.
     *
     * @param key the key.
     * @param group the group's name.
     * @return the consumers, in name order (bytewise).
     * @throws KvException {@link KvError#NO_SUCH_KEY} when the key is missing, NOGROUP
     *     ({@link KvError#STREAM_NOGROUP_FOR_KEY}) when the group is.
     */
    List<StreamConsumerInfo> xinfoConsumers(byte[] key, byte[] group);
}
