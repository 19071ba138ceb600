package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvStore;
import io.minikv.engine.EngineStats;
import io.minikv.net.resp.CommandArgs;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * INFO with the sections and fields clients and frameworks read: {@code redis_version} (Spring Boot's health
 * check), {@code redis_mode}, {@code role} and {@code connected_slaves} (Redisson), client and command counters,
 * memory limits and the keyspace. Fields mini-kv cannot measure are left out rather than reported as zero.
 */
final class InfoCommand {
    private static final String[] DEFAULT_SECTIONS = {"server", "clients", "memory", "persistence", "stats",
        "replication", "keyspace"};
    /** Every section in Redis's order; latencystats is shown when asked for, or with all and everything. */
    private static final String[] SECTIONS = {"server", "clients", "memory", "persistence", "stats", "replication",
        "latencystats", "keyspace"};
    private static final String RUN_ID = randomHex(40);
    private static final String REPL_ID = randomHex(40);

    private InfoCommand() {
    }

    /**
     * Registers INFO.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("info", -1, "server", InfoCommand::info).flags(FLAG_LOADING | FLAG_STALE)
            .doc("Returns information and statistics about the server.", "1.0.0").build());
    }

    static void info(final Client c) {
        final CommandArgs a = c.args();
        final Set<String> sections = new LinkedHashSet<>();
        if (a.count() == 1) {
            sections.addAll(Set.of(DEFAULT_SECTIONS));
        }
        for (int i = 1; i < a.count(); i++) {
            final String name = a.string(i).toLowerCase(Locale.ROOT);
            if (name.equals("default")) {
                sections.addAll(Set.of(DEFAULT_SECTIONS));
            } else if (name.equals("all") || name.equals("everything")) {
                sections.addAll(Set.of(SECTIONS));
            } else {
                sections.add(name);
            }
        }
        final StringBuilder out = new StringBuilder(1024);
        for (final String section : SECTIONS) {
            if (sections.contains(section)) {
                if (out.length() > 0) {
                    out.append("\r\n");
                }
                append(out, section, c.server());
            }
        }
        c.reply().bulk(out.toString());
    }

    private static void append(final StringBuilder out, final String section, final ServerContext server) {
        final long now = System.currentTimeMillis();
        switch (section) {
            case "latencystats":
                latencyStats(out, server);
                break;
            case "server": {
                final long uptime = (now - server.startMillis()) / 1000;
                out.append("# Server\r\n")
                    .append("redis_version:").append(ServerContext.REDIS_VERSION).append("\r\n")
                    .append("redis_git_sha1:00000000\r\nredis_git_dirty:0\r\n")
                    .append("redis_mode:standalone\r\n")
                    .append("minikv_version:").append(ServerContext.MINIKV_VERSION).append("\r\n")
                    .append("os:").append(System.getProperty("os.name")).append(' ')
                    .append(System.getProperty("os.version")).append(' ').append(System.getProperty("os.arch"))
                    .append("\r\n")
                    .append("arch_bits:").append(System.getProperty("sun.arch.data.model", "64")).append("\r\n")
                    .append("multiplexing_api:java-nio\r\n")
                    .append("java_version:").append(System.getProperty("java.version")).append("\r\n")
                    .append("process_id:").append(ProcessHandle.current().pid()).append("\r\n")
                    .append("run_id:").append(RUN_ID).append("\r\n")
                    .append("tcp_port:").append(server.port()).append("\r\n")
                    .append("server_time_usec:").append(now * 1000).append("\r\n")
                    .append("uptime_in_seconds:").append(uptime).append("\r\n")
                    .append("uptime_in_days:").append(uptime / 86400).append("\r\n")
                    .append("executable:\r\nconfig_file:\r\n");
                break;
            }
            case "clients":
                out.append("# Clients\r\n")
                    .append("connected_clients:").append(server.clients().size()).append("\r\n")
                    .append("cluster_connections:0\r\n")
                    .append("maxclients:").append(server.maxClients()).append("\r\n")
                    .append("blocked_clients:").append(blockedClients(server)).append("\r\n")
                    .append("tracking_clients:0\r\n");
                break;
            case "memory": {
                final Runtime runtime = Runtime.getRuntime();
                final long heap = runtime.totalMemory() - runtime.freeMemory();
                final EngineStats stats = stats(server);
                final long max = stats != null ? stats.maxMemoryBytes() : server.maxMemoryBytes();
                out.append("# Memory\r\n");
                if (stats != null) {
                    final long used = stats.usedMemoryBytes();
                    out.append("used_memory:").append(used).append("\r\n")
                        .append("used_memory_human:").append(human(used)).append("\r\n")
                        .append("allocator_allocated:").append(stats.allocatedMemoryBytes()).append("\r\n");
                }
                out.append("used_memory_heap:").append(heap).append("\r\n")
                    .append("used_memory_heap_human:").append(human(heap)).append("\r\n")
                    .append("maxmemory:").append(max).append("\r\n")
                    .append("maxmemory_human:").append(human(max)).append("\r\n")
                    .append("maxmemory_policy:noeviction\r\n")
                    .append("mem_allocator:java-offheap\r\n");
                break;
            }
            case "persistence":
                persistence(server.persistence(), out);
                break;
            case "stats":
                out.append("# Stats\r\n")
                    .append("total_connections_received:").append(server.connectionsReceived().sum()).append("\r\n")
                    .append("total_commands_processed:").append(server.commandsProcessed().sum()).append("\r\n")
                    .append("total_net_input_bytes:").append(server.netInputBytes().sum()).append("\r\n")
                    .append("total_net_output_bytes:").append(server.netOutputBytes().sum()).append("\r\n")
                    .append("rejected_connections:").append(server.rejectedConnections().sum()).append("\r\n")
                    .append("expired_keys:").append(stats(server) == null ? 0 : stats(server).expiredKeys())
                    .append("\r\n")
                    .append("pubsub_channels:").append(server.pubsub().channelCount()).append("\r\n")
                    .append("pubsub_patterns:").append(server.pubsub().numpat()).append("\r\n")
                    .append("pubsubshard_channels:").append(server.pubsub().shardChannelCount()).append("\r\n");
                break;
            case "replication":
                out.append("# Replication\r\n")
                    .append("role:master\r\nconnected_slaves:0\r\nmaster_failover_state:no-failover\r\n")
                    .append("master_replid:").append(REPL_ID).append("\r\n")
                    .append("master_replid2:0000000000000000000000000000000000000000\r\n")
                    .append("master_repl_offset:0\r\nsecond_repl_offset:-1\r\nrepl_backlog_active:0\r\n");
                break;
            case "keyspace": {
                out.append("# Keyspace\r\n");
                final EngineStats stats = stats(server);
                final KvStore store = server.store();
                for (int db = 0; db < server.databases(); db++) {
                    final long keys = stats != null ? stats.keys(db) : store.database(db).dbsize();
                    if (keys > 0) {
                        out.append("db").append(db).append(":keys=").append(keys);
                        if (stats != null) {
                            out.append(",expires=").append(stats.expires(db));
                        }
                        out.append("\r\n");
                    }
                }
                break;
            }
            default:
                break;
        }
    }

    /**
     * INFO latencystats: for each command that ran since CONFIG RESETSTAT, the latency-tracking-info-percentiles of
     * its histogram in microseconds, as Redis's {@code latency_percentiles_usec_<command>:p50=...} lines.
     */
    private static void latencyStats(final StringBuilder out, final ServerContext server) {
        out.append("# Latencystats\r\n");
        final double[] percentiles = server.timing().percentiles();
        for (final CommandSpec spec : server.table().all()) {
            latencyLine(out, spec, percentiles);
            for (final CommandSpec sub : spec.subcommands().values()) {
                latencyLine(out, sub, percentiles);
            }
        }
    }

