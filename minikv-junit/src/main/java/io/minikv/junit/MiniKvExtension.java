package io.minikv.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.Engine;
import io.minikv.net.MiniKvServer;

/**
 * Runs mini-kv as an in-process Redis for JUnit 5 tests: a RESP server on a free loopback port, started in
 * milliseconds, that Jedis, Lettuce, Redisson or any other Redis client can talk to, plus direct access to the same
 * data through {@link KvStore} and, optionally, a {@link TestClock} that makes TTLs testable without sleeping.
 *
 * <pre>{@code
 * class RateLimiterTest {
 *     @RegisterExtension
 *     static final MiniKvExtension REDIS = MiniKvExtension.builder().testClock().build();
 *
 *     @Test
 *     void windowExpires() {
 *         RateLimiter limiter = new RateLimiter(RedisClient.create(REDIS.host(), REDIS.port()));
 *         limiter.allow("bob");
 *         REDIS.clock().advance(Duration.ofSeconds(61));
 *         assertThat(REDIS.store().exists("rate:bob".getBytes())).isZero();
 *     }
 * }
 * }</pre>
 *
 * <b>Lifecycle.</b> Registered on a {@code static} field (or with {@code @ExtendWith(MiniKvExtension.class)}), one
 * server serves the whole test class, nested classes included, and stops after it. Registered on an instance field,
 * each test gets a server of its own. Either way, by default every database is flushed before each test, so tests do
 * not see each other's keys: seed data in {@code @BeforeEach}, not {@code @BeforeAll}, or build with
 * {@link Builder#keepDataBetweenTests()}. Flushing assumes the tests sharing a server run one at a time; with
 * JUnit's parallel execution keep data between tests and use distinct keys.
 * <p>
 * <b>Persistence.</b> By default nothing touches the disk. {@link Builder#dataDirectory(Path)} gives the server a data
 * directory: the snapshot there ({@link Builder#snapshotFileName(String)}, default {@code dump.mkv}) is loaded at
 * start, and SAVE, BGSAVE, SHUTDOWN SAVE, {@link KvStore#save()} and the {@link Builder#savePoints(String) save
 * points} write it. {@link Builder#fixtureSnapshot(Path)} starts every server from a fixture snapshot instead (copied
 * to the snapshot file, so saves never modify the fixture; into a temporary directory, deleted at stop, when no data
 * directory is given), and before each test resets the data to the fixture where it would otherwise flush it.
 * <p>
 * <b>Parameters.</b> Test and lifecycle methods may declare parameters of type {@link MiniKvServer}, {@link KvStore}
 * (database 0) and {@link TestClock} (only with {@link Builder#testClock()}); they receive this extension's.
 * <p>
 * <b>Threads.</b> Callbacks and accessors are meant for the JUnit thread; the server itself serves clients on its
 * own threads.
 */
public final class MiniKvExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, ParameterResolver {
    private final Builder options;
    private MiniKvServer server;
    private KvStore store;
    private TestClock clock;
    /** The class context that started a class-wide server, or null when the server is per test. */
    private String classOwner;
    /** The running server's disk side; null while stopped. */
    private DataDirectory disk;

    /** Creates an extension with the default options; the constructor {@code @ExtendWith} uses. */
    public MiniKvExtension() {
        this(new Builder());
    }

    private MiniKvExtension(final Builder options) {
        this.options = options;
    }

    /**
     * Returns an extension with the default options: the system clock, one worker loop, no password, every
     * database flushed before each test.
     *
     * @return a new extension.
     */
    public static MiniKvExtension create() {
        return new MiniKvExtension(new Builder());
    }

