package io.minikv.net.command;

import io.minikv.api.KvStore;
import io.minikv.engine.Engine;
import io.minikv.engine.KeyModifiedListener;
import io.minikv.net.resp.RespLimits;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What all connections share: the store, the command table, the live settings that CONFIG SET changes, the client
 * registry (for CLIENT LIST / KILL and INFO clients) and the counters INFO reports.
 * <p>
 * Thread-safe: settings are volatile, the registry is concurrent, counters are adders.
 */
public final class ServerContext {
    /** The Redis version mini-kv reports, as the clients check it: the Redis 7.0 semantics it implements. */
    public static final String REDIS_VERSION = "7.0.15";
    /** mini-kv's own version. */
    public static final String MINIKV_VERSION = "0.1.0";
    private static final String DEBUG_SETTING = "enable-debug-command";

    private final KvStore store;
    private final CommandTable table;
    private final BlockingKeys blocking = new BlockingKeys();
    private final Map<Long, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, String> storedConfig = new ConcurrentHashMap<>();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final AtomicInteger connectedClients = new AtomicInteger();
    private final LongAdder commandsProcessed = new LongAdder();
    private final LongAdder connectionsReceived = new LongAdder();
    private final LongAdder rejectedConnections = new LongAdder();
    private final LongAdder netInputBytes = new LongAdder();
    private final LongAdder netOutputBytes = new LongAdder();
    private final long startMillis = System.currentTimeMillis();
    private final String bindAddress;
    private final int databases;
    private final long maxMemoryBytes;
    private final Engine engine;
    private final WatchedKeys watches = new WatchedKeys();
    /** Hears the application's writes through the store: they fail WATCHes and wake blocked clients at once. */
    private final KeyModifiedListener applicationWrites = new ApplicationWrites();
    private final ExecGate execGate = new ExecGate();
    /** EVAL's script cache, Lua state and running script. */
    private final Scripting scripting = new Scripting(this);
    private final Functions functions = new Functions(REDIS_VERSION);
    private final Monitors monitors = new Monitors();
    /** The slow log, the latency monitor and the per-command latency histograms. */
    private final CommandTiming timing = new CommandTiming();
    /** CLIENT PAUSE: whether clients' commands are held, and the clients held. */
    private final ClientPause pause = new ClientPause(this);
    private final Dispatcher dispatcher;
    /** Users and their permissions; the default user follows requirepass. */
    private final Acl acl;
    /** The ACL file of ACL LOAD and SAVE, null when none was configured. */
    private volatile AclFile aclFile;
    private volatile int port;
    private volatile String requirePassword;
    private volatile int maxClients;
    private volatile int timeoutSeconds;
    private volatile RespLimits limits;
    private volatile Runnable shutdownAction = () -> { };
    private final Persistence persistence;
    /** Channels and patterns: the engine's, so that the application's subscriptions and publishes meet clients'. */
    private final io.minikv.engine.pubsub.PubSubRegistry pubsub;
    /** CONFIG's {@code client-output-buffer-limit}; its pubsub hard limit disconnects subscribers left behind. */
    private volatile OutputBufferLimits outputBufferLimits = OutputBufferLimits.DEFAULT;
    /** Redis's {@code enable-debug-command}: who may run DEBUG; set once before the server starts. */
    private volatile ProtectedSetting debugCommand = ProtectedSetting.of(DEBUG_SETTING, "no");

