package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;

import io.minikv.net.resp.CommandArgs;

/**
 * LOLWUT [VERSION v] [args], as Redis 7.0's {@code lolwutCommand}: Redis 7.0 has no art of its own, so by default
 * it answers {@code Redis ver. <version>} and a newline, with the Redis version mini-kv reports. The version given
 * with VERSION is read as Redis reads it (an integer, cast to 32 bits unsigned). Version 5 draws Redis 5's
 * "Schotter" ({@link Schotter}; arguments: columns, squares per row, squares per column), version 6 Redis 6's
 * skyline ({@link Skyline}; arguments: columns, rows).
 */
final class LolwutCommand {
    private static final byte[] VERSION = Keywords.k("VERSION");
    /** Schotter's defaults and limits, as Redis 5's. */
    private static final long[] SCHOTTER_DEFAULTS = {66, 8, 12};
    private static final long[] SCHOTTER_MAX = {1000, 200, 200};
    /** The skyline's defaults and limits, as Redis 6's. */
    private static final long[] SKYLINE_DEFAULTS = {80, 20};
    private static final long[] SKYLINE_MAX = {1000, 1000};

    private LolwutCommand() {
    }

    /**
     * Registers LOLWUT.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("lolwut", -1, "server", LolwutCommand::lolwut).flags(FLAG_READONLY | FLAG_FAST)
            .doc("Display some computer art and the Redis version", "5.0.0").build());
    }

    static void lolwut(final Client c) {
        final CommandArgs a = c.args();
        int first = 1;
        long version = -1;
        if (a.count() >= 3 && a.is(1, VERSION)) {
            if (!c.parseLongOrReply(2)) {
                return;
            }
            // Redis prints the version with %u into "<v>.0.0" and looks at its first characters.
            version = a.longValue() & 0xFFFFFFFFL;
            first = 3;
        }
        if (version == 5) {
            final int[] v = arguments(c, first, SCHOTTER_DEFAULTS, SCHOTTER_MAX);
            if (v != null) {
                c.reply().bulk(Schotter.draw(v[0], v[1], v[2], ServerContext.REDIS_VERSION));
            }
            return;
        }
        if (version == 6) {
            final int[] v = arguments(c, first, SKYLINE_DEFAULTS, SKYLINE_MAX);
            if (v != null) {
                c.reply().bulk(Skyline.draw(v[0], v[1], ServerContext.REDIS_VERSION));
            }
            return;
        }
        c.reply().bulk("Redis ver. " + ServerContext.REDIS_VERSION + "\n");
    }

    /**
     * Parses a drawing's optional numeric arguments, each clamped to 1 .. its maximum as Redis clamps it.
     *
     * @return the values, or null after an error reply.
     */
    private static int[] arguments(final Client c, final int first, final long[] defaults, final long[] max) {
        final CommandArgs a = c.args();
        final int[] values = new int[defaults.length];
        for (int i = 0; i < defaults.length; i++) {
            long value = defaults[i];
            if (first + i < a.count()) {
                if (!c.parseLongOrReply(first + i)) {
                    return null;
                }
                value = a.longValue();
            }
            values[i] = (int) Math.max(1, Math.min(max[i], value));
        }
        return values;
    }
}
