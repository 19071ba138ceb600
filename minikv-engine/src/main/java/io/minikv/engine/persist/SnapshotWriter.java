package io.minikv.engine.persist;

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
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.zip.CRC32C;

import io.minikv.api.StreamId;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.table.HopscotchTable;
import io.minikv.engine.type.hash.FieldMap;
import io.minikv.engine.type.hash.HashEntry;
import io.minikv.engine.type.list.ElementRing;
import io.minikv.engine.type.list.ListValue;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.stream.StreamGroup;
import io.minikv.engine.type.stream.StreamValue;
import io.minikv.engine.type.zset.SortedSet;
import io.minikv.engine.type.zset.ZNode;

/**
 * Writes the databases of a store as the record stream of {@link SnapshotFormat}, segment by segment.
 * <p>
 * <b>Consistency.</b> Each segment is serialized into a {@link RecordBuffer} under its read lock, so no entry is ever
 * read torn and each segment is captured at one instant; the lock is released before the bytes are compressed and
 * written, so writers of that segment wait only for the memory copy, never for the disk. Segments are captured one
 * after another, so the snapshot as a whole is point-in-time only when nothing writes meanwhile (the server
 * guarantees that for SAVE by running it alone; see the README).
 * <p>
 * <b>Memory.</b> One segment's records (1/64 of a database) plus two frame buffers.
 * <p>
 * Not thread-safe: one instance per save.
 */
final class SnapshotWriter {
    private final RecordBuffer records = new RecordBuffer();
    private long total;

    /**
     * Writes a complete snapshot (header, frames, end frame) to a channel.
     *
     * @param databases the keyspaces, by index.
     * @param nowMs keys expired at this time are left out; also the header's creation time.
     * @param functionLibraries the function libraries' code, saved before the databases.
     * @param channel the destination.
     * @throws IOException when writing fails.
     */
    void write(final Keyspace[] databases, final long nowMs, final List<byte[]> functionLibraries,
        final WritableByteChannel channel) throws IOException {
        writeHeader(nowMs, channel);
        final FrameOutput out = new FrameOutput(channel);
        for (final byte[] code : functionLibraries) {
            records.putByte(OP_FUNCTION);
            records.putBytes(code);
            out.write(records.array(), 0, records.length());
            records.clear();
        }
        for (final Keyspace ks : databases) {
            if (ks.keys() == 0) {
                continue;
            }
            records.putByte(OP_DB);
            records.putInt(ks.index());
            long entries = 0;
            for (int i = 0; i < Keyspace.SEGMENTS; i++) {
                entries += captureSegment(ks.segmentAt(i), nowMs);
                out.write(records.array(), 0, records.length());
                records.clear();
            }
            records.putByte(OP_DB_END);
            records.putLong(entries);
            total += entries;
        }
        records.putByte(OP_EOF);
        records.putLong(total);
        out.write(records.array(), 0, records.length());
        records.clear();
        out.finish();
    }