    /**
     * Creates the context.
     *
     * @param store database 0 of the store.
     * @param table the command table.
     * @param bindAddress the address the server listens on.
     * @param requirePassword the password, or null for none.
     * @param maxClients the connection limit.
     * @param timeoutSeconds the idle timeout, 0 for none.
     * @param maxMemoryBytes the store's memory limit, 0 for none.
     * @param limits the protocol limits.
     */
    public ServerContext(final KvStore store, final CommandTable table, final String bindAddress,
        final String requirePassword, final int maxClients, final int timeoutSeconds, final long maxMemoryBytes,
        final RespLimits limits) {
        this.engine = engineOf(store);
        this.pubsub = engine != null ? engine.pubsub() : new io.minikv.engine.pubsub.PubSubRegistry();
        // Commands write through views of their own: each key a command modifies fails the WATCHes on it at once
        // (as Redis's signalModifiedKey), while blocked clients are woken by the dispatcher once the command (or its
        // transaction) has run, as Redis serves them; the engine's listeners are for the application's writes.
        this.store = engine != null ? engine.viewTelling(new CommandWrites(watches), store.databaseIndex()) : store;
        this.table = table;
        this.dispatcher = new Dispatcher(table);
        this.bindAddress = bindAddress;
        this.databases = store.databases();
        this.requirePassword = requirePassword;
        this.acl = new Acl(table, requirePassword);
        this.maxClients = maxClients;
        this.timeoutSeconds = timeoutSeconds;
        this.maxMemoryBytes = maxMemoryBytes;
        this.limits = limits;
        // Memory-only until the server configures it: saves would go to the working directory, as Redis's, only when
        // a client asks (SAVE, BGSAVE, SHUTDOWN SAVE).
        this.persistence = new Persistence(engine, engine != null ? engine.clock() : java.time.Clock.systemUTC(),
            java.nio.file.Path.of(""), io.minikv.api.KvOptions.DEFAULT_SNAPSHOT_FILE_NAME, new long[0]);
        if (engine != null) {
            // Function libraries are server state the engine's snapshots carry, as Redis's RDB does.
            engine.functionLibraries(functions::codes);
            final io.minikv.engine.persist.Snapshots.LoadResult loaded = engine.loadResult();
            final String[] error = new String[1];
            if (loaded != null && !functions.restore(loaded.functionLibraries(), true, false, error)) {
                // As Redis, which refuses to start on an RDB whose functions do not load.
                throw new IllegalStateException("cannot load the snapshot's function libraries: " + error[0]);
            }
        }
    }

    /**
     * Sets who may run DEBUG ({@code --enable-debug-command}); Redis's default {@code no} refuses it to everyone.
     *
     * @param value {@code no}, {@code yes} or {@code local} (loopback clients only).
     * @throws IllegalArgumentException for another value.
     */
    public void enableDebugCommand(final String value) {
        debugCommand = ProtectedSetting.of(DEBUG_SETTING, value);
    }

    /** @return the {@code enable-debug-command} setting. */
    public ProtectedSetting debugCommand() {
        return debugCommand;
    }

    /** @return the persistence state: snapshot location, save points, changes, background save. */
    public Persistence persistence() {
        return persistence;
    }

    /** @return database 0. */
    public KvStore store() {
        return store;
    }

    /** @return the command table. */
    public CommandTable table() {
        return table;
    }

    /** @return the live clients by id. */
    public Map<Long, Client> clients() {
        return clients;
    }

    /** @return CONFIG parameters without an effect, stored so that CONFIG GET echoes them. */
    public Map<String, String> storedConfig() {
        return storedConfig;
    }

    /** @return a new unique client id. */
    public long nextClientId() {
        return nextClientId.getAndIncrement();
    }

    /** @return the number of open connections, counted from accept to close. */
    public AtomicInteger connectedClients() {
        return connectedClients;
    }

    /** @return commands executed so far. */
    public LongAdder commandsProcessed() {
        return commandsProcessed;
    }

    /** @return connections accepted so far. */
    public LongAdder connectionsReceived() {
        return connectionsReceived;
    }

    /** @return connections refused by maxclients so far. */
    public LongAdder rejectedConnections() {
        return rejectedConnections;
    }

    /** @return bytes read from clients. */
    public LongAdder netInputBytes() {
        return netInputBytes;
    }

    /** @return bytes written to clients. */
    public LongAdder netOutputBytes() {
        return netOutputBytes;
    }

    /** @return when the server started, Unix milliseconds. */
    public long startMillis() {
        return startMillis;
    }

    /** @return the bind address. */
    public String bindAddress() {
        return bindAddress;
    }

    /** @return the number of databases. */
    public int databases() {
        return databases;
    }

    /** @return the store's memory limit in bytes, 0 for none. */
    public long maxMemoryBytes() {
        return engine != null ? engine.maxMemoryBytes() : maxMemoryBytes;
    }

    /** @return whether the store holds more than its memory limit (Redis refuses denyoom commands then). */
    public boolean memoryExceeded() {
        return engine != null && engine.memoryExceeded();
    }

