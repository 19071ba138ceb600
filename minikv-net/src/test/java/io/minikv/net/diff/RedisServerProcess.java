package io.minikv.net.diff;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} child process on a free loopback port, for the differential tests.
 * <p>
 * It runs in the foreground (no daemonize) with no persistence ({@code --save "" --appendonly no}) in its own
 * temporary directory, so the test JVM owns it: {@link #close()} stops it and deletes the directory, and a JVM
 * shutdown hook does the same if a test run is killed. Thread-safe.
 */
final class RedisServerProcess implements AutoCloseable {

    private static final long STARTUP_TIMEOUT_MS = 15_000;

    private final Process process;
    private final Path dir;
    private final int port;
    private final Thread shutdownHook;

    private RedisServerProcess(final Process process, final Path dir, final int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.shutdownHook = new Thread(this::destroy, "redis-server-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Returns the {@code redis-server} executable: {@code -Dminikv.redis.server=PATH} if set (an absent file means
     * none), else the first one on the PATH, if any.
     */
    static Optional<Path> findExecutable() {
        final String override = System.getProperty("minikv.redis.server");
        if (override != null && !override.isBlank()) {
            final Path p = Path.of(override);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        final String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (final String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            final Path candidate = Path.of(entry, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a redis-server and waits until it answers PING. A port taken between choosing it and binding it is
     * retried on another port.
     *
     * @param executable the {@code redis-server} binary
     * @return the running server
     * @throws IOException when it cannot be started
     */
    static RedisServerProcess start(final Path executable) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            final int port = freePort();
            final Path dir = Files.createTempDirectory("minikv-diff-redis-");
            try {
                return startOn(executable, port, dir);
            } catch (final IOException e) {
                deleteTree(dir);
                last = e;
            }
        }
        throw last;
    }

    private static RedisServerProcess startOn(final Path executable, final int port, final Path dir)
        throws IOException {
        final Path log = dir.resolve("redis.log");
        final ProcessBuilder pb = new ProcessBuilder(List.of(executable.toString(),
            "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--dir", dir.toString(), "--logfile", log.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("redis.out").toFile());
        final Process process = pb.start();
        final RedisServerProcess server = new RedisServerProcess(process, dir, port);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STARTUP_TIMEOUT_MS);
        while (true) {
            if (!process.isAlive()) {
                final String why = readQuietly(log) + readQuietly(dir.resolve("redis.out"));
                server.close();
                throw new IOException("redis-server exited with " + process.exitValue() + " on port " + port
                    + ": " + why.strip());
            }
            try (RawRespClient client = new RawRespClient("127.0.0.1", port)) {
                final RespReply pong = client.call("PING");
                if ("PONG".equals(pong.text())) {
                    return server;
                }
            } catch (final IOException notYet) {
                // Still starting: the port is not bound yet, or it is loading.
            }
            if (System.nanoTime() > deadline) {
                server.close();
                throw new IOException("redis-server did not answer PING on port " + port + " within "
                    + STARTUP_TIMEOUT_MS + " ms");
            }
            try {
                Thread.sleep(20);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                server.close();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
    }

    /** Returns the port the server listens on (loopback). */
    int port() {
        return port;
    }

    /** Returns the server's version, from {@code INFO server}. */
    String version() throws IOException {
        try (RawRespClient client = new RawRespClient("127.0.0.1", port)) {
            final String info = client.call("INFO", "server").utf8();
            for (final String line : info.split("\r\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
            return "unknown";
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (final IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run; nothing left to unregister.
        }
    }

    private void destroy() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteTree(dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String readQuietly(final Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (final IOException e) {
            return "";
        }
    }

    private static void deleteTree(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (final IOException e) {
            // Best effort: a leftover empty temp directory is harmless.
        }
    }
}
