package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_FAST;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;
import static io.minikv.net.command.CommandSpec.FLAG_WRITE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.time.Instant;

/**
 * The server group: DBSIZE, FLUSHDB, FLUSHALL, TIME, SHUTDOWN, WAIT, WAITAOF. INFO, CONFIG and
 * COMMAND have their own classes.
 */
final class ServerCommands {
    private static final String GROUP = "server";
    private static final byte[] ROLE_MASTER = Keywords.k("master");
    private static final String[] MODULE_HELP = {
        "MODULE <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "LIST",
        "    Return a list of loaded modules.",
        "LOAD <path> [<arg> ...]",
        "    Load a module library from <path>, passing to it any optional arguments.",
        "LOADEX <path> [[CONFIG NAME VALUE] [CONFIG NAME VALUE]] [ARGS ...]",
        "    Load a module library from <path>, while passing it module configurations and optional arguments.",
        "UNLOAD <name>",
        "    Unload a module.",
        "HELP",
        "    Prints this help."};

    private ServerCommands() {
    }

    /**
     * Registers the family.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("dbsize", 1, GROUP, c -> c.reply().integer(c.db().dbsize()))
            .flags(FLAG_READONLY | FLAG_FAST).doc("Returns the number of keys in the database.", "1.0.0").build());
        table.register(CommandSpec.of("flushdb", -1, GROUP, ServerCommands::flushdb).flags(FLAG_WRITE)
            .doc("Remove all keys from the current database.", "1.0.0").build());
        table.register(CommandSpec.of("flushall", -1, GROUP, ServerCommands::flushall).flags(FLAG_WRITE)
            .doc("Removes all keys from all databases.", "1.0.0").build());
        table.register(CommandSpec.of("swapdb", 3, GROUP, ServerCommands::swapdb).flags(FLAG_WRITE | FLAG_FAST)
            .doc("Swaps two Redis databases.", "4.0.0").build());
        table.register(CommandSpec.of("time", 1, GROUP, ServerCommands::time)
            .flags(FLAG_LOADING | FLAG_STALE | FLAG_FAST).doc("Returns the server time.", "2.6.0").build());
        table.register(CommandSpec.of("module", -2, GROUP, null)
            .doc("A container for module commands", "4.0.0")
            .sub(CommandSpec.of("module|list", 2, GROUP, c -> c.reply().array(0))
                .flags(FLAG_ADMIN | FLAG_NOSCRIPT).doc("Return a list of loaded modules.", "4.0.0").build())
            .sub(CommandSpec.of("module|load", -3, GROUP, ServerCommands::moduleRefused)
                .flags(FLAG_ADMIN | FLAG_NOSCRIPT | CommandSpec.FLAG_PROTECTED).doc("Load a module", "4.0.0").build())
            .sub(CommandSpec.of("module|loadex", -3, GROUP, ServerCommands::moduleRefused)
                .flags(FLAG_ADMIN | FLAG_NOSCRIPT | CommandSpec.FLAG_PROTECTED)
                .doc("Load a module with extended parameters", "7.0.0").build())
            .sub(CommandSpec.of("module|unload", 3, GROUP, ServerCommands::moduleRefused)
                .flags(FLAG_ADMIN | FLAG_NOSCRIPT | CommandSpec.FLAG_PROTECTED).doc("Unload a module", "4.0.0")
                .build())
            .sub(CommandSpec.of("module|help", 2, GROUP, c -> c.reply().simpleArray(MODULE_HELP))
                .flags(FLAG_LOADING | FLAG_STALE).doc("Show helpful text about the different subcommands", "5.0.0")
                .build())
            .build());
        table.register(CommandSpec.of("monitor", 1, GROUP, ServerCommands::monitor)
            .flags(FLAG_ADMIN | FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE)
            .doc("Listen for all requests received by the server in real time", "1.0.0").build());
        table.register(CommandSpec.of("role", 1, GROUP, ServerCommands::role)
            .flags(FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE | FLAG_FAST)
            .doc("Return the role of the instance in the context of replication", "2.8.12").build());
        table.register(CommandSpec.of("shutdown", -1, GROUP, ServerCommands::shutdown)
            .flags(FLAG_ADMIN | FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE | CommandSpec.FLAG_NO_MULTI)
            .doc("Synchronously saves the database(s) to disk and shuts down the Redis server.", "1.0.0").build());
        table.register(CommandSpec.of("wait", 3, "generic", ServerCommands::waitReplicas).flags(FLAG_NOSCRIPT)
            .doc("Blocks until the asynchronous replication of all preceding write commands sent by the connection "
                + "is completed.", "3.0.0").build());
        table.register(CommandSpec.of("waitaof", 4, "generic", ServerCommands::waitaof)
            .doc("Blocks until all of the preceding write commands sent by the connection are written to the "
                + "append-only file of the master and/or replicas.", "7.2.0").build());
    }

    /**
     * Parses the optional ASYNC/SYNC argument of FLUSHDB and FLUSHALL.
     *
     * @return false after replying a syntax error.
     */
    private static boolean flushOption(final Client c) {
        final CommandArgs a = c.args();
        if (a.count() > 2 || (a.count() == 2 && !a.is(1, Keywords.ASYNC) && !a.is(1, Keywords.SYNC))) {
            c.reply().error(KvError.SYNTAX);
            return false;
        }
        return true;
    }