    /**
     * Returns a builder of extensions.
     *
     * @return a new builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Override
    public void beforeAll(final ExtensionContext context) {
        if (server == null) {
            start();
            classOwner = context.getUniqueId();
        }
    }

    @Override
    public void afterAll(final ExtensionContext context) {
        if (context.getUniqueId().equals(classOwner)) {
            stop();
        }
    }

    @Override
    public void beforeEach(final ExtensionContext context) {
        if (server == null) {
            start();
        } else if (options.flushBeforeEach) {
            if (disk.hasFixture()) {
                disk.resetToFixture(store);
            } else {
                store.flushall();
            }
        }
    }

    @Override
    public void afterEach(final ExtensionContext context) {
        if (classOwner == null) {
            stop();
        }
    }

    private void start() {
        final TestClock testClock = options.useTestClock
            ? (options.clock != null ? options.clock : TestClock.stoppedNow()) : null;
        final KvOptions.Builder kv = KvOptions.builder();
        if (testClock != null) {
            kv.clock(testClock);
        }
        disk = new DataDirectory(options.dataDirectory, options.snapshotFileName, options.fixture);
        final Path dir = disk.prepare();
        if (dir != null) {
            kv.dataDirectory(dir).snapshotFileName(options.snapshotFileName);
        }
        final KvStore opened;
        try {
            opened = MiniKv.open(kv.build());
        } catch (final RuntimeException e) {
            throw disk.openFailed(e);
        }
        try {
            final MiniKvServer.Builder builder = MiniKvServer.builder()
                .bind("127.0.0.1")
                .port(0)
                .workers(options.workers);
            if (options.password != null) {
                builder.requirePassword(options.password);
            }
            if (options.savePoints != null) {
                builder.save(options.savePoints);
            }
            options.customizer.accept(builder);
            server = builder.store(opened).build().start();
        } catch (final RuntimeException e) {
            opened.close();
            disk.release();
            throw e;
        }
        store = opened;
        clock = testClock;
    }

    private void stop() {
        final MiniKvServer running = server;
        final KvStore opened = store;
        final DataDirectory usedDisk = disk;
        server = null;
        store = null;
        clock = null;
        classOwner = null;
        disk = null;
        try {
            if (running != null) {
                running.close();
            }
        } finally {
            try {
                if (opened != null) {
                    opened.close();
                }
            } finally {
                if (usedDisk != null) {
                    usedDisk.release();
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ accessors

    /**
     * Returns the running server.
     *
     * @return the server.
     * @throws IllegalStateException outside the tests this extension serves.
     */
    public MiniKvServer server() {
        if (server == null) {
            throw new IllegalStateException("mini-kv is not running: use it from a test or a lifecycle method of the"
                + " class that registers the extension");
        }
        return server;
    }

    /**
     * Returns the port the server listens on (chosen by the system).
     *
     * @return the port.
     * @throws IllegalStateException when the server is not running.
     */
    public int port() {
        return server().port();
    }

    /**
     * Returns the address the server listens on: {@code 127.0.0.1}.
     *
     * @return the host.
     * @throws IllegalStateException when the server is not running.
     */
    public String host() {
        return server().host();
    }

    /**
     * Returns a Redis URI for clients that take one, such as Lettuce's {@code RedisClient.create(String)}:
     * {@code redis://127.0.0.1:<port>}, with the password when one is required.
     *
     * @return the URI.
     * @throws IllegalStateException when the server is not running.
     */
    public String uri() {
        final MiniKvServer running = server();
        final String auth = options.password != null ? ":" + options.password + "@" : "";
        return "redis://" + auth + running.host() + ":" + running.port();
    }

    /**
     * Returns the server's data as an embedded store (database 0): seed and inspect keys without a client.
     *
     * @return the store.
     * @throws IllegalStateException when the server is not running.
     */
    public KvStore store() {
        server();
        return store;
    }

    /**
     * Returns the clock every TTL of this server is measured against.
     *
     * @return the test clock.
     * @throws IllegalStateException when the extension was not built with {@link Builder#testClock()}, or the server
     *     is not running.
     */
    public TestClock clock() {
        server();
        if (clock == null) {
            throw new IllegalStateException("this mini-kv runs on the system clock: build the extension with"
                + " MiniKvExtension.builder().testClock()");
        }
        return clock;
    }

    /**
     * Returns the snapshot file the server loads and saves: {@link Builder#snapshotFileName(String)} inside the data
     * directory (the temporary one of a fixture when no directory was given).
     *
     * @return the file, or null when the server has no data directory.
     * @throws IllegalStateException when the server is not running.
     */
    public Path snapshotFile() {
        return Engine.of(store()).options().snapshotFile();
    }

