package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;

import io.minikv.net.resp.CommandArgs;

/**
 * LOLWUT [VERSION v], as Redis 7.0's {@code lolwutCommand} for its own version: Redis 7.0 has no art of its own, so
 * it answers {@code Redis ver. <version>} and a newline, with the Redis version mini-kv reports. The version given
 * with VERSION is read as Redis reads it (an integer, cast to 32 bits unsigned); Redis draws Georg Nees's
 * "Schotter" for version 5 and a random 8-bit skyline for version 6, which mini-kv does not: it answers those with
 * the same line, a known difference (both drawings are random, so no client can depend on their content).
 */
final class LolwutCommand {
    private static final byte[] VERSION = Keywords.k("VERSION");

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
        if (a.count() >= 3 && a.is(1, VERSION) && !c.parseLongOrReply(2)) {
            return;
        }
        c.reply().bulk("Redis ver. " + ServerContext.REDIS_VERSION + "\n");
    }
}
