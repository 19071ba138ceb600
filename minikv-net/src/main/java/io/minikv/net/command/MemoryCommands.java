package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_READONLY;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.engine.EngineStats;
import io.minikv.net.resp.CommandArgs;

/**
 * MEMORY and its subcommands ({@code object.c}): USAGE, DOCTOR, MALLOC-STATS, HELP.
 * <p>
 * USAGE reports the store's own accounting of a key (its block of store memory, table bucket and, for collections,
 * heap structure), so its figures are mini-kv's, not Redis's. DOCTOR runs Redis's first check only (an instance
 * using under 5 MB is too small to judge) and otherwise finds nothing: Redis's other checks are about its allocator,
 * replication buffers and peaks, which mini-kv does not have. MALLOC-STATS answers what Redis answers when it is not
 * built with jemalloc. STATS and PURGE are not offered.
 */
final class MemoryCommands {
    private static final String GROUP = "server";
    private static final byte[] SAMPLES = Keywords.k("SAMPLES");
    /** Redis's getMemoryDoctorReport threshold: below it the instance is too empty to diagnose. */
    private static final long DOCTOR_MIN_BYTES = 5L * 1024 * 1024;
    private static final String DOCTOR_EMPTY = "Hi Sam, this instance is empty or is using very little memory, my "
        + "issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it "
        + "with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n";
    private static final String DOCTOR_FINE = "Hi Sam, I can't find any memory issue in your instance. I can only "
        + "account for what occurs on this base.\n";
    private static final String NO_MALLOC_STATS = "Stats not supported for the current allocator";
    private static final String[] HELP = {
        "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DOCTOR",
        "    Return memory problems reports.",
        "MALLOC-STATS",
        "    Return internal statistics report from the memory allocator.",
        "USAGE <key> [SAMPLES <count>]",
        "    Return memory in bytes used by <key> and its value. Nested values are",
        "    sampled up to <count> times (default: 5, 0 means sample all).",
        "HELP",
        "    Prints this help."};

    private MemoryCommands() {
    }

    /**
     * Registers MEMORY.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("memory", -2, GROUP, null)
            .doc("A container for memory diagnostics commands", "4.0.0")
            .sub(CommandSpec.of("memory|usage", -3, GROUP, MemoryCommands::usage).flags(FLAG_READONLY)
                .keys(2, 2, 1).doc("Estimate the memory usage of a key", "4.0.0").build())
            .sub(CommandSpec.of("memory|doctor", 2, GROUP, MemoryCommands::doctor)
                .doc("Outputs memory problems report", "4.0.0").build())
            .sub(CommandSpec.of("memory|malloc-stats", 2, GROUP, c -> c.reply().bulk(NO_MALLOC_STATS))
                .doc("Show allocator internal stats", "4.0.0").build())
            .sub(CommandSpec.of("memory|help", 2, GROUP, c -> c.reply().simpleArray(HELP))
                .flags(FLAG_LOADING | FLAG_STALE).doc("Show helpful text about the different subcommands", "4.0.0")
                .build())
            .build());
    }

    /** {@code MEMORY USAGE key [SAMPLES count]}: SAMPLES is parsed and checked as Redis does; nothing is sampled. */
    static void usage(final Client c) {
        final CommandArgs a = c.args();
        for (int i = 3; i < a.count(); i++) {
            if (!a.is(i, SAMPLES) || i + 1 >= a.count()) {
                c.reply().error(KvError.SYNTAX);
                return;
            }
            if (!c.parseLongOrReply(i + 1)) {
                return;
            }
            if (a.longValue() < 0) {
                c.reply().error(KvError.SYNTAX);
                return;
            }
            i++;
        }
        final Long bytes = c.db().memoryUsage(a.bytes(2));
        if (bytes == null) {
            c.reply().nullBulk();
        } else {
            c.reply().integer(bytes);
        }
    }

    static void doctor(final Client c) {
        final EngineStats stats = InfoCommand.stats(c.server());
        c.reply().bulk(stats != null && stats.usedMemoryBytes() < DOCTOR_MIN_BYTES ? DOCTOR_EMPTY : DOCTOR_FINE);
    }
}
