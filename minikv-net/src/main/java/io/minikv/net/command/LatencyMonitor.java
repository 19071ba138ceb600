package io.minikv.net.command;

import io.minikv.net.resp.ReplyWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The latency monitor, as Redis's {@code latency.c}: per event, the latest 160 samples of at most one per second
 * (the worst of that second) and the worst ever, recorded when a latency reaches {@code latency-monitor-threshold}
 * milliseconds (0, the default, records nothing). mini-kv produces Redis's {@code command} and {@code fast-command}
 * events: a command's execution time, by whether Redis flags the command fast.
 * <p>
 * Thread-safe: events are recorded from every event loop and read by LATENCY under this object's monitor; the
 * dispatcher reads the threshold, one volatile read, before it takes the monitor.
 */
final class LatencyMonitor {
    /** Redis's {@code LATENCY_TS_LEN}. */
    private static final int SAMPLES = 160;
    /** Redis's {@code LATENCY_GRAPH_COLS}. */
    private static final int GRAPH_COLUMNS = 80;
    private static final int GRAPH_ROWS = 4;

    /** One event's samples: a ring of (Unix seconds, milliseconds), the next slot, and the worst ever. */
    private static final class TimeSeries {
        final long[] times = new long[SAMPLES];
        final long[] latencies = new long[SAMPLES];
        int next;
        long max;
    }

    /** Events by name, in creation order (Redis lists them in its hash table's order). */
    private final Map<String, TimeSeries> events = new LinkedHashMap<>();
    private volatile long thresholdMillis;

    /** @return {@code latency-monitor-threshold}, milliseconds; 0 when the monitor is off. */
    long thresholdMillis() {
        return thresholdMillis;
    }

    /**
     * Sets {@code latency-monitor-threshold}.
     *
     * @param millis the threshold; 0 turns the monitor off.
     */
    void thresholdMillis(final long millis) {
        this.thresholdMillis = millis;
    }

    /**
     * Records a latency if it reaches the threshold, as Redis's {@code latencyAddSampleIfNeeded}.
     *
     * @param event the event name.
     * @param millis the latency.
     */
    void sampleIfNeeded(final String event, final long millis) {
        final long threshold = thresholdMillis;
        if (threshold > 0 && millis >= threshold) {
            add(event, millis, System.currentTimeMillis() / 1000);
        }
    }

    /**
     * Records a sample: a second's later samples only raise that second's latency, as in Redis.
     *
     * @param event the event name.
     * @param millis the latency.
     * @param now the current Unix time in seconds.
     */
    synchronized void add(final String event, final long millis, final long now) {
        final TimeSeries ts = events.computeIfAbsent(event, e -> new TimeSeries());
        ts.max = Math.max(ts.max, millis);
        final int prev = (ts.next + SAMPLES - 1) % SAMPLES;
        if (ts.times[prev] == now) {
            ts.latencies[prev] = Math.max(ts.latencies[prev], millis);
            return;
        }
        ts.times[ts.next] = now;
        ts.latencies[ts.next] = millis;
        ts.next = (ts.next + 1) % SAMPLES;
    }

    /**
     * Forgets events (LATENCY RESET).
     *
     * @param names the events, compared without case; empty for all.
     * @return how many events were forgotten.
     */
    synchronized int reset(final List<String> names) {
        if (names.isEmpty()) {
            final int n = events.size();
            events.clear();
            return n;
        }
        int resets = 0;
        for (final String name : names) {
            final var it = events.keySet().iterator();
            while (it.hasNext()) {
                if (it.next().equalsIgnoreCase(name)) {
                    it.remove();
                    resets++;
                }
            }
        }
        return resets;
    }

    /**
     * Writes LATENCY LATEST: per event, its name, the time and latency of its latest sample, and its worst.
     *
     * @param reply the writer.
     */
    synchronized void writeLatest(final ReplyWriter reply) {
        reply.array(events.size());
        for (final Map.Entry<String, TimeSeries> e : events.entrySet()) {
            final TimeSeries ts = e.getValue();
            final int last = (ts.next + SAMPLES - 1) % SAMPLES;
            reply.array(4);
            reply.bulk(e.getKey());
            reply.integer(ts.times[last]);
            reply.integer(ts.latencies[last]);
            reply.integer(ts.max);
        }
    }

