package io.minikv.net.diff;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The servers one test run compares: a real redis-server (the specification), the server under test, and on demand a
 * second redis-server for the harness's self-test (redis against redis must show no difference).
 * <p>
 * Created once per test run by {@link DiffServersExtension} and closed when the run ends. Thread-safe.
 */
final class DiffServers implements AutoCloseable {

    private final Path executable;
    private final RedisServerProcess redis;
    private final String redisVersion;
    private final MiniKvTarget minikv;
    private final String unavailable;
    private RedisServerProcess twin;

    private DiffServers(final String unavailable) {
        this.executable = null;
        this.redis = null;
        this.redisVersion = null;
        this.minikv = null;
        this.unavailable = unavailable;
    }

    private DiffServers(final Path executable, final RedisServerProcess redis, final MiniKvTarget minikv)
        throws IOException {
        this.executable = executable;
        this.redis = redis;
        this.redisVersion = redis.version();
        this.minikv = minikv;
        this.unavailable = null;
    }

    /**
     * Returns servers that cannot run: every accessor skips the calling test with {@code reason}, so each test is
     * counted as skipped in the build summary rather than silently absent.
     */
    static DiffServers unavailable(final String reason) {
        return new DiffServers(reason);
    }

    private void check() {
        if (unavailable != null) {
            System.err.println("WARNING: skipping a differential test: " + unavailable);
            org.junit.jupiter.api.Assumptions.abort(unavailable);
        }
    }

    /** Starts a redis-server from {@code executable} and the server under test. */
    static DiffServers start(final Path executable) throws IOException {
        final RedisServerProcess redis = RedisServerProcess.start(executable);
        try {
            return new DiffServers(executable, redis, MiniKvTarget.start());
        } catch (final IOException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    /** Returns the reference redis-server. */
    Endpoint redis() {
        check();
        return new Endpoint("redis " + redisVersion, "127.0.0.1", redis.port());
    }

    /** Returns the server under test. */
    Endpoint minikv() {
        check();
        return minikv.endpoint();
    }

    /** Returns a second, independent redis-server, started on first use: the harness's control subject. */
    synchronized Endpoint redisTwin() throws IOException {
        check();
        if (twin == null) {
            twin = RedisServerProcess.start(executable);
        }
        return new Endpoint("redis-twin", "127.0.0.1", twin.port());
    }

    /** Returns the reference server's version, as {@code INFO} reports it. */
    String redisVersion() {
        check();
        return redisVersion;
    }

    @Override
    public synchronized void close() {
        if (unavailable != null) {
            return;
        }
        try {
            minikv.close();
        } finally {
            redis.close();
            if (twin != null) {
                twin.close();
            }
        }
    }
}
