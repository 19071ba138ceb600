package io.minikv.api;

import java.nio.file.Path;

/**
 * A snapshot file could not be loaded because its content is not a complete, intact mini-kv snapshot: wrong magic,
 * unsupported version, a checksum mismatch, a truncated file, or an impossible record. Opening a store fails with it
 * rather than starting with part of the data. The message names the file and the problem.
 */
public class CorruptSnapshotException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * Creates the exception.
     *
     * @param file the snapshot file.
     * @param problem what is wrong and where, e.g. {@code checksum mismatch in the frame at byte 4096}.
     * @param cause the underlying failure, or null.
     */
    public CorruptSnapshotException(final Path file, final String problem, final Throwable cause) {
        super("snapshot " + file + " is corrupt: " + problem, cause);
        this.file = file;
    }

    /**
     * Returns the snapshot file that failed to load.
     *
     * @return the path.
     */
    public Path file() {
        return file;
    }
}
