package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LATENCY over raw sockets, with a deterministic spike (DEBUG SLEEP 0.06 over a 50 ms threshold): the events'
 * samples, Redis's graph and doctor texts, the per-command histograms, INFO latencystats, and LOLWUT. Latencies are
 * asserted only from below (a sleep lasts at least its time).
 */
class LatencyIT {
    private static MiniKvServer server;

    @BeforeAll
    static void start() {
        server = MiniKvServer.builder().port(0).workers(2).enableDebugCommand("yes").build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawClient connect() throws IOException {
        return new RawClient("127.0.0.1", server.port());
    }

    @BeforeEach
    void reset() throws IOException {
        try (RawClient c = connect()) {
            c.call("CONFIG", "SET", "latency-monitor-threshold", "0", "latency-tracking", "yes");
            c.call("LATENCY", "RESET");
            c.call("CONFIG", "RESETSTAT");
        }
    }

    @Test
    void shouldRecordACommandSpikeAndReportItAsRedisDoes() throws IOException {
        try (RawClient c = connect()) {
            assertThat(c.call("CONFIG", "SET", "latency-monitor-threshold", "50")).isEqualTo("+OK\r\n");
            c.call("DEBUG", "SLEEP", "0.06");
            // Only the command event is asserted: on a loaded machine a fast command may pass 50 ms too.
            final String latest = c.call("LATENCY", "LATEST");
            final java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\\*4\r\n\\$7\r\ncommand\r\n:\\d{10}\r\n:(\\d+)\r\n:\\d+\r\n").matcher(latest);
            assertThat(m.find()).as(latest).isTrue();
            final long latency = Long.parseLong(m.group(1));
            assertThat(latency).isGreaterThanOrEqualTo(60);
            assertThat(c.call("LATENCY", "HISTORY", "command")).matches("\\*1\r\n\\*2\r\n:\\d{10}\r\n:" + latency
                + "\r\n");
            final String graph = c.call("LATENCY", "GRAPH", "command");
            assertThat(graph).contains("command - high " + latency + " ms, low " + latency + " ms (all time high "
                + latency + " ms)\n" + "-".repeat(80) + "\n \n \n \n_\n \n");
            assertThat(graph).matches("(?s).*\n_\n \n\\d\ns\n\r\n");
            final String doctor = c.call("LATENCY", "DOCTOR");
            assertThat(doctor).contains("\r\nDave, I have observed latency spikes in this Redis instance. You don't "
                + "mind talking about it, do you Dave?\n\n");
            assertThat(doctor).contains(". command: 1 latency spikes (average " + latency + "ms, mean deviation 0ms, "
                + "period ");
            assertThat(doctor).contains("Worst all time event " + latency + "ms.\n");
            assertThat(doctor).contains("\nI have a few advices for you:\n\n"
                + "- Check your Slow Log to understand what are the commands you are running which are too slow to "
                + "execute.");
            assertThat(c.call("LATENCY", "RESET", "COMMAND")).isEqualTo(":1\r\n");
            assertThat(c.call("LATENCY", "HISTORY", "command")).isEqualTo("*0\r\n");
            c.call("CONFIG", "SET", "latency-monitor-threshold", "0");
            c.call("LATENCY", "RESET");
            assertThat(c.call("LATENCY", "DOCTOR")).contains("I'm sorry, Dave, I can't do that.");
        }
    }

    @Test
    void shouldKeepAHistogramPerCommand() throws IOException {
        try (RawClient c = connect()) {
            c.call("SET", "k", "v");
            c.call("SET", "k", "v");
            c.call("GET", "k");
            final String histogram = c.call("LATENCY", "HISTOGRAM", "set", "get", "nosuch");
            assertThat(histogram).startsWith("*4\r\n$3\r\nset\r\n*4\r\n$5\r\ncalls\r\n:2\r\n$14\r\nhistogram_usec\r\n");
            assertThat(histogram).contains("$3\r\nget\r\n*4\r\n$5\r\ncalls\r\n:1\r\n");
            // The last bucket of each holds every call.
            assertThat(histogram).containsPattern(":\\d+\r\n:2\r\n\\$3\r\nget");
            assertThat(c.call("INFO", "latencystats")).contains("# Latencystats\r\n")
                .containsPattern("latency_percentiles_usec_set:p50=\\d+\\.\\d{3},p99=\\d+\\.\\d{3},p99\\.9=\\d+\\.\\d{3}");
            c.call("CONFIG", "SET", "latency-tracking-info-percentiles", "0 100");
            assertThat(c.call("INFO", "latencystats")).containsPattern("latency_percentiles_usec_get:p0=\\d+\\.\\d{3},"
                + "p100=\\d+\\.\\d{3}\r\n");
            c.call("CONFIG", "SET", "latency-tracking-info-percentiles", "50 99 99.9");
            c.call("CONFIG", "RESETSTAT");
            assertThat(c.call("LATENCY", "HISTOGRAM", "set")).isEqualTo("*0\r\n");
            c.call("CONFIG", "SET", "latency-tracking", "no");
            c.call("SET", "k", "v");
            assertThat(c.call("LATENCY", "HISTOGRAM", "set")).isEqualTo("*0\r\n");
        }
    }

    @Test
    void shouldPrintTheVersionForLolwut() throws IOException {
        try (RawClient c = connect()) {
            assertThat(c.call("LOLWUT")).isEqualTo("$18\r\nRedis ver. 7.0.15\n\r\n");
            assertThat(c.call("LOLWUT", "VERSION", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
            // Schotter's first rows never move: one square is one Braille character, as Redis 5 prints it.
            // (RawClient reads bytes as ISO-8859-1: U+280B is e2 a0 8b.)
            assertThat(c.call("LOLWUT", "VERSION", "5", "1", "1", "1")).isEqualTo("$70\r\n\u00e2\u00a0\u008b\n\n"
                + "Georg Nees - schotter, plotter on paper, 1968. Redis ver. 7.0.15\n\r\n");
            // The skyline: 20 rows of 80 grey "pixels" by default, then the dedication's two lines.
            final String skyline = c.call("LOLWUT", "VERSION", "6");
            final String[] lines = skyline.substring(skyline.indexOf('\n') + 1).split("\n");
            assertThat(lines).hasSize(23);
            assertThat(lines[0].split(" \u001b\\[0m", -1)).hasSize(81);
            assertThat(skyline).endsWith("\nDedicated to the 8 bit game developers of past and present.\n"
                + "Original 8 bit image from Plaguemon by hikikomori. Redis ver. 7.0.15\n\r\n");
        }
    }
}
