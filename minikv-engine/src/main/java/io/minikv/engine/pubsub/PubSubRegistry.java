package io.minikv.engine.pubsub;

import io.minikv.engine.keyspace.GlobMatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The channel registry of one engine, as Redis's {@code server.pubsub_channels}, {@code server.pubsub_patterns} and
 * {@code server.pubsubshard_channels}: which {@link Subscriber}s listen to which channels, patterns and shard
 * channels. The engine owns it, so server clients and the application's subscriptions see each other's messages.
 * <p>
 * <b>Concurrency.</b> Publishing is lock-free: each channel maps to an immutable array of subscribers, and the
 * patterns are one immutable array, both replaced on every change (copy on write). Changes are serialized on the
 * registry's monitor; they are rare next to publishes. A publish racing with a subscribe may or may not reach the new
 * subscriber, as in Redis a publish either precedes or follows a subscribe.
 * <p>
 * Patterns use the KEYS/SCAN glob rules ({@link GlobMatcher}). Thread-safe.
 */
public final class PubSubRegistry {
    private static final Subscriber[] NONE = new Subscriber[0];
    private static final Pattern[] NO_PATTERNS = new Pattern[0];

    private final Map<Channel, Subscriber[]> channels = new ConcurrentHashMap<>();
    private final Map<Channel, Subscriber[]> shardChannels = new ConcurrentHashMap<>();
    /** Every pattern with at least one subscriber, in order of first subscription; replaced on change. */
    private volatile Pattern[] patterns = NO_PATTERNS;
    private volatile boolean closed;

    /**
     * {@code PUBLISH}: delivers to the channel's subscribers, then to each matching pattern's.
     *
     * @param channel the channel.
     * @param message the message, shared with every receiver.
     * @return the number of deliveries (Redis's receiver count).
     */
    public long publish(final byte[] channel, final byte[] message) {
        long receivers = 0;
        final Subscriber[] direct = channels.get(new Channel(channel));
        if (direct != null) {
            for (final Subscriber s : direct) {
                s.deliver(Subscriber.MESSAGE, null, channel, message);
            }
            receivers += direct.length;
        }
        for (final Pattern p : patterns) {
            if (GlobMatcher.matches(p.pattern, channel)) {
                for (final Subscriber s : p.subscribers) {
                    s.deliver(Subscriber.PMESSAGE, p.pattern, channel, message);
                }
                receivers += p.subscribers.length;
            }
        }
        return receivers;
    }

    /**
     * {@code SPUBLISH}: delivers to the shard channel's subscribers (no patterns, as Redis).
     *
     * @param channel the shard channel.
     * @param message the message.
     * @return the number of receivers.
     */
    public long spublish(final byte[] channel, final byte[] message) {
        final Subscriber[] direct = shardChannels.get(new Channel(channel));
        if (direct == null) {
            return 0;
        }
        for (final Subscriber s : direct) {
            s.deliver(Subscriber.SMESSAGE, null, channel, message);
        }
        return direct.length;
    }

    /**
     * Adds a subscriber to a channel.
     *
     * @param channel the channel.
     * @param subscriber the subscriber.
     * @return true when added, false when it already was subscribed.
     */
    public boolean subscribe(final byte[] channel, final Subscriber subscriber) {
        return add(channels, channel, subscriber);
    }

    /**
     * Removes a subscriber from a channel; the channel disappears with its last subscriber.
     *
     * @param channel the channel.
     * @param subscriber the subscriber.
     * @return true when removed, false when it was not subscribed.
     */
    public boolean unsubscribe(final byte[] channel, final Subscriber subscriber) {
        return remove(channels, channel, subscriber);
    }

    /**
     * Adds a subscriber to a shard channel.
     *
     * @param channel the shard channel.
     * @param subscriber the subscriber.
     * @return true when added.
     */
    public boolean ssubscribe(final byte[] channel, final Subscriber subscriber) {
        return add(shardChannels, channel, subscriber);
    }

    /**
     * Removes a subscriber from a shard channel.
     *
     * @param channel the shard channel.
     * @param subscriber the subscriber.
     * @return true when removed.
     */
    public boolean sunsubscribe(final byte[] channel, final Subscriber subscriber) {
        return remove(shardChannels, channel, subscriber);
    }

