package io.minikv.net.command;

import io.minikv.engine.Engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's persistence state, Redis's {@code rdb.c} bookkeeping: where snapshots go ({@code dir},
 * {@code dbfilename}), the save points, the count of writes since the last save, the background save and the
 * figures INFO persistence reports.
 * <p>
 * <b>Save points</b> ({@code save <seconds> <changes> ...}): {@link #tick} starts a background save when, for some
 * point, at least {@code changes} writes happened and more than {@code seconds} passed since the last successful save
 * (Redis's {@code serverCron} rule, including its 5-second back-off after a failed background save). Time is the
 * store's clock, so a test moves it instead of sleeping.
 * <p>
 * <b>Changes</b> are counted per write command executed over RESP (Redis counts changed keys; writes the embedding
 * application makes through {@code KvStore} are not counted).
 * <p>
 * Thread-safe: settings are volatile, the background save is claimed with a CAS.
 */
public final class Persistence {
    /** Redis's {@code CONFIG_BGSAVE_RETRY_DELAY}: seconds between save-point retries after a failed background save. */
    static final long RETRY_DELAY_SECONDS = 5;

    /** How often the save points are checked. */
    static final long CRON_PERIOD_MS = 100;

    private static final Logger LOG = System.getLogger(Persistence.class.getName());

    private final Engine engine;
    private final Clock clock;
    /** Writes since the last successful save; a LongAdder because every write command of every loop adds to it. */
    private final LongAdder dirty = new LongAdder();
    private final AtomicBoolean bgsaveRunning = new AtomicBoolean();
    private final AtomicLong saves = new AtomicLong();
    private volatile Path dir;
    /** Whether {@link #dir} was chosen (--dir, the store's data directory, CONFIG SET dir) rather than defaulted. */
    private volatile boolean directoryConfigured;
    private volatile String dbfilename;
    private volatile long[] savePoints;
    private volatile ProtectedSetting protectedConfigs = ProtectedSetting.of("enable-protected-configs", "no");
    private volatile boolean bgsaveScheduled;
    private volatile boolean lastBgsaveOk = true;
    private volatile long lastBgsaveTrySeconds;
    private volatile long bgsaveStartMillis = -1;
    private volatile long lastBgsaveSeconds = -1;
    private java.util.concurrent.ScheduledExecutorService cron;
    /** Set once SHUTDOWN has decided about the final save, so closing the server does not save again. */
    private volatile boolean shutdownDecided;
    private CompletableFuture<Boolean> lastBackgroundSave = CompletableFuture.completedFuture(true);

    /**
     * Creates the state.
     *
     * @param engine the store's engine, or null when the server serves another {@code KvStore} (saves then fail).
     * @param clock the clock save points and LASTSAVE use: the store's.
     * @param dir where snapshots go.
     * @param dbfilename the snapshot's file name.
     * @param savePoints (seconds, changes) pairs, empty for none.
     */
    public Persistence(final Engine engine, final Clock clock, final Path dir, final String dbfilename,
        final long[] savePoints) {
        this.engine = engine;
        this.clock = clock;
        this.dir = dir.toAbsolutePath();
        this.dbfilename = dbfilename;
        this.savePoints = savePoints.clone();
    }

    /**
     * Saves on the calling thread (SAVE, SHUTDOWN); the caller makes it point-in-time by running it alone.
     *
     * @return true when the snapshot was written.
     */
    public boolean saveNow() {
        final long before = dirty.sum();
        saves.incrementAndGet();
        if (!writeSnapshot()) {
            return false;
        }
        dirty.add(-before);
        return true;
    }

    /**
     * Starts a background save unless one runs.
     *
     * @return false when a background save is already running.
     */
    public synchronized boolean startBackgroundSave() {
        // Synchronized with lastBackgroundSave(): whoever sees the save running also sees its future.
        if (!bgsaveRunning.compareAndSet(false, true)) {
            return false;
        }
        bgsaveScheduled = false;
        lastBgsaveTrySeconds = clock.millis() / 1000;
        bgsaveStartMillis = clock.millis();
        final long before = dirty.sum();
        saves.incrementAndGet();
        final CompletableFuture<Boolean> done = new CompletableFuture<>();
        lastBackgroundSave = done;
        final Thread thread = new Thread(() -> {
            boolean ok = false;
            try {
                ok = writeSnapshot();
                if (ok) {
                    dirty.add(-before);
                }
            } finally {
                lastBgsaveOk = ok;
                lastBgsaveSeconds = (clock.millis() - bgsaveStartMillis) / 1000;
                bgsaveStartMillis = -1;
                bgsaveRunning.set(false);
                done.complete(ok);
            }
        }, "minikv-bgsave");
        thread.setDaemon(true);
        thread.start();
        return true;
    }

    /** Writes the snapshot to dir/dbfilename; logs and returns false on failure. */
    private boolean writeSnapshot() {
        final Path file = file();
        if (engine == null) {
            LOG.log(Level.WARNING, "cannot save: the served store is not mini-kv's engine");
            return false;
        }
        try {
            engine.saveTo(file);
            return true;
        } catch (final RuntimeException e) {
            LOG.log(Level.WARNING, "cannot save " + file + ": " + e.getMessage(), e);
            return false;
        }
    }

    /**
     * The save-point check, run periodically (Redis's {@code serverCron}): starts a scheduled background save, or one
     * a save point asks for.
     *
     * @return true when it started a background save.
     */
    public boolean tick() {
        if (bgsaveRunning.get()) {
            return false;
        }
        final long now = clock.millis() / 1000;
        final boolean mayRetry = lastBgsaveOk || now - lastBgsaveTrySeconds > RETRY_DELAY_SECONDS;
        if (!mayRetry) {
            return false;
        }
        if (bgsaveScheduled) {
            return startBackgroundSave();
        }
        final long[] points = savePoints;
        final long changes = dirty.sum();
        final long lastSave = lastSave();
        for (int i = 0; i < points.length; i += 2) {
            if (changes >= points[i + 1] && now - lastSave > points[i]) {
                LOG.log(Level.INFO, changes + " changes in " + points[i] + " seconds. Saving...");
                return startBackgroundSave();
            }
        }
        return false;
    }

    /**
     * Counts write commands.
     *
     * @param n 1 before a write command runs, -1 when it failed.
     */
    void changed(final int n) {
        dirty.add(n);
    }

    /** @return writes since the last successful save. */
    public long changesSinceLastSave() {
        return dirty.sum();
    }

    /** @return Unix seconds of the last successful save (the start time before the first). */
    public long lastSave() {
        return engine != null ? engine.lastSave() : 0;
    }

    /** @return whether a background save runs. */
    public boolean backgroundSaveInProgress() {
        return bgsaveRunning.get();
    }

    /** Asks for a background save as soon as none runs (BGSAVE inside MULTI, as Redis). */
    void scheduleBackgroundSave() {
        bgsaveScheduled = true;
    }

    /** @return the outcome of the last background save started (true when none was), for tests and shutdown. */
    public synchronized CompletableFuture<Boolean> lastBackgroundSave() {
        return lastBackgroundSave;
    }

    /** @return whether the last background save succeeded (true before any). */
    public boolean lastBackgroundSaveOk() {
        return lastBgsaveOk;
    }

    /** @return seconds the last background save took, -1 before any. */
    public long lastBackgroundSaveSeconds() {
        return lastBgsaveSeconds;
    }

    /** @return seconds the running background save has taken so far, -1 when none runs. */
    public long currentBackgroundSaveSeconds() {
        final long start = bgsaveStartMillis;
        return start < 0 ? -1 : (clock.millis() - start) / 1000;
    }

    /** @return saves attempted (SAVE, BGSAVE, save points, SHUTDOWN), as Redis's {@code rdb_saves}. */
    public long saves() {
        return saves.get();
    }

    /** @return keys the snapshot loaded at startup held, 0 when none was loaded. */
    public long keysLoaded() {
        return engine == null || engine.loadResult() == null ? 0 : engine.loadResult().loaded();
    }

    /** @return keys of the snapshot loaded at startup skipped as expired. */
    public long keysExpiredAtLoad() {
        return engine == null || engine.loadResult() == null ? 0 : engine.loadResult().skippedExpired();
    }

    /** @return the snapshot file: dbfilename in dir. */
    public Path file() {
        return dir.resolve(dbfilename);
    }

    /** @return the directory, absolute. */
    public Path dir() {
        return dir;
    }

    /**
     * Sets where snapshots go (CONFIG SET dir, {@code --dir}).
     *
     * @param value the directory.
     */
    public void dir(final Path value) {
        this.dir = value.toAbsolutePath().normalize();
    }

    /**
     * Marks the directory as chosen rather than the working directory by default; DEBUG RELOAD saves only then.
     *
     * @param configured true when a directory was given.
     */
    public void directoryConfigured(final boolean configured) {
        this.directoryConfigured = configured;
    }

    /** @return whether a data directory was given (--dir, the store's, or CONFIG SET dir). */
    public boolean directoryConfigured() {
        return directoryConfigured;
    }

    /** @return the snapshot file name. */
    public String dbfilename() {
        return dbfilename;
    }

    /**
     * Sets the snapshot file name (CONFIG SET dbfilename, {@code --dbfilename}).
     *
     * @param value the name.
     */
    public void dbfilename(final String value) {
        this.dbfilename = value;
    }

    /** @return the save points as (seconds, changes) pairs. */
    public long[] savePoints() {
        return savePoints.clone();
    }

    /**
     * Sets the save points (CONFIG SET save, {@code --save}).
     *
     * @param pairs (seconds, changes) pairs, empty for none.
     */
    public void savePoints(final long[] pairs) {
        this.savePoints = pairs.clone();
    }

    /**
     * Starts the save-point check every 100 ms (Redis's {@code hz 10}) on a daemon thread.
     */
    public synchronized void startCron() {
        if (cron == null) {
            cron = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                final Thread t = new Thread(r, "minikv-save-points");
                t.setDaemon(true);
                return t;
            });
            cron.scheduleWithFixedDelay(() -> {
                try {
                    tick();
                } catch (final RuntimeException e) {
                    LOG.log(Level.WARNING, "save-point check failed", e);
                }
            }, CRON_PERIOD_MS, CRON_PERIOD_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Stops the save-point check. */
    public synchronized void stopCron() {
        if (cron != null) {
            cron.shutdownNow();
            cron = null;
        }
    }

    /** SHUTDOWN has saved (or was told not to): {@link #saveOnClose()} does nothing. */
    void skipSaveOnClose() {
        shutdownDecided = true;
    }

    /**
     * The final save of a server that stops without SHUTDOWN (SIGTERM, {@code close()}), after its event loops have
     * stopped: as Redis on SIGTERM, it saves when save points are configured.
     *
     * @return false when a save was needed and failed.
     */
    public boolean saveOnClose() {
        stopCron();
        if (shutdownDecided || !hasSavePoints()) {
            return true;
        }
        shutdownDecided = true;
        return saveNow();
    }

    /** @return whether save points are configured (SHUTDOWN then saves by default). */
    public boolean hasSavePoints() {
        return savePoints.length > 0;
    }

    /**
     * Sets who may CONFIG SET protected parameters (dir, dbfilename), Redis's {@code enable-protected-configs}.
     *
     * @param value {@code yes}, {@code no} or {@code local}.
     * @throws IllegalArgumentException otherwise.
     */
    public void enableProtectedConfigs(final String value) {
        protectedConfigs = ProtectedSetting.of("enable-protected-configs", value);
    }

    /** @return the {@code enable-protected-configs} setting. */
    public String enableProtectedConfigs() {
        return protectedConfigs.value();
    }

    /** @return whether a client at this peer address may set protected parameters. */
    boolean protectedConfigsAllowed(final String peerAddress) {
        return protectedConfigs.allows(peerAddress);
    }
}
