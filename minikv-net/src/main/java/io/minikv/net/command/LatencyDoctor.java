package io.minikv.net.command;

import java.util.Locale;

/**
 * LATENCY DOCTOR's report, with Redis 7.0's texts: one line per event, then the advice for the events seen. Only the
 * advice for the events mini-kv produces ({@code command}, {@code fast-command}) can appear.
 * <p>
 * Not thread-safe: one instance per report.
 */
final class LatencyDoctor {
    /** The report while the monitor is off and has no events. */
    static final String DISABLED = "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis "
        + "instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If "
        + "we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";
    /** The report while the monitor is on and has no events. */
    static final String NO_SPIKES = "Dave, no latency spike was observed during the lifetime of this Redis "
        + "instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, "
        + "and think things over.\n";
    private static final String FIRST_EVENT = "Dave, I have observed latency spikes in this Redis instance. You "
        + "don't mind talking about it, do you Dave?\n\n";
    private static final String NO_ADVICE = "\nWhile there are latency events logged, I'm not able to suggest any "
        + "easy fix. Please use the Redis community to get some help, providing this report in your help request.\n";
    private static final String ADVICES = "\nI have a few advices for you:\n\n";
    private static final String SLOWLOG_ENABLE = "- There are latency issues with potentially slow commands you are "
        + "using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than %d'. "
        + "If the Slow log is disabled Redis is not able to log slow commands execution for you.\n";
    private static final String SLOWLOG_TUNING = "- Your current Slow Log configuration only logs events that are "
        + "slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than "
        + "%d'.\n";
    private static final String SLOWLOG_INSPECT = "- Check your Slow Log to understand what are the commands you are "
        + "running which are too slow to execute. Please check https://redis.io/commands/slowlog for more "
        + "information.\n";
    private static final String SCHEDULER = "- The system is slow to execute Redis code paths not containing system "
        + "calls. This usually means the system does not provide Redis CPU time to run for long periods. You should "
        + "try to:\n"
        + "  1) Lower the system load.\n"
        + "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n"
        + "  3) Check if you have a \"noisy neighbour\" problem.\n"
        + "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n"
        + "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using "
        + "Jemalloc. However this may create fragmentation problems.\n";
    private static final String LARGE_OBJECTS = "- Deleting, expiring or evicting (because of maxmemory policy) large "
        + "objects is a blocking operation. If you have very large objects that are often deleted, expired, or "
        + "evicted, try to fragment those objects into multiple smaller objects.\n";

    private final long thresholdMillis;
    private final long slowlogSlowerThan;
    private final StringBuilder report = new StringBuilder();
    private boolean slowlogEnable;
    private boolean slowlogTuning;
    private boolean slowlogInspect;
    private boolean scheduler;
    private boolean largeObjects;
    private int advices;

    LatencyDoctor(final long thresholdMillis, final long slowlogSlowerThan) {
        this.thresholdMillis = thresholdMillis;
        this.slowlogSlowerThan = slowlogSlowerThan;
    }

    /**
     * Adds an event's line and notes its advice.
     *
     * @param n the event's number, from 1.
     * @param kind the event's name in lower case, which selects the advice.
     * @param name the event's name as shown.
     * @param samples its samples.
     * @param avg their average, ms.
     * @param mad their mean absolute deviation, ms.
     * @param period seconds per sample.
     * @param max the worst ever, ms.
     */
    void event(final int n, final String kind, final String name, final int samples, final long avg, final long mad,
        final double period, final long max) {
        if (n == 1) {
            report.append(FIRST_EVENT);
        }
        report.append(n).append(". ").append(name).append(": ").append(samples).append(" latency spikes (average ")
            .append(avg).append("ms, mean deviation ").append(mad).append("ms, period ")
            .append(String.format(Locale.ROOT, "%.2f", period)).append(" sec). Worst all time event ").append(max)
            .append("ms.");
        if (kind.equals("command")) {
            if (slowlogSlowerThan < 0) {
                slowlogEnable = true;
                advices++;
            } else if (slowlogSlowerThan / 1000 > thresholdMillis) {
                slowlogTuning = true;
                advices++;
            }
            slowlogInspect = true;
            largeObjects = true;
            advices += 2;
        } else if (kind.equals("fast-command")) {
            scheduler = true;
            advices++;
        }
        report.append('\n');
    }

    /** @return the whole report. */
    String report() {
        if (advices == 0) {
            return report.append(NO_ADVICE).toString();
        }
        report.append(ADVICES);
        if (slowlogEnable) {
            report.append(String.format(Locale.ROOT, SLOWLOG_ENABLE, thresholdMillis * 1000));
        }
        if (slowlogTuning) {
            report.append(String.format(Locale.ROOT, SLOWLOG_TUNING, thresholdMillis * 1000));
        }
        if (slowlogInspect) {
            report.append(SLOWLOG_INSPECT);
        }
        if (scheduler) {
            report.append(SCHEDULER);
        }
        if (largeObjects) {
            report.append(LARGE_OBJECTS);
        }
        return report.toString();
    }
}
