package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;

/**
 * SLOWLOG GET / LEN / RESET / HELP over the server's {@link SlowLog}, as Redis's {@code slowlogCommand}.
 */
final class SlowLogCommands {
    private static final String GROUP = "server";
    private static final int FLAGS = FLAG_ADMIN | FLAG_LOADING | FLAG_STALE;
    /** SLOWLOG GET without a count. */
    private static final long DEFAULT_COUNT = 10;
    private static final String[] HELP = {
        "SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.",
        "HELP",
        "    Prints this help."};

    private SlowLogCommands() {
    }

    /**
     * Registers SLOWLOG.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("slowlog", -2, GROUP, null)
            .doc("A container for slow log commands", "2.2.12")
            .sub(CommandSpec.of("slowlog|get", -2, GROUP, SlowLogCommands::get).flags(FLAGS)
                .doc("Get the slow log's entries", "2.2.12").build())
            .sub(CommandSpec.of("slowlog|len", 2, GROUP, c -> c.reply().integer(c.server().slowlog().size()))
                .flags(FLAGS).doc("Get the slow log's length", "2.2.12").build())
            .sub(CommandSpec.of("slowlog|reset", 2, GROUP, SlowLogCommands::reset).flags(FLAGS)
                .doc("Clear all entries from the slow log", "2.2.12").build())
            .sub(CommandSpec.of("slowlog|help", 2, GROUP, c -> c.reply().simpleArray(HELP))
                .flags(FLAG_LOADING | FLAG_STALE).doc("Show helpful text about the different subcommands", "6.2.0")
                .build())
            .build());
    }

    /** {@code SLOWLOG GET [count]}: the newest entries, 10 by default, all for -1. */
    static void get(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 3) {
            c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.string(1), "SLOWLOG"));
            return;
        }
        long count = DEFAULT_COUNT;
        if (a.count() == 3) {
            if (!a.parseLong(2) || a.longValue() < -1) {
                c.reply().error(KvError.SLOWLOG_COUNT);
                return;
            }
            count = a.longValue();
        }
        c.server().slowlog().write(c.reply(), count);
    }

    static void reset(final Client c) {
        c.server().slowlog().reset();
        c.reply().ok();
    }
}
