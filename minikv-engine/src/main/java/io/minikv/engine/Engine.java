package io.minikv.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.minikv.api.KvError;
import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.keyspace.ActiveExpiry;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.MemoryBudget;
import io.minikv.engine.persist.Snapshots;

/**
 * One open store: its databases, memory budget, clock and active-expiry thread. {@link EmbeddedKvStore} views
 * delegate here.
 * <p>
 * <b>Lifecycle.</b> {@link #close()} marks the store closed (operations then throw {@link IllegalStateException}),
 * stops the expiry thread and drops every table and arena chunk. An operation racing with close may still finish
 * on emptied segments; memory is GC-managed, so that is safe.
 * <p>
 * Thread-safe.
 */
public final class Engine implements EngineStats {
    /** Active expiry period. */
    static final long EXPIRY_PERIOD_MS = 100;

    private final KvOptions options;
    private final Clock clock;
    private final MemoryBudget budget;
    private final Keyspace[] databases;
    private final EmbeddedKvStore[] views;
    /** Copy-on-write: read on every write through {@link #views}, changed only when a server starts or stops. */
    private volatile KeyModifiedListener[] keyModifiedListeners = new KeyModifiedListener[0];
    /** Copy-on-write, as the listeners: passed by every write through {@link #views}. */
    private volatile WriteGate[] writeGates = new WriteGate[0];
    /** What {@link #views} tell of the keys they modify: every registered listener. */
    private final KeyModifiedListener broadcast = new Broadcast();
    private final AtomicLong expiredKeys = new AtomicLong();
    /** Created at open when active expiry is on, else by the first {@link #activeExpiry(boolean)} that turns it on. */
    private Thread expiryThread;
    /** Whether the expiry thread runs cycles (DEBUG SET-ACTIVE-EXPIRE turns it off and on). */
    private volatile boolean activeExpiry;
    /** Whether a server's CLIENT PAUSE holds the expiry thread, whatever {@link #activeExpiry} says. */
    private volatile boolean activeExpiryPaused;
    /** Channels and patterns, shared by the application's subscriptions and a server's clients. */
    private final io.minikv.engine.pubsub.PubSubRegistry pubsub = new io.minikv.engine.pubsub.PubSubRegistry();
    /** Saves run one at a time: they share no state, but two at once would only compete for the disk. */
    private final Object saveLock = new Object();
    /** Unix seconds of the last successful save; the open time before the first, as Redis's LASTSAVE. */
    private volatile long lastSave;
    /** What loading the snapshot at open found, or null when there was no snapshot to load. */
    private volatile Snapshots.LoadResult loadResult;
    /** The server's function libraries, saved with every snapshot; null when no server set it. */
    private volatile Supplier<List<byte[]>> functionLibraries;
    private volatile boolean closed;
    /** Redis's {@code hll-sparse-max-bytes}: the size past which a sparse HyperLogLog turns dense. */
    private volatile long hllSparseMaxBytes = io.minikv.engine.type.hll.HllLayout.DEFAULT_SPARSE_MAX_BYTES;

    private Engine(final KvOptions options) {
        this.options = options;
        this.clock = options.clock();
        this.budget = new MemoryBudget(options.maxMemoryBytes());
        final int count = options.databases();
        this.databases = new Keyspace[count];
        for (int i = 0; i < count; i++) {
            // Database 0 gets the initial capacity; the others usually stay small.
            databases[i] = new Keyspace(i, i == 0 ? options.initialCapacity() : 1, budget, clock);
        }
        this.views = viewsTelling(broadcast, true);
        this.activeExpiry = options.activeExpiry();
        if (activeExpiry) {
            expiryThread = newExpiryThread();
        }
    }