    /**
     * Suspends or restores the store's memory refusals while EXEC runs its commands (the EXEC gate is closed).
     *
     * @param suspended true to suspend, false to restore.
     */
    public void suspendMemoryChecks(final boolean suspended) {
        if (engine != null) {
            engine.suspendMemoryChecks(suspended);
        }
    }

    /** @return whether CONFIG SET maxmemory can change the limit: true when the store is mini-kv's engine. */
    public boolean maxMemoryAdjustable() {
        return engine != null;
    }

    /**
     * Changes the store's memory limit, when the store is mini-kv's engine.
     *
     * @param bytes the new limit, 0 for none.
     * @return false when the store is another implementation, whose limit cannot be changed here.
     */
    public boolean maxMemoryBytes(final long bytes) {
        if (engine == null) {
            return false;
        }
        engine.maxMemoryBytes(bytes);
        return true;
    }

    /**
     * Starts or stops hearing of the writes the embedding application makes through the store directly: each key
     * one modifies fails the WATCHes on it and wakes the clients blocked on it (an LPUSH through {@code KvStore}
     * serves a client blocked in BLPOP), as a write through a connection would; and each write passes the
     * {@link ExecGate}, so none interleaves with an EXEC. Only for mini-kv's engine; another {@code KvStore}
     * implementation has no way to tell.
     *
     * @param on true when the server starts, false when it stops.
     */
    public void hearApplicationWrites(final boolean on) {
        if (engine == null) {
            return;
        }
        if (on) {
            engine.addKeyModifiedListener(applicationWrites);
            engine.addWriteGate(execGate);
        } else {
            engine.removeWriteGate(execGate);
            engine.removeKeyModifiedListener(applicationWrites);
        }
    }

    /**
     * Returns whether the commands' own writes report the keys they modify (mini-kv's engine): then WATCH hears of
     * exactly the keys Redis would signal. With another {@code KvStore}, the dispatcher touches the key arguments of
     * every write command instead.
     *
     * @return true for mini-kv's engine.
     */
    boolean commandWritesReported() {
        return engine != null;
    }

    /** @return the clients' watched keys. */
    public WatchedKeys watches() {
        return watches;
    }

    /** @return the gate that makes EXEC atomic across event loops. */
    public ExecGate execGate() {
        return execGate;
    }

    /**
     * Stops the running script, if any, even one that has written, and every script started afterwards: for the
     * server's close, which must not wait for a script that loops forever.
     */
    public void abortScripts() {
        scripting.abort();
    }

    /** @return the function libraries (FUNCTION LOAD, FCALL). */
    Functions functions() {
        return functions;
    }

    /** @return the scripting state: script cache, Lua state, running script. */
    Scripting scripting() {
        return scripting;
    }

    /** @return the clients in MONITOR mode and the feed of commands to them. */
    Monitors monitors() {
        return monitors;
    }

    /** @return the slow log and its settings. */
    SlowLog slowlog() {
        return timing.slowlog();
    }

    /** @return what is done with commands' execution times. */
    CommandTiming timing() {
        return timing;
    }

    /** @return the CLIENT PAUSE state. */
    ClientPause pause() {
        return pause;
    }

    /** @return a dispatcher over the command table, for EXEC. */
    Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * The commands' own writes: they touch the watched keys, and nothing else, since blocked clients are served
     * after the command. While nobody watches, a write costs one volatile read and copies no key.
     */
    private static final class CommandWrites implements KeyModifiedListener {
        private final WatchedKeys watches;

        CommandWrites(final WatchedKeys watches) {
            this.watches = watches;
        }

        @Override
        public void keyModified(final int database, final byte[] key) {
            watches.touch(database, key);
        }

        @Override
        public void keyModified(final int database, final ByteBuffer key, final int offset, final int length) {
            if (watches.any()) {
                KeyModifiedListener.super.keyModified(database, key, offset, length);
            }
        }
    }

    /** The application's writes: they touch the watched keys and wake the clients blocked on them. */
    private final class ApplicationWrites implements KeyModifiedListener {
        @Override
        public void keyModified(final int database, final byte[] key) {
            watches.touch(database, key);
            if (blocking.hasWaiters()) {
                blocking.signal(database, key);
            }
        }

        @Override
        public void databasesSwapped(final int first, final int second) {
            watches.touchSwapped(first, second, (db, key) -> store.database(db).exists(key) > 0);
            blocking.signalDatabases(first, second);
        }

