package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_PROTECTED;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.api.KvStore;
import io.minikv.api.ValueType;
import io.minikv.engine.Engine;
import io.minikv.engine.persist.Snapshots;
import io.minikv.net.resp.CommandArgs;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DEBUG ({@code debug.c}), a protected command: the {@link Dispatcher} refuses it unless
 * {@code enable-debug-command} allows the client, as Redis 7 does. The subcommands tests use most are implemented
 * with Redis 7.0's replies: HELP (Redis's full text), SLEEP, SET-ACTIVE-EXPIRE, RELOAD (with MERGE, NOFLUSH,
 * NOSAVE), OBJECT and CHANGE-REPL-ID; any other subcommand, Redis's other ones included, gets Redis's error for an
 * unknown subcommand.
 * <p>
 * <b>SLEEP</b> stops the whole server, as Redis's does by blocking its one thread: it holds the gate EXEC and SAVE
 * use, so no command of any client runs until it ends (the embedding application's writes wait too, its reads do
 * not). <b>RELOAD</b> runs behind the same gate: it saves the snapshot as SAVE does, empties the store and loads the
 * snapshot back. <b>OBJECT</b>'s address, LRU and serialized length are Redis-internal and approximated (see
 * {@link SerializedLength}).
 */
final class DebugCommands {
    private static final Logger LOG = System.getLogger(DebugCommands.class.getName());
    private static final String GROUP = "server";
    /** Redis's {@code LRU_CLOCK_MAX}: the LRU clock is Unix seconds modulo 2^24. */
    private static final long LRU_CLOCK_MAX = (1 << 24) - 1;
    /** The prefix of a string C's {@code strtod} reads (decimal or special values; hexadecimal floats read as 0). */
    private static final Pattern STRTOD = Pattern.compile(
        "^[ \\t\\n\\x0B\\f\\r]*[+-]?(?:(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)",
        Pattern.CASE_INSENSITIVE);
    private static final String[] HELP = {
        "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "AOF-FLUSH-SLEEP <microsec>",
        "    Server will sleep before flushing the AOF, this is used for testing.",
        "ASSERT",
        "    Crash by assertion failed.",
        "CHANGE-REPL-ID",
        "    Change the replication IDs of the instance.",
        "    Dangerous: should be used only for testing the replication subsystem.",
        "CONFIG-REWRITE-FORCE-ALL",
        "    Like CONFIG REWRITE but writes all configuration options, including",
        "    keywords not listed in original configuration file or default values.",
        "CRASH-AND-RECOVER [<milliseconds>]",
        "    Hard crash and restart after a <milliseconds> delay (default 0).",
        "DIGEST",
        "    Output a hex signature representing the current DB content.",
        "DIGEST-VALUE <key> [<key> ...]",
        "    Output a hex signature of the values of all the specified keys.",
        "ERROR <string>",
        "    Return a Redis protocol error with <string> as message. Useful for clients",
        "    unit tests to simulate Redis errors.",
        "LEAK <string>",
        "    Create a memory leak of the input string.",
        "LOG <message>",
        "    Write <message> to the server log.",
        "HTSTATS <dbid>",
        "    Return hash table statistics of the specified Redis database.",
        "HTSTATS-KEY <key>",
        "    Like HTSTATS but for the hash table stored at <key>'s value.",
        "LOADAOF",
        "    Flush the AOF buffers on disk and reload the AOF in memory.",
        "REPLICATE <string>",
        "    Replicates the provided string to replicas, allowing data divergence.",
        "MALLCTL <key> [<val>]",
        "    Get or set a malloc tuning integer.",
        "MALLCTL-STR <key> [<val>]",
        "    Get or set a malloc tuning string.",
        "OBJECT <key>",
        "    Show low level info about `key` and associated value.",
        "DROP-CLUSTER-PACKET-FILTER <packet-type>",
        "    Drop all packets that match the filtered type. Set to -1 allow all packets.",
        "OOM",
        "    Crash the server simulating an out-of-memory error.",
        "PANIC",
        "    Crash the server simulating a panic.",
        "POPULATE <count> [<prefix>] [<size>]",
        "    Create <count> string keys named key:<num>. If <prefix> is specified then",
        "    it is used instead of the 'key' prefix. These are not propagated to",
        "    replicas. Cluster slots are not respected so keys not belonging to the",
        "    current node can be created in cluster mode.",
        "PROTOCOL <type>",
        "    Reply with a test value of the specified type. <type> can be: string,",
        "    integer, double, bignum, null, array, set, map, attrib, push, verbatim,",
        "    true, false.",
        "RELOAD [option ...]",
        "    Save the RDB on disk and reload it back to memory. Valid <option> values:",
        "    * MERGE: conflicting keys will be loaded from RDB.",
        "    * NOFLUSH: the existing database will not be removed before load, but",
        "      conflicting keys will generate an exception and kill the server.",
        "    * NOSAVE: the database will be loaded from an existing RDB file.",
        "    Examples:",
        "    * DEBUG RELOAD: verify that the server is able to persist, flush and reload",
        "      the database.",
        "    * DEBUG RELOAD NOSAVE: replace the current database with the contents of an",
        "      existing RDB file.",
        "    * DEBUG RELOAD NOSAVE NOFLUSH MERGE: add the contents of an existing RDB",
        "      file to the database.",
        "RESTART [<milliseconds>]",
        "    Graceful restart: save config, db, restart after a <milliseconds> delay (default 0).",
        "SDSLEN <key>",
        "    Show low level SDS string info representing `key` and value.",
        "SEGFAULT",
        "    Crash the server with sigsegv.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Setting it to 0 disables expiring keys in background when they are not",
        "    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the",
        "    default.",
        "QUICKLIST-PACKED-THRESHOLD <size>",
        "    Sets the threshold for elements to be inserted as plain vs packed nodes",
        "    Default value is 1GB, allows values up to 4GB. Setting to 0 restores to default.",
        "SET-SKIP-CHECKSUM-VALIDATION <0|1>",
        "    Enables or disables checksum checks for RDB files and RESTORE's payload.",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
        "STRINGMATCH-TEST",
        "    Run a fuzz tester against the stringmatchlen() function.",
        "STRUCTSIZE",
        "    Return the size of different Redis core C structures.",
        "LISTPACK <key>",
        "    Show low level info about the listpack encoding of <key>.",
        "QUICKLIST <key> [<0|1>]",
        "    Show low level info about the quicklist encoding of <key>.",
        "    The optional argument (0 by default) sets the level of detail",
        "CLIENT-EVICTION",
        "    Show low level client eviction pools info (maxmemory-clients).",
        "PAUSE-CRON <0|1>",
        "    Stop periodic cron job processing.",
        "REPLYBUFFER PEAK-RESET-TIME <NEVER||RESET|time>",
        "    Sets the time (in milliseconds) to wait between client reply buffer peak resets.",
        "    In case NEVER is provided the last observed peak will never be reset",
        "    In case RESET is provided the peak reset time will be restored to the default value",
        "REPLYBUFFER RESIZING <0|1>",
        "    Enable or disable the reply buffer resize cron job",
        "CLUSTERLINK KILL <to|from|all> <node-id>",
        "    Kills the link based on the direction to/from (both) with the provided node.",
        "HELP",
        "    Prints this help."
};

