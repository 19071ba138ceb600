package io.minikv.engine.pubsub;

import io.minikv.api.KvPubSub;
import io.minikv.api.MessageListener;
import io.minikv.api.PatternListener;
import io.minikv.api.Subscription;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application's subscription: a {@link Subscriber} that queues each delivery and runs the listener on its
 * executor, one drain task at a time, so publishers (server event loops included) never run application code.
 * <p>
 * <b>Ordering.</b> Deliveries are queued in a FIFO; a publishing thread's messages are queued in its publish order,
 * and at most one drain task runs at a time ({@link #scheduled}), so the listener sees them in that order and never
 * concurrently.
 * <p>
 * <b>Bound.</b> The bytes queued and not yet handed to the listener are counted; past
 * {@link KvPubSub#MAX_PENDING_BYTES} the subscription closes itself and drops its queue, as Redis disconnects a
 * subscriber past its output-buffer limit.
 * <p>
 * Thread-safe.
 */
public final class ListenerSubscription implements Subscriber, Subscription {
    private static final Logger LOG = System.getLogger(ListenerSubscription.class.getName());
    /** Deliveries handed to the listener per drain task, so one busy subscription cannot hog a shared pool. */
    private static final int BATCH = 256;
    /** Bytes counted per delivery on top of the arrays, for the queue node and the delivery record. */
    private static final int OVERHEAD = 64;

    private final PubSubRegistry registry;
    private final byte[] name;
    private final boolean pattern;
    private final MessageListener listener;
    private final PatternListener patternListener;
    private final Executor executor;
    private final long maxPendingBytes;
    private final Queue<Delivery> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;
    private volatile boolean open = true;

    private ListenerSubscription(final PubSubRegistry registry, final byte[] name, final MessageListener listener,
        final PatternListener patternListener, final Executor executor, final long maxPendingBytes) {
        this.registry = registry;
        this.name = name.clone();
        this.pattern = patternListener != null;
        this.listener = listener;
        this.patternListener = patternListener;
        this.executor = executor;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Subscribes a listener to a channel.
     *
     * @param registry the registry.
     * @param channel the channel.
     * @param listener the listener.
     * @param executor where the listener runs.
     * @param maxPendingBytes the queue bound.
     * @return the open subscription.
     */
    public static Subscription channel(final PubSubRegistry registry, final byte[] channel,
        final MessageListener listener, final Executor executor, final long maxPendingBytes) {
        final ListenerSubscription s = new ListenerSubscription(registry, channel, listener, null, executor,
            maxPendingBytes);
        registry.subscribe(s.name, s);
        return s;
    }

    /**
     * Subscribes a listener to a pattern.
     *
     * @param registry the registry.
     * @param pattern the glob pattern.
     * @param listener the listener.
     * @param executor where the listener runs.
     * @param maxPendingBytes the queue bound.
     * @return the open subscription.
     */
    public static Subscription pattern(final PubSubRegistry registry, final byte[] pattern,
        final PatternListener listener, final Executor executor, final long maxPendingBytes) {
        final ListenerSubscription s = new ListenerSubscription(registry, pattern, null, listener, executor,
            maxPendingBytes);
        registry.psubscribe(s.name, s);
        return s;
    }

    @Override
    public void deliver(final int kind, final byte[] matched, final byte[] channel, final byte[] message) {
        if (!open) {
            return;
        }
        final long size = OVERHEAD + channel.length + message.length;
        if (pendingBytes.addAndGet(size) > maxPendingBytes) {
            LOG.log(Level.WARNING, "closing a subscription whose listener fell more than " + maxPendingBytes
                + " bytes behind");
            close();
            return;
        }
        queue.offer(new Delivery(channel, message, size));
        schedule();
    }

    private void schedule() {
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(drain);
            } catch (final RejectedExecutionException e) {
                LOG.log(Level.WARNING, "closing a subscription whose executor rejected its task", e);
                scheduled.set(false);
                close();
            }
        }
    }

    /** Runs the listener for up to {@link #BATCH} queued deliveries, then reschedules itself if more arrived. */
    private void drain() {
        try {
            for (int i = 0; i < BATCH && open; i++) {
                final Delivery d = queue.poll();
                if (d == null) {
                    break;
                }
                pendingBytes.addAndGet(-d.size);
                call(d);
            }
        } finally {
            scheduled.set(false);
        }
        // A delivery queued after the last poll but before the flag was cleared found the flag set and did not
        // schedule: look again.
        if (open && !queue.isEmpty()) {
            schedule();
        }
    }

    private void call(final Delivery d) {
        try {
            if (pattern) {
                patternListener.onMessage(name, d.channel, d.message);
            } else {
                listener.onMessage(d.channel, d.message);
            }
        } catch (final RuntimeException e) {
            LOG.log(Level.WARNING, "pub/sub listener failed", e);
        }
    }

    @Override
    public boolean isOpen() {
        return open && !registry.isClosed();
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        if (pattern) {
            registry.punsubscribe(name, this);
        } else {
            registry.unsubscribe(name, this);
        }
        queue.clear();
        pendingBytes.set(0);
    }

    /** One queued message. */
    private record Delivery(byte[] channel, byte[] message, long size) {
    }
}
