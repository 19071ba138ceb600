package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_DENYOOM;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_SKIP_MONITOR;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.minikv.api.KvError;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;
import io.minikv.net.script.FunctionEngine;

/**
 * FCALL, FCALL_RO and FUNCTION LOAD / DELETE / LIST / STATS / KILL / FLUSH / DUMP / RESTORE / HELP, as Redis 7's
 * {@code functions.c}. The libraries live in {@link Functions}; a function runs through {@link Scripting}, as an
 * EVAL script does (one at a time, on the scripting thread, BUSY past busy-reply-threshold).
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class FunctionCommands {
    private static final String GROUP = "scripting";
    private static final byte[] WITHCODE = Keywords.k("WITHCODE");
    private static final byte[] LIBRARYNAME = Keywords.k("LIBRARYNAME");
    private static final byte[] FLUSH = Keywords.k("FLUSH");
    private static final byte[] APPEND = Keywords.k("APPEND");
    private static final String[] HELP = {
        "FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION "
            + "RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).",
        "HELP",
        "    Prints this help."};

    private FunctionCommands() {
    }

    static void register(final CommandTable table) {
        final int fcall = FLAG_NOSCRIPT | FLAG_STALE | FLAG_SKIP_MONITOR;
        table.register(CommandSpec.of("fcall", -3, GROUP, c -> fcall(c, false))
            .flags(fcall | CommandSpec.FLAG_MAY_REPLICATE).doc("Invoke a function", "7.0.0").build());
        table.register(CommandSpec.of("fcall_ro", -3, GROUP, c -> fcall(c, true)).flags(fcall | FLAG_READONLY)
            .doc("Invoke a read-only function", "7.0.0").build());
        table.register(CommandSpec.of("function", -2, GROUP, null)
            .doc("A container for function commands", "7.0.0")
            .sub(sub("load", -3, FLAG_WRITE | FLAG_DENYOOM | FLAG_NOSCRIPT, FunctionCommands::load,
                "Create a function with the given arguments (name, code, description)"))
            .sub(sub("delete", 3, FLAG_WRITE | FLAG_NOSCRIPT, FunctionCommands::delete, "Delete a function by name"))
            .sub(sub("list", -2, FLAG_NOSCRIPT, FunctionCommands::list, "List information about all the functions"))
            .sub(sub("stats", 2, FLAG_NOSCRIPT, FunctionCommands::stats,
                "Return information about the function currently running (name, description, duration)"))
            .sub(sub("kill", 2, FLAG_NOSCRIPT, FunctionCommands::kill, "Kill the function currently in execution."))
            .sub(sub("flush", -2, FLAG_WRITE | FLAG_NOSCRIPT, FunctionCommands::flush, "Deleting all functions"))
            .sub(sub("dump", 2, FLAG_NOSCRIPT, FunctionCommands::dump,
                "Dump all functions into a serialized binary payload"))
            .sub(sub("restore", -3, FLAG_WRITE | FLAG_DENYOOM | FLAG_NOSCRIPT, FunctionCommands::restore,
                "Restore all the functions on the given payload"))
            .sub(sub("help", 2, FLAG_LOADING | FLAG_STALE, c -> c.reply().simpleArray(HELP),
                "Show helpful text about the different subcommands"))
            .build());
    }

    private static CommandSpec sub(final String name, final int arity, final int flags, final CommandHandler handler,
        final String summary) {
        return CommandSpec.of("function|" + name, arity, GROUP, handler).flags(flags).doc(summary, "7.0.0").build();
    }

    /**
     * FCALL and FCALL_RO, as Redis's {@code fcallCommandGeneric}: the function is looked up before numkeys is read,
     * then its flags are checked as {@code scriptPrepareForRun} does.
     */
    static void fcall(final Client c, final boolean readOnly) {
        final CommandArgs a = c.args();
        final Functions.Function f = c.server().functions().function(a.string(1));
        if (f == null) {
            c.reply().error(KvError.FUNCTION_NOT_FOUND);
            return;
        }
        if (!a.parseLong(2)) {
            c.reply().error(KvError.FUNCTION_BAD_NUMKEYS);
            return;
        }
        final long numkeys = a.longValue();
        if (numkeys > a.count() - 3) {
            c.reply().error(KvError.NUMKEYS_TOO_MANY);
            return;
        }
        if (numkeys < 0) {
            c.reply().error(KvError.NUMKEYS_NEGATIVE);
            return;
        }
        if (readOnly && !f.noWrites()) {
            c.reply().error(KvError.FUNCTION_WRITE_FROM_RO);
            return;
        }
        final boolean allowOom = (f.flags() & FunctionEngine.FLAG_ALLOW_OOM) != 0;
        // A function that may write is a denyoom command unless it declared allow-oom (no-writes implies it).
        if (!f.noWrites() && !allowOom && !c.transaction().executing() && c.server().memoryExceeded()) {
            c.reply().error(KvError.OOM);
            return;
        }
        final int k = (int) numkeys;
        final byte[][] keys = a.bytes(3, 3 + k);
        final byte[][] args = a.bytes(3 + k, a.count());
        final FunctionEngine engine = c.server().functions().engine();
        c.server().scripting().run(c, new Scripting.Run(f.name(), true, a.bytes(0, a.count()), f.noWrites(),
            allowOom, calls -> engine.call(f.callback(), keys, args, calls)));
    }

    /** FUNCTION LOAD [REPLACE] code: options before the code, as Redis's {@code functionLoadCommand}. */
    static void load(final Client c) {
        final CommandArgs a = c.args();
        boolean replace = false;
        for (int i = 2; i < a.count() - 1; i++) {
            if (!a.is(i, Keywords.REPLACE)) {
                c.reply().error(KvError.FUNCTION_LOAD_OPTION.format(a.cString(i)));
                return;
            }
            replace = true;
        }
        final String[] error = new String[1];
        final String name = c.server().functions().load(a.bytes(a.count() - 1), replace, error);
        if (name == null) {
            c.reply().error(error[0]);
        } else {
            c.reply().bulk(name);
        }
    }

    static void delete(final Client c) {
        if (c.server().functions().delete(c.args().string(2))) {
            c.reply().ok();
        } else {
            c.reply().error(KvError.FUNCTION_LIBRARY_NOT_FOUND);
        }
    }

    /** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]: each option once, in any order. */
    static void list(final Client c) {
        final CommandArgs a = c.args();
        boolean withCode = false;
        byte[] pattern = null;
        for (int i = 2; i < a.count(); i++) {
            if (!withCode && a.is(i, WITHCODE)) {
                withCode = true;
                continue;
            }
            if (pattern == null && a.is(i, LIBRARYNAME)) {
                if (i >= a.count() - 1) {
                    c.reply().error(KvError.FUNCTION_LIST_NO_PATTERN);
                    return;
                }
                pattern = a.bytes(++i);
                continue;
            }
            c.reply().error(KvError.FUNCTION_LIST_UNKNOWN_ARG.format(a.cString(i)));
            return;
        }
        final List<Functions.Library> libraries = c.server().functions().libraries();
        int count = 0;
        for (final Functions.Library library : libraries) {
            count += matches(pattern, library) ? 1 : 0;
        }
        final ReplyWriter out = c.reply();
        out.array(count);
        for (final Functions.Library library : libraries) {
            if (!matches(pattern, library)) {
                continue;
            }
            out.array(withCode ? 8 : 6);
            out.bulk("library_name");
            out.bulk(library.name());
            out.bulk("engine");
            out.bulk(Functions.engineName());
            out.bulk("functions");
            out.array(library.functions().size());
            for (final Functions.Function f : library.functions().values()) {
                out.array(6);
                out.bulk("name");
                out.bulk(f.name());
                out.bulk("description");
                if (f.description() == null) {
                    out.nullBulk();
                } else {
                    out.bulk(f.description());
                }
                out.bulk("flags");
                final String[] flags = FunctionEngine.flagNames(f.flags());
                out.array(flags.length);
                for (final String flag : flags) {
                    out.bulk(flag);
                }
            }
            if (withCode) {
                out.bulk("library_code");
                out.bulk(library.code());
            }
        }
    }

    private static boolean matches(final byte[] pattern, final Functions.Library library) {
        return pattern == null
            || GlobMatcher.matches(pattern, library.name().getBytes(StandardCharsets.ISO_8859_1), true);
    }

    /**
     * FUNCTION STATS: the function running now (its name, command and running time), and the engine's counts. While
     * an EVAL script runs it answers BUSY, as Redis does.
     */
    static void stats(final Client c) {
        final ScriptCalls running = c.server().scripting().running();
        if (running != null && !running.run().function()) {
            c.reply().error(KvError.BUSY);
            return;
        }
        final ReplyWriter out = c.reply();
        out.array(4);
        out.bulk("running_script");
        if (running == null) {
            out.nullBulk();
        } else {
            out.array(6);
            out.bulk("name");
            out.bulk(running.run().name());
            out.bulk("command");
            final byte[][] command = running.run().command();
            out.array(command.length);
            for (final byte[] arg : command) {
                out.bulk(arg);
            }
            out.bulk("duration_ms");
            out.integer(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - running.startNanos()));
        }
        final Functions functions = c.server().functions();
        final List<Functions.Library> libraries = functions.libraries();
        out.bulk("engines");
        out.array(2);
        out.bulk(Functions.engineName());
        out.array(4);
        out.bulk("libraries_count");
        out.integer(libraries.size());
        out.bulk("functions_count");
        out.integer(functions.functionCount());
    }

    static void kill(final Client c) {
        final KvError refused = c.server().scripting().kill(true);
        if (refused != null) {
            c.reply().error(refused);
        } else {
            c.reply().ok();
        }
    }

    static void flush(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 3) {
            c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.cString(1), "FUNCTION"));
            return;
        }
        if (a.count() == 3 && !a.is(2, Keywords.ASYNC) && !a.is(2, Keywords.SYNC)) {
            c.reply().error(KvError.FUNCTION_FLUSH_OPTION);
            return;
        }
        c.server().functions().flush();
        c.reply().ok();
    }

    static void dump(final Client c) {
        c.reply().bulk(FunctionPayload.dump(c.server().functions().libraries()));
    }

    /** FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE], APPEND by default, as Redis's functionRestoreCommand. */
    static void restore(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 4) {
            c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.cString(1), "FUNCTION"));
            return;
        }
        boolean flush = false;
        boolean replace = false;
        if (a.count() == 4) {
            flush = a.is(3, FLUSH);
            replace = a.is(3, Keywords.REPLACE);
            if (!flush && !replace && !a.is(3, APPEND)) {
                c.reply().error(KvError.FUNCTION_RESTORE_POLICY);
                return;
            }
        }
        final String[] error = new String[1];
        final java.util.List<byte[]> codes = FunctionPayload.parse(a.bytes(2), error);
        if (codes == null || !c.server().functions().restore(codes, flush, replace, error)) {
            c.reply().error(error[0]);
            return;
        }
        c.reply().ok();
    }
}
