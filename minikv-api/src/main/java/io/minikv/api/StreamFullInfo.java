package io.minikv.api;

import java.util.List;

/**
 * What {@code XINFO STREAM key FULL [COUNT count]} reports: the counters of {@link StreamInfo}, the first entries and
 * every consumer group with its pending entries and consumers.
 *
 * @param info the counters (its first and last entry are those of the plain form).
 * @param entries the first entries, up to the COUNT asked, in ID order.
 * @param groups the consumer groups, in name order (bytewise).
 */
public record StreamFullInfo(StreamInfo info, List<StreamEntry> entries, List<StreamGroupDetail> groups) {
}
