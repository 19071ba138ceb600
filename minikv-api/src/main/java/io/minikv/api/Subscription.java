package io.minikv.api;

/**
 * An application's subscription to a channel or a pattern, returned by {@link KvPubSub#subscribe} and
 * {@link KvPubSub#psubscribe}: closing it is the application's UNSUBSCRIBE / PUNSUBSCRIBE.
 * <p>
 * Thread-safe. A subscription whose listener falls behind by more than {@link KvPubSub#MAX_PENDING_BYTES} of
 * undelivered messages is closed by the store, as Redis disconnects a subscriber past its
 * {@code client-output-buffer-limit pubsub}; {@link #isOpen()} then returns false and the undelivered messages are
 * dropped.
 */
public interface Subscription extends AutoCloseable {
    /**
     * Returns whether the subscription still receives messages.
     *
     * @return false after {@link #close()}, after the store closed it for falling behind, or after the store closed.
     */
    boolean isOpen();

    /**
     * Unsubscribes. Messages already queued for the listener are dropped; a listener call that is running finishes.
     * Idempotent.
     */
    @Override
    void close();
}
