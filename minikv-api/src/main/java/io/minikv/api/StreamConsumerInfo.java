package io.minikv.api;

/**
 * One consumer of a group as {@code XINFO CONSUMERS} reports it (Redis 7.0: name, pending, idle).
 *
 * @param name the consumer's name.
 * @param pending how many entries it was delivered and has not acknowledged.
 * @param idleMillis the milliseconds since it last read, claimed or was created, by the store's clock.
 */
public record StreamConsumerInfo(byte[] name, long pending, long idleMillis) {
}
