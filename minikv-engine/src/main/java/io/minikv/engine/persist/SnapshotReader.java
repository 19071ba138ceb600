package io.minikv.engine.persist;

import static io.minikv.engine.persist.SnapshotFormat.MAX_BYTES;
import static io.minikv.engine.persist.SnapshotFormat.OP_DB;
import static io.minikv.engine.persist.SnapshotFormat.OP_DB_END;
import static io.minikv.engine.persist.SnapshotFormat.OP_EOF;
import static io.minikv.engine.persist.SnapshotFormat.OP_FUNCTION;
import static io.minikv.engine.persist.SnapshotFormat.TYPE_HASH;
import static io.minikv.engine.persist.SnapshotFormat.TYPE_LIST;
import static io.minikv.engine.persist.SnapshotFormat.TYPE_SET;
import static io.minikv.engine.persist.SnapshotFormat.TYPE_STREAM;
import static io.minikv.engine.persist.SnapshotFormat.TYPE_STRING;
import static io.minikv.engine.persist.SnapshotFormat.TYPE_ZSET;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import io.minikv.api.StreamId;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.persist.FrameInput.CorruptionException;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.hash.FieldMap;
import io.minikv.engine.type.list.ListValue;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.stream.StreamGroup;
import io.minikv.engine.type.stream.StreamValue;
import io.minikv.engine.type.zset.SortedSet;

/**
 * Loads a snapshot into empty keyspaces, validating everything: header, frame checksums, record structure, counts.
 * Keys whose deadline has passed at load time are read and dropped. Any problem ends the load with a
 * {@link CorruptionException}; the caller discards the half-filled store.
 * <p>
 * Not thread-safe: runs before the store is handed out.
 */
final class SnapshotReader {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;
    /** Bytes allocated ahead of reading a string: a corrupt length cannot make the loader allocate more than this. */
    private static final int READ_AHEAD = 1 << 20;

    private final Keyspace[] databases;
    private final long nowMs;
    /** DEBUG RELOAD MERGE: a key already in the store is replaced by the snapshot's instead of failing the load. */
    private final boolean merge;
    private final List<byte[]> functionLibraries = new ArrayList<>();
    private FrameInput in;
    private long loaded;
    private long skipped;

    SnapshotReader(final Keyspace[] databases, final long nowMs, final boolean merge) {
        this.databases = databases;
        this.nowMs = nowMs;
        this.merge = merge;
    }

    /**
     * Reads a whole snapshot.
     *
     * @param stream the file from its first byte.
     * @throws IOException when reading fails.
     * @throws CorruptionException when the content is not a valid snapshot.
     */
    void read(final InputStream stream) throws IOException, CorruptionException {
        readHeader(stream);
        in = new FrameInput(stream, SnapshotFormat.HEADER_LENGTH);
        long total = 0;
        boolean databases = false;
        while (true) {
            final byte op = in.readByte();
            if (op == OP_EOF) {
                final long expected = in.readLong();
                if (expected != total) {
                    throw new CorruptionException("the end record counts " + expected + " entries, the file holds "
                        + total);
                }
                in.expectEnd();
                return;
            }
            if (op == OP_FUNCTION && !databases) {
                functionLibraries.add(readBytes());
                continue;
            }
            databases = true;
            if (op != OP_DB) {
                throw new CorruptionException("expected a database section, found record " + (op & 0xFF)
                    + " before byte " + in.offset());
            }
            total += readDatabase();
        }
    }

    long loaded() {
        return loaded;
    }

    long skippedExpired() {
        return skipped;
    }

    List<byte[]> functionLibraries() {
        return functionLibraries;
    }

    private static void readHeader(final InputStream stream) throws IOException, CorruptionException {
        final byte[] header = stream.readNBytes(SnapshotFormat.HEADER_LENGTH);
        if (header.length < SnapshotFormat.MAGIC.length
            || !Arrays.equals(header, 0, SnapshotFormat.MAGIC.length, SnapshotFormat.MAGIC, 0,
            SnapshotFormat.MAGIC.length)) {
            throw new CorruptionException("not a mini-kv snapshot (wrong magic)");
        }
        if (header.length < SnapshotFormat.HEADER_LENGTH) {
            throw new CorruptionException("truncated: the file ends inside the header");
        }
        final ByteBuffer h = ByteBuffer.wrap(header);
        h.position(SnapshotFormat.MAGIC.length);
        final int version = h.getInt();
        h.getInt();
        h.getLong();
        final int expected = h.getInt();
        final CRC32C crc = new CRC32C();
        crc.update(header, 0, SnapshotFormat.HEADER_LENGTH - 4);
        if ((int) crc.getValue() != expected) {
            throw new CorruptionException("header checksum mismatch");
        }
        if (version < SnapshotFormat.FIRST_VERSION || version > SnapshotFormat.VERSION) {
            throw new CorruptionException("unsupported format version " + version + " (this build reads "
                + SnapshotFormat.FIRST_VERSION + " to " + SnapshotFormat.VERSION + ")");
        }
    }

