package io.minikv.net.command;

import io.minikv.net.resp.CommandArgs;

import java.util.Locale;

/**
 * What the dispatcher does with a command's execution time, as Redis's {@code call()}: the slow log, the latency
 * monitor's {@code command} / {@code fast-command} events, and the command's latency histogram (latency-tracking).
 * <p>
 * <b>Cost.</b> The dispatcher times a command only while {@link #on()}, one volatile read: while any of the three
 * wants the time (Redis's defaults: the slow log and latency-tracking are on). It then takes one
 * {@code System.nanoTime} pair (no system call on Linux); under the thresholds the rest is a few comparisons and one
 * histogram increment.
 * <p>
 * <b>Suspended commands.</b> A command that suspended its connection (a blocked command, a script on the scripting
 * thread) is recorded when it completes, with the script's run added, as Redis records a blocked command when it is
 * unblocked; one whose wait timed out is not recorded (Redis 7.0 does not log it either).
 * <p>
 * Thread-safe: settings are volatile, the parts are thread-safe.
 */
final class CommandTiming {
    private final SlowLog slowlog = new SlowLog();
    private final LatencyMonitor monitor = new LatencyMonitor();
    private volatile boolean tracking = true;
    private volatile double[] percentiles = {50, 99, 99.9};
    private volatile boolean on = true;

    /** @return the slow log. */
    SlowLog slowlog() {
        return slowlog;
    }

    /** @return the latency monitor. */
    LatencyMonitor monitor() {
        return monitor;
    }

    /** @return whether commands are timed. */
    boolean on() {
        return on;
    }

    /** Recomputes {@link #on()} after a setting changed. */
    void settingsChanged() {
        on = slowlog.enabled() || tracking || monitor.thresholdMillis() > 0;
    }

    /** @return {@code latency-tracking}. */
    boolean tracking() {
        return tracking;
    }

    /**
     * Sets {@code latency-tracking}.
     *
     * @param value true to record the per-command histograms.
     */
    void tracking(final boolean value) {
        tracking = value;
        settingsChanged();
    }

    /** @return {@code latency-tracking-info-percentiles}. */
    double[] percentiles() {
        return percentiles.clone();
    }

    /**
     * Sets {@code latency-tracking-info-percentiles}.
     *
     * @param values percentiles from 0 to 100.
     */
    void percentiles(final double[] values) {
        percentiles = values.clone();
    }

    /**
     * Records a command that ran for {@code nanos}: now, or when it completes if it suspended its connection.
     *
     * @param client the client that ran it.
     * @param spec the command.
     * @param args its arguments.
     * @param nanos its execution time.
     */
    void executed(final Client client, final CommandSpec spec, final CommandArgs args, final long nanos) {
        final boolean logged = !spec.has(CommandSpec.FLAG_SKIP_SLOWLOG);
        if (!client.isScript() && client.control().isSuspended()) {
            // Its arguments are copied now, while they are still in the input, only if the slow log may want them.
            client.deferCommand(spec, logged && slowlog.enabled() ? SlowLog.argv(args) : null, nanos);
            return;
        }
        if (logged) {
            slowlog.log(client, args, nanos / 1000);
        }
        sample(spec, nanos);
    }

    /**
     * Records a suspended command that completed.
     *
     * @param client the client that ran it.
     * @param spec the command.
     * @param argv its arguments as the slow log keeps them, or null when it needs none.
     * @param nanos its execution time, the script's run included.
     */
    void completed(final Client client, final CommandSpec spec, final byte[][] argv, final long nanos) {
        if (argv != null) {
            slowlog.log(client, argv, nanos / 1000);
        }
        sample(spec, nanos);
    }

    private void sample(final CommandSpec spec, final long nanos) {
        monitor.sampleIfNeeded(spec.has(CommandSpec.FLAG_FAST) ? "fast-command" : "command", nanos / 1_000_000);
        if (tracking) {
            spec.latency().record(nanos);
        }
    }

    /**
     * Formats a percentile as Redis prints it ({@code %f}, trailing zeros and point removed).
     *
     * @param value the percentile.
     * @return e.g. {@code 99.9}, {@code 50}.
     */
    static String formatPercentile(final double value) {
        String text = String.format(Locale.ROOT, "%f", value);
        if (text.indexOf('.') >= 0) {
            int end = text.length();
            while (text.charAt(end - 1) == '0') {
                end--;
            }
            if (text.charAt(end - 1) == '.') {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }
}
