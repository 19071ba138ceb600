package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * COMMAND and its subcommands, answered from the {@link CommandTable}: COUNT, LIST (which the docs generator reads),
 * INFO in Redis 7's ten-field form (key specs and tips included), DOCS with summary, since and group, enough for
 * redis-cli's hints, and GETKEYS / GETKEYSANDFLAGS ({@link GetKeys}).
 */
final class CommandCommands {
    private static final String GROUP = "server";
    private static final int FLAGS = FLAG_LOADING | FLAG_STALE;
    private static final String[] HELP = {
        "COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "(no subcommand)", "    Return details about all Redis commands.",
        "COUNT", "    Return the total number of commands in this Redis server.",
        "LIST", "    Return a list of all commands in this Redis server.",
        "INFO [<command-name> ...]", "    Return details about multiple Redis commands.",
        "    If no command names are given, documentation details for all", "    commands are returned.",
        "DOCS [<command-name> ...]", "    Return documentation details about multiple Redis commands.",
        "    If no command names are given, documentation details for all", "    commands are returned.",
        "GETKEYS <full-command>", "    Return the keys from a full Redis command.",
        "GETKEYSANDFLAGS <full-command>", "    Return the keys and the access flags from a full Redis command.",
        "HELP", "    Prints this help."};

    private CommandCommands() {
    }

    /**
     * Registers COMMAND.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("command", -1, GROUP, CommandCommands::all).flags(FLAGS)
            .doc("Returns detailed information about all commands.", "2.8.13")
            .sub(sub("count", 2, CommandCommands::count, "Returns a count of commands."))
            .sub(sub("list", -2, CommandCommands::list, "Returns a list of command names."))
            .sub(sub("info", -2, CommandCommands::info, "Returns information about one, multiple or all commands."))
            .sub(sub("docs", -2, CommandCommands::docs, "Returns documentary information about one, multiple or all "
                + "commands."))
            .sub(sub("getkeys", -4, c -> GetKeys.reply(c, false), "Extracts the key names from an arbitrary "
                + "command."))
            .sub(sub("getkeysandflags", -4, c -> GetKeys.reply(c, true), "Extracts the key names and access flags for "
                + "an arbitrary command."))
            .sub(sub("help", 2, CommandCommands::help, "Returns helpful text about the different subcommands."))
            .build());
    }

    private static CommandSpec sub(final String name, final int arity, final CommandHandler handler,
        final String summary) {
        return CommandSpec.of("command|" + name, arity, GROUP, handler).flags(FLAGS).doc(summary, "7.0.0").build();
    }

    static void all(final Client c) {
        final List<CommandSpec> specs = c.server().table().all();
        c.reply().array(specs.size());
        for (final CommandSpec spec : specs) {
            writeInfo(c.reply(), spec);
        }
    }

    static void count(final Client c) {
        c.reply().integer(c.server().table().size());
    }

    static void list(final Client c) {
        final CommandArgs a = c.args();
        String pattern = null;
        String category = null;
        boolean module = false;
        if (a.count() != 2) {
            if (a.count() != 5 || !a.is(2, Keywords.FILTERBY)) {
                c.reply().error(KvError.SYNTAX);
                return;
            }
            if (a.is(3, Keywords.PATTERN)) {
                pattern = a.string(4);
            } else if (a.is(3, Keywords.ACLCAT)) {
                category = a.string(4).toLowerCase(Locale.ROOT);
            } else if (a.is(3, Keywords.MODULE)) {
                module = true;
            } else {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        final List<String> names = new ArrayList<>();
        if (!module) {
            for (final CommandSpec spec : c.server().table().all()) {
                addNames(names, spec, pattern, category);
                for (final CommandSpec sub : spec.subcommands().values()) {
                    addNames(names, sub, pattern, category);
                }
            }
        }
        c.reply().array(names.size());
        for (final String name : names) {
            c.reply().bulk(name);
        }
    }

    private static void addNames(final List<String> names, final CommandSpec spec, final String pattern,
        final String category) {
        if (pattern != null && !GlobMatcher.matches(pattern.getBytes(StandardCharsets.ISO_8859_1),
            spec.name().getBytes(StandardCharsets.ISO_8859_1), true)) {
            return;
        }
        if (category != null && !aclCategories(spec).contains("@" + category)) {
            return;
        }
        names.add(spec.name());
    }

    static void info(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() == 2) {
            all(c);
            return;
        }
        final ReplyWriter reply = c.reply();
        reply.array(a.count() - 2);
        for (int i = 2; i < a.count(); i++) {
            final CommandSpec spec = find(c, a.string(i));
            if (spec == null) {
                reply.nullBulk();
            } else {
                writeInfo(reply, spec);
            }
        }
    }

    static CommandSpec find(final Client c, final String name) {
        final int bar = name.indexOf('|');
        if (bar < 0) {
            return c.server().table().get(name);
        }
        final CommandSpec parent = c.server().table().get(name.substring(0, bar));
        return parent == null ? null : parent.subcommands().get(name.substring(bar + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Writes the ten fields of Redis 7's COMMAND INFO entry: name and arity from the spec, the rest from
     * {@link RedisCommandInfo} for the commands Redis 7.0 has, else derived from the spec.
     */
    private static void writeInfo(final ReplyWriter reply, final CommandSpec spec) {
        reply.array(10);
        reply.bulk(spec.name());
        reply.integer(spec.arity());
        final RedisCommandInfo.Info info = RedisCommandInfo.get(spec.name());
        final List<String> flags = info != null ? info.flags() : List.of(spec.flagNames());
        reply.array(flags.size());
        for (final String flag : flags) {
            reply.simple(flag);
        }
        final int[] range = info != null ? info.legacyRange()
            : new int[] {spec.firstKey(), spec.lastKey(), spec.keyStep()};
        reply.integer(range[0]);
        reply.integer(range[1]);
        reply.integer(range[2]);
        final List<String> categories = aclCategories(spec);
        reply.array(categories.size());
        for (final String category : categories) {
            reply.simple(category);
        }
        final List<String> tips = info != null ? info.tips() : List.of();
        reply.array(tips.size());
        for (final String tip : tips) {
            reply.bulk(tip);
        }
        final List<KeySpec> keySpecs = info != null ? info.keySpecs() : List.of();
        reply.array(keySpecs.size());
        for (final KeySpec keySpec : keySpecs) {
            keySpec.write(reply);
        }
        reply.array(spec.subcommands().size());
        for (final CommandSpec sub : spec.subcommands().values()) {
            writeInfo(reply, sub);
        }
    }

