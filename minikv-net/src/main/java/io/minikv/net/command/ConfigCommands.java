package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CONFIG GET / SET / RESETSTAT / REWRITE / HELP. Parameters mini-kv has are real: reading them shows the live value
 * and setting the mutable ones (maxclients, timeout, requirepass, proto-max-bulk-len, client-query-buffer-limit,
 * hll-sparse-max-bytes, the pubsub class of client-output-buffer-limit, slowlog-log-slower-than, slowlog-max-len)
 * takes effect at once, as do save, dir and
 * dbfilename (the last two only where enable-protected-configs allows, as in Redis 7); enable-protected-configs and
 * enable-debug-command are shown and fixed at startup. Any other parameter is stored and echoed back, so tools and client handshakes that set
 * Redis-only parameters (notify-keyspace-events, save...) do not fail.
 */
final class ConfigCommands {
    private static final String IMMUTABLE = "can't set immutable config";
    private static final String NOT_INTEGER = "argument couldn't be parsed into an integer";
    private static final String HLL_SPARSE_MAX_BYTES = "hll-sparse-max-bytes";
    private static final String SLOWLOG_SLOWER_THAN = "slowlog-log-slower-than";
    private static final String SLOWLOG_MAX_LEN = "slowlog-max-len";
    private static final String LATENCY_MONITOR_THRESHOLD = "latency-monitor-threshold";
    private static final String LATENCY_TRACKING = "latency-tracking";
    private static final String LATENCY_PERCENTILES = "latency-tracking-info-percentiles";
    private static final String[] HELP = {
        "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
        "RESETSTAT", "    Reset statistics reported by the INFO command.",
        "REWRITE", "    Rewrite the configuration file.",
        "HELP", "    Print this help."};

    private ConfigCommands() {
    }

    /**
     * Registers CONFIG.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        final int flags = FLAG_ADMIN | FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE;
        table.register(CommandSpec.of("config", -2, "server", null).flags(flags)
            .doc("A container for server configuration commands.", "2.0.0")
            .sub(CommandSpec.of("config|get", -3, "server", ConfigCommands::get).flags(flags)
                .doc("Returns the effective values of configuration parameters.", "2.0.0").build())
            .sub(CommandSpec.of("config|set", -4, "server", ConfigCommands::set).flags(flags)
                .doc("Sets configuration parameters in-flight.", "2.0.0").build())
            .sub(CommandSpec.of("config|resetstat", 2, "server", ConfigCommands::resetstat).flags(flags)
                .doc("Resets the server's statistics.", "2.0.0").build())
            .sub(CommandSpec.of("config|rewrite", 2, "server", c -> c.reply().error(KvError.CONFIG_NO_FILE))
                .flags(flags).doc("Persists the effective configuration to file.", "2.8.0").build())
            .sub(CommandSpec.of("config|help", 2, "server", ConfigCommands::help).flags(FLAG_LOADING | FLAG_STALE)
                .doc("Returns helpful text about the different subcommands.", "5.0.0").build())
            .build());
    }

    /**
     * Returns every parameter with its current value: the real ones first, then the stored ones.
     *
     * @param server the server.
     * @return name to value, names in lower case.
     */
    static Map<String, String> parameters(final ServerContext server) {
        final Map<String, String> all = new LinkedHashMap<>();
        all.put("bind", server.bindAddress());
        all.put("port", Integer.toString(server.port()));
        all.put("databases", Integer.toString(server.databases()));
        all.put("maxclients", Integer.toString(server.maxClients()));
        all.put("timeout", Integer.toString(server.timeoutSeconds()));
        all.put("requirepass", server.requirePassword() == null ? "" : server.requirePassword());
        all.put("maxmemory", Long.toString(server.maxMemoryBytes()));
        all.put("maxmemory-policy", "noeviction");
        all.put("proto-max-bulk-len", Long.toString(server.limits().maxBulkLength()));
        all.put("client-query-buffer-limit", Long.toString(server.limits().maxQueryBufferBytes()));
        final Persistence persistence = server.persistence();
        all.put("save", SavePoints.format(persistence.savePoints()));
        all.put("dir", persistence.dir().toString());
        all.put("dbfilename", persistence.dbfilename());
        all.put("enable-protected-configs", persistence.enableProtectedConfigs());
        all.put("enable-debug-command", server.debugCommand().value());
        final AclFile aclFile = server.aclFile();
        all.put("aclfile", aclFile == null ? "" : aclFile.path().toString());
        all.put("appendonly", "no");
        all.put("notify-keyspace-events", "");
        all.put("client-output-buffer-limit", server.outputBufferLimits().toString());
        all.put("busy-reply-threshold", Long.toString(server.scripting().busyThresholdMillis()));
        all.put("lua-time-limit", Long.toString(server.scripting().busyThresholdMillis()));
        all.put(SLOWLOG_SLOWER_THAN, Long.toString(server.slowlog().slowerThanMicros()));
        all.put(SLOWLOG_MAX_LEN, Long.toString(server.slowlog().maxLen()));
        all.put(LATENCY_MONITOR_THRESHOLD, Long.toString(server.timing().monitor().thresholdMillis()));
        all.put(LATENCY_TRACKING, server.timing().tracking() ? "yes" : "no");
        final StringBuilder percentiles = new StringBuilder();
        for (final double p : server.timing().percentiles()) {
            percentiles.append(percentiles.length() == 0 ? "" : " ").append(CommandTiming.formatPercentile(p));
        }
        all.put(LATENCY_PERCENTILES, percentiles.toString());
        if (server.engine() != null) {
            all.put(HLL_SPARSE_MAX_BYTES, Long.toString(server.engine().hllSparseMaxBytes()));
        }
        for (final Map.Entry<String, String> e : server.storedConfig().entrySet()) {
            if (all.containsKey(e.getKey()) && !e.getKey().equals("notify-keyspace-events")) {
                continue;
            }
            all.put(e.getKey(), e.getValue());
        }
        return all;
    }

