package io.minikv.api;

/**
 * Receives the messages published to a channel an application subscribed to with
 * {@link KvPubSub#subscribe(byte[], MessageListener)}: what a Redis client reads as a {@code message} push.
 * <p>
 * <b>Threading.</b> Called on the subscription's executor, never while the store holds a lock: a listener may call
 * the store, publish, or close its own subscription. Calls for one subscription never overlap and come in publish
 * order per publisher. With the default executor the listener never runs on the publishing thread; an executor that
 * runs tasks in the caller ({@code Runnable::run}) would run it on publishers' threads, server event loops included,
 * where a slow listener stalls every client of that loop.
 * <p>
 * <b>Exceptions.</b> An exception thrown by the listener is logged and the subscription stays open.
 */
@FunctionalInterface
public interface MessageListener {
    /**
     * Handles one message.
     *
     * @param channel the channel it was published to; the listener may keep the array, which is not reused.
     * @param message the message; shared by every receiver of the publish, so it must not be modified.
     */
    void onMessage(byte[] channel, byte[] message);
}