    static void flushdb(final Client c) {
        if (flushOption(c)) {
            final io.minikv.api.KvStore db = c.db();
            c.server().watches().touchAll(c.dbIndex(), (i, key) -> db.exists(key) > 0);
            db.flushdb();
            // As Redis 7.0.15 signals the deleted keys: a client blocked in XREADGROUP learns its stream is gone.
            c.server().blocking().signalDatabases(c.dbIndex(), c.dbIndex());
            c.reply().ok();
        }
    }

    /**
     * SWAPDB, as Redis's {@code swapdbCommand}: the indexes must be 32-bit integers, then both in range. Clients
     * watching a key of either database that exists in either fail their EXEC; after the swap, clients blocked on a
     * key of either database are served if it now holds what they wait for.
     */
    static void swapdb(final Client c) {
        final CommandArgs a = c.args();
        if (!a.parseInt(1)) {
            c.reply().error(KvError.SWAPDB_INVALID_FIRST);
            return;
        }
        final long first = a.longValue();
        if (!a.parseInt(2)) {
            c.reply().error(KvError.SWAPDB_INVALID_SECOND);
            return;
        }
        final long second = a.longValue();
        final int n = c.server().databases();
        if (first < 0 || first >= n || second < 0 || second >= n) {
            c.reply().error(KvError.DB_INDEX_OUT_OF_RANGE);
            return;
        }
        final io.minikv.api.KvStore db = c.db();
        if (first != second) {
            c.server().watches().touchSwapped((int) first, (int) second, (i, key) -> db.database(i).exists(key) > 0);
        }
        db.swapdb((int) first, (int) second);
        if (first != second) {
            c.server().blocking().signalDatabases((int) first, (int) second);
        }
        c.reply().ok();
    }

    static void flushall(final Client c) {
        if (flushOption(c)) {
            final io.minikv.api.KvStore db = c.db();
            c.server().watches().touchAll(-1, (i, key) -> db.database(i).exists(key) > 0);
            db.flushall();
            for (int i = 0; i < c.server().databases(); i++) {
                c.server().blocking().signalDatabases(i, i);
            }
            // As Redis's flushAllDataAndResetRDB: with save points, the snapshot is rewritten empty at once, so a
            // restart does not bring the flushed data back (the result is only logged, as there).
            final Persistence p = c.server().persistence();
            if (p.hasSavePoints()) {
                PersistenceCommands.saveAlone(c, p::saveNow);
            }
            c.reply().ok();
        }
    }

    static void time(final Client c) {
        final Instant now = Instant.now();
        final ReplyWriter reply = c.reply();
        reply.array(2);
        reply.bulk(now.getEpochSecond());
        reply.bulk(now.getNano() / 1000);
    }