    private long readDatabase() throws IOException, CorruptionException {
        final int index = in.readInt();
        if (index < 0 || index >= databases.length) {
            throw new CorruptionException("database " + index + " is out of range: the store has "
                + databases.length + " databases");
        }
        final Keyspace ks = databases[index];
        long entries = 0;
        while (true) {
            final byte type = in.readByte();
            if (type == OP_DB_END) {
                final long expected = in.readLong();
                if (expected != entries) {
                    throw new CorruptionException("database " + index + " should hold " + expected
                        + " entries, the file holds " + entries);
                }
                return entries;
            }
            readEntry(ks, type);
            entries++;
        }
    }

    private void readEntry(final Keyspace ks, final byte type) throws IOException, CorruptionException {
        final long expireAt = in.readLong();
        if (expireAt < 0) {
            throw new CorruptionException("negative deadline " + expireAt + " before byte " + in.offset());
        }
        final byte[] key = readBytes();
        final byte[] string;
        final ObjectValue object;
        switch (type) {
            case TYPE_STRING:
                string = readBytes();
                object = null;
                break;
            case TYPE_LIST:
                string = null;
                object = readList();
                break;
            case TYPE_SET:
                string = null;
                object = readSet();
                break;
            case TYPE_ZSET:
                string = null;
                object = readSortedSet();
                break;
            case TYPE_HASH:
                string = null;
                object = readHash();
                break;
            case TYPE_STREAM:
                string = null;
                object = readStream();
                break;
            default:
                throw new CorruptionException("unknown entry type " + (type & 0xFF) + " before byte " + in.offset());
        }
        if (expireAt != 0 && nowMs > expireAt) {
            // Expired while the store was down: as Redis does on a master, the key is not loaded.
            skipped++;
            return;
        }
        if (object != null) {
            // A collection is charged in full when the lock is released: once over the limit, the load stops.
            ks.checkWrite();
        }
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int existing = s.find(hash, key, BASE, key.length);
            if (existing >= 0 && merge) {
                s.removeKey(hash, existing);
            } else if (existing >= 0) {
                throw new CorruptionException("duplicate key in database " + ks.index() + " before byte "
                    + in.offset());
            }
            if (string != null) {
                s.putString(hash, key, BASE, key.length, -1, string, BASE, string.length, expireAt);
            } else {
                s.putObject(hash, key, BASE, key.length, -1, object, expireAt);
            }
        } finally {
            s.lock().unlockWrite(stamp);
        }
        loaded++;
    }

    private int readCount(final String what) throws IOException, CorruptionException {
        final int count = in.readInt();
        if (count <= 0) {
            throw new CorruptionException("a " + what + " with " + count + " elements before byte " + in.offset()
                + " (empty collections are never stored)");
        }
        return count;
    }

    private ListValue readList() throws IOException, CorruptionException {
        final int count = readCount("list");
        final ListValue list = new ListValue();
        for (int i = 0; i < count; i++) {
            list.ring().addLast(readBytes());
        }
        return list;
    }

    private MemberSet readSet() throws IOException, CorruptionException {
        final int count = readCount("set");
        final MemberSet set = new MemberSet();
        for (int i = 0; i < count; i++) {
            if (!set.add(readBytes())) {
                throw new CorruptionException("duplicate set member before byte " + in.offset());
            }
        }
        return set;
    }

    private SortedSet readSortedSet() throws IOException, CorruptionException {
        final int count = readCount("sorted set");
        // Members come in ascending order, so the set is built in O(n); arrays grow as they are filled, so a corrupt
        // count cannot allocate ahead of the data.
        double[] scores = new double[Math.min(count, 1024)];
        byte[][] members = new byte[scores.length][];
        for (int i = 0; i < count; i++) {
            if (i == scores.length) {
                scores = Arrays.copyOf(scores, (int) Math.min(count, scores.length * 2L));
                members = Arrays.copyOf(members, scores.length);
            }
            members[i] = readBytes();
            scores[i] = Double.longBitsToDouble(in.readLong());
            if (Double.isNaN(scores[i])) {
                throw new CorruptionException("NaN score before byte " + in.offset());
            }
        }
        try {
            return SortedSet.ofSorted(scores, members, count);
        } catch (final IllegalArgumentException e) {
            throw new CorruptionException("sorted set members out of order before byte " + in.offset());
        }
    }

    private FieldMap readHash() throws IOException, CorruptionException {
        final int count = readCount("hash");
        final FieldMap hash = new FieldMap();
        for (int i = 0; i < count; i++) {
            if (!hash.put(readBytes(), readBytes())) {
                throw new CorruptionException("duplicate hash field before byte " + in.offset());
            }
        }
        return hash;
    }

    private StreamValue readStream() throws IOException, CorruptionException {
        // An empty stream is a valid value (XDEL and XTRIM keep the key), so the count may be 0.
        final int count = in.readInt();
        if (count < 0) {
            throw new CorruptionException("a stream with " + count + " entries before byte " + in.offset());
        }
        final StreamId lastId = readId();
        final long entriesAdded = in.readLong();
        final StreamId maxDeletedId = readId();
        final int groups = in.readInt();
        if (groups < 0) {
            throw new CorruptionException("a stream with " + groups + " consumer groups before byte " + in.offset());
        }
        final StreamValue stream = new StreamValue();
        StreamId previous = StreamId.MIN;
        for (int i = 0; i < count; i++) {
            final StreamId id = readId();
            if (id.compareTo(previous) <= 0 || id.compareTo(lastId) > 0) {
                throw new CorruptionException("stream entry " + id + " out of order before byte " + in.offset());
            }
            final int pairs = in.readInt();
            if (pairs <= 0) {
                throw new CorruptionException("a stream entry with " + pairs + " fields before byte " + in.offset());
            }
            // Grown as read, so a corrupt count cannot allocate ahead of the data.
            byte[][] fields = new byte[Math.min(2 * pairs, 64)][];
            for (int j = 0; j < 2 * pairs; j++) {
                if (j == fields.length) {
                    fields = Arrays.copyOf(fields, (int) Math.min(2L * pairs, fields.length * 2L));
                }
                fields[j] = readBytes();
            }
            stream.load(id, fields);
            previous = id;
        }
        stream.counters(lastId, entriesAdded, maxDeletedId);
        for (int i = 0; i < groups; i++) {
            if (!stream.loadGroup(readGroup())) {
                throw new CorruptionException("duplicate consumer group before byte " + in.offset());
            }
        }
        return stream;
    }

    private StreamGroup readGroup() throws IOException, CorruptionException {
        final byte[] name = readBytes();
        final StreamId lastId = readId();
        final long entriesRead = in.readLong();
        final StreamGroup group = new StreamGroup(name, lastId, entriesRead);
        final int consumers = in.readInt();
        if (consumers < 0) {
            throw new CorruptionException("a group with " + consumers + " consumers before byte " + in.offset());
        }
        // Grown as read, so a corrupt count cannot allocate ahead of the data.
        final java.util.List<StreamGroup.Consumer> byIndex = new java.util.ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            final byte[] consumer = readBytes();
            final StreamGroup.Consumer c = group.createConsumer(consumer, in.readLong());
            if (c == null) {
                throw new CorruptionException("duplicate consumer before byte " + in.offset());
            }
            byIndex.add(c);
        }
        final int pending = in.readInt();
        if (pending < 0) {
            throw new CorruptionException("a group with " + pending + " pending entries before byte " + in.offset());
        }
        for (int i = 0; i < pending; i++) {
            final StreamId id = readId();
            final int owner = in.readInt();
            if (owner < 0 || owner >= byIndex.size()) {
                throw new CorruptionException("a pending entry of consumer " + owner + " before byte " + in.offset());
            }
            if (!group.load(id, byIndex.get(owner), in.readLong(), in.readLong())) {
                throw new CorruptionException("duplicate pending entry " + id + " before byte " + in.offset());
            }
        }
        return group;
    }

    private StreamId readId() throws IOException, CorruptionException {
        final long ms = in.readLong();
        return StreamId.of(ms, in.readLong());
    }

    /** Reads a length-prefixed byte string, allocating at most {@link #READ_AHEAD} beyond the bytes really read. */
    private byte[] readBytes() throws IOException, CorruptionException {
        final int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new CorruptionException("impossible length " + length + " before byte " + in.offset());
        }
        if (length <= READ_AHEAD) {
            final byte[] b = new byte[length];
            in.readFully(b, 0, length);
            return b;
        }
        byte[] b = new byte[READ_AHEAD];
        int n = 0;
        while (n < length) {
            if (n == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(length, b.length * 2L));
            }
            final int chunk = b.length - n;
            in.readFully(b, n, chunk);
            n += chunk;
        }
        return b;
    }
}
