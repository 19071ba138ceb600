package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * A server whose JVM runs out of direct memory (no {@code --maxmemory} set) must answer writes with Redis's
 * {@code -OOM} error and keep serving, not hang its clients or lose what it stored. The server runs as its own
 * process with a small {@code -XX:MaxDirectMemorySize} so the limit is reached quickly.
 */
class DirectMemoryExhaustionIT {
    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):([0-9]+)");

    @Test
    void shouldAnswerOomAndKeepServingWhenDirectMemoryRunsOut() throws Exception {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final Process process = new ProcessBuilder(java, "-XX:MaxDirectMemorySize=48m", "-cp",
            System.getProperty("java.class.path"), ServerMain.class.getName(), "--port", "0", "--workers", "1")
            .redirectErrorStream(true).start();
        try {
            final BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            final Matcher address = LISTENING.matcher(output.readLine());
            assertThat(address.find()).isTrue();
            final Thread drain = new Thread(() -> output.lines().forEach(line -> { }));
            drain.setDaemon(true);
            drain.start();
            try (RawClient client = new RawClient(address.group(1), Integer.parseInt(address.group(2)))) {
                final String value = "v".repeat(256 * 1024);
                String reply = "+OK\r\n";
                int stored = 0;
                while (reply.equals("+OK\r\n") && stored < 1000) {
                    reply = client.call("SET", "big:" + stored, value);
                    stored++;
                }
                assertThat(reply).isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n");
                assertThat(stored).isGreaterThan(1).isLessThan(1000);
                assertThat(client.call("PING")).isEqualTo("+PONG\r\n");
                assertThat(client.call("STRLEN", "big:0")).isEqualTo(":" + value.length() + "\r\n");
                assertThat(client.call("SET", "small", "x")).isEqualTo("+OK\r\n");
                assertThat(client.call("DBSIZE")).isEqualTo(":" + stored + "\r\n");
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
