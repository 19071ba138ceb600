package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the real server process ({@link ServerMain}, on the test classpath since the jar is built after the tests),
 * lets clients pipeline INCRs, sends SIGTERM and checks: the process exits with 0, and every client received only
 * complete, correct replies in order, up to a clean end of stream.
 */
class GracefulShutdownIT {
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):([0-9]+)");
    private static final int CLIENTS = 4;
    private static final int BATCH = 200;

    @Test
    void shouldFinishInFlightCommandsAndExitZeroOnSigterm() throws Exception {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            ServerMain.class.getName(), "--port", "0", "--workers", "2").redirectErrorStream(true).start();
        final ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            final BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            final String banner = output.readLine();
            assertThat(banner).contains("mini-kv").contains("listening on");
            final Matcher matcher = LISTENING.matcher(banner);
            assertThat(matcher.find()).isTrue();
            final String host = matcher.group(1);
            final int port = Integer.parseInt(matcher.group(2));

            final CountDownLatch warmedUp = new CountDownLatch(CLIENTS);
            final List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                final String key = "shutdown:" + c;
                results.add(pool.submit(() -> pipelineUntilClosed(host, port, key, warmedUp)));
            }
            assertThat(warmedUp.await(30, TimeUnit.SECONDS)).isTrue();
            process.destroy();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
            for (final Future<Long> result : results) {
                // Each client saw at least its warm-up batches, all replies complete and in order.
                assertThat(result.get(30, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(2L * BATCH);
            }
        } finally {
            pool.shutdownNow();
            process.destroyForcibly();
        }
    }

    /**
     * Sends batches of INCR on one key and checks each reply is the next integer, until the server ends the stream
     * at a reply boundary.
     *
     * @return the number of replies received.
     */
    private static long pipelineUntilClosed(final String host, final int port, final String key,
        final CountDownLatch warmedUp) throws IOException {
        final byte[] incr = RawClient.command("INCR", key);
        final byte[] batch = new byte[incr.length * BATCH];
        for (int i = 0; i < BATCH; i++) {
            System.arraycopy(incr, 0, batch, i * incr.length, incr.length);
        }
        long expected = 1;
        int batches = 0;
        try (RawClient client = new RawClient(host, port)) {
            while (true) {
                try {
                    client.send(batch);
                } catch (final IOException e) {
                    // The server closed while we were sending: what was answered was checked already.
                    return expected - 1;
                }
                for (int i = 0; i < BATCH; i++) {
                    final String reply = client.readReplyOrNull();
                    if (reply == null) {
                        return expected - 1;
                    }
                    assertThat(reply).isEqualTo(":" + expected + "\r\n");
                    expected++;
                }
                if (++batches == 2) {
                    warmedUp.countDown();
                }
            }
        }
    }
}
