package io.minikv.net.command;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One entry of the command table: what Redis's {@code commands/*.json} holds, plus the handler.
 *
 * @param name the lower-case name, {@code "client|setname"} for subcommands.
 * @param arity Redis's signed arity: {@code n} means exactly n arguments (the name included), {@code -n} at least n.
 * @param flags {@code FLAG_*} bits.
 * @param group Redis's command group ({@code string}, {@code generic}, {@code connection}, {@code server}...).
 * @param firstKey index of the first key argument, 0 when none.
 * @param lastKey index of the last key argument, -1 for the last argument.
 * @param keyStep distance between key arguments.
 * @param summary one line for COMMAND DOCS.
 * @param since the Redis version that introduced the command.
 * @param handler the handler, null for a container whose subcommands do the work.
 * @param subcommands subcommands by lower-case name, empty when none.
 * @param latency the command's latency histogram (latency-tracking), recorded by the dispatcher.
 */
public record CommandSpec(String name, int arity, int flags, String group, int firstKey, int lastKey, int keyStep,
                          String summary, String since, CommandHandler handler, Map<String, CommandSpec> subcommands,
                          LatencyHistogram latency) {
    /** Writes data. */
    public static final int FLAG_WRITE = 1;
    /** Only reads data. */
    public static final int FLAG_READONLY = 1 << 1;
    /** O(1) or O(log n). */
    public static final int FLAG_FAST = 1 << 2;
    /** May grow memory: refused under OOM. */
    public static final int FLAG_DENYOOM = 1 << 3;
    /** Administrative. */
    public static final int FLAG_ADMIN = 1 << 4;
    /** Allowed before authentication. */
    public static final int FLAG_NO_AUTH = 1 << 5;
    /** Allowed while loading data. */
    public static final int FLAG_LOADING = 1 << 6;
    /** Allowed on a stale replica. */
    public static final int FLAG_STALE = 1 << 7;
    /** Not allowed in scripts. */
    public static final int FLAG_NOSCRIPT = 1 << 8;
    /** Not propagated. */
    public static final int FLAG_SKIP_MONITOR = 1 << 9;
    /** Blocking. */
    public static final int FLAG_BLOCKING = 1 << 10;

    /**
     * Runs at once between MULTI and EXEC instead of being queued (MULTI, EXEC, DISCARD, WATCH, QUIT); not a
     * Redis flag, so COMMAND INFO does not list it.
     */
    public static final int FLAG_TRANSACTION = 1 << 11;
    /** Refused between MULTI and EXEC (SAVE, SHUTDOWN). */
    public static final int FLAG_NO_MULTI = 1 << 12;
    /** A pub/sub command (Redis's {@code pubsub} flag). */
    public static final int FLAG_PUBSUB = 1 << 13;
    /**
     * Allowed from a RESP2 client with subscriptions: (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT and RESET, as
     * Redis's {@code processCommand}; not a Redis flag.
     */
    public static final int FLAG_SUBSCRIBED_OK = 1 << 14;
    /**
     * May be propagated although not a write (PUBLISH, SPUBLISH, PFCOUNT): Redis's {@code may_replicate}, which
     * read-only scripts refuse as they refuse writes. Redis 7.0's COMMAND INFO does not list it.
     */
    public static final int FLAG_MAY_REPLICATE = 1 << 15;

    /**
     * Refused unless its protection setting allows the client (DEBUG: {@code enable-debug-command}), checked by the
     * dispatcher right after arity as Redis's {@code processCommand} does. Redis 7.0's COMMAND INFO does not list it.
     */
    public static final int FLAG_PROTECTED = 1 << 16;

    /** Not logged in the slow log (EXEC: its commands are logged instead), Redis's {@code no-slowlog}. */
    public static final int FLAG_SKIP_SLOWLOG = 1 << 17;

    /** By bit; null for bits that are not Redis flags or that COMMAND INFO does not list. */
    private static final String[] FLAG_NAMES = {"write", "readonly", "fast", "denyoom", "admin", "no_auth",
        "loading", "stale", "noscript", "skip_monitor", "blocking", null, "no_multi", "pubsub", null, null, null,
        "skip_slowlog"};

    /**
     * Returns the flag names as COMMAND INFO lists them.
     *
     * @return the names of the set flags, in Redis's order.
     */
    public String[] flagNames() {
        int n = 0;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0 && FLAG_NAMES[i] != null) {
                n++;
            }
        }
        final String[] names = new String[n];
        int k = 0;
        for (int i = 0; i < FLAG_NAMES.length; i++) {
            if ((flags & (1 << i)) != 0 && FLAG_NAMES[i] != null) {
                names[k++] = FLAG_NAMES[i];
            }
        }
        return names;
    }

    /**
     * Returns whether a flag is set.
     *
     * @param flag a {@code FLAG_*} bit.
     * @return true when set.
     */
    public boolean has(final int flag) {
        return (flags & flag) != 0;
    }

    /**
     * Returns the name in upper case for {@code Try X HELP.} messages.
     *
     * @return e.g. {@code CLIENT}.
     */
    public String upperName() {
        return name.toUpperCase(Locale.ROOT);
    }

    /**
     * Returns the name's bytes.
     *
     * @return the lower-case ASCII bytes.
     */
    public byte[] nameBytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Returns whether {@code argc} satisfies the arity.
     *
     * @param argc the argument count, the name included.
     * @return true when acceptable.
     */
    public boolean arityOk(final int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /**
     * Starts a builder.
     *
     * @param name the lower-case name.
     * @param arity the signed arity.
     * @param group the command group.
     * @param handler the handler.
     * @return a builder.
     */
    public static Builder of(final String name, final int arity, final String group, final CommandHandler handler) {
        return new Builder(name, arity, group, handler);
    }

    /** Builds a {@link CommandSpec}; used by the families' {@code register} methods. */
    public static final class Builder {
        private final String name;
        private final int arity;
        private final String group;
        private final CommandHandler handler;
        private int flags;
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private String summary = "";
        private String since = "1.0.0";
        private final java.util.LinkedHashMap<String, CommandSpec> subcommands = new java.util.LinkedHashMap<>();

        private Builder(final String name, final int arity, final String group, final CommandHandler handler) {
            this.name = name;
            this.arity = arity;
            this.group = group;
            this.handler = handler;
        }

        /**
         * Sets flags.
         *
         * @param bits {@code FLAG_*} bits.
         * @return this builder.
         */
        public Builder flags(final int bits) {
            this.flags |= bits;
            return this;
        }

        /**
         * Sets the key positions.
         *
         * @param first first key index.
         * @param last last key index, -1 for the last argument.
         * @param step step between keys.
         * @return this builder.
         */
        public Builder keys(final int first, final int last, final int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        /**
         * Sets the documentation line and version.
         *
         * @param text the summary.
         * @param version the introducing Redis version.
         * @return this builder.
         */
        public Builder doc(final String text, final String version) {
            this.summary = text;
            this.since = version;
            return this;
        }

        /**
         * Adds a subcommand.
         *
         * @param sub the subcommand spec, named {@code "parent|sub"}.
         * @return this builder.
         */
        public Builder sub(final CommandSpec sub) {
            subcommands.put(sub.name().substring(sub.name().indexOf('|') + 1), sub);
            return this;
        }

        /**
         * Builds the spec.
         *
         * @return the spec.
         */
        public CommandSpec build() {
            return new CommandSpec(name, arity, flags, group, firstKey, lastKey, keyStep, summary, since, handler,
                Map.copyOf(subcommands), new LatencyHistogram());
        }
    }
}
