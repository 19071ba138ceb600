package io.minikv.api;

import java.util.List;

/**
 * One consumer group as {@code XINFO STREAM key FULL} reports it, in Redis 7.0's field order.
 *
 * @param name the group's name.
 * @param lastDeliveredId the ID of the last entry delivered to the group.
 * @param entriesRead the logical read counter, null when unknown (see {@link StreamGroupInfo}).
 * @param lag the entries still to read, null when it cannot be computed (see {@link StreamGroupInfo}).
 * @param pelCount the number of pending entries.
 * @param pending the first pending entries (up to the COUNT asked), in ID order.
 * @param consumers the consumers, in name order (bytewise).
 */
public record StreamGroupDetail(byte[] name, StreamId lastDeliveredId, Long entriesRead, Long lag, long pelCount,
    List<StreamPendingEntry> pending, List<StreamConsumerDetail> consumers) {
}