    private Thread newExpiryThread() {
        final Thread thread = new Thread(this::expiryLoop, "minikv-active-expiry");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Opens a store.
     *
     * @param options the validated options.
     * @return database 0.
     */
    public static KvStore open(final KvOptions options) {
        final Engine engine = new Engine(options);
        engine.lastSave = engine.clock.millis() / 1000;
        final Path snapshot = options.snapshotFile();
        if (snapshot != null) {
            try {
                // Loaded before the store is handed out or expiry starts: nobody sees a half-loaded store.
                engine.loadResult = Snapshots.load(snapshot, engine.databases, engine.clock.millis());
            } catch (final RuntimeException | Error e) {
                engine.close();
                throw e;
            }
        }
        synchronized (engine) {
            if (engine.expiryThread != null) {
                engine.expiryThread.start();
            }
        }
        return engine.views[0];
    }

    /**
     * Returns the engine behind a store, for internal callers (server INFO, tests driving active expiry).
     *
     * @param store a store opened by {@code MiniKv}.
     * @return its engine.
     * @throws IllegalArgumentException for other stores.
     */
    public static Engine of(final KvStore store) {
        return (Engine) EngineStats.of(store);
    }

    /**
     * Runs one active-expiry cycle now; tests call it with a manual clock instead of waiting for the thread.
     *
     * @param nowMs the time to expire against.
     * @return keys deleted.
     */
    public long runActiveExpiryCycle(final long nowMs) {
        checkOpen();
        final long n = ActiveExpiry.runCycle(databases, nowMs);
        expiredKeys.addAndGet(n);
        return n;
    }

    /**
     * Turns active expiry off or on while the store is open (Redis's {@code DEBUG SET-ACTIVE-EXPIRE}): off, expired keys
     * are deleted only when read, as {@link KvOptions.Builder#activeExpiry(boolean)} {@code false} makes them; on, the
     * expiry thread (started now if the store was opened without it) deletes them in the background again.
     *
     * @param enabled true for on.
     */
    public synchronized void activeExpiry(final boolean enabled) {
        checkOpen();
        activeExpiry = enabled;
        if (enabled && expiryThread == null) {
            expiryThread = newExpiryThread();
            expiryThread.start();
        }
    }

    /**
     * Returns whether active expiry is on.
     *
     * @return true when the expiry thread deletes expired keys in the background.
     */
    public boolean activeExpiry() {
        return activeExpiry;
    }

    /**
     * Holds or releases the background expiry while a server's clients are paused (Redis's CLIENT PAUSE stops active
     * expiry, so the data stays as it was), independently of {@link #activeExpiry(boolean)}.
     *
     * @param paused true to hold the expiry thread, false to let it run again if active expiry is on.
     */
    public void pauseActiveExpiry(final boolean paused) {
        activeExpiryPaused = paused;
    }

    /**
     * Returns whether the background expiry is held by {@link #pauseActiveExpiry(boolean)}.
     *
     * @return true while held.
     */
    public boolean activeExpiryPaused() {
        return activeExpiryPaused;
    }

    /**
     * Replaces the data with a snapshot file's (Redis's {@code DEBUG RELOAD}): every database is emptied (unless
     * {@code flush} is false) and the file is loaded. Memory-limit checks are suspended while loading, as Redis loads
     * without them. The caller keeps other writers out (the server holds its EXEC gate); readers meanwhile may see
     * the store empty or partly loaded. A failed load leaves what was loaded before the failure.
     *
     * @param file the snapshot.
     * @param flush false to load into the current data (Redis's {@code NOFLUSH}).
     * @param merge with {@code flush} false, replace keys already present instead of failing ({@code MERGE}).
     * @return what was loaded, or null when the file does not exist.
     * @throws io.minikv.api.CorruptSnapshotException when the file is not a valid snapshot, or names a key already
     *     present without {@code merge}.
     * @throws java.io.UncheckedIOException when the file cannot be read.
     */
    public Snapshots.LoadResult reload(final Path file, final boolean flush, final boolean merge) {
        synchronized (saveLock) {
            checkOpen();
            if (flush) {
                flushAll();
            }
            budget.suspendChecks(true);
            try {
                final Snapshots.LoadResult result = Snapshots.load(file, databases, clock.millis(), merge);
                if (result != null) {
                    loadResult = result;
                }
                return result;
            } finally {
                budget.suspendChecks(false);
            }
        }
    }

    /**
     * Writes a snapshot of every database to the configured {@link KvOptions#snapshotFile()} ({@code SAVE}).
     *
     * @return the snapshot's size in bytes.
     * @throws IllegalStateException when no data directory is configured.
     * @throws java.io.UncheckedIOException when it cannot be written; the previous snapshot is left in place.
     */
    public long save() {
        final Path file = options.snapshotFile();
        if (file == null) {
            throw new IllegalStateException("no data directory is configured (KvOptions.Builder.dataDirectory)");
        }
        return saveTo(file);
    }

    /**
     * Writes a snapshot of every database to a file, replacing it atomically (the server's SAVE and BGSAVE, whose
     * {@code dir} and {@code dbfilename} can change at run time). One save runs at a time; others wait.
     *
     * @param file the target.
     * @return the snapshot's size in bytes.
     * @throws java.io.UncheckedIOException when it cannot be written; the previous snapshot is left in place.
     */
    public long saveTo(final Path file) {
        synchronized (saveLock) {
            checkOpen();
            final Supplier<List<byte[]>> libraries = functionLibraries;
            final long size = Snapshots.save(file, databases, clock.millis(),
                libraries == null ? List.of() : libraries.get());
            lastSave = clock.millis() / 1000;
            return size;
        }
    }

    /**
     * Sets where snapshots get the function libraries they save: the server's FUNCTION LOAD state, which the engine
     * keeps in its snapshots (as Redis keeps functions in its RDB) without interpreting it. Loaded libraries come
     * back through {@link Snapshots.LoadResult#functionLibraries()}.
     *
     * @param source called under the save lock, from the saving thread; returns each library's code; null for none.
     */
    public void functionLibraries(final Supplier<List<byte[]>> source) {
        functionLibraries = source;
    }

    /**
     * Returns the time of the last successful save ({@code LASTSAVE}).
     *
     * @return Unix seconds; the open time before the first save.
     */
    public long lastSave() {
        return lastSave;
    }

    /**
     * Returns what loading the snapshot at open found.
     *
     * @return the result, or null when no snapshot was loaded.
     */
    public Snapshots.LoadResult loadResult() {
        return loadResult;
    }

    /**
     * Starts telling a listener about the keys writes through this store's views modify.
     *
     * @param listener not null; added once per call.
     */
    public synchronized void addKeyModifiedListener(final KeyModifiedListener listener) {
        keyModifiedListeners = plus(keyModifiedListeners, java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops telling a listener (one registration of it).
     *
     * @param listener the listener.
     */
    public synchronized void removeKeyModifiedListener(final KeyModifiedListener listener) {
        keyModifiedListeners = minus(keyModifiedListeners, listener);
    }

    /**
     * Returns a database as a store whose writes tell only {@code own} of the keys they modify, not the registered
     * {@link KeyModifiedListener}s: for a server, whose own commands must fail WATCHes at once but wake blocked
     * clients only once each command (or transaction) has run, while the application's writes do both. Its
     * {@code database(n)} returns views telling {@code own} too. Each call makes a new set of views: call it once.
     *
     * @param own the listener of the view's writes.
     * @param index the database.
     * @return the view.
     * @throws io.minikv.api.KvException when the index is out of range.
     */
    public KvStore viewTelling(final KeyModifiedListener own, final int index) {
        view(index);
        return viewsTelling(java.util.Objects.requireNonNull(own, "own"), false)[index];
    }

    /** Makes one view per database, all telling {@code listener}, passing the {@link WriteGate}s when gated. */
    private EmbeddedKvStore[] viewsTelling(final KeyModifiedListener listener, final boolean gated) {
        final EmbeddedKvStore[] all = new EmbeddedKvStore[databases.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = new EmbeddedKvStore(this, i, listener, all, gated);
        }
        return all;
    }

    /**
     * Makes every write through this store's views pass a gate (not those through {@link #viewTelling}'s views,
     * whose owner gates its writes itself).
     *
     * @param gate not null; added once per call.
     */
    public synchronized void addWriteGate(final WriteGate gate) {
        writeGates = plus(writeGates, java.util.Objects.requireNonNull(gate, "gate"));
    }

    /**
     * Stops passing a gate (one registration of it). A write already past its entry still exits it.
     *
     * @param gate the gate.
     */
    public synchronized void removeWriteGate(final WriteGate gate) {
        writeGates = minus(writeGates, gate);
    }

    /** Copy-on-write append: readers iterate the array they loaded without a lock. */
    private static <T> T[] plus(final T[] array, final T element) {
        final T[] next = java.util.Arrays.copyOf(array, array.length + 1);
        next[array.length] = element;
        return next;
    }

    /** Copy-on-write removal of the first occurrence (by identity); the same array when there is none. */
    private static <T> T[] minus(final T[] array, final T element) {
        for (int i = 0; i < array.length; i++) {
            if (array[i] == element) {
                final T[] next = java.util.Arrays.copyOf(array, array.length - 1);
                System.arraycopy(array, i + 1, next, i, array.length - i - 1);
                return next;
            }
        }
        return array;
    }

    /**
     * Enters the write gates, for a write through a gated view. With none (no server runs) this is one volatile read.
     *
     * @return the gates entered, to exit the same ones even if one is removed meanwhile.
     */
    WriteGate[] enterWrite() {
        final WriteGate[] gates = writeGates;
        for (final WriteGate gate : gates) {
            gate.enterWrite();
        }
        return gates;
    }

    /**
     * Exits the gates {@link #enterWrite} returned, in reverse order.
     *
     * @param gates what it returned.
     */
    static void exitWrite(final WriteGate[] gates) {
        for (int i = gates.length - 1; i >= 0; i--) {
            gates[i].exitWrite();
        }
    }

    /** Tells every registered listener. With none (no server runs), a write pays one volatile read. */
    private final class Broadcast implements KeyModifiedListener {
        @Override
        public void keyModified(final int database, final byte[] key) {
            for (final KeyModifiedListener listener : keyModifiedListeners) {
                listener.keyModified(database, key);
            }
        }

        @Override
        public void keyModified(final int database, final java.nio.ByteBuffer key, final int offset,
            final int length) {
            // Each listener copies the key only if it has something to do with it.
            for (final KeyModifiedListener listener : keyModifiedListeners) {
                listener.keyModified(database, key, offset, length);
            }
        }

        @Override
        public void databasesSwapped(final int first, final int second) {
            for (final KeyModifiedListener listener : keyModifiedListeners) {
                listener.databasesSwapped(first, second);
            }
        }
    }

    /**
     * Returns the keyspaces of all databases, for internal tools (snapshot tests).
     *
     * @return a copy of the array, by database index.
     */
    public Keyspace[] keyspaces() {
        return databases.clone();
    }

    Keyspace keyspace(final int index) {
        return databases[index];
    }

    KvStore view(final int index) {
        if (index < 0 || index >= views.length) {
            throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
        }
        return views[index];
    }

    int databaseCount() {
        return databases.length;
    }

    /**
     * Returns the options the store was opened with.
     *
     * @return the options.
     */
    public KvOptions options() {
        return options;
    }

    /**
     * Returns the store's clock, which TTLs and LASTSAVE follow.
     *
     * @return the clock.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the pub/sub channel registry, shared by every database view and by a server serving this engine.
     *
     * @return the registry.
     */
    public io.minikv.engine.pubsub.PubSubRegistry pubsub() {
        return pubsub;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    /**
     * Exchanges two databases' contents ({@code SWAPDB}); see {@link Keyspace#swapWith}.
     *
     * @param first a database index.
     * @param second another, or the same (nothing happens).
     * @throws io.minikv.api.KvException DB_INDEX_OUT_OF_RANGE.
     */
    void swapdb(final int first, final int second) {
        if (first < 0 || first >= databases.length || second < 0 || second >= databases.length) {
            throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
        }
        databases[first].swapWith(databases[second]);
    }

    void flushAll() {
        for (final Keyspace ks : databases) {
            ks.flush();
        }
    }

    void close() {
        final Thread expiry;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            expiry = expiryThread;
        }
        // Application subscriptions end with the store; nothing can publish any more.
        pubsub.close();
        if (expiry != null) {
            LockSupport.unpark(expiry);
            try {
                expiry.join(TimeUnit.SECONDS.toMillis(5));
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (saveLock) {
            // A save in progress finishes before the data goes: it must not write a snapshot of a half-flushed store.
            // Saves that start later see the store closed.
            flushAll();
        }
    }

    private void expiryLoop() {
        while (!closed) {
            if (!activeExpiry || activeExpiryPaused) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(EXPIRY_PERIOD_MS));
                continue;
            }
            try {
                expiredKeys.addAndGet(ActiveExpiry.runCycle(databases, clock.millis()));
            } catch (final RuntimeException e) {
                // A failing cycle must not stop expiry for good; the next one retries.
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(EXPIRY_PERIOD_MS));
        }
    }

    @Override
    public long usedMemoryBytes() {
        long n = 0;
        for (final Keyspace ks : databases) {
            n += ks.usedBytes();
        }
        return n;
    }

    @Override
    public long allocatedMemoryBytes() {
        return budget.allocated();
    }

    @Override
    public long maxMemoryBytes() {
        return budget.maxBytes();
    }

    /**
     * Tells whether the store holds more than its memory limit: writes that may grow it (Redis's {@code denyoom}
     * commands) are refused until memory is freed.
     *
     * @return true when a limit is set and exceeded.
     */
    public boolean memoryExceeded() {
        return budget.exceeded();
    }

    /**
     * Suspends or restores the memory limit's refusals, for a server's EXEC: Redis admits a transaction as a whole
     * (EXEC itself is refused over the limit when it queued a {@code denyoom} command) and then runs every command
     * in it. Only call while no other write can run (the server's EXEC gate is closed).
     *
     * @param suspended true to suspend, false to restore.
     */
    public void suspendMemoryChecks(final boolean suspended) {
        budget.suspendChecks(suspended);
    }

    /**
     * Changes the memory limit while the store is open ({@code CONFIG SET maxmemory}). Nothing is evicted: when the
     * store already holds more, writes that need new memory fail with OOM until enough is freed.
     *
     * @param bytes the new limit, 0 for none.
     * @throws IllegalArgumentException when negative.
     */
    public void maxMemoryBytes(final long bytes) {
        budget.maxBytes(bytes);
    }

    /**
     * Returns {@code hll-sparse-max-bytes}: a sparse HyperLogLog value (header included) that would grow past this
     * many bytes is converted to the dense encoding. Redis's default is 3000.
     *
     * @return the limit in bytes.
     */
    public long hllSparseMaxBytes() {
        return hllSparseMaxBytes;
    }

    /**
     * Changes {@code hll-sparse-max-bytes} ({@code CONFIG SET}); values already sparse stay so until their next
     * change.
     *
     * @param bytes the new limit, 0 or more.
     * @throws IllegalArgumentException when negative.
     */
    public void hllSparseMaxBytes(final long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("hll-sparse-max-bytes must not be negative: " + bytes);
        }
        hllSparseMaxBytes = bytes;
    }

    @Override
    public long keys(final int db) {
        return databases[db].keys();
    }

    @Override
    public long expires(final int db) {
        return databases[db].volatileKeys();
    }

    @Override
    public long expiredKeys() {
        return expiredKeys.get();
    }
}
