package io.minikv.net.command;

import java.util.Locale;

/**
 * The {@code client-output-buffer-limit} parameter, as Redis's: a hard limit, a soft limit and its seconds for each
 * client class (normal, replica, pubsub). mini-kv enforces the pubsub class's limits on subscribers (see
 * {@link ClientPubSub}); the other values are kept and shown by CONFIG GET so that tools reading them round-trip.
 * Immutable.
 */
final class OutputBufferLimits {
    /** Redis 7's default value. */
    static final OutputBufferLimits DEFAULT = new OutputBufferLimits(new long[] {
        0, 0, 0, 256L * 1024 * 1024, 64L * 1024 * 1024, 60, 32L * 1024 * 1024, 8L * 1024 * 1024, 60});
    private static final int NORMAL = 0;
    private static final int REPLICA = 3;
    private static final int PUBSUB = 6;

    /** hard, soft, soft seconds for normal, replica, pubsub. */
    private final long[] values;

    private OutputBufferLimits(final long[] values) {
        this.values = values;
    }

    /** @return the pubsub class's hard limit in bytes, 0 for none. */
    long pubsubHardBytes() {
        return values[PUBSUB];
    }

    /**
     * Checks a subscriber's pending output against the pubsub class's limits, as Redis's
     * {@code checkClientOutputBufferLimits}: over the hard limit at once, or over the soft limit for longer than its
     * seconds.
     *
     * @param pending the bytes not yet sent.
     * @param softSince when the output was first seen over the soft limit, 0 if it was not.
     * @param nowMillis the current time.
     * @return -1 when the subscriber must be disconnected, otherwise the new {@code softSince}.
     */
    long checkPubsub(final long pending, final long softSince, final long nowMillis) {
        final long hard = values[PUBSUB];
        final long soft = values[PUBSUB + 1];
        if (hard > 0 && pending > hard) {
            return -1;
        }
        if (soft == 0 || pending <= soft) {
            return 0;
        }
        if (softSince == 0) {
            return nowMillis;
        }
        return nowMillis - softSince > values[PUBSUB + 2] * 1000 ? -1 : softSince;
    }

    /**
     * Applies a CONFIG SET value ({@code <class> <hard> <soft> <seconds>}, repeated) to these limits.
     *
     * @param text the value; empty changes nothing, as Redis.
     * @return the new limits, or null with the error reason in {@code error[0]}.
     */
    OutputBufferLimits with(final String text, final String[] error) {
        final String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return this;
        }
        final String[] words = trimmed.split("\\s+");
        if (words.length % 4 != 0) {
            error[0] = "Wrong number of arguments in buffer limit configuration.";
            return null;
        }
        final long[] next = values.clone();
        for (int i = 0; i < words.length; i += 4) {
            final int base;
            switch (words[i].toLowerCase(Locale.ROOT)) {
                case "normal" -> base = NORMAL;
                case "slave", "replica" -> base = REPLICA;
                case "pubsub" -> base = PUBSUB;
                default -> {
                    error[0] = "Invalid client class specified in buffer limit configuration.";
                    return null;
                }
            }
            final long hard = MemorySize.parse(words[i + 1]);
            final long soft = MemorySize.parse(words[i + 2]);
            final long seconds = seconds(words[i + 3]);
            if (hard < 0 || soft < 0 || seconds < 0) {
                error[0] = "Error in hard, soft or soft_seconds setting in buffer limit configuration.";
                return null;
            }
            next[base] = hard;
            next[base + 1] = soft;
            next[base + 2] = seconds;
        }
        return new OutputBufferLimits(next);
    }

    private static long seconds(final String word) {
        try {
            return Long.parseLong(word);
        } catch (final NumberFormatException e) {
            return -1;
        }
    }

    /** @return the value as CONFIG GET shows it. */
    @Override
    public String toString() {
        return "normal " + values[0] + " " + values[1] + " " + values[2]
            + " slave " + values[3] + " " + values[4] + " " + values[5]
            + " pubsub " + values[6] + " " + values[7] + " " + values[8];
    }
}