    /**
     * Derives the ACL categories Redis would list from the flags and group.
     *
     * @param spec the command.
     * @return categories such as {@code @read}, {@code @string}, {@code @fast}.
     */
    static List<String> aclCategories(final CommandSpec spec) {
        final RedisCommandInfo.Info info = RedisCommandInfo.get(spec.name());
        if (info != null) {
            return info.aclCategories();
        }
        final List<String> categories = new ArrayList<>();
        if (spec.has(CommandSpec.FLAG_WRITE)) {
            categories.add("@write");
        }
        if (spec.has(CommandSpec.FLAG_READONLY)) {
            categories.add("@read");
        }
        if (spec.has(CommandSpec.FLAG_ADMIN)) {
            categories.add("@admin");
            categories.add("@dangerous");
        }
        switch (spec.group()) {
            case "generic":
                categories.add("@keyspace");
                break;
            case "string":
                categories.add("@string");
                break;
            case "sorted-set":
                categories.add("@sortedset");
                break;
            case "list":
                categories.add("@list");
                break;
            case "connection":
                categories.add("@connection");
                break;
            case "scripting":
                categories.add("@scripting");
                break;
            case "pubsub":
                categories.add("@pubsub");
                break;
            case "bitmap":
                categories.add("@bitmap");
                break;
            case "hyperloglog":
                categories.add("@hyperloglog");
                break;
            case "stream":
                categories.add("@stream");
                break;
            default:
                break;
        }
        categories.add(spec.has(CommandSpec.FLAG_FAST) ? "@fast" : "@slow");
        if (spec.has(CommandSpec.FLAG_BLOCKING)) {
            categories.add("@blocking");
        }
        return categories;
    }

    static void docs(final Client c) {
        final CommandArgs a = c.args();
        final List<CommandSpec> specs = new ArrayList<>();
        if (a.count() == 2) {
            specs.addAll(c.server().table().all());
        } else {
            for (int i = 2; i < a.count(); i++) {
                final CommandSpec spec = find(c, a.string(i));
                if (spec != null) {
                    specs.add(spec);
                }
            }
        }
        final ReplyWriter reply = c.reply();
        reply.array(specs.size() * 2L);
        for (final CommandSpec spec : specs) {
            reply.bulk(spec.name());
            writeDocs(reply, spec);
        }
    }

    private static void writeDocs(final ReplyWriter reply, final CommandSpec spec) {
        final boolean subs = !spec.subcommands().isEmpty();
        reply.array(subs ? 8 : 6);
        reply.bulk("summary");
        reply.bulk(spec.summary());
        reply.bulk("since");
        reply.bulk(spec.since());
        reply.bulk("group");
        reply.bulk(spec.group());
        if (subs) {
            reply.bulk("subcommands");
            reply.array(spec.subcommands().size() * 2L);
            for (final CommandSpec sub : spec.subcommands().values()) {
                reply.bulk(sub.name());
                writeDocs(reply, sub);
            }
        }
    }

    static void help(final Client c) {
        c.reply().simpleArray(HELP);
    }
}
