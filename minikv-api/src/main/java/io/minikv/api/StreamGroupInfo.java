package io.minikv.api;

/**
 * One consumer group as {@code XINFO GROUPS} reports it, in Redis 7.0's field order.
 *
 * @param name the group's name.
 * @param consumers the number of consumers.
 * @param pending the number of entries delivered and not yet acknowledged (the group's PEL).
 * @param lastDeliveredId the ID of the last entry delivered to the group.
 * @param entriesRead the group's logical read counter, null when it is not known (after XGROUP SETID, or when
 *     deletions made it impossible to compute).
 * @param lag how many entries the group has still to read, null when it cannot be computed (the stream has deleted
 *     entries after the group's position); may be negative after an ENTRIESREAD larger than the truth, as in Redis.
 */
public record StreamGroupInfo(byte[] name, long consumers, long pending, StreamId lastDeliveredId, Long entriesRead,
    Long lag) {
}