    /**
     * {@code MODULE LOAD}, {@code LOADEX}, {@code UNLOAD}: flagged protected, so the dispatcher refuses them before
     * they get here (as Redis 7 with its default {@code enable-module-command no}); mini-kv has no module API.
     */
    static void moduleRefused(final Client c) {
        c.reply().error(KvError.MODULE_NOT_ALLOWED);
    }

    /**
     * {@code MONITOR}: from now on the client is shown every command the server runs ({@link Monitors}). A repeated
     * MONITOR gets no reply, as in Redis; inside EXEC it is refused.
     */
    static void monitor(final Client c) {
        if (c.inExec()) {
            c.reply().error(KvError.MONITOR_DENY_BLOCKING);
            return;
        }
        if (c.monitoring()) {
            return;
        }
        c.startMonitoring();
        c.reply().ok();
    }

    /**
     * {@code ROLE}: a master without replicas, as INFO replication reports (the server has no replication, so its
     * offset stays 0).
     */
    static void role(final Client c) {
        final ReplyWriter reply = c.reply();
        reply.array(3);
        reply.bulk(ROLE_MASTER);
        reply.integer(0);
        reply.array(0);
    }

    static void shutdown(final Client c) {
        final CommandArgs a = c.args();
        boolean nosave = false;
        boolean save = false;
        boolean force = false;
        for (int i = 1; i < a.count(); i++) {
            if (a.is(i, Keywords.ABORT)) {
                c.reply().error(KvError.SHUTDOWN_NOT_IN_PROGRESS);
                return;
            }
            if (a.is(i, Keywords.NOSAVE)) {
                nosave = true;
            } else if (a.is(i, Keywords.SAVE)) {
                save = true;
            } else if (a.is(i, Keywords.FORCE)) {
                force = true;
            } else if (!a.is(i, Keywords.NOW)) {
                c.reply().error(KvError.SYNTAX);
                return;
            }
        }
        if (nosave && save) {
            c.reply().error(KvError.SYNTAX);
            return;
        }
        final Persistence p = c.server().persistence();
        // Redis's prepareForShutdown: save when asked, or by default when save points are configured; a failed save
        // keeps the server up unless FORCE. A running background save is waited for (the engine runs saves one at a
        // time), then the final save runs alone so it is point-in-time.
        if (save || (!nosave && p.hasSavePoints())) {
            final boolean[] ok = new boolean[1];
            PersistenceCommands.saveAlone(c, () -> ok[0] = p.saveNow());
            if (!ok[0] && !force) {
                c.reply().error(KvError.SHUTDOWN_FAILED);
                return;
            }
        }
        p.skipSaveOnClose();
        // As in Redis, a successful SHUTDOWN has no reply: the connection closes with the server.
        c.server().requestShutdown();
    }

    static void waitReplicas(final Client c) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(1)) {
            return;
        }
        if (!timeout(c, 2)) {
            return;
        }
        // A master without replicas: no replica can acknowledge, so the answer is 0 at once.
        c.reply().integer(0);
    }

    static void waitaof(final Client c) {
        final CommandArgs a = c.args();
        if (!c.parseLongOrReply(1)) {
            return;
        }
        final long numLocal = a.longValue();
        if (!c.parseLongOrReply(2)) {
            return;
        }
        if (!timeout(c, 3)) {
            return;
        }
        if (numLocal > 0) {
            c.reply().error(KvError.WAITAOF_NO_AOF);
            return;
        }
        c.reply().array(2);
        c.reply().integer(0);
        c.reply().integer(0);
    }

    private static boolean timeout(final Client c, final int i) {
        final CommandArgs a = c.args();
        if (!a.parseLong(i)) {
            c.reply().error(KvError.TIMEOUT_NOT_INTEGER);
            return false;
        }
        if (a.longValue() < 0) {
            c.reply().error(KvError.TIMEOUT_NEGATIVE);
            return false;
        }
        return true;
    }
}
