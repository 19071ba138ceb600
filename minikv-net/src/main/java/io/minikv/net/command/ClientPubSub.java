package io.minikv.net.command;

import io.minikv.engine.pubsub.PubSubRegistry;
import io.minikv.engine.pubsub.Subscriber;
import io.minikv.net.resp.ReplyWriter;
import org.jctools.queues.MpscUnboundedArrayQueue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client's pub/sub state, as Redis's {@code c->pubsub_channels}, {@code c->pubsub_patterns} and
 * {@code c->pubsub_shard_channels}, and the {@link Subscriber} through which publishers on any thread reach it.
 * <p>
 * <b>Delivery.</b> A publisher (another event loop, the application) never touches this client's reply buffer: it
 * queues the message in an MPSC queue and, when no write is pending yet, asks the client's own event loop to write
 * the queue ({@link ClientControl#writePushes()}). The loop also writes the queue before each command of the client,
 * so a message published before a command ran precedes that command's reply, as in single-threaded Redis. One
 * publisher's messages are queued, and so written, in its publish order.
 * <p>
 * <b>Bound.</b> The bytes queued and not yet written are counted. When they pass the server's pub/sub output limit
 * (Redis's hard {@code client-output-buffer-limit pubsub}, 32 MB), the client is marked overflowed: further messages
 * are dropped and its loop closes the connection, as Redis disconnects it. Written messages count against the same
 * limits through the reply buffer ({@link #withinLimits}, checked after each write: the hard limit, and the soft
 * limit held for its seconds), so a subscriber that stops reading holds at most about twice the hard limit.
 * <p>
 * The sets and the replies belong to the client's event loop thread; {@link #deliver} and the counts read by CLIENT
 * LIST are thread-safe.
 */
public final class ClientPubSub implements Subscriber {
    private static final byte[] MESSAGE = ascii("*3\r\n$7\r\nmessage\r\n");
    private static final byte[] PMESSAGE = ascii("*4\r\n$8\r\npmessage\r\n");
    private static final byte[] SMESSAGE = ascii("*3\r\n$8\r\nsmessage\r\n");
    /** The kind of a queued {@link #pushLine} line, next to the {@link Subscriber} kinds. */
    private static final int LINE = -1;
    private static final byte[] NO_BYTES = new byte[0];
    /** Bytes counted per queued message on top of channel, pattern and payload: the RESP framing and the node. */
    private static final int OVERHEAD = 64;

    /** Which set a subscription command works on. */
    enum Kind {
        CHANNEL("subscribe", "unsubscribe"), PATTERN("psubscribe", "punsubscribe"),
        SHARD("ssubscribe", "sunsubscribe");

        private final byte[] subscribeHeader;
        private final byte[] unsubscribeHeader;

        Kind(final String subscribe, final String unsubscribe) {
            this.subscribeHeader = header(subscribe);
            this.unsubscribeHeader = header(unsubscribe);
        }

        private static byte[] header(final String name) {
            return ascii("*3\r\n$" + name.length() + "\r\n" + name + "\r\n");
        }
    }

    private final ServerContext server;
    private final ClientControl control;
    private final PubSubRegistry registry;
    private final Set<Name> channels = new LinkedHashSet<>();
    private final Set<Name> patterns = new LinkedHashSet<>();
    private final Set<Name> shardChannels = new LinkedHashSet<>();
    private final MpscUnboundedArrayQueue<Push> queue = new MpscUnboundedArrayQueue<>(64);
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean overflowed;
    /** When the unsent output was first seen over the soft limit, 0 while under it; event loop only. */
    private long softLimitSince;
    /** Set sizes, published for CLIENT LIST and INFO on other threads. */
    private volatile int channelCount;
    private volatile int patternCount;
    private volatile int shardCount;

    ClientPubSub(final ServerContext server, final ClientControl control) {
        this.server = server;
        this.control = control;
        this.registry = server.pubsub();
    }

    // ------------------------------------------------------------------------------------------ any thread

    @Override
    public void deliver(final int kind, final byte[] pattern, final byte[] channel, final byte[] message) {
        offer(kind, pattern, channel, message);
    }

    /**
     * Queues a line written as it is: a MONITOR line ({@link Monitors}), under the same bound as messages.
     *
     * @param line the RESP bytes.
     */
    void pushLine(final byte[] line) {
        offer(LINE, null, NO_BYTES, line);
    }

    private void offer(final int kind, final byte[] pattern, final byte[] channel, final byte[] message) {
        if (overflowed) {
            return;
        }
        final long size = OVERHEAD + channel.length + message.length + (pattern == null ? 0 : pattern.length);
        if (queuedBytes.addAndGet(size) > server.pubsubOutputLimit()) {
            // Redis frees a pub/sub client past its hard limit; the message is dropped, the receiver still counted.
            overflowed = true;
        } else {
            queue.offer(new Push(kind, pattern, channel, message, size));
        }
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            control.writePushes();
        }
    }

    /** @return the channels subscribed to (CLIENT LIST {@code sub}). */
    public int channelCount() {
        return channelCount;
    }

    /** @return the patterns subscribed to (CLIENT LIST {@code psub}). */
    public int patternCount() {
        return patternCount;
    }

    /** @return the shard channels subscribed to (CLIENT LIST {@code ssub}). */
    public int shardCount() {
        return shardCount;
    }

    // ------------------------------------------------------------------------------------------ event loop

    /**
     * Writes every queued message to the reply buffer. Called on the client's event loop.
     *
     * @param reply the client's reply writer.
     * @return false when the client overflowed its limit and must be disconnected.
     * @throws ReplyWriter.OutputLimitExceeded when the reply buffer passes its own limit.
     */
    public boolean writeQueued(final ReplyWriter reply) {
        // Cleared before polling: a message queued after the last poll schedules a new write.
        scheduled.set(false);
        Push p;
        while ((p = queue.poll()) != null) {
            queuedBytes.addAndGet(-p.size);
            if (p.kind == LINE) {
                reply.raw(p.message);
                continue;
            }
            if (p.kind == Subscriber.MESSAGE) {
                reply.raw(MESSAGE);
            } else if (p.kind == Subscriber.PMESSAGE) {
                reply.raw(PMESSAGE);
                reply.bulk(p.pattern);
            } else {
                reply.raw(SMESSAGE);
            }
            reply.bulk(p.channel);
            reply.bulk(p.message);
        }
        return !overflowed;
    }

    /**
     * Checks the client's unsent output against the pubsub output-buffer limits. Called on the event loop after
     * messages were written.
     *
     * @param pending the reply buffer's unsent bytes.
     * @param nowMillis the current time.
     * @return false when the client must be disconnected.
     */
    public boolean withinLimits(final long pending, final long nowMillis) {
        final long since = server.outputBufferLimits().checkPubsub(pending, softLimitSince, nowMillis);
        if (since < 0) {
            return false;
        }
        softLimitSince = since;
        return true;
    }

    /** @return whether messages wait to be written. */
    public boolean hasQueued() {
        return !queue.isEmpty() || overflowed;
    }

    /** @return the subscriptions that count for SUBSCRIBE/UNSUBSCRIBE replies: channels and patterns. */
    int count() {
        return channels.size() + patterns.size();
    }

    /** @return whether the client is in subscribed mode (any kind of subscription), Redis's CLIENT_PUBSUB. */
    boolean subscribed() {
        // The published counts: CLIENT LIST asks from other threads; on the loop they equal the sets' sizes.
        return channelCount + patternCount + shardCount > 0;
    }

    /**
     * Subscribes to one channel, pattern or shard channel and writes the confirmation.
     *
     * @param kind which set.
     * @param name the channel or pattern.
     * @param reply the reply writer.
     */
    void subscribe(final Kind kind, final byte[] name, final ReplyWriter reply) {
        final Name key = new Name(name);
        if (set(kind).add(key)) {
            switch (kind) {
                case CHANNEL -> registry.subscribe(name, this);
                case PATTERN -> registry.psubscribe(name, this);
                default -> registry.ssubscribe(name, this);
            }
            publishCounts();
        }
        confirm(kind.subscribeHeader, name, kind, reply);
    }

    /**
     * Unsubscribes from one channel, pattern or shard channel (subscribed or not) and writes the confirmation.
     *
     * @param kind which set.
     * @param name the channel or pattern.
     * @param reply the reply writer.
     */
    void unsubscribe(final Kind kind, final byte[] name, final ReplyWriter reply) {
        remove(kind, new Name(name));
        confirm(kind.unsubscribeHeader, name, kind, reply);
    }

    /**
     * Unsubscribes from every channel (pattern, shard channel) of a kind, one confirmation each, or the
     * {@code *3 unsubscribe $-1 :count} reply when there was none.
     *
     * @param kind which set.
     * @param reply the reply writer, or null for no replies (RESET, connection close).
     */
    void unsubscribeAll(final Kind kind, final ReplyWriter reply) {
        final Set<Name> set = set(kind);
        if (set.isEmpty()) {
            if (reply != null) {
                reply.raw(kind.unsubscribeHeader);
                reply.nullBulk();
                reply.integer(kind == Kind.SHARD ? shardChannels.size() : count());
            }
            return;
        }
        for (final Name name : set.toArray(new Name[0])) {
            remove(kind, name);
            if (reply != null) {
                confirm(kind.unsubscribeHeader, name.bytes, kind, reply);
            }
        }
    }

    /**
     * Returns whether a subscription is outside a user's channel patterns, as Redis's
     * {@code ACLKillPubsubClientsIfNeeded} decides: a pattern must equal an allowed pattern, a channel or shard
     * channel must match one. Call on the client's event loop thread.
     *
     * @param allowed the channel patterns the user keeps.
     * @return true when some subscription is no longer allowed.
     */
    boolean violates(final java.util.List<String> allowed) {
        for (final Name p : patterns) {
            if (!AclSelector.matchesChannel(allowed, p.bytes, true)) {
                return true;
            }
        }
        for (final Set<Name> set : java.util.List.of(channels, shardChannels)) {
            for (final Name c : set) {
                if (!AclSelector.matchesChannel(allowed, c.bytes, false)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Drops every subscription without replies: RESET and connection close. */
    void clear() {
        unsubscribeAll(Kind.CHANNEL, null);
        unsubscribeAll(Kind.PATTERN, null);
        unsubscribeAll(Kind.SHARD, null);
        // Polled one by one (not reset) so that the count stays exact while publishers keep adding.
        Push p;
        while ((p = queue.poll()) != null) {
            queuedBytes.addAndGet(-p.size);
        }
    }

    private void remove(final Kind kind, final Name name) {
        if (set(kind).remove(name)) {
            switch (kind) {
                case CHANNEL -> registry.unsubscribe(name.bytes, this);
                case PATTERN -> registry.punsubscribe(name.bytes, this);
                default -> registry.sunsubscribe(name.bytes, this);
            }
            publishCounts();
        }
    }

    private void confirm(final byte[] header, final byte[] name, final Kind kind, final ReplyWriter reply) {
        reply.raw(header);
        reply.bulk(name);
        // Shard subscriptions are counted apart, as Redis 7.0 does.
        reply.integer(kind == Kind.SHARD ? shardChannels.size() : count());
    }

    private Set<Name> set(final Kind kind) {
        return switch (kind) {
            case CHANNEL -> channels;
            case PATTERN -> patterns;
            default -> shardChannels;
        };
    }

    private void publishCounts() {
        channelCount = channels.size();
        patternCount = patterns.size();
        shardCount = shardChannels.size();
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** One queued message. */
    private record Push(int kind, byte[] pattern, byte[] channel, byte[] message, long size) {
    }

    /** A channel or pattern as a set member: byte content equality. */
    private record Name(byte[] bytes) {
        @Override
        public boolean equals(final Object o) {
            return o instanceof Name other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
