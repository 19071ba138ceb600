package io.minikv.api;

/**
 * Receives the messages published to the channels matching a pattern an application subscribed to with
 * {@link KvPubSub#psubscribe(byte[], PatternListener)}: what a Redis client reads as a {@code pmessage} push.
 * <p>
 * <b>Threading and exceptions</b> as {@link MessageListener}: called on the subscription's executor, never under a
 * store lock, one call at a time per subscription, in publish order per publisher; exceptions are logged.
 */
@FunctionalInterface
public interface PatternListener {
    /**
     * Handles one message.
     *
     * @param pattern the pattern subscribed to.
     * @param channel the channel the message was published to.
     * @param message the message; shared by every receiver of the publish, so it must not be modified.
     */
    void onMessage(byte[] pattern, byte[] channel, byte[] message);
}