    static void writeHeader(final long nowMs, final WritableByteChannel channel) throws IOException {
        final ByteBuffer header = ByteBuffer.allocate(SnapshotFormat.HEADER_LENGTH);
        header.put(SnapshotFormat.MAGIC).putInt(SnapshotFormat.VERSION).putInt(0).putLong(nowMs);
        final CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, header.position());
        header.putInt((int) crc.getValue());
        header.flip();
        while (header.hasRemaining()) {
            channel.write(header);
        }
    }

    /** Serializes the live entries of a segment under its read lock; returns how many. */
    private long captureSegment(final Segment s, final long nowMs) {
        if (s.keys() == 0) {
            return 0;
        }
        final long stamp = s.lock().readLock();
        try {
            final HopscotchTable t = s.table();
            if (t == null) {
                return 0;
            }
            long n = 0;
            for (int home = 0; home < t.capacity(); home++) {
                long hop = t.hop(home);
                while (hop != 0) {
                    final int b = home + Long.numberOfTrailingZeros(hop);
                    hop &= hop - 1;
                    if (!s.isExpired(b, nowMs)) {
                        writeEntry(s, b);
                        n++;
                    }
                }
            }
            return n;
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    private void writeEntry(final Segment s, final int b) {
        final byte tag = s.type(b);
        if (tag == EntryLayout.TYPE_STRING) {
            records.putByte(TYPE_STRING);
            records.putLong(s.expireAt(b));
            records.putNative(s.keyAddress(b), s.keyLength(b));
            records.putNative(s.valueAddress(b), s.valueLength(b));
            return;
        }
        final ObjectValue value = s.object(b);
        switch (value.type()) {
            case LIST:
                writeHead(TYPE_LIST, s, b);
                writeList((ListValue) value);
                break;
            case SET:
                writeHead(TYPE_SET, s, b);
                final MemberSet set = (MemberSet) value;
                records.putInt(set.size());
                for (int i = 0; i < set.size(); i++) {
                    records.putBytes(set.memberAt(i));
                }
                break;
            case ZSET:
                writeHead(TYPE_ZSET, s, b);
                final SortedSet zset = (SortedSet) value;
                records.putInt(zset.size());
                for (ZNode node = zset.first(); node != null; node = node.next()) {
                    records.putBytes(node.member());
                    records.putLong(Double.doubleToRawLongBits(node.score()));
                }
                break;
            case HASH:
                writeHead(TYPE_HASH, s, b);
                final FieldMap hash = (FieldMap) value;
                records.putInt(hash.size());
                for (int i = 0; i < hash.size(); i++) {
                    final HashEntry e = hash.at(i);
                    records.putBytes(e.field());
                    records.putBytes(e.value());
                }
                break;
            case STREAM:
                writeHead(TYPE_STREAM, s, b);
                writeStream((StreamValue) value);
                break;
            default:
                throw new IllegalStateException("no snapshot encoding for type " + value.type());
        }
    }

    private void writeHead(final byte type, final Segment s, final int b) {
        records.putByte(type);
        records.putLong(s.expireAt(b));
        records.putNative(s.keyAddress(b), s.keyLength(b));
    }

    private void writeStream(final StreamValue stream) {
        records.putInt((int) stream.length());
        writeId(stream.lastId());
        records.putLong(stream.entriesAdded());
        writeId(stream.maxDeletedId());
        records.putInt(stream.groupCount());
        stream.forEach((id, pairs) -> {
            writeId(id);
            records.putInt(pairs.length / 2);
            for (final byte[] b : pairs) {
                records.putBytes(b);
            }
        });
        for (final StreamGroup g : stream.groups()) {
            writeGroup(g);
        }
    }

    /** A group after its stream's entries: position, consumers in name order, then the PEL by consumer index. */
    private void writeGroup(final StreamGroup g) {
        records.putBytes(g.name());
        writeId(g.lastId());
        records.putLong(g.entriesRead());
        records.putInt(g.consumers().size());
        final java.util.IdentityHashMap<StreamGroup.Consumer, Integer> index = new java.util.IdentityHashMap<>();
        for (final StreamGroup.Consumer c : g.consumers().values()) {
            index.put(c, index.size());
            records.putBytes(c.name());
            records.putLong(c.seenTime());
        }
        records.putInt(g.pel().size());
        for (final StreamGroup.Pending p : g.pel().values()) {
            writeId(p.id());
            records.putInt(index.get(p.consumer()));
            records.putLong(p.deliveryTime());
            records.putLong(p.deliveryCount());
        }
    }

    private void writeId(final StreamId id) {
        records.putLong(id.ms());
        records.putLong(id.seq());
    }

    private void writeList(final ListValue list) {
        final ElementRing ring = list.ring();
        final int size = ring.size();
        records.putInt(size);
        for (int i = 0; i < size; i++) {
            records.putBytes(ring.get(i));
        }
    }
}
