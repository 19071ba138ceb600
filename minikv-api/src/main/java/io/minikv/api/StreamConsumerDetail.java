package io.minikv.api;

import java.util.List;

/**
 * One consumer as {@code XINFO STREAM key FULL} reports it (Redis 7.0: name, seen-time, pel-count, pending).
 *
 * @param name the consumer's name.
 * @param seenTimeMillis when it last read, claimed or was created, Unix milliseconds of the store's clock.
 * @param pelCount how many entries it holds.
 * @param pending its first pending entries (up to the COUNT asked), in ID order.
 */
public record StreamConsumerDetail(byte[] name, long seenTimeMillis, long pelCount, List<StreamPendingEntry> pending) {
}