    /**
     * Writes LATENCY HISTORY: an event's samples, oldest first, as (time, latency) pairs; none for an unknown event.
     *
     * @param reply the writer.
     * @param event the event name.
     */
    synchronized void writeHistory(final ReplyWriter reply, final String event) {
        final TimeSeries ts = events.get(event);
        final List<long[]> samples = samples(ts);
        reply.array(samples.size());
        for (final long[] s : samples) {
            reply.array(2);
            reply.integer(s[0]);
            reply.integer(s[1]);
        }
    }

    /** The samples of a series, oldest first, as (time, latency). */
    private static List<long[]> samples(final TimeSeries ts) {
        final List<long[]> out = new ArrayList<>();
        if (ts == null) {
            return out;
        }
        for (int j = 0; j < SAMPLES; j++) {
            final int i = (ts.next + j) % SAMPLES;
            if (ts.times[i] != 0) {
                out.add(new long[] {ts.times[i], ts.latencies[i]});
            }
        }
        return out;
    }

    /**
     * Returns LATENCY GRAPH's text for an event: a title line, a rule, and Redis's sparkline of its samples labelled
     * with their age.
     *
     * @param event the event name.
     * @param now the current Unix time in seconds.
     * @return the graph, or null for an event without samples.
     */
    synchronized String graph(final String event, final long now) {
        final TimeSeries ts = events.get(event);
        if (ts == null) {
            return null;
        }
        final List<long[]> samples = samples(ts);
        long min = 0;
        long max = 0;
        final double[] values = new double[samples.size()];
        final String[] labels = new String[samples.size()];
        for (int k = 0; k < samples.size(); k++) {
            final long latency = samples.get(k)[1];
            min = k == 0 ? latency : Math.min(min, latency);
            max = k == 0 ? latency : Math.max(max, latency);
            values[k] = latency;
            labels[k] = age(now - samples.get(k)[0]);
        }
        final StringBuilder out = new StringBuilder();
        out.append(event).append(" - high ").append(max).append(" ms, low ").append(min)
            .append(" ms (all time high ").append(ts.max).append(" ms)\n");
        out.append("-".repeat(GRAPH_COLUMNS)).append('\n');
        Sparkline.render(out, values, labels, GRAPH_COLUMNS, GRAPH_ROWS);
        return out.toString();
    }

    /** A sample's age as LATENCY GRAPH labels it: seconds, minutes, hours or days. */
    private static String age(final long elapsed) {
        if (elapsed < 60) {
            return elapsed + "s";
        } else if (elapsed < 3600) {
            return elapsed / 60 + "m";
        } else if (elapsed < 3600 * 24) {
            return elapsed / 3600 + "h";
        }
        return elapsed / (3600 * 24) + "d";
    }

    /**
     * Returns LATENCY DOCTOR's report, with Redis 7.0's texts, for the events mini-kv produces.
     *
     * @param slowlogSlowerThan {@code slowlog-log-slower-than}, for the advice about the slow log.
     * @param now the current Unix time in seconds.
     * @return the report.
     */
    synchronized String doctor(final long slowlogSlowerThan, final long now) {
        final long threshold = thresholdMillis;
        if (events.isEmpty() && threshold == 0) {
            return LatencyDoctor.DISABLED;
        }
        if (events.isEmpty()) {
            return LatencyDoctor.NO_SPIKES;
        }
        final LatencyDoctor doctor = new LatencyDoctor(threshold, slowlogSlowerThan);
        int n = 0;
        for (final Map.Entry<String, TimeSeries> e : events.entrySet()) {
            final TimeSeries ts = e.getValue();
            final List<long[]> samples = samples(ts);
            long sum = 0;
            long oldest = 0;
            for (final long[] s : samples) {
                sum += s[1];
                oldest = oldest == 0 ? s[0] : Math.min(oldest, s[0]);
            }
            final long avg = samples.isEmpty() ? 0 : sum / samples.size();
            long deviation = 0;
            for (final long[] s : samples) {
                deviation += Math.abs(avg - s[1]);
            }
            final long mad = samples.isEmpty() ? 0 : deviation / samples.size();
            long period = samples.isEmpty() ? 0 : now - oldest;
            if (!samples.isEmpty() && period == 0) {
                period = 1;
            }
            doctor.event(++n, e.getKey().toLowerCase(Locale.ROOT), e.getKey(), samples.size(), avg, mad,
                samples.isEmpty() ? 0 : (double) period / samples.size(), ts.max);
        }
        return doctor.report();
    }
}
