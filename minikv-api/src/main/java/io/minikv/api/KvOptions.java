package io.minikv.api;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Validated options for opening a store. Build with {@link #builder()}; every setter validates at once and names the
 * option it rejects.
 */
public final class KvOptions {
    /** Databases by default, as Redis's {@code databases 16}. */
    public static final int DEFAULT_DATABASES = 16;
    /** Initial key capacity by default. */
    public static final int DEFAULT_INITIAL_CAPACITY = 1024;
    /** Snapshot file name by default, as Redis's {@code dbfilename dump.rdb}. */
    public static final String DEFAULT_SNAPSHOT_FILE_NAME = "dump.mkv";

    private final int initialCapacity;
    private final long maxMemoryBytes;
    private final Clock clock;
    private final int databases;
    private final boolean activeExpiry;
    private final Path dataDirectory;
    private final String snapshotFileName;

    private KvOptions(final Builder builder) {
        this.initialCapacity = builder.initialCapacity;
        this.maxMemoryBytes = builder.maxMemoryBytes;
        this.clock = builder.clock;
        this.databases = builder.databases;
        this.activeExpiry = builder.activeExpiry;
        this.dataDirectory = builder.dataDirectory;
        this.snapshotFileName = builder.snapshotFileName;
    }

    /**
     * Returns a builder with the defaults.
     *
     * @return a new builder.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the default options.
     *
     * @return options with every default.
     */
    public static KvOptions defaults() {
        return builder().build();
    }

    /**
     * Returns the number of keys the store is sized for at start; it grows beyond it as needed.
     *
     * @return the initial capacity in keys.
     */
    public int initialCapacity() {
        return initialCapacity;
    }

    /**
     * Returns the memory limit for keys and values; writes that need more fail with {@link KvError#OOM}.
     * <p>
     * Counted: keys, string values and hash tables (off-heap, as allocated) and the estimated heap footprint of
     * hashes, sets, lists and sorted sets (their element arrays, nodes and tables). As with Redis's
     * {@code noeviction} policy, a write that may grow a collection (SADD, HSET, RPUSH, ZADD, the STOREs, COPY...)
     * is refused while the store holds more than the limit (over RESP, every command Redis flags {@code denyoom},
     * SET included); a string write fails when it needs memory beyond the limit. Reads, DEL, the pops, removals,
     * RENAME and MOVE always run, so memory can be freed. Collections live on the Java heap, so the heap ({@code -Xmx}) must be
     * comfortably larger than the limit.
     *
     * @return the limit in bytes, 0 for none.
     */
    public long maxMemoryBytes() {
        return maxMemoryBytes;
    }

    /**
     * Returns the clock all TTLs are measured against.
     *
     * @return the clock.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the number of databases ({@code SELECT 0} to {@code databases - 1}).
     *
     * @return the database count.
     */
    public int databases() {
        return databases;
    }

    /**
     * Returns whether a background task reclaims expired keys nobody reads again.
     *
     * @return true when active expiry runs.
     */
    public boolean activeExpiry() {
        return activeExpiry;
    }

    /**
     * Returns the directory snapshots are loaded from at open and saved to by {@link KvStore#save()}.
     *
     * @return the directory, or null when the store is memory-only (the default).
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * Returns the snapshot file's name inside {@link #dataDirectory()}.
     *
     * @return the name, {@value #DEFAULT_SNAPSHOT_FILE_NAME} by default.
     */
    public String snapshotFileName() {
        return snapshotFileName;
    }

    /**
     * Returns the snapshot file: {@link #snapshotFileName()} inside {@link #dataDirectory()}.
     *
     * @return the path, or null when no data directory is set.
     */
    public Path snapshotFile() {
        return dataDirectory == null ? null : dataDirectory.resolve(snapshotFileName);
    }

    /** Builder of {@link KvOptions}; not thread-safe. */
    public static final class Builder {
        private int initialCapacity = DEFAULT_INITIAL_CAPACITY;
        private long maxMemoryBytes;
        private Clock clock = Clock.systemUTC();
        private int databases = DEFAULT_DATABASES;
        private boolean activeExpiry = true;
        private Path dataDirectory;
        private String snapshotFileName = DEFAULT_SNAPSHOT_FILE_NAME;

        private Builder() {
        }

        /**
         * Sets the number of keys to size the store for at start.
         *
         * @param keys at least 1.
         * @return this builder.
         * @throws IllegalArgumentException when {@code keys < 1}.
         */
        public Builder initialCapacity(final int keys) {
            if (keys < 1) {
                throw new IllegalArgumentException("initialCapacity must be at least 1: " + keys);
            }
            this.initialCapacity = keys;
            return this;
        }

        /**
         * Sets the memory limit for keys and values.
         *
         * @param bytes the limit, 0 for none.
         * @return this builder.
         * @throws IllegalArgumentException when negative.
         */
        public Builder maxMemoryBytes(final long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxMemoryBytes must not be negative: " + bytes);
            }
            this.maxMemoryBytes = bytes;
            return this;
        }

        /**
         * Sets the clock TTLs are measured against; tests pass a manual clock.
         *
         * @param clock not null.
         * @return this builder.
         */
        public Builder clock(final Clock clock) {
            if (clock == null) {
                throw new NullPointerException("clock");
            }
            this.clock = clock;
            return this;
        }

        /**
         * Sets the number of databases.
         *
         * @param count from 1 to 1024.
         * @return this builder.
         * @throws IllegalArgumentException when out of range.
         */
        public Builder databases(final int count) {
            if (count < 1 || count > 1024) {
                throw new IllegalArgumentException("databases must be from 1 to 1024: " + count);
            }
            this.databases = count;
            return this;
        }

        /**
         * Enables or disables the background reclamation of expired keys. Expired keys are never visible either way.
         *
         * @param enabled true to run active expiry.
         * @return this builder.
         */
        public Builder activeExpiry(final boolean enabled) {
            this.activeExpiry = enabled;
            return this;
        }

        /**
         * Sets the directory of the store's snapshot. {@code MiniKv.open} then loads the snapshot file when it exists
         * (and fails when it is corrupt), and {@link KvStore#save()} writes it. The directory need not exist yet at
         * open; a save creates it.
         *
         * @param directory the directory, or null for a memory-only store (the default).
         * @return this builder.
         */
        public Builder dataDirectory(final Path directory) {
            this.dataDirectory = directory;
            return this;
        }

        /**
         * Sets the snapshot file's name inside the data directory ({@code dbfilename}).
         *
         * @param name a plain file name: not empty, no path separator, not {@code .} or {@code ..}.
         * @return this builder.
         * @throws IllegalArgumentException when the name is not a plain file name.
         */
        public Builder snapshotFileName(final String name) {
            this.snapshotFileName = validFileName(name);
            return this;
        }

        /**
         * Checks a snapshot file name as {@link #snapshotFileName(String)} documents (Redis refuses a
         * {@code dbfilename} with a path in it too).
         *
         * @param name the name.
         * @return the name.
         * @throws IllegalArgumentException when the name is not a plain file name.
         */
        public static String validFileName(final String name) {
            if (name == null) {
                throw new NullPointerException("snapshotFileName");
            }
            if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("snapshotFileName must be a plain file name: '" + name + "'");
            }
            return name;
        }

        /**
         * Builds the options.
         *
         * @return the options.
         */
        public KvOptions build() {
            return new KvOptions(this);
        }
    }
}