    private DebugCommands() {
    }

    /**
     * Registers DEBUG.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("debug", -2, GROUP, DebugCommands::debug)
            .flags(FLAG_ADMIN | FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE | FLAG_PROTECTED)
            .doc("A container for debugging commands", "1.0.0").build());
    }

    /** Redis's {@code debugCommand}: each subcommand checks its own argument count, as there. */
    static void debug(final Client c) {
        final CommandArgs a = c.args();
        final int argc = a.count();
        final String sub = a.string(1).toLowerCase(Locale.ROOT);
        if (argc == 2 && sub.equals("help")) {
            c.reply().simpleArray(HELP);
        } else if (sub.equals("reload")) {
            reload(c);
        } else if (argc == 3 && sub.equals("object")) {
            object(c);
        } else if (argc == 3 && sub.equals("sleep")) {
            sleep(c, strtod(a.string(2)));
        } else if (argc == 3 && sub.equals("set-active-expire")) {
            final Engine engine = c.server().engine();
            if (engine != null) {
                engine.activeExpiry(atoi(a.string(2)) != 0);
            }
            c.reply().ok();
        } else if (argc == 2 && sub.equals("change-repl-id")) {
            // No replication: there are no IDs to change.
            c.reply().ok();
        } else {
            c.reply().error(KvError.SUBCOMMAND_SYNTAX.format(a.cString(1), "DEBUG"));
        }
    }