    static void get(final Client c) {
        final CommandArgs a = c.args();
        final Map<String, String> all = parameters(c.server());
        final Map<String, String> found = new LinkedHashMap<>();
        for (int i = 2; i < a.count(); i++) {
            final String pattern = a.string(i);
            if (!GlobMatcher.hasWildcards(latin1(pattern))) {
                // Redis 7.0 echoes an exact name as the client typed it.
                final String value = all.get(pattern.toLowerCase(Locale.ROOT));
                if (value != null) {
                    found.put(pattern, value);
                }
                continue;
            }
            for (final Map.Entry<String, String> e : all.entrySet()) {
                if (GlobMatcher.matches(latin1(pattern), latin1(e.getKey()), true)) {
                    found.put(e.getKey(), e.getValue());
                }
            }
        }
        final ReplyWriter reply = c.reply();
        reply.array(found.size() * 2L);
        for (final Map.Entry<String, String> e : found.entrySet()) {
            reply.bulk(e.getKey());
            reply.bulk(e.getValue());
        }
    }

    static void set(final Client c) {
        final CommandArgs a = c.args();
        if ((a.count() - 2) % 2 != 0) {
            c.reply().error(KvError.wrongArity("config|set"));
            return;
        }
        final ServerContext server = c.server();
        // Validate every pair before applying any, so a failed CONFIG SET changes nothing.
        for (int i = 2; i < a.count(); i += 2) {
            final String name = a.string(i).toLowerCase(Locale.ROOT);
            final String problem = check(c, name, a.string(i + 1));
            if (problem != null) {
                c.reply().error(problem);
                return;
            }
        }
        for (int i = 2; i < a.count(); i += 2) {
            apply(server, a.string(i).toLowerCase(Locale.ROOT), a.string(i + 1));
        }
        c.reply().ok();
    }

