package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_SKIP_MONITOR;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.script.LuaErrors;
import org.luaj.vm2.LuaError;

/**
 * EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT LOAD / EXISTS / FLUSH / KILL / HELP, as Redis 7's {@code eval.c}.
 * The scripts themselves run in {@link Scripting}; this class parses the arguments and replies.
 * <p>
 * Stateless; handlers run on the calling client's event loop.
 */
final class ScriptingCommands {
    private static final String GROUP = "scripting";
    private static final String[] HELP = {
        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
        "HELP",
        "    Prints this help."};

    private ScriptingCommands() {
    }

    static void register(final CommandTable table) {
        final int eval = FLAG_NOSCRIPT | FLAG_STALE | FLAG_SKIP_MONITOR;
        // A script may write: Redis 7.0 flags EVAL and EVALSHA may_replicate (not their _RO forms).
        final int mayWrite = eval | CommandSpec.FLAG_MAY_REPLICATE;
        table.register(spec("eval", mayWrite, c -> eval(c, false, false), "Executes a server-side Lua script.",
            "2.6.0"));
        table.register(spec("evalsha", mayWrite, c -> eval(c, true, false),
            "Executes a server-side Lua script by SHA1 digest.", "2.6.0"));
        table.register(spec("eval_ro", eval | FLAG_READONLY, c -> eval(c, false, true),
            "Executes a read-only server-side Lua script.", "7.0.0"));
        table.register(spec("evalsha_ro", eval | FLAG_READONLY, c -> eval(c, true, true),
            "Executes a read-only server-side Lua script by SHA1 digest.", "7.0.0"));
        table.register(CommandSpec.of("script", -2, GROUP, null)
            .doc("A container for Lua scripts management commands.", "2.6.0")
            .sub(CommandSpec.of("script|load", 3, GROUP, ScriptingCommands::load).flags(FLAG_NOSCRIPT | FLAG_STALE)
                .doc("Loads a server-side Lua script to the script cache.", "2.6.0").build())
            .sub(CommandSpec.of("script|exists", -3, GROUP, ScriptingCommands::exists).flags(FLAG_NOSCRIPT)
                .doc("Determines whether server-side Lua scripts exist in the script cache.", "2.6.0").build())
            .sub(CommandSpec.of("script|flush", -2, GROUP, ScriptingCommands::flush).flags(FLAG_NOSCRIPT)
                .doc("Removes all server-side Lua scripts from the script cache.", "2.6.0").build())
            .sub(CommandSpec.of("script|kill", 2, GROUP, ScriptingCommands::kill).flags(FLAG_NOSCRIPT)
                .doc("Terminates a server-side Lua script during execution.", "2.6.0").build())
            .sub(CommandSpec.of("script|help", 2, GROUP, ScriptingCommands::help).flags(FLAG_LOADING | FLAG_STALE)
                .doc("Returns helpful text about the different subcommands.", "5.0.0").build())
            .build());
    }

    private static CommandSpec spec(final String name, final int flags, final CommandHandler handler,
        final String summary, final String since) {
        return CommandSpec.of(name, -3, GROUP, handler).flags(flags).doc(summary, since).build();
    }

    /**
     * EVAL and its variants: an EVALSHA digest that is not 40 characters long is NOSCRIPT at once; then numkeys is
     * checked, before the script is looked up or compiled, as in Redis.
     */
    static void eval(final Client c, final boolean bySha, final boolean readOnly) {
        final CommandArgs a = c.args();
        if (bySha && a.length(1) != 40) {
            // As Redis's evalShaCommand: no digest of another length can match, whatever numkeys says.
            c.reply().error(KvError.NOSCRIPT);
            return;
        }
        if (!c.parseLongOrReply(2)) {
            return;
        }
        final long numkeys = a.longValue();
        if (numkeys < 0) {
            c.reply().error(KvError.NUMKEYS_NEGATIVE);
            return;
        }
        if (numkeys > a.count() - 3) {
            c.reply().error(KvError.NUMKEYS_TOO_MANY);
            return;
        }
        final Scripting scripting = c.server().scripting();
        final Scripting.Script script;
        if (bySha) {
            script = scripting.lookup(a.string(1));
            if (script == null) {
                c.reply().error(KvError.NOSCRIPT);
                return;
            }
        } else {
            try {
                script = scripting.load(a.bytes(1));
            } catch (final LuaError e) {
                c.reply().error(KvError.SCRIPT_COMPILE.format(LuaErrors.compileMessage(e)));
                return;
            }
        }
        final int k = (int) numkeys;
        c.server().scripting().run(c, script, a.bytes(3, 3 + k), a.bytes(3 + k, a.count()), readOnly);
    }

    static void load(final Client c) {
        try {
            c.reply().bulk(c.server().scripting().load(c.args().bytes(2)).sha());
        } catch (final LuaError e) {
            c.reply().error(KvError.SCRIPT_COMPILE.format(LuaErrors.compileMessage(e)));
        }
    }

    static void exists(final Client c) {
        final CommandArgs a = c.args();
        c.reply().array(a.count() - 2L);
        for (int i = 2; i < a.count(); i++) {
            c.reply().bool(c.server().scripting().exists(a.string(i)));
        }
    }

    static void flush(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 3 || a.count() == 3 && !a.is(2, Keywords.ASYNC) && !a.is(2, Keywords.SYNC)) {
            c.reply().error(KvError.SCRIPT_FLUSH_OPTION);
            return;
        }
        c.server().scripting().flush();
        c.reply().ok();
    }

    static void kill(final Client c) {
        final KvError refused = c.server().scripting().kill(false);
        if (refused != null) {
            c.reply().error(refused);
        } else {
            c.reply().ok();
        }
    }

    static void help(final Client c) {
        c.reply().simpleArray(HELP);
    }
}
