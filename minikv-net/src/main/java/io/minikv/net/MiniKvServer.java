package io.minikv.net;

import io.minikv.MiniKv;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.Engine;
import io.minikv.net.command.AclFile;
import io.minikv.net.command.CommandTable;
import io.minikv.net.command.Commands;
import io.minikv.net.command.Dispatcher;
import io.minikv.net.command.Persistence;
import io.minikv.net.command.ProtectedSetting;
import io.minikv.net.command.SavePoints;
import io.minikv.net.command.ServerContext;
import io.minikv.net.loop.Acceptor;
import io.minikv.net.resp.RespLimits;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Redis-compatible RESP2 server over a {@link KvStore}: one acceptor thread and N event loops.
 * <p>
 * Embeddable: a test can serve its own in-process store on a free port and point Jedis or Lettuce at it.
 * <pre>{@code
 * try (MiniKvServer server = MiniKvServer.builder().port(0).build().start()) {
 *     Jedis jedis = new Jedis(server.host(), server.port());
 *     ...
 * }
 * }</pre>
 * Without {@link Builder#store(KvStore)} the server opens its own store and closes it on {@link #close()}; a store
 * passed in stays open. Startup takes milliseconds.
 * <p>
 * <b>Sharing the store with the application.</b> While the server runs on a store opened by {@code MiniKv}, the
 * application's writes through that store behave towards the clients as another client's commands would: each one
 * that modifies a key fails the WATCHes on it (exactly the writes Redis would signal: not a DEL of a missing key)
 * and wakes the clients blocked on it; and none runs while an EXEC (or SAVE) runs, so a transaction's commands see no
 * application write between them, and WATCH/EXEC is serializable against the application's writes. The application's
 * <em>reads</em> are not held back: a read racing with an EXEC can see some of its commands' effects and not the
 * others. Each application write then costs two atomic increments more (on a counter its thread rarely shares);
 * without a server, one volatile read.
 * <p>
 * Thread-safe: {@link #start()} and {@link #close()} may be called from any thread; {@link #close()} is graceful:
 * it stops accepting, lets in-flight commands finish, flushes their replies and then closes the connections.
 */
public final class MiniKvServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MiniKvServer.class.getName());
    private final ServerConfig config;
    private final KvStore store;
    private final boolean ownsStore;
    private final ServerContext context;
    private final Dispatcher dispatcher;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Acceptor acceptor;

    private MiniKvServer(final ServerConfig config, final KvStore store, final Builder persistence) {
        this.config = config;
        this.ownsStore = store == null;
        this.store = store != null ? store : openStore(config, persistence);
        final CommandTable table = Commands.table();
        this.context = new ServerContext(this.store, table, config.bind(), config.requirePassword(),
            config.maxClients(), config.idleTimeoutSeconds(),
            store != null ? 0 : config.maxMemoryBytes(), config.limits());
        this.dispatcher = new Dispatcher(table);
        context.shutdownAction(this::close);
        context.enableDebugCommand(persistence.enableDebugCommand);
        if (persistence.aclFile != null) {
            try {
                context.aclFile(new AclFile(persistence.aclFile));
            } catch (final IllegalArgumentException e) {
                if (ownsStore) {
                    this.store.close();
                }
                throw e;
            }
        }
        configurePersistence(context.persistence(), this.store, persistence);
    }

    /** Opens the server's own store; with a data directory it loads the snapshot there (and fails when corrupt). */
    private static KvStore openStore(final ServerConfig config, final Builder b) {
        final KvOptions.Builder options = KvOptions.builder().maxMemoryBytes(config.maxMemoryBytes());
        if (b.dir != null) {
            options.dataDirectory(b.dir).snapshotFileName(b.dbfilename);
        }
        return MiniKv.open(options.build());
    }

    /**
     * Where snapshots go and when: {@code --dir} (else a given store's data directory, else the working directory),
     * {@code --dbfilename}, and the save points of {@code --save}; without {@code --save}, Redis's defaults when a
     * directory was given and none otherwise, so a test double never writes a file unless asked.
     */
    private static void configurePersistence(final Persistence p, final KvStore store, final Builder b) {
        Path dir = b.dir;
        String name = b.dbfilename;
        if (dir == null) {
            final Path storeDir = storeDirectory(store);
            dir = storeDir != null ? storeDir : Path.of("");
            if (storeDir != null && !b.dbfilenameSet) {
                name = Engine.of(store).options().snapshotFileName();
            }
        }
        p.dir(dir);
        p.directoryConfigured(b.dir != null || storeDirectory(store) != null);
        p.dbfilename(name);
        p.savePoints(b.savePoints != null ? b.savePoints
            : b.dir != null ? SavePoints.REDIS_DEFAULTS : new long[0]);
        p.enableProtectedConfigs(b.enableProtectedConfigs);
    }

    private static Path storeDirectory(final KvStore store) {
        try {
            return Engine.of(store).options().dataDirectory();
        } catch (final IllegalArgumentException notAnEngineStore) {
            return null;
        }
    }

    /**
     * Returns a builder with the defaults of {@link ServerConfig}.
     *
     * @return a new builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving.
     *
     * @return this server.
     * @throws UncheckedIOException when the address cannot be bound.
     * @throws IllegalStateException when already started or closed.
     */
    public MiniKvServer start() {
        if (closed.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("server already started or closed");
        }
        try {
            final Acceptor created = new Acceptor(context, dispatcher, config.bind(), config.port(),
                config.workers());
            context.port(created.port());
            acceptor = created;
            context.hearApplicationWrites(true);
            created.start();
            context.persistence().startCron();
            return this;
        } catch (final IOException e) {
            close();
            throw new UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port(), e);
        }
    }

    /**
     * Returns the port the server listens on (the chosen one when built with port 0).
     *
     * @return the port, or the configured port before {@link #start()}.
     */
    public int port() {
        final Acceptor current = acceptor;
        return current != null ? current.port() : config.port();
    }

    /**
     * Returns the address the server listens on.
     *
     * @return the bind address, e.g. {@code 127.0.0.1}.
     */
    public String host() {
        return config.bind();
    }

    /**
     * Returns the store this server serves.
     *
     * @return database 0 of the store.
     */
    public KvStore store() {
        return store;
    }

    /**
     * Returns the persistence state: snapshot location, save points, the background save (tests wait on
     * {@link Persistence#lastBackgroundSave()} and drive save points with {@link Persistence#tick()}).
     *
     * @return the state.
     */
    public Persistence persistence() {
        return context.persistence();
    }

    /**
     * Returns the ACL file ({@link Builder#aclFile(Path)}).
     *
     * @return the file, or null when none was configured.
     */
    public Path aclFile() {
        final AclFile file = context.aclFile();
        return file == null ? null : file.path();
    }

    /**
     * Returns who may run DEBUG ({@link Builder#enableDebugCommand(String)}).
     *
     * @return {@code no}, {@code yes} or {@code local}.
     */
    public String enableDebugCommand() {
        return context.debugCommand().value();
    }

    /**
     * Returns the settings.
     *
     * @return the configuration.
     */
    public ServerConfig config() {
        return config;
    }

    /**
     * Waits until the server has been closed, by {@link #close()} or a client's SHUTDOWN.
     *
     * @throws InterruptedException when interrupted.
     */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    /**
     * Stops the server gracefully: stops accepting, finishes in-flight commands, flushes replies, closes every
     * connection, and closes the store if the server opened it. Idempotent; later calls return at once.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            context.abortScripts();
            context.hearApplicationWrites(false);
            final Acceptor current = acceptor;
            if (current != null) {
                current.close();
            }
            // After the loops stopped, so the final save is point-in-time; SHUTDOWN has already saved or declined. A
            // server that never served (its port was taken) has nothing new to save.
            context.persistence().stopCron();
            if (current != null && !context.persistence().saveOnClose()) {
                LOG.log(System.Logger.Level.ERROR, "the final save failed; the snapshot on disk is the previous one");
            }
        } finally {
            if (ownsStore) {
                store.close();
            }
            terminated.countDown();
        }
    }

    /** Builds a {@link MiniKvServer}; not thread-safe. */
    public static final class Builder {
        private String bind = ServerConfig.DEFAULT_BIND;
        private int port = ServerConfig.DEFAULT_PORT;
        private int workers = ServerConfig.DEFAULT_WORKERS;
        private int idleTimeoutSeconds;
        private int maxClients = ServerConfig.DEFAULT_MAX_CLIENTS;
        private String requirePassword;
        private long maxMemoryBytes;
        private RespLimits limits = RespLimits.DEFAULTS;
        private KvStore store;
        private Path dir;
        private String dbfilename = KvOptions.DEFAULT_SNAPSHOT_FILE_NAME;
        private boolean dbfilenameSet;
        private long[] savePoints;
        private String enableProtectedConfigs = "no";
        private String enableDebugCommand = "no";
        private Path aclFile;

        private Builder() {
        }

        /**
         * Sets the ACL file ({@code --aclfile}, Redis's {@code aclfile}): the users are loaded from it when the server
         * is built (any error in it makes {@link #build()} fail), ACL LOAD reloads it and ACL SAVE rewrites it.
         * Without it, ACL LOAD and ACL SAVE answer Redis's "not configured to use an ACL file" error.
         *
         * @param file the file, one {@code user <name> <rules>} line per user.
         * @return this builder.
         */
        public Builder aclFile(final Path file) {
            this.aclFile = file;
            return this;
        }

        /**
         * Sets the data directory ({@code --dir}): the server loads the snapshot there at start (a corrupt one makes
         * {@link #build()} fail) and saves there; with no {@link #save(String) save points} given, Redis's defaults
         * ({@code 3600 1 300 100 60 10000}) apply. Without it the server starts empty, has no save points, and SAVE,
         * BGSAVE and SHUTDOWN SAVE write to the working directory, as Redis's.
         *
         * @param directory the directory; created by the first save when missing.
         * @return this builder.
         */
        public Builder dir(final Path directory) {
            this.dir = directory;
            return this;
        }

        /**
         * Sets the snapshot file name ({@code --dbfilename}, default {@code dump.mkv}).
         *
         * @param name a plain file name.
         * @return this builder.
         * @throws IllegalArgumentException when it is not a plain file name.
         */
        public Builder dbfilename(final String name) {
            this.dbfilename = KvOptions.Builder.validFileName(name);
            this.dbfilenameSet = true;
            return this;
        }

        /**
         * Adds save points ({@code --save "<seconds> <changes> [...]"}): a background save starts when at least
         * {@code changes} writes happened and more than {@code seconds} passed since the last save. An empty string
         * removes all; several calls add up, as several {@code save} lines of a Redis configuration do.
         *
         * @param points pairs as Redis's {@code save} parameter.
         * @return this builder.
         * @throws IllegalArgumentException when the pairs are invalid.
         */
        public Builder save(final String points) {
            final long[] parsed = SavePoints.parse(points);
            if (parsed == null) {
                throw new IllegalArgumentException("Invalid save parameters: '" + points + "'");
            }
            if (savePoints == null || parsed.length == 0) {
                savePoints = parsed;
            } else {
                final long[] joined = java.util.Arrays.copyOf(savePoints, savePoints.length + parsed.length);
                System.arraycopy(parsed, 0, joined, savePoints.length, parsed.length);
                savePoints = joined;
            }
            return this;
        }

        /**
         * Sets who may change {@code dir} and {@code dbfilename} with CONFIG SET ({@code --enable-protected-configs},
         * Redis's default {@code no}).
         *
         * @param value {@code yes}, {@code no}, or {@code local} (loopback clients only).
         * @return this builder.
         * @throws IllegalArgumentException for another value.
         */
        public Builder enableProtectedConfigs(final String value) {
            this.enableProtectedConfigs = ProtectedSetting.of("enable-protected-configs", value).value();
            return this;
        }

        /**
         * Sets who may run DEBUG ({@code --enable-debug-command}, Redis's default {@code no}: every DEBUG is refused
         * with Redis's "DEBUG command not allowed" error). Fixed for the server's life, as in Redis.
         *
         * @param value {@code yes}, {@code no}, or {@code local} (loopback clients only).
         * @return this builder.
         * @throws IllegalArgumentException for another value.
         */
        public Builder enableDebugCommand(final String value) {
            this.enableDebugCommand = ProtectedSetting.of("enable-debug-command", value).value();
            return this;
        }

        /**
         * Sets the address to listen on.
         *
         * @param address an IP address or host name; {@code 0.0.0.0} for all interfaces.
         * @return this builder.
         */
        public Builder bind(final String address) {
            this.bind = address;
            return this;
        }

        /**
         * Sets the port.
         *
         * @param value 0 to 65535; 0 picks a free port, see {@link MiniKvServer#port()}.
         * @return this builder.
         */
        public Builder port(final int value) {
            this.port = value;
            return this;
        }

        /**
         * Sets the number of event loops.
         *
         * @param count 1 to 256.
         * @return this builder.
         */
        public Builder workers(final int count) {
            this.workers = count;
            return this;
        }

        /**
         * Serves an existing store instead of opening one; the server does not close it.
         *
         * @param kvStore the store.
         * @return this builder.
         */
        public Builder store(final KvStore kvStore) {
            this.store = kvStore;
            return this;
        }

        /**
         * Requires clients to authenticate with AUTH.
         *
         * @param password the password, or null for none.
         * @return this builder.
         */
        public Builder requirePassword(final String password) {
            this.requirePassword = password;
            return this;
        }

        /**
         * Sets the connection limit; further clients get {@code -ERR max number of clients reached}.
         *
         * @param count at least 1.
         * @return this builder.
         */
        public Builder maxClients(final int count) {
            this.maxClients = count;
            return this;
        }

        /**
         * Closes clients idle for this long.
         *
         * @param seconds 0 for never.
         * @return this builder.
         */
        public Builder idleTimeoutSeconds(final int seconds) {
            this.idleTimeoutSeconds = seconds;
            return this;
        }

        /**
         * Sets the memory limit of the store the server opens (ignored with {@link #store(KvStore)}).
         *
         * @param bytes 0 for none.
         * @return this builder.
         */
        public Builder maxMemoryBytes(final long bytes) {
            this.maxMemoryBytes = bytes;
            return this;
        }

        /**
         * Sets the protocol limits.
         *
         * @param value the limits.
         * @return this builder.
         */
        public Builder limits(final RespLimits value) {
            this.limits = value;
            return this;
        }

        /**
         * Validates the settings and creates the server (not started).
         *
         * @return the server.
         * @throws IllegalArgumentException when a setting is out of range.
         */
        public MiniKvServer build() {
            final ServerConfig config = new ServerConfig(bind, port, workers, idleTimeoutSeconds, maxClients,
                requirePassword, maxMemoryBytes, limits);
            return new MiniKvServer(config, store, this);
        }
    }
}
