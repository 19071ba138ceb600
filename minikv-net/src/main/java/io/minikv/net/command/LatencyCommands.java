package io.minikv.net.command;

import static io.minikv.net.command.CommandSpec.FLAG_ADMIN;
import static io.minikv.net.command.CommandSpec.FLAG_LOADING;
import static io.minikv.net.command.CommandSpec.FLAG_NOSCRIPT;
import static io.minikv.net.command.CommandSpec.FLAG_STALE;

import io.minikv.api.KvError;
import io.minikv.net.resp.CommandArgs;
import io.minikv.net.resp.ReplyWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * LATENCY DOCTOR / LATEST / HISTORY / RESET / GRAPH / HISTOGRAM / HELP, as Redis 7.0's {@code latencyCommand}, over
 * the server's {@link LatencyMonitor} and the commands' {@link LatencyHistogram}s.
 */
final class LatencyCommands {
    private static final String GROUP = "server";
    private static final int FLAGS = FLAG_ADMIN | FLAG_NOSCRIPT | FLAG_LOADING | FLAG_STALE;
    private static final String[] HELP = {
        "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command "
            + "names.",
        "    If no commands are specified then all histograms are replied.",
        "HELP",
        "    Prints this help."};

    private LatencyCommands() {
    }

    /**
     * Registers LATENCY.
     *
     * @param table the table.
     */
    static void register(final CommandTable table) {
        table.register(CommandSpec.of("latency", -2, GROUP, null)
            .doc("A container for latency diagnostics commands", "2.8.13")
            .sub(sub("doctor", 2, LatencyCommands::doctor, "Return a human readable latency analysis report."))
            .sub(sub("latest", 2, c -> monitor(c).writeLatest(c.reply()),
                "Return the latest latency samples for all events."))
            .sub(sub("history", 3, c -> monitor(c).writeHistory(c.reply(), c.args().string(2)),
                "Return timestamp-latency samples for the event."))
            .sub(sub("reset", -2, LatencyCommands::reset, "Reset latency data for one or more events."))
            .sub(sub("graph", 3, LatencyCommands::graph, "Return a latency graph for the event."))
            .sub(CommandSpec.of("latency|histogram", -2, GROUP, LatencyCommands::histogram).flags(FLAGS)
                .doc("Return the cumulative distribution of latencies of a subset of commands or all.", "7.0.0")
                .build())
            .sub(CommandSpec.of("latency|help", 2, GROUP, c -> c.reply().simpleArray(HELP))
                .flags(FLAG_LOADING | FLAG_STALE).doc("Show helpful text about the different subcommands.", "2.8.13")
                .build())
            .build());
    }

    private static CommandSpec sub(final String name, final int arity, final CommandHandler handler,
        final String summary) {
        return CommandSpec.of("latency|" + name, arity, GROUP, handler).flags(FLAGS).doc(summary, "2.8.13").build();
    }

    private static LatencyMonitor monitor(final Client c) {
        return c.server().timing().monitor();
    }

    static void doctor(final Client c) {
        c.reply().bulk(monitor(c).doctor(c.server().slowlog().slowerThanMicros(), System.currentTimeMillis() / 1000));
    }

    static void reset(final Client c) {
        final CommandArgs a = c.args();
        final List<String> events = new ArrayList<>();
        for (int i = 2; i < a.count(); i++) {
            events.add(a.string(i));
        }
        c.reply().integer(monitor(c).reset(events));
    }

    static void graph(final Client c) {
        final String event = c.args().string(2);
        final String graph = monitor(c).graph(event, System.currentTimeMillis() / 1000);
        if (graph == null) {
            c.reply().error(KvError.LATENCY_NO_SAMPLES.format(event));
            return;
        }
        c.reply().bulk(graph);
    }

    /**
     * {@code LATENCY HISTOGRAM [command ...]}: each named command (a container brings its subcommands) that ran since
     * the last CONFIG RESETSTAT, with its calls and cumulative distribution; every such command when none is named.
     * Unknown names are skipped.
     */
    static void histogram(final Client c) {
        final CommandArgs a = c.args();
        final List<CommandSpec> specs = new ArrayList<>();
        if (a.count() == 2) {
            for (final CommandSpec spec : c.server().table().all()) {
                addRecorded(specs, spec, true);
            }
        } else {
            for (int i = 2; i < a.count(); i++) {
                final CommandSpec spec = CommandCommands.find(c, a.string(i).toLowerCase(Locale.ROOT));
                if (spec != null) {
                    addRecorded(specs, spec, true);
                }
            }
        }
        final ReplyWriter reply = c.reply();
        reply.array(specs.size() * 2L);
        for (final CommandSpec spec : specs) {
            reply.bulk(spec.name());
            spec.latency().writeCdf(reply);
        }
    }

    private static void addRecorded(final List<CommandSpec> specs, final CommandSpec spec, final boolean subs) {
        if (spec.latency().recorded()) {
            specs.add(spec);
        }
        if (subs) {
            for (final CommandSpec sub : spec.subcommands().values()) {
                addRecorded(specs, sub, false);
            }
        }
    }
}
