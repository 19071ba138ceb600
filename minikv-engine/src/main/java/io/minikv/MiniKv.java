package io.minikv;

import io.minikv.api.KvOptions;
import io.minikv.api.KvStore;
import io.minikv.engine.Engine;

/**
 * The entry point of mini-kv as a library: opens an in-process store with Redis's data types and semantics.
 *
 * <pre>{@code
 * try (KvStore store = MiniKv.open()) {
 *     store.set("greeting".getBytes(UTF_8), "hello".getBytes(UTF_8));
 *     store.expire("greeting".getBytes(UTF_8), 60, ExpireCondition.ALWAYS);
 *     byte[] value = store.get("greeting".getBytes(UTF_8));
 * }
 * }</pre>
 * Thread-safe.
 */
public final class MiniKv {
    private MiniKv() {
    }

    /**
     * Opens a store with the default options (16 databases, no memory limit, system clock, active expiry).
     *
     * @return database 0 of the new store; close it to release its memory.
     */
    public static KvStore open() {
        return open(KvOptions.defaults());
    }

    /**
     * Opens a store. With a {@link KvOptions#dataDirectory() data directory} whose snapshot file exists, the snapshot
     * is loaded first (every database, type and TTL; keys whose deadline has passed are skipped).
     *
     * @param options the options; not null.
     * @return database 0 of the new store; {@link KvStore#database(int)} gives the others.
     * @throws io.minikv.api.CorruptSnapshotException when the snapshot is corrupt, truncated or not a snapshot; no
     *     store is opened.
     * @throws java.io.UncheckedIOException when the snapshot exists but cannot be read.
     * @throws IllegalStateException when the snapshot does not fit {@link KvOptions#maxMemoryBytes()}.
     */
    public static KvStore open(final KvOptions options) {
        if (options == null) {
            throw new NullPointerException("options");
        }
        return Engine.open(options);
    }
}