    /**
     * DEBUG SLEEP: Redis converts the seconds to whole microseconds and sleeps; a negative or unrepresentable time
     * (its conversion of infinity or NaN) returns at once.
     */
    private static void sleep(final Client c, final double seconds) {
        final double micros = seconds * 1_000_000;
        if (Double.isFinite(micros) && micros >= 1 && micros < 0x1p63) {
            final long nanos = (long) micros * 1000;
            alone(c, () -> pause(nanos));
        }
        c.reply().ok();
    }

    private static void pause(final long nanos) {
        final long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (final InterruptedException e) {
                // The server is closing: stop sleeping, keep the interrupt for the loop.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs with no other RESP command running: behind the EXEC gate, or directly inside EXEC, which holds it. */
    private static void alone(final Client c, final Runnable body) {
        PersistenceCommands.saveAlone(c, body);
    }

    /**
     * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save the snapshot (unless NOSAVE), empty the store (unless NOFLUSH),
     * load the snapshot. Without a data directory the save fails as a Redis save that cannot write does (a bare
     * {@code -ERR}), so no file appears in the working directory; NOSAVE then loads the working directory's.
     */
    private static void reload(final Client c) {
        final CommandArgs a = c.args();
        boolean flush = true;
        boolean save = true;
        boolean merge = false;
        for (int i = 2; i < a.count(); i++) {
            final String option = a.string(i).toLowerCase(Locale.ROOT);
            if (option.equals("merge")) {
                merge = true;
            } else if (option.equals("noflush")) {
                flush = false;
            } else if (option.equals("nosave")) {
                save = false;
            } else {
                c.reply().error(KvError.DEBUG_RELOAD_OPTION);
                return;
            }
        }
        final KvError[] error = new KvError[1];
        final boolean doSave = save;
        final boolean doFlush = flush;
        final boolean doMerge = merge;
        alone(c, () -> error[0] = reloadAlone(c, doSave, doFlush, doMerge));
        if (error[0] != null) {
            c.reply().error(error[0]);
        } else {
            c.reply().ok();
        }
    }

    private static KvError reloadAlone(final Client c, final boolean save, final boolean flush, final boolean merge) {
        final Persistence p = c.server().persistence();
        if (save) {
            if (!p.directoryConfigured()) {
                LOG.log(Level.WARNING, "DEBUG RELOAD cannot save: no data directory is configured (--dir)");
                return KvError.SAVE_FAILED;
            }
            if (!p.saveNow()) {
                return KvError.SAVE_FAILED;
            }
        }
        final Engine engine = c.server().engine();
        if (engine == null) {
            LOG.log(Level.WARNING, "DEBUG RELOAD cannot load: the served store is not mini-kv's engine");
            return KvError.DEBUG_RELOAD_LOAD_FAILED;
        }
        if (flush) {
            // As Redis's emptyData: a watched key that existed fails its WATCH.
            final KvStore db = c.db();
            c.server().watches().touchAll(-1, (i, key) -> db.database(i).exists(key) > 0);
        }
        final Snapshots.LoadResult loaded;
        try {
            loaded = engine.reload(p.file(), flush, merge);
        } catch (final RuntimeException e) {
            LOG.log(Level.WARNING, "DEBUG RELOAD cannot load " + p.file() + ": " + e.getMessage(), e);
            return KvError.DEBUG_RELOAD_LOAD_FAILED;
        }
        if (loaded == null) {
            LOG.log(Level.WARNING, "DEBUG RELOAD: no snapshot at " + p.file());
            return KvError.DEBUG_RELOAD_LOAD_FAILED;
        }
        // The snapshot's function libraries replace the loaded ones; NOFLUSH adds them (MERGE replacing a library of
        // the same name, else failing on it), as Redis's rdbLoad does.
        final String[] error = new String[1];
        if (!c.server().functions().restore(loaded.functionLibraries(), flush, merge, error)) {
            LOG.log(Level.WARNING, "DEBUG RELOAD cannot load the function libraries: " + error[0]);
            return KvError.DEBUG_RELOAD_LOAD_FAILED;
        }
        LOG.log(Level.INFO, "DB reloaded by DEBUG RELOAD");
        return null;
    }

    /**
     * DEBUG OBJECT key: Redis's one-line summary. The encoding and refcount are OBJECT's; the rest is approximate: the
     * "address" is derived from the key (mini-kv values have no fixed address), lru is the current LRU clock and
     * lru_seconds_idle 0 (mini-kv keeps no access time, as OBJECT IDLETIME), serializedlength and the ql_ figures are
     * computed by {@link SerializedLength}.
     */
    private static void object(final Client c) {
        final KvStore db = c.db();
        final byte[] key = c.args().bytes(2);
        final String encoding = db.objectEncoding(key);
        if (encoding == null) {
            c.reply().error(KvError.NO_SUCH_KEY);
            return;
        }
        final long refcount = db.objectRefcount(key);
        final long address = 0x7f00_0000_0000L | (Arrays.hashCode(key) & 0xFFFF_FFFFL) << 4;
        final Engine engine = c.server().engine();
        final long nowMs = engine != null ? engine.clock().millis() : System.currentTimeMillis();
        final StringBuilder line = new StringBuilder(160).append("Value at:0x").append(Long.toHexString(address))
            .append(" refcount:").append(refcount).append(" encoding:").append(encoding).append(" serializedlength:");
        if (db.type(key) == ValueType.LIST) {
            final SerializedLength.Quicklist ql = SerializedLength.quicklist(db.lrange(key, 0, -1));
            final long count = db.llen(key);
            line.append(ql.serialized()).append(" lru:").append(nowMs / 1000 & LRU_CLOCK_MAX)
                .append(" lru_seconds_idle:0 ql_nodes:").append(ql.nodes())
                .append(" ql_avg_node:").append(String.format(Locale.ROOT, "%.2f", (double) count / ql.nodes()))
                .append(" ql_listpack_max:-2 ql_compressed:0 ql_uncompressed_size:").append(ql.bytes());
        } else {
            line.append(SerializedLength.of(db, key, encoding)).append(" lru:").append(nowMs / 1000 & LRU_CLOCK_MAX)
                .append(" lru_seconds_idle:0");
        }
        c.reply().simple(line.toString());
    }

    /** C's {@code strtod(s, NULL)}: the longest number prefix, 0 when there is none. */
    static double strtod(final String text) {
        final Matcher m = STRTOD.matcher(text);
        if (!m.find()) {
            return 0;
        }
        final String number = m.group().strip().toLowerCase(Locale.ROOT);
        final String unsigned = number.startsWith("+") || number.startsWith("-") ? number.substring(1) : number;
        final double sign = number.startsWith("-") ? -1 : 1;
        if (unsigned.startsWith("inf")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return sign * Double.parseDouble(unsigned.endsWith(".") ? unsigned + "0" : unsigned);
    }

    /** C's {@code atoi}: optional spaces and sign, then digits up to the first other character. */
    static long atoi(final String text) {
        int i = 0;
        while (i < text.length() && (text.charAt(i) == ' ' || (text.charAt(i) >= '\t' && text.charAt(i) <= '\r'))) {
            i++;
        }
        final boolean negative = i < text.length() && text.charAt(i) == '-';
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        long value = 0;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' && value < Integer.MAX_VALUE) {
            value = value * 10 + text.charAt(i++) - '0';
        }
        return negative ? -value : value;
    }
}