    /** Returns the error text for an unacceptable value, or null when it may be applied. */
    private static String check(final Client c, final String name, final String value) {
        final ServerContext server = c.server();
        switch (name) {
            case "bind":
            case "port":
            case "databases":
            case "enable-protected-configs":
            case "enable-debug-command":
            case "aclfile":
                return KvError.CONFIG_SET_FAILED.format(name, IMMUTABLE);
            case "save":
                return SavePoints.parse(value) == null
                    ? KvError.CONFIG_SET_FAILED.format(name, "Invalid save parameters") : null;
            case "dir":
            case "dbfilename":
                return checkProtected(c, name, value);
            case "maxmemory":
                if (MemorySize.parse(value) < 0) {
                    return KvError.CONFIG_SET_FAILED.format(name, "argument must be a memory value");
                }
                return server.maxMemoryAdjustable() ? null
                    : KvError.CONFIG_SET_FAILED.format(name, IMMUTABLE);
            case HLL_SPARSE_MAX_BYTES:
                return hllSparseMaxBytes(value) < 0
                    ? KvError.CONFIG_SET_FAILED.format(name, "argument must be a memory value") : null;
            case "maxclients":
                return intIn(value, 1, Integer.MAX_VALUE) ? null : KvError.CONFIG_SET_FAILED.format(name, NOT_INTEGER);
            case "timeout":
                return intIn(value, 0, Integer.MAX_VALUE) ? null : KvError.CONFIG_SET_FAILED.format(name, NOT_INTEGER);
            case "busy-reply-threshold":
            case "lua-time-limit":
                return intIn(value, 0, Integer.MAX_VALUE) ? null : KvError.CONFIG_SET_FAILED.format(name, NOT_INTEGER);
            case SLOWLOG_SLOWER_THAN:
                return longIn(name, value, -1);
            case SLOWLOG_MAX_LEN:
            case LATENCY_MONITOR_THRESHOLD:
                return longIn(name, value, 0);
            case LATENCY_TRACKING:
                return value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("no") ? null
                    : KvError.CONFIG_SET_FAILED.format(name, "argument must be 'yes' or 'no'");
            case LATENCY_PERCENTILES: {
                final double[] parsed = percentiles(value);
                if (parsed == null) {
                    return KvError.CONFIG_SET_FAILED.format(name, "Invalid " + LATENCY_PERCENTILES + " parameters");
                }
                for (final double p : parsed) {
                    if (p < 0 || p > 100) {
                        return KvError.CONFIG_SET_FAILED.format(name, LATENCY_PERCENTILES
                            + " parameters should sit between [0.0,100.0]");
                    }
                }
                return null;
            }
            case "proto-max-bulk-len":
            case "client-query-buffer-limit": {
                final long bytes = MemorySize.parse(value);
                if (bytes < 1024 * 1024 || (name.equals("proto-max-bulk-len") && bytes > Integer.MAX_VALUE - 64)) {
                    return KvError.CONFIG_SET_FAILED.format(name, "argument must be a memory value");
                }
                return null;
            }
            case "maxmemory-policy":
                return value.equalsIgnoreCase("noeviction") ? null
                    : KvError.CONFIG_SET_FAILED.format(name, "argument(s) must be one of the following: noeviction");
            case "client-output-buffer-limit": {
                final String[] error = new String[1];
                return server.outputBufferLimits().with(value, error) == null
                    ? KvError.CONFIG_SET_FAILED.format(name, error[0]) : null;
            }
            case "notify-keyspace-events":
                return keyspaceEvents(value) == null
                    ? KvError.CONFIG_SET_FAILED.format(name, "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.")
                    : null;
            default:
                return null;
        }
    }

    /** hll-sparse-max-bytes is a memory value, 0 to LONG_MAX; Redis reads an empty one as 0. */
    private static long hllSparseMaxBytes(final String value) {
        return value.isEmpty() ? 0 : MemorySize.parse(value);
    }

