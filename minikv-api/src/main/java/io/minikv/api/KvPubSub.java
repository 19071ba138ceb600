package io.minikv.api;

import java.util.concurrent.Executor;

/**
 * Pub/sub, as Redis's PUBLISH, SUBSCRIBE and PSUBSCRIBE: channels are not keys, belong to no database, and are
 * shared with the clients of a {@code MiniKvServer} serving the store, so an application and RESP clients see each
 * other's messages. Messages are not stored: a message published while nobody subscribes is lost.
 * <p>
 * <b>Delivery.</b> {@link #publish} hands the message to every matching subscription and returns at once: it never
 * waits for a listener or a slow client. Each subscription receives messages in publish order per publishing thread
 * (or connection); its listener runs on the subscription's {@link Executor} ({@link #DEFAULT_EXECUTOR} unless given),
 * one call at a time, never under a store lock.
 * <p>
 * <b>Memory.</b> A subscription whose undelivered messages pass {@link #MAX_PENDING_BYTES} is closed (see
 * {@link Subscription}), so a stuck listener cannot make the store grow without bound.
 * <p>
 * Thread-safe. Arrays must not be null.
 */
public interface KvPubSub {
    /**
     * The most bytes of messages (channel, pattern and payload) a subscription may have waiting for its listener
     * before the store closes it: 32 MiB, Redis's hard {@code client-output-buffer-limit} for pub/sub clients.
     */
    long MAX_PENDING_BYTES = 32L * 1024 * 1024;

    /** The executor listeners run on when none is given: the common fork-join pool, as Caffeine's default. */
    Executor DEFAULT_EXECUTOR = java.util.concurrent.ForkJoinPool.commonPool();

    /**
     * {@code PUBLISH}: sends a message to the subscribers of a channel and of the patterns matching it.
     *
     * @param channel the channel; any bytes.
     * @param message the message; the array is shared with the receivers and must not be modified afterwards.
     * @return the number of receivers, as Redis counts them: one per channel subscription plus one per matching
     *     pattern subscription (a client subscribed to both the channel and a matching pattern counts twice),
     *     server clients and application subscriptions alike. O(N + M) for N channel subscribers and M patterns.
     */
    long publish(byte[] channel, byte[] message);

    /**
     * {@code SUBSCRIBE}: calls {@code listener} for every message published to {@code channel} until the returned
     * subscription is closed. Each call creates an independent subscription, counted by {@code PUBSUB NUMSUB} as one
     * subscriber.
     *
     * @param channel the channel.
     * @param listener the listener, run on {@link #DEFAULT_EXECUTOR}.
     * @return the open subscription.
     * @throws IllegalStateException when the store is closed.
     */
    default Subscription subscribe(final byte[] channel, final MessageListener listener) {
        return subscribe(channel, listener, DEFAULT_EXECUTOR);
    }

    /**
     * {@code SUBSCRIBE} with the executor the listener runs on.
     *
     * @param channel the channel.
     * @param listener the listener.
     * @param executor where the listener runs; one task at a time per subscription. A task the executor rejects
     *     closes the subscription.
     * @return the open subscription.
     * @throws IllegalStateException when the store is closed.
     */
    Subscription subscribe(byte[] channel, MessageListener listener, Executor executor);

    /**
     * {@code PSUBSCRIBE}: calls {@code listener} for every message published to a channel matching the glob-style
     * {@code pattern} ({@code *}, {@code ?}, {@code [a-z]}, {@code [^a]}, {@code \} escapes, as KEYS) until the
     * returned subscription is closed.
     *
     * @param pattern the pattern.
     * @param listener the listener, run on {@link #DEFAULT_EXECUTOR}.
     * @return the open subscription.
     * @throws IllegalStateException when the store is closed.
     */
    default Subscription psubscribe(final byte[] pattern, final PatternListener listener) {
        return psubscribe(pattern, listener, DEFAULT_EXECUTOR);
    }

    /**
     * {@code PSUBSCRIBE} with the executor the listener runs on.
     *
     * @param pattern the pattern.
     * @param listener the listener.
     * @param executor where the listener runs; one task at a time per subscription.
     * @return the open subscription.
     * @throws IllegalStateException when the store is closed.
     */
    Subscription psubscribe(byte[] pattern, PatternListener listener, Executor executor);
}
