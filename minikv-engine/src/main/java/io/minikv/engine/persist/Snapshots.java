package io.minikv.engine.persist;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import io.minikv.api.CorruptSnapshotException;
import io.minikv.api.KvException;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.persist.FrameInput.CorruptionException;

/**
 * Saving and loading snapshot files ({@link SnapshotFormat}).
 * <p>
 * <b>Atomic replacement.</b> A save writes a temporary file in the target's directory, forces it to disk, renames it
 * over the target (an atomic rename within one directory) and forces the directory, so after a crash at any point
 * the target is either the previous complete snapshot or the new complete one, never a torn mix. A failed save
 * deletes its temporary file and leaves the target untouched.
 * <p>
 * Thread-safe (stateless); the engine runs one save at a time.
 */
public final class Snapshots {
    private static final AtomicLong TEMP_SEQUENCE = new AtomicLong();

    private Snapshots() {
    }

    /** What a load found. */
    public static final class LoadResult {
        private final long loaded;
        private final long skippedExpired;
        private final List<byte[]> functionLibraries;

        LoadResult(final long loaded, final long skippedExpired, final List<byte[]> functionLibraries) {
            this.loaded = loaded;
            this.skippedExpired = skippedExpired;
            this.functionLibraries = List.copyOf(functionLibraries);
        }

        /**
         * Returns the function libraries the snapshot held: the code of each, as FUNCTION LOAD was given it. The
         * engine does not interpret them; the server loads them.
         *
         * @return the libraries' code, in saved order; empty when none (and for version 1 snapshots).
         */
        public List<byte[]> functionLibraries() {
            return functionLibraries;
        }

        /**
         * Returns the keys loaded.
         *
         * @return keys.
         */
        public long loaded() {
            return loaded;
        }

        /**
         * Returns the keys left out because their deadline had passed.
         *
         * @return keys.
         */
        public long skippedExpired() {
            return skippedExpired;
        }
    }

    /**
     * Loads a snapshot into empty keyspaces.
     *
     * @param file the snapshot.
     * @param databases the keyspaces, by index.
     * @param nowMs keys with a deadline before this are skipped.
     * @return what was loaded, or null when the file does not exist.
     * @throws CorruptSnapshotException when the file is not a complete, valid snapshot.
     * @throws UncheckedIOException when the file cannot be read.
     * @throws IllegalStateException when the data does not fit the store's memory limit.
     */
    public static LoadResult load(final Path file, final Keyspace[] databases, final long nowMs) {
        return load(file, databases, nowMs, false);
    }

    /**
     * Loads a snapshot into keyspaces that may hold keys already (DEBUG RELOAD NOFLUSH).
     *
     * @param file the snapshot.
     * @param databases the keyspaces, by index.
     * @param nowMs keys with a deadline before this are skipped.
     * @param merge true to replace a key the keyspaces already hold; false to fail on it as on a duplicate.
     * @return what was loaded, or null when the file does not exist.
     * @throws CorruptSnapshotException when the file is not a complete, valid snapshot, or (without merge) names a
     *     key already present.
     * @throws UncheckedIOException when the file cannot be read.
     * @throws IllegalStateException when the data does not fit the store's memory limit.
     */
    public static LoadResult load(final Path file, final Keyspace[] databases, final long nowMs,
        final boolean merge) {
        final SnapshotReader reader = new SnapshotReader(databases, nowMs, merge);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            reader.read(in);
        } catch (final NoSuchFileException e) {
            return null;
        } catch (final CorruptionException e) {
            throw new CorruptSnapshotException(file, e.getMessage(), null);
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot read snapshot " + file + ": " + e, e);
        } catch (final KvException e) {
            // The only store error a load can meet: the data does not fit the memory limit.
            throw new IllegalStateException("cannot load snapshot " + file + " after " + reader.loaded()
                + " keys: " + e.getMessage(), e);
        }
        return new LoadResult(reader.loaded(), reader.skippedExpired(), reader.functionLibraries());
    }

    /**
     * Saves a snapshot, replacing {@code file} atomically.
     *
     * @param file the target.
     * @param databases the keyspaces, by index.
     * @param nowMs keys expired at this time are left out.
     * @return the snapshot's size in bytes.
     * @throws UncheckedIOException when the snapshot cannot be written; the previous file is left as it was.
     */
    public static long save(final Path file, final Keyspace[] databases, final long nowMs) {
        return save(file, databases, nowMs, List.of());
    }

    /**
     * Saves a snapshot with function libraries, replacing {@code file} atomically.
     *
     * @param file the target.
     * @param databases the keyspaces, by index.
     * @param nowMs keys expired at this time are left out.
     * @param functionLibraries each library's code, saved as it is.
     * @return the snapshot's size in bytes.
     * @throws UncheckedIOException when the snapshot cannot be written; the previous file is left as it was.
     */
    public static long save(final Path file, final Keyspace[] databases, final long nowMs,
        final List<byte[]> functionLibraries) {
        return save(file, databases, nowMs, functionLibraries, UnaryOperator.identity());
    }

    /** As {@link #save(Path, Keyspace[], long, List)}, writing through {@code wrap} (tests inject failures with it). */
    static long save(final Path file, final Keyspace[] databases, final long nowMs,
        final List<byte[]> functionLibraries, final UnaryOperator<WritableByteChannel> wrap) {
        final Path dir = file.toAbsolutePath().getParent();
        final Path temp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-"
            + TEMP_SEQUENCE.incrementAndGet() + "-" + file.getFileName());
        boolean moved = false;
        try {
            Files.createDirectories(dir);
            final long size;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
                new SnapshotWriter().write(databases, nowMs, functionLibraries, wrap.apply(channel));
                // The data must be on disk before the rename makes it the snapshot.
                channel.force(true);
                size = channel.size();
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (final AtomicMoveNotSupportedException e) {
                throw new IOException("the file system cannot rename " + temp + " atomically", e);
            }
            moved = true;
            forceDirectory(dir);
            return size;
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot save snapshot " + file + ": " + e, e);
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (final IOException ignored) {
                    // The save already failed with the first error; a leftover temp file is harmless.
                }
            }
        }
    }

    /** Makes the rename durable: the directory entry is flushed too (POSIX; a no-op where directories can't open). */
    private static void forceDirectory(final Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (final UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // Windows cannot open a directory as a channel; its rename is durable by itself.
        }
    }
}
