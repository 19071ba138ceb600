package io.minikv.engine.pubsub;

/**
 * One subscriber of the {@link PubSubRegistry}: a server client or an application's subscription. The registry
 * calls {@link #deliver} on the publishing thread, for every matching subscription.
 * <p>
 * <b>Contract.</b> {@link #deliver} must be thread-safe, must not block and must not throw: it only queues the
 * message for the subscriber's own thread (an event loop, an executor). Identity is the subscriber object: the
 * registry compares subscribers with {@code ==}.
 */
public interface Subscriber {
    /** A message published to a channel the subscriber subscribed to ({@code message} push). */
    int MESSAGE = 0;
    /** A message published to a channel matching a subscribed pattern ({@code pmessage} push). */
    int PMESSAGE = 1;
    /** A message published to a subscribed shard channel ({@code smessage} push). */
    int SMESSAGE = 2;

    /**
     * Queues one message for the subscriber.
     *
     * @param kind {@link #MESSAGE}, {@link #PMESSAGE} or {@link #SMESSAGE}.
     * @param pattern the matching pattern for {@link #PMESSAGE}, null otherwise.
     * @param channel the channel published to; shared by all receivers, never modified.
     * @param message the message; shared by all receivers, never modified.
     */
    void deliver(int kind, byte[] pattern, byte[] channel, byte[] message);
}
