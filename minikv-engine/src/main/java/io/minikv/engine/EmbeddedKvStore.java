package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;

import java.nio.ByteBuffer;
import java.util.Objects;

import io.minikv.api.KvStore;
import io.minikv.api.SetArgs;
import io.minikv.api.ValueSink;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.StringOps;

/**
 * The {@link KvStore} of one database of an {@link Engine}: checks arguments and the lifecycle, then delegates to the
 * command families in {@code engine.type}. Thread-safe.
 * <p>
 * The class holds the shared plumbing (keyspace, modified-key announcements, databases, lifecycle) and the GET/SET hot
 * path; each command group's delegations are default methods of its package-private interface
 * ({@link EmbeddedStrings}, {@link EmbeddedKeys}, {@link EmbeddedSortedSets}, {@link EmbeddedSets},
 * {@link EmbeddedLists}, {@link EmbeddedHashes}), mirroring the public {@code Kv*} group interfaces.
 */
final class EmbeddedKvStore implements KvStore, EmbeddedStrings, EmbeddedKeys, EmbeddedSortedSets, EmbeddedSets,
    EmbeddedLists, EmbeddedHashes, EmbeddedPubSub, EmbeddedGeo, EmbeddedBitmaps, EmbeddedHyperLogLogs,
    EmbeddedStreams {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private static final WriteGate[] NO_GATES = new WriteGate[0];

    private final Engine engine;
    private final int index;
    /** Told of every key a write through this view modifies: the engine's listeners, or a server's own. */
    private final KeyModifiedListener listener;
    /** This view's siblings, one per database, telling the same listener: what {@link #database} returns. */
    private final EmbeddedKvStore[] siblings;
    /** Whether writes pass the engine's {@link WriteGate}s: the application's views; not a server's own. */
    private final boolean gated;

    EmbeddedKvStore(final Engine engine, final int index, final KeyModifiedListener listener,
        final EmbeddedKvStore[] siblings, final boolean gated) {
        this.engine = engine;
        this.index = index;
        this.listener = listener;
        this.siblings = siblings;
        this.gated = gated;
    }

    @Override
    public io.minikv.engine.pubsub.PubSubRegistry pubsub() {
        engine.checkOpen();
        return engine.pubsub();
    }

    @Override
    public Engine engine() {
        return engine;
    }

    @Override
    public Keyspace keyspace() {
        engine.checkOpen();
        return engine.keyspace(index);
    }

    @Override
    public void keyModified(final int database, final byte[] key) {
        listener.keyModified(database, key);
    }

    @Override
    public WriteGate[] enterWrite() {
        return gated ? engine.enterWrite() : NO_GATES;
    }

    // ------------------------------------------------------------------------------------------------ databases

    @Override
    public KvStore database(final int index) {
        engine.checkOpen();
        engine.view(index);
        return siblings[index];
    }

    @Override
    public int databaseIndex() {
        return index;
    }

    @Override
    public int databases() {
        return engine.databaseCount();
    }

    // -------------------------------------------------------------------------------------------------- strings

    @Override
    public byte[] get(final byte[] key) {
        return StringOps.get(keyspace(), key(key));
    }

    @Override
    public int get(final ByteBuffer key, final int keyOffset, final int keyLength, final ValueSink sink) {
        Objects.requireNonNull(sink, "sink");
        final Keyspace ks = keyspace();
        if (!NativeBytes.addressable(key)) {
            final byte[] copy = new byte[keyLength];
            key.get(keyOffset, copy);
            return StringOps.read(ks, KeyHash.hash(copy), copy, BASE, keyLength, sink);
        }
        final Object kb = NativeBytes.base(key);
        final long ko = NativeBytes.offset(key, keyOffset, keyLength);
        return StringOps.read(ks, KeyHash.hash(kb, ko, keyLength), kb, ko, keyLength, sink);
    }

    @Override
    public void set(final byte[] key, final byte[] value) {
        set(key, value, SetArgs.PLAIN);
    }

    @Override
    public boolean set(final byte[] key, final byte[] value, final SetArgs args) {
        final WriteGate[] gates = enterWrite();
        try {
            Objects.requireNonNull(value, "value");
            StringOps.checkLength(value.length);
            final boolean written =
                StringOps.set(keyspace(), key(key), BASE, key.length, value, BASE, value.length, args);
            if (written) {
                listener.keyModified(index, key);
            }
            return written;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    public boolean set(final ByteBuffer key, final int keyOffset, final int keyLength, final ByteBuffer value,
        final int valueOffset, final int valueLength, final SetArgs args) {
        final WriteGate[] gates = enterWrite();
        try {
            Objects.requireNonNull(args, "args");
            StringOps.checkLength(valueLength);
            final Keyspace ks = keyspace();
            final boolean written;
            if (!NativeBytes.addressable(key) || !NativeBytes.addressable(value)) {
                final byte[] k = new byte[keyLength];
                key.get(keyOffset, k);
                final byte[] v = new byte[valueLength];
                value.get(valueOffset, v);
                written = StringOps.set(ks, k, BASE, keyLength, v, BASE, valueLength, args);
            } else {
                written = StringOps.set(ks, NativeBytes.base(key), NativeBytes.offset(key, keyOffset, keyLength),
                    keyLength, NativeBytes.base(value), NativeBytes.offset(value, valueOffset, valueLength),
                    valueLength, args);
            }
            if (written) {
                // The listener copies the key only when it has something to do with it: the hot path stays copy-free.
                listener.keyModified(index, key, keyOffset, keyLength);
            }
            return written;
        } finally {
            exitWrite(gates);
        }
    }

    // ---------------------------------------------------------------------------------- database size and flush

    @Override
    public long dbsize() {
        return keyspace().keys();
    }

    @Override
    public void flushdb() {
        final WriteGate[] gates = enterWrite();
        try {
            keyspace().flush();
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    public void swapdb(final int index1, final int index2) {
        final WriteGate[] gates = enterWrite();
        try {
            engine.checkOpen();
            engine.swapdb(index1, index2);
            if (index1 != index2) {
                listener.databasesSwapped(index1, index2);
            }
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    public void flushall() {
        final WriteGate[] gates = enterWrite();
        try {
            engine.checkOpen();
            engine.flushAll();
        } finally {
            exitWrite(gates);
        }
    }

    // ---------------------------------------------------------------------------------------------- persistence

    @Override
    public void save() {
        engine.checkOpen();
        engine.save();
    }

    @Override
    public long lastSave() {
        engine.checkOpen();
        return engine.lastSave();
    }

    // ------------------------------------------------------------------------------------------------ lifecycle

    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "MiniKv[db=" + index + "]";
    }
}
