package io.minikv.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code redis-benchmark} against the server and checks that every test completes without errors.
 * Without the binary the test is skipped with a message on a developer machine and fails under {@code CI=true}.
 */
class RedisBenchmarkIT {

    @Test
    void shouldRunRedisBenchmarkCleanly() throws IOException, InterruptedException {
        final Optional<Path> benchmark = findOnPath("redis-benchmark");
        if (benchmark.isEmpty()) {
            final String message = "redis-benchmark not found on PATH (install redis-tools)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message + "; CI=true requires it");
            }
            System.err.println("SKIPPED RedisBenchmarkIT: " + message);
            Assumptions.abort(message);
        }
        try (MiniKvServer server = MiniKvServer.builder().port(0).workers(2).build().start()) {
            final Path output = Files.createTempFile("redis-benchmark", ".txt");
            try {
                final Process process = new ProcessBuilder(benchmark.get().toString(), "-h", server.host(), "-p",
                    Integer.toString(server.port()), "-q", "-n", "100000", "-P", "16", "-t", "set,get,incr,mset")
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(180, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("redis-benchmark did not finish in 180 s");
                }
                final String text = Files.readString(output, StandardCharsets.ISO_8859_1);
                final List<String> results = text.lines().flatMap(line -> List.of(line.split("\r")).stream())
                    .filter(line -> line.contains("requests per second")).toList();
                assertThat(process.exitValue()).as(text).isZero();
                assertThat(results).as(text).hasSize(4);
                assertThat(results.get(0)).startsWith("SET: ");
                assertThat(results.get(1)).startsWith("GET: ");
                assertThat(results.get(2)).startsWith("INCR: ");
                assertThat(results.get(3)).startsWith("MSET (10 keys): ");
                assertThat(text).doesNotContainIgnoringCase("error");
                assertThat(server.store().get("counter:__rand_int__".getBytes(StandardCharsets.US_ASCII)))
                    .isNotNull();
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }

    private static Optional<Path> findOnPath(final String name) {
        final String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (final String dir : path.split(File.pathSeparator)) {
            final Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
