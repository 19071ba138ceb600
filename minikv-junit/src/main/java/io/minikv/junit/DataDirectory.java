package io.minikv.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import io.minikv.api.KvStore;
import io.minikv.engine.Engine;
import io.minikv.engine.persist.Snapshots;

/**
 * The disk side of one {@link MiniKvExtension} server: the data directory its store opens with, the fixture snapshot
 * installed there before the start (into a temporary directory when none was given), the reset to the fixture
 * before each test, and the removal of the temporary directory at stop. Used on the JUnit thread only.
 */
final class DataDirectory {
    private final Path directory;
    private final String snapshotFileName;
    private final Path fixture;
    /** The directory created for a fixture, deleted by {@link #release()}; null when none. */
    private Path temporary;

    /**
     * Describes the server's persistence.
     *
     * @param directory the configured data directory, or null.
     * @param snapshotFileName the snapshot file name.
     * @param fixture the fixture snapshot, or null.
     */
    DataDirectory(final Path directory, final String snapshotFileName, final Path fixture) {
        this.directory = directory;
        this.snapshotFileName = snapshotFileName;
        this.fixture = fixture;
    }

    /** Returns whether a fixture is configured. */
    boolean hasFixture() {
        return fixture != null;
    }

    /**
     * Returns the directory to open the store with, after copying the fixture (if any) over its snapshot file.
     *
     * @return the directory, or null when the server has no persistence.
     * @throws UncheckedIOException when the fixture cannot be copied.
     */
    Path prepare() {
        if (fixture == null) {
            return directory;
        }
        try {
            Path dir = directory;
            if (dir == null) {
                dir = Files.createTempDirectory("minikv-junit-");
                temporary = dir;
            }
            Files.createDirectories(dir);
            Files.copy(fixture, dir.resolve(snapshotFileName), StandardCopyOption.REPLACE_EXISTING);
            return dir;
        } catch (final IOException e) {
            release();
            throw new UncheckedIOException("cannot install the fixture snapshot " + fixture + ": " + e, e);
        }
    }

    /**
     * Replaces every database's data with the fixture's (between tests: the server keeps running).
     *
     * @param store the server's store.
     */
    void resetToFixture(final KvStore store) {
        store.flushall();
        final Engine engine = Engine.of(store);
        Snapshots.load(fixture, engine.keyspaces(), engine.clock().millis());
    }

    /**
     * Wraps a failure to open the store, naming the fixture when there is one (the copy's name means nothing to
     * the test's author).
     *
     * @param e the failure.
     * @return the exception to throw.
     */
    RuntimeException openFailed(final RuntimeException e) {
        release();
        return fixture == null ? e
            : new IllegalStateException("cannot load the fixture snapshot " + fixture + ": " + e.getMessage(), e);
    }

    /** Deletes the temporary directory, if this server made one. */
    void release() {
        final Path dir = temporary;
        temporary = null;
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (final Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (final IOException e) {
            throw new UncheckedIOException("cannot delete " + dir + ": " + e, e);
        }
    }
}