    // ------------------------------------------------------------------------------------------------ parameters

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        return type == MiniKvServer.class || type == KvStore.class || type == TestClock.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        try {
            if (type == MiniKvServer.class) {
                return server();
            }
            return type == KvStore.class ? store() : clock();
        } catch (final IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    /**
     * Options of a {@link MiniKvExtension}; each setter validates its argument at once.
     * <p>
     * <b>Threads.</b> Not thread-safe; build on one thread.
     */
    public static final class Builder {
        private boolean useTestClock;
        private TestClock clock;
        private int workers = 1;
        private String password;
        private boolean flushBeforeEach = true;
        private Consumer<MiniKvServer.Builder> customizer = builder -> { };
        private Path dataDirectory;
        private String snapshotFileName = KvOptions.DEFAULT_SNAPSHOT_FILE_NAME;
        private String savePoints;
        private Path fixture;

        private Builder() {
        }

        /**
         * Gives the server a data directory (Redis's {@code dir}): the snapshot there is loaded at start (a corrupt
         * one fails the start) and SAVE, BGSAVE, SHUTDOWN SAVE and {@link KvStore#save()} write it. Without
         * {@link #savePoints(String)} the server never saves on its own.
         *
         * @param directory not null; created by the first save when missing.
         * @return this builder.
         */
        public Builder dataDirectory(final Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /**
         * Sets the snapshot file's name in the data directory (Redis's {@code dbfilename}, default {@code dump.mkv}).
         *
         * @param name a plain file name, not a path.
         * @return this builder.
         * @throws IllegalArgumentException when it is not a plain file name.
         */
        public Builder snapshotFileName(final String name) {
            this.snapshotFileName = KvOptions.Builder.validFileName(name);
            return this;
        }

        /**
         * Sets save points (Redis's {@code save} parameter, e.g. {@code "60 1"}): a background save starts after
         * {@code changes} writes once {@code seconds} have passed since the last save, measured on the server's
         * clock (the {@link TestClock} when there is one). Needs a {@link #dataDirectory(Path) data directory} or a
         * {@link #fixtureSnapshot(Path) fixture}; {@code ""} means none, the default.
         *
         * @param points {@code "<seconds> <changes> [<seconds> <changes> ...]"}.
         * @return this builder.
         * @throws IllegalArgumentException when the pairs are invalid (Redis's rules).
         */
        public Builder savePoints(final String points) {
            MiniKvServer.builder().save(Objects.requireNonNull(points, "points"));
            this.savePoints = points;
            return this;
        }

        /**
         * Starts the server from a fixture snapshot (a file a mini-kv SAVE wrote): it is copied to the snapshot file
         * of the {@link #dataDirectory(Path) data directory}, or of a temporary directory deleted when the server
         * stops, so the fixture itself is never written. Before each test the data is reset to the fixture instead
         * of flushed (unless {@link #keepDataBetweenTests()}).
         *
         * @param snapshot an existing, readable snapshot file.
         * @return this builder.
         * @throws IllegalArgumentException when the file does not exist.
         */
        public Builder fixtureSnapshot(final Path snapshot) {
            if (!Files.isRegularFile(Objects.requireNonNull(snapshot, "snapshot"))) {
                throw new IllegalArgumentException("fixture snapshot not found: " + snapshot);
            }
            this.fixture = snapshot;
            return this;
        }

        /**
         * Measures TTLs against a {@link TestClock} stopped at the current time, reachable through
         * {@link MiniKvExtension#clock()}.
         *
         * @return this builder.
         */
        public Builder testClock() {
            this.useTestClock = true;
            return this;
        }

        /**
         * Measures TTLs against the given clock (which the test keeps and moves).
         *
         * @param testClock not null.
         * @return this builder.
         */
        public Builder testClock(final TestClock testClock) {
            this.clock = Objects.requireNonNull(testClock, "testClock");
            this.useTestClock = true;
            return this;
        }

        /**
         * Sets the number of worker event loops (default 1: tests rarely need more, and fewer threads start faster).
         *
         * @param count at least 1.
         * @return this builder.
         * @throws IllegalArgumentException when {@code count} is below 1.
         */
        public Builder workers(final int count) {
            if (count < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + count);
            }
            this.workers = count;
            return this;
        }

        /**
         * Makes the server require {@code AUTH password} (Redis's {@code requirepass}).
         *
         * @param requiredPassword not null or empty.
         * @return this builder.
         * @throws IllegalArgumentException when the password is empty.
         */
        public Builder password(final String requiredPassword) {
            if (Objects.requireNonNull(requiredPassword, "requiredPassword").isEmpty()) {
                throw new IllegalArgumentException("password must not be empty");
            }
            this.password = requiredPassword;
            return this;
        }

        /**
         * Keeps keys from one test to the next instead of flushing every database before each test.
         *
         * @return this builder.
         */
        public Builder keepDataBetweenTests() {
            this.flushBeforeEach = false;
            return this;
        }

        /**
         * Adjusts anything else about the server (memory limit, client limits, protocol limits) before it starts.
         * The extension has already set the loopback address, port 0, the worker count and its own store; the
         * customizer should leave those alone.
         *
         * @param serverCustomizer receives the server builder; not null.
         * @return this builder.
         */
        public Builder server(final Consumer<MiniKvServer.Builder> serverCustomizer) {
            this.customizer = Objects.requireNonNull(serverCustomizer, "serverCustomizer");
            return this;
        }

        /**
         * Returns an extension with these options; later changes to this builder do not affect it.
         *
         * @return a new extension.
         */
        public MiniKvExtension build() {
            final Builder copy = new Builder();
            copy.useTestClock = useTestClock;
            copy.clock = clock;
            copy.workers = workers;
            copy.password = password;
            copy.flushBeforeEach = flushBeforeEach;
            copy.customizer = customizer;
            copy.dataDirectory = dataDirectory;
            copy.snapshotFileName = snapshotFileName;
            copy.savePoints = savePoints;
            copy.fixture = fixture;
            if (savePoints != null && !savePoints.isBlank() && dataDirectory == null && fixture == null) {
                throw new IllegalStateException("savePoints need a dataDirectory or a fixtureSnapshot to save to");
            }
            return new MiniKvExtension(copy);
        }
    }
}