    /** dir and dbfilename are protected configs in Redis 7: refused unless enable-protected-configs allows. */
    private static String checkProtected(final Client c, final String name, final String value) {
        final Persistence p = c.server().persistence();
        if (!p.protectedConfigsAllowed(c.address())) {
            return KvError.CONFIG_SET_FAILED.format(name, "can't set protected config");
        }
        if (name.equals("dbfilename")) {
            return value.indexOf('/') >= 0 || value.indexOf('\\') >= 0
                ? KvError.CONFIG_SET_FAILED.format(name, "dbfilename can't be a path, just a filename") : null;
        }
        final Path dir;
        try {
            dir = p.dir().resolve(value);
        } catch (final InvalidPathException e) {
            return KvError.CONFIG_SET_FAILED.format(name, "No such file or directory");
        }
        // Redis chdir()s and reports strerror.
        if (!Files.exists(dir)) {
            return KvError.CONFIG_SET_FAILED.format(name, "No such file or directory");
        }
        return Files.isDirectory(dir) ? null : KvError.CONFIG_SET_FAILED.format(name, "Not a directory");
    }

    private static void apply(final ServerContext server, final String name, final String value) {
        switch (name) {
            case "save":
                server.persistence().savePoints(SavePoints.parse(value));
                break;
            case "dir":
                server.persistence().dir(server.persistence().dir().resolve(value));
                server.persistence().directoryConfigured(true);
                break;
            case "dbfilename":
                server.persistence().dbfilename(value);
                break;
            case "maxclients":
                server.maxClients(Integer.parseInt(value));
                break;
            case "maxmemory":
                server.maxMemoryBytes(MemorySize.parse(value));
                break;
            case HLL_SPARSE_MAX_BYTES:
                if (server.engine() != null) {
                    server.engine().hllSparseMaxBytes(hllSparseMaxBytes(value));
                } else {
                    server.storedConfig().put(name, value);
                }
                break;
            case "timeout":
                server.timeoutSeconds(Integer.parseInt(value));
                break;
            case "busy-reply-threshold":
            case "lua-time-limit":
                server.scripting().busyThresholdMillis(Long.parseLong(value));
                break;
            case "requirepass":
                server.requirePassword(value);
                break;
            case SLOWLOG_SLOWER_THAN:
                server.slowlog().slowerThanMicros(Long.parseLong(value));
                server.timing().settingsChanged();
                break;
            case LATENCY_MONITOR_THRESHOLD:
                server.timing().monitor().thresholdMillis(Long.parseLong(value));
                server.timing().settingsChanged();
                break;
            case LATENCY_TRACKING:
                server.timing().tracking(value.equalsIgnoreCase("yes"));
                break;
            case LATENCY_PERCENTILES:
                server.timing().percentiles(percentiles(value));
                break;
            case SLOWLOG_MAX_LEN:
                server.slowlog().maxLen(Long.parseLong(value));
                break;
            case "proto-max-bulk-len":
                server.limits(server.limits().withMaxBulkLength(MemorySize.parse(value)));
                break;
            case "client-query-buffer-limit":
                server.limits(server.limits().withMaxQueryBufferBytes(MemorySize.parse(value)));
                break;
            case "maxmemory-policy":
                break;
            case "client-output-buffer-limit":
                server.outputBufferLimits(server.outputBufferLimits().with(value, new String[1]));
                break;
            case "notify-keyspace-events":
                // Stored (notifications are not sent yet) in Redis's canonical form, which clients compare against.
                server.storedConfig().put(name, keyspaceEvents(value));
                break;
            default:
                server.storedConfig().put(name, value);
                break;
        }
    }

