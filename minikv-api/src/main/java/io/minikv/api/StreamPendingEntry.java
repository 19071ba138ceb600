package io.minikv.api;

/**
 * One entry of a consumer group's pending entries list (PEL): delivered to a consumer, not yet acknowledged.
 *
 * @param id the entry's ID.
 * @param consumer the consumer that owns it.
 * @param idleMillis the milliseconds since it was last delivered, by the store's clock (XPENDING).
 * @param deliveryTimeMillis when it was last delivered, Unix milliseconds of the store's clock (XINFO STREAM FULL).
 * @param deliveryCount how many times it was delivered.
 */
public record StreamPendingEntry(StreamId id, byte[] consumer, long idleMillis, long deliveryTimeMillis,
    long deliveryCount) {
}
