package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;

/**
 * OBJECT and its subcommands ({@code object.c}): ENCODING, REFCOUNT, IDLETIME, FREQ, HELP.
 * <p>
 * <b>IDLETIME.</b> Redis stamps every key with an LRU clock on each access. mini-kv keeps no access time: storing one
 * would add a write to the entry on every GET, the hot path the engine is tuned for. IDLETIME therefore answers 0 for
 * every existing key, as Redis does for a key that was just accessed (OBJECT itself never touches a key), and the
 * approximation is documented in the README. <b>FREQ</b> needs an LFU maxmemory policy, which mini-kv does not
 * offer (noeviction only), so it always answers Redis's error for that case once the key is found.
 */
final class ObjectCommands {
    private static final String GROUP = "generic";
    private static final String[] HELP = {
        "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
        "HELP",
        "    Prints this help."};

    private ObjectCommands() {
    }

    /**
     * Registers OBJECT.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("object", -2, GROUP, null)
            .doc("A container for object introspection commands.", "2.2.3")
            .sub(keyed("encoding", ObjectCommands::encoding, "Returns the internal encoding of a Redis object.",
                "2.2.3"))
            .sub(keyed("freq", ObjectCommands::freq, "Returns the logarithmic access frequency counter of a Redis "
                + "object.", "4.0.0"))
            .sub(keyed("idletime", ObjectCommands::idletime, "Returns the time since the last access to a Redis "
                + "object.", "2.2.3"))
            .sub(keyed("refcount", ObjectCommands::refcount, "Returns the reference count of a value of a key.",
                "2.2.3"))
            .sub(CommandSpec.of("object|help", 2, GROUP, ObjectCommands::help).flags(FLAG_LOADING | FLAG_STALE)
                .doc("Returns helpful text about the different subcommands.", "6.2.0").build())
            .build());
    }

    private static CommandSpec keyed(final String name, final CommandHandler handler, final String summary,
        final String since) {
        return CommandSpec.of("object|" + name, 3, GROUP, handler).flags(FLAG_READONLY).keys(2, 2, 1)
            .doc(summary, since).build();
    }

    static void encoding(final Client c) {
        final String encoding = c.db().objectEncoding(c.args().bytes(2));
        if (encoding == null) {
            c.reply().nullBulk();
        } else {
            c.reply().bulk(encoding);
        }
    }

    static void refcount(final Client c) {
        final long count = c.db().objectRefcount(c.args().bytes(2));
        if (count < 0) {
            c.reply().nullBulk();
        } else {
            c.reply().integer(count);
        }
    }

    static void idletime(final Client c) {
        if (c.db().exists(c.args().bytes(2)) == 0) {
            c.reply().nullBulk();
        } else {
            c.reply().integer(0);
        }
    }

    static void freq(final Client c) {
        if (c.db().exists(c.args().bytes(2)) == 0) {
            c.reply().nullBulk();
        } else {
            c.reply().error(KvError.OBJECT_FREQ_NOT_LFU);
        }
    }

    static void help(final Client c) {
        c.reply().simpleArray(HELP);
    }
}