    /**
     * Normalizes notify-keyspace-events as Redis's {@code keyspaceEventsFlagsToString} prints it.
     *
     * @param value the classes as set.
     * @return the canonical string, or null on an unknown class character.
     */
    static String keyspaceEvents(final String value) {
        final String classes = "g$lshzxetmdn";
        final String all = "g$lshzxetd";
        final boolean[] set = new boolean[classes.length()];
        boolean keyspace = false;
        boolean keyevent = false;
        for (int i = 0; i < value.length(); i++) {
            final char ch = value.charAt(i);
            if (ch == 'A') {
                for (int k = 0; k < all.length(); k++) {
                    set[classes.indexOf(all.charAt(k))] = true;
                }
            } else if (ch == 'K') {
                keyspace = true;
            } else if (ch == 'E') {
                keyevent = true;
            } else if (classes.indexOf(ch) >= 0) {
                set[classes.indexOf(ch)] = true;
            } else {
                return null;
            }
        }
        final StringBuilder out = new StringBuilder();
        boolean allSet = true;
        for (int k = 0; k < all.length(); k++) {
            allSet &= set[classes.indexOf(all.charAt(k))];
        }
        if (allSet) {
            out.append('A');
        } else {
            for (int k = 0; k < all.length(); k++) {
                if (set[classes.indexOf(all.charAt(k))]) {
                    out.append(all.charAt(k));
                }
            }
        }
        if (keyspace) {
            out.append('K');
        }
        if (keyevent) {
            out.append('E');
        }
        // Key-miss and new-key events are not part of 'A' and come last.
        if (set[classes.indexOf('m')]) {
            out.append('m');
        }
        if (set[classes.indexOf('n')]) {
            out.append('n');
        }
        return out.toString();
    }

    /**
     * Checks a numeric parameter of Redis's {@code long long} kind: an integer as {@code string2ll} reads it (no
     * sign but '-', no leading zero, no space), from {@code min} to {@code LLONG_MAX}.
     *
     * @return the CONFIG SET error, or null when acceptable.
     */
    private static String longIn(final String name, final String value, final long min) {
        final Long parsed = string2ll(value);
        if (parsed == null) {
            return KvError.CONFIG_SET_FAILED.format(name, NOT_INTEGER);
        }
        return parsed < min ? KvError.CONFIG_SET_FAILED.format(name, "argument must be between " + min
            + " and " + Long.MAX_VALUE + " inclusive") : null;
    }

    /**
     * Parses latency-tracking-info-percentiles as Redis: numbers separated by single spaces, each read as
     * {@code strtod} reads it (Redis's {@code string2d}: no space, no NaN), "" for none.
     *
     * @return the percentiles, or null when one is not a number.
     */
    private static double[] percentiles(final String value) {
        if (value.isEmpty()) {
            return new double[0];
        }
        final String[] words = value.split(" ", -1);
        final double[] parsed = new double[words.length];
        for (int i = 0; i < words.length; i++) {
            final byte[] bytes = latin1(words[i]);
            final double d = bytes.length == 0 || bytes[0] <= ' ' ? Double.NaN
                : io.minikv.net.resp.CommandArgs.parseDouble(java.nio.ByteBuffer.wrap(bytes), 0, bytes.length);
            if (Double.isNaN(d)) {
                return null;
            }
            parsed[i] = d;
        }
        return parsed;
    }

    /** Redis's {@code string2ll}: the canonical decimal form of a 64-bit integer, or null. */
    private static Long string2ll(final String value) {
        final int n = value.length();
        final int digits = n > 0 && value.charAt(0) == '-' ? 1 : 0;
        if (n == digits || n - digits > 1 && value.charAt(digits) == '0' || value.equals("-0")) {
            return null;
        }
        for (int i = digits; i < n; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(value);
        } catch (final NumberFormatException e) {
            return null;
        }
    }

    private static boolean intIn(final String value, final long min, final long max) {
        try {
            final long v = Long.parseLong(value);
            return v >= min && v <= max;
        } catch (final NumberFormatException e) {
            return false;
        }
    }

    static void resetstat(final Client c) {
        final ServerContext server = c.server();
        server.commandsProcessed().reset();
        server.connectionsReceived().reset();
        server.rejectedConnections().reset();
        server.netInputBytes().reset();
        server.netOutputBytes().reset();
        // As Redis's resetCommandTableStats: the latency histograms start over.
        for (final CommandSpec spec : server.table().all()) {
            spec.latency().reset();
            for (final CommandSpec sub : spec.subcommands().values()) {
                sub.latency().reset();
            }
        }
        c.reply().ok();
    }

    static void help(final Client c) {
        c.reply().simpleArray(HELP);
    }

    private static byte[] latin1(final String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
