package io.minikv.api;

import java.util.List;

/**
 * What {@code XPENDING key group} reports: the size of the group's pending entries list, its smallest and largest
 * IDs, and how many entries each consumer holds.
 *
 * @param count the number of pending entries.
 * @param smallest the smallest pending ID, null when none.
 * @param largest the largest pending ID, null when none.
 * @param consumers the consumers holding at least one entry, in name order (bytewise).
 */
public record StreamPendingSummary(long count, StreamId smallest, StreamId largest, List<ConsumerCount> consumers) {

    /**
     * One consumer's share of the pending entries.
     *
     * @param name the consumer's name.
     * @param pending how many entries it holds.
     */
    public record ConsumerCount(byte[] name, long pending) {
    }
}