        @Override
        public void keyModified(final int database, final ByteBuffer key, final int offset, final int length) {
            // Only SETs come this way: they fail WATCHes, and leave blocked clients (who wait for lists and sorted
            // sets) waiting.
            if (watches.any()) {
                KeyModifiedListener.super.keyModified(database, key, offset, length);
            }
        }
    }

    /** Returns the store's engine, or null when the server was given another KvStore implementation. */
    private static Engine engineOf(final KvStore store) {
        try {
            return Engine.of(store);
        } catch (final IllegalArgumentException notAnEngineStore) {
            return null;
        }
    }

    /** @return the store's engine, or null when the server was given another KvStore implementation. */
    public Engine engine() {
        return engine;
    }

    /** @return the bound port. */
    public int port() {
        return port;
    }

    /**
     * Records the bound port.
     *
     * @param value the port.
     */
    public void port(final int value) {
        this.port = value;
    }

    /** @return the password, or null when none is required. */
    public String requirePassword() {
        return requirePassword;
    }

    /**
     * Sets the password ({@code requirepass}): the default user's only password from now on, or {@code nopass}.
     *
     * @param value the password, null or empty for none.
     */
    public void requirePassword(final String value) {
        this.requirePassword = value == null || value.isEmpty() ? null : value;
        acl.defaultPassword(this.requirePassword);
    }

    /** @return the ACL users and their permission checks. */
    public Acl acl() {
        return acl;
    }

    /** @return the ACL file ({@code --aclfile}), or null when none is configured. */
    public AclFile aclFile() {
        return aclFile;
    }

    /**
     * Configures the ACL file and loads the users from it, as Redis does at startup.
     *
     * @param file the file.
     * @throws IllegalArgumentException with Redis's description of every problem when the file cannot be loaded.
     */
    public void aclFile(final AclFile file) {
        final String errors = file.load(acl, null);
        if (errors != null) {
            throw new IllegalArgumentException("Aborting startup because of ACL errors: " + errors);
        }
        this.aclFile = file;
    }

    /** @return the connection limit. */
    public int maxClients() {
        return maxClients;
    }

    /**
     * Sets the connection limit.
     *
     * @param value at least 1.
     */
    public void maxClients(final int value) {
        this.maxClients = value;
    }

    /** @return the idle timeout in seconds, 0 for none. */
    public int timeoutSeconds() {
        return timeoutSeconds;
    }

    /**
     * Sets the idle timeout.
     *
     * @param value seconds, 0 for none.
     */
    public void timeoutSeconds(final int value) {
        this.timeoutSeconds = value;
    }

    /** @return the protocol limits. */
    public RespLimits limits() {
        return limits;
    }

    /**
     * Replaces the protocol limits; connections pick them up at their next read.
     *
     * @param value the limits.
     */
    public void limits(final RespLimits value) {
        this.limits = value;
    }

    /**
     * Sets what SHUTDOWN does.
     *
     * @param action run on a new thread when a client sends SHUTDOWN.
     */
    public void shutdownAction(final Runnable action) {
        this.shutdownAction = action;
    }

    /** Starts a shutdown, as the SHUTDOWN command. */
    public void requestShutdown() {
        final Thread thread = new Thread(shutdownAction, "minikv-shutdown");
        thread.setDaemon(false);
        thread.start();
    }

    /**
     * Returns the registry of clients parked by blocking commands.
     *
     * @return the registry.
     */
    public BlockingKeys blocking() {
        return blocking;
    }

    /** @return the pub/sub channel registry. */
    public io.minikv.engine.pubsub.PubSubRegistry pubsub() {
        return pubsub;
    }

    /** @return the bytes of queued pub/sub messages past which a subscriber is disconnected. */
    public long pubsubOutputLimit() {
        final long hard = outputBufferLimits.pubsubHardBytes();
        return hard == 0 ? Long.MAX_VALUE : hard;
    }

    /** @return the {@code client-output-buffer-limit} parameter. */
    OutputBufferLimits outputBufferLimits() {
        return outputBufferLimits;
    }

    /**
     * Sets the {@code client-output-buffer-limit} parameter (CONFIG SET).
     *
     * @param limits the new limits.
     */
    void outputBufferLimits(final OutputBufferLimits limits) {
        this.outputBufferLimits = limits;
    }
}