    private static void latencyLine(final StringBuilder out, final CommandSpec spec, final double[] percentiles) {
        if (!spec.latency().recorded()) {
            return;
        }
        out.append("latency_percentiles_usec_").append(spec.name()).append(':');
        for (int i = 0; i < percentiles.length; i++) {
            out.append(i == 0 ? "" : ",").append('p').append(CommandTiming.formatPercentile(percentiles[i]))
                .append('=').append(String.format(Locale.ROOT, "%.3f", spec.latency().percentileMicros(percentiles[i])));
        }
        out.append("\r\n");
    }

    private static int blockedClients(final ServerContext server) {
        int blocked = 0;
        for (final Client client : server.clients().values()) {
            if (client.control().isSuspended()) {
                blocked++;
            }
        }
        return blocked;
    }

    /** Returns the engine's figures, or null for a store of another implementation (then fewer fields show). */
    static EngineStats stats(final ServerContext server) {
        try {
            return EngineStats.of(server.store());
        } catch (final IllegalArgumentException e) {
            return null;
        }
    }

    private static String human(final long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        final String[] units = {"K", "M", "G", "T"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }

    private static String randomHex(final int length) {
        final StringBuilder hex = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            hex.append(Character.forDigit(ThreadLocalRandom.current().nextInt(16), 16));
        }
        return hex.toString();
    }

    /** INFO persistence: the figures Redis reports that mini-kv really has (no fork, so no copy-on-write ones). */
    private static void persistence(final Persistence p, final StringBuilder out) {
        out.append("# Persistence\r\n")
            .append("loading:0\r\nasync_loading:0\r\n")
            .append("rdb_changes_since_last_save:").append(p.changesSinceLastSave()).append("\r\n")
            .append("rdb_bgsave_in_progress:").append(p.backgroundSaveInProgress() ? 1 : 0).append("\r\n")
            .append("rdb_last_save_time:").append(p.lastSave()).append("\r\n")
            .append("rdb_last_bgsave_status:").append(p.lastBackgroundSaveOk() ? "ok" : "err").append("\r\n")
            .append("rdb_last_bgsave_time_sec:").append(p.lastBackgroundSaveSeconds()).append("\r\n")
            .append("rdb_current_bgsave_time_sec:").append(p.currentBackgroundSaveSeconds()).append("\r\n")
            .append("rdb_saves:").append(p.saves()).append("\r\n")
            .append("rdb_last_load_keys_expired:").append(p.keysExpiredAtLoad()).append("\r\n")
            .append("rdb_last_load_keys_loaded:").append(p.keysLoaded()).append("\r\n")
            .append("aof_enabled:0\r\naof_rewrite_in_progress:0\r\naof_rewrite_scheduled:0\r\n")
            .append("aof_last_bgrewrite_status:ok\r\naof_last_write_status:ok\r\n");
    }
}