    /**
     * Adds a subscriber to a pattern.
     *
     * @param pattern the glob pattern.
     * @param subscriber the subscriber.
     * @return true when added, false when it already was subscribed.
     */
    public synchronized boolean psubscribe(final byte[] pattern, final Subscriber subscriber) {
        if (closed) {
            return false;
        }
        final Pattern[] current = patterns;
        for (int i = 0; i < current.length; i++) {
            if (Arrays.equals(current[i].pattern, pattern)) {
                if (indexOf(current[i].subscribers, subscriber) >= 0) {
                    return false;
                }
                final Pattern[] next = current.clone();
                next[i] = new Pattern(current[i].pattern, append(current[i].subscribers, subscriber));
                patterns = next;
                return true;
            }
        }
        final Pattern[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = new Pattern(pattern.clone(), new Subscriber[] {subscriber});
        patterns = next;
        return true;
    }

    /**
     * Removes a subscriber from a pattern; the pattern disappears with its last subscriber.
     *
     * @param pattern the pattern.
     * @param subscriber the subscriber.
     * @return true when removed.
     */
    public synchronized boolean punsubscribe(final byte[] pattern, final Subscriber subscriber) {
        final Pattern[] current = patterns;
        for (int i = 0; i < current.length; i++) {
            if (Arrays.equals(current[i].pattern, pattern)) {
                final int at = indexOf(current[i].subscribers, subscriber);
                if (at < 0) {
                    return false;
                }
                final Subscriber[] rest = without(current[i].subscribers, at);
                if (rest.length > 0) {
                    final Pattern[] next = current.clone();
                    next[i] = new Pattern(current[i].pattern, rest);
                    patterns = next;
                } else {
                    final Pattern[] next = new Pattern[current.length - 1];
                    System.arraycopy(current, 0, next, 0, i);
                    System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                    patterns = next;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * {@code PUBSUB CHANNELS}: the channels with at least one subscriber.
     *
     * @param pattern a glob the channels must match, or null for all.
     * @return the channels, in no particular order (as Redis).
     */
    public List<byte[]> channels(final byte[] pattern) {
        return list(channels, pattern);
    }

    /**
     * {@code PUBSUB SHARDCHANNELS}: the shard channels with at least one subscriber.
     *
     * @param pattern a glob the channels must match, or null for all.
     * @return the shard channels.
     */
    public List<byte[]> shardChannels(final byte[] pattern) {
        return list(shardChannels, pattern);
    }

    /**
     * {@code PUBSUB NUMSUB}: the subscribers of one channel, pattern subscriptions excluded.
     *
     * @param channel the channel.
     * @return the count.
     */
    public int numsub(final byte[] channel) {
        final Subscriber[] s = channels.get(new Channel(channel));
        return s == null ? 0 : s.length;
    }

    /**
     * {@code PUBSUB SHARDNUMSUB}: the subscribers of one shard channel.
     *
     * @param channel the shard channel.
     * @return the count.
     */
    public int shardNumsub(final byte[] channel) {
        final Subscriber[] s = shardChannels.get(new Channel(channel));
        return s == null ? 0 : s.length;
    }

    /**
     * {@code PUBSUB NUMPAT}: the distinct patterns with at least one subscriber.
     *
     * @return the count.
     */
    public int numpat() {
        return patterns.length;
    }

    /** Drops every subscription: the engine closed. Later changes and publishes find nothing. */
    public synchronized void close() {
        closed = true;
        channels.clear();
        shardChannels.clear();
        patterns = NO_PATTERNS;
    }

    /** @return whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /** @return the channels with subscribers, INFO's {@code pubsub_channels}. */
    public int channelCount() {
        return channels.size();
    }

    /** @return the shard channels with subscribers, INFO's {@code pubsubshard_channels}. */
    public int shardChannelCount() {
        return shardChannels.size();
    }

    // ------------------------------------------------------------------------------------------------ internals

    private synchronized boolean add(final Map<Channel, Subscriber[]> map, final byte[] channel,
        final Subscriber subscriber) {
        if (closed) {
            return false;
        }
        final Channel key = new Channel(channel.clone());
        final Subscriber[] current = map.getOrDefault(key, NONE);
        if (indexOf(current, subscriber) >= 0) {
            return false;
        }
        map.put(key, append(current, subscriber));
        return true;
    }

    private synchronized boolean remove(final Map<Channel, Subscriber[]> map, final byte[] channel,
        final Subscriber subscriber) {
        final Channel key = new Channel(channel);
        final Subscriber[] current = map.get(key);
        final int at = current == null ? -1 : indexOf(current, subscriber);
        if (at < 0) {
            return false;
        }
        if (current.length == 1) {
            map.remove(key);
        } else {
            map.put(key, without(current, at));
        }
        return true;
    }

    private static List<byte[]> list(final Map<Channel, Subscriber[]> map, final byte[] pattern) {
        final List<byte[]> out = new ArrayList<>();
        for (final Channel c : map.keySet()) {
            if (pattern == null || GlobMatcher.matches(pattern, c.bytes)) {
                out.add(c.bytes);
            }
        }
        return out;
    }

    private static int indexOf(final Subscriber[] subscribers, final Subscriber subscriber) {
        for (int i = 0; i < subscribers.length; i++) {
            if (subscribers[i] == subscriber) {
                return i;
            }
        }
        return -1;
    }

    private static Subscriber[] append(final Subscriber[] subscribers, final Subscriber subscriber) {
        final Subscriber[] next = Arrays.copyOf(subscribers, subscribers.length + 1);
        next[subscribers.length] = subscriber;
        return next;
    }

    private static Subscriber[] without(final Subscriber[] subscribers, final int at) {
        final Subscriber[] next = new Subscriber[subscribers.length - 1];
        System.arraycopy(subscribers, 0, next, 0, at);
        System.arraycopy(subscribers, at + 1, next, at, subscribers.length - at - 1);
        return next;
    }

    /** A channel name as a map key: byte content equality. */
    private static final class Channel {
        private final byte[] bytes;
        private final int hash;

        Channel(final byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(final Object o) {
            return o instanceof Channel other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** A pattern and its subscribers; immutable. */
    private record Pattern(byte[] pattern, Subscriber[] subscribers) {
    }
}
