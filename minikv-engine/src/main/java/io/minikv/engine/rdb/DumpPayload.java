package io.minikv.engine.rdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.minikv.api.StreamId;
import io.minikv.engine.keyspace.ObjectValue;
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
 * DUMP and RESTORE payloads ({@code cluster.c}'s {@code createDumpPayload}, {@code rdb.c}'s {@code rdbSaveObject}
 * and {@code rdbLoadObject}): one value in Redis's RDB encoding, then the {@link RdbOutput} footer.
 * <p>
 * <b>Written</b> as Redis 7.0 writes: strings byte for byte (integer and LZF forms); lists as
 * RDB_TYPE_LIST_QUICKLIST_2 with listpack nodes; sets as RDB_TYPE_SET, hashes as RDB_TYPE_HASH and sorted sets as
 * RDB_TYPE_ZSET_2 (the hash-table encodings, whatever the size: Redis converts small ones back to its compact
 * encodings when it loads them); streams as RDB_TYPE_STREAM_LISTPACKS_2, with consumer groups.
 * <p>
 * <b>Read</b>: every encoding Redis 7.0 reads for these types: strings, lists (plain, ziplist, quicklist with
 * ziplist nodes, quicklist 2 with plain and listpack nodes), sets (plain, intset), sorted sets (text and binary
 * scores, ziplist, listpack), hashes (plain, ziplist, listpack) and streams (listpacks versions 1 and 2).
 * The zipmap encoding of hashes (Redis 2.4) and modules are refused.
 * <p>
 * Stateless and thread-safe.
 */
public final class DumpPayload {
    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_LIST_ZIPLIST = 10;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_ZSET_ZIPLIST = 12;
    static final int TYPE_HASH_ZIPLIST = 13;
    static final int TYPE_LIST_QUICKLIST = 14;
    static final int TYPE_STREAM_LISTPACKS = 15;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    static final int TYPE_STREAM_LISTPACKS_2 = 19;
    private static final int QUICKLIST_PLAIN = 1;
    private static final int QUICKLIST_PACKED = 2;
    /** Elements per listpack node written; Redis's default {@code list-max-listpack-size -2} bounds bytes too. */
    private static final int LIST_NODE_ENTRIES = 128;
    private static final int LIST_NODE_BYTES = 8192;
    private static final int STREAM_FLAG_DELETED = 1;
    private static final int STREAM_FLAG_SAMEFIELDS = 2;

    private DumpPayload() {
    }

    /**
     * DUMP of a string value.
     *
     * @param value the value.
     * @return the payload.
     */
    public static byte[] dumpString(final byte[] value) {
        return new RdbOutput().writeByte(TYPE_STRING).writeString(value).finish();
    }

    /**
     * DUMP of a collection value.
     *
     * @param value the value.
     * @return the payload.
     */
    public static byte[] dumpObject(final ObjectValue value) {
        final RdbOutput out = new RdbOutput();
        switch (value.type()) {
            case LIST:
                writeList(out, ((ListValue) value).ring());
                break;
            case SET:
                final MemberSet set = (MemberSet) value;
                out.writeByte(TYPE_SET).writeLength(set.size());
                for (int i = 0; i < set.size(); i++) {
                    out.writeString(set.memberAt(i));
                }
                break;
            case ZSET:
                final SortedSet zset = (SortedSet) value;
                out.writeByte(TYPE_ZSET_2).writeLength(zset.size());
                // From the tail, as Redis does, so that its loader inserts each member at the head.
                for (ZNode node = zset.last(); node != null; node = node.previous()) {
                    out.writeString(node.member()).writeBinaryDouble(node.score());
                }
                break;
            case HASH:
                final FieldMap hash = (FieldMap) value;
                out.writeByte(TYPE_HASH).writeLength(hash.size());
                for (int i = 0; i < hash.size(); i++) {
                    final HashEntry e = hash.at(i);
                    out.writeString(e.field()).writeString(e.value());
                }
                break;
            case STREAM:
                writeStream(out, (StreamValue) value);
                break;
            default:
                throw new IllegalStateException("no RDB encoding for type " + value.type());
        }
        return out.finish();
    }

    private static void writeList(final RdbOutput out, final ElementRing ring) {
        final List<byte[]> nodes = new ArrayList<>();
        final List<byte[]> node = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < ring.size(); i++) {
            final byte[] e = ring.get(i);
            node.add(e);
            bytes += e.length + 11;
            if (node.size() == LIST_NODE_ENTRIES || bytes >= LIST_NODE_BYTES) {
                nodes.add(Listpack.write(node));
                node.clear();
                bytes = 0;
            }
        }
        if (!node.isEmpty()) {
            nodes.add(Listpack.write(node));
        }
        out.writeByte(TYPE_LIST_QUICKLIST_2).writeLength(nodes.size());
        for (final byte[] lp : nodes) {
            out.writeLength(QUICKLIST_PACKED).writePlainString(lp);
        }
    }

    /** Nodes of up to 100 entries, each keyed by its first ID, whose fields are the node's master fields. */
    private static void writeStream(final RdbOutput out, final StreamValue stream) {
        final List<StreamId> ids = new ArrayList<>();
        final List<byte[][]> pairs = new ArrayList<>();
        stream.forEach((id, p) -> {
            ids.add(id);
            pairs.add(p);
        });
        final int nodes = (ids.size() + StreamValue.NODE_MAX_ENTRIES - 1) / StreamValue.NODE_MAX_ENTRIES;
        out.writeByte(TYPE_STREAM_LISTPACKS_2).writeLength(nodes);
        for (int from = 0; from < ids.size(); from += StreamValue.NODE_MAX_ENTRIES) {
            final int to = Math.min(ids.size(), from + StreamValue.NODE_MAX_ENTRIES);
            final StreamId master = ids.get(from);
            out.writePlainString(rawId(master));
            out.writePlainString(streamNode(master, ids.subList(from, to), pairs.subList(from, to)));
        }
        out.writeLength(stream.length());
        writeIdLengths(out, stream.lastId());
        final StreamId first = stream.length() == 0 ? StreamId.of(0, 0) : ids.get(0);
        writeIdLengths(out, first);
        writeIdLengths(out, stream.maxDeletedId());
        out.writeLength(stream.entriesAdded());
        out.writeLength(stream.groupCount());
        for (final StreamGroup g : stream.groups()) {
            out.writeString(g.name());
            writeIdLengths(out, g.lastId());
            // SCG_INVALID_ENTRIES_READ (-1) travels as the unsigned length Redis writes for it.
            out.writeLength(g.entriesRead());
            out.writeLength(g.pel().size());
            for (final StreamGroup.Pending p : g.pel().values()) {
                out.writeRaw(rawId(p.id())).writeLongLe(p.deliveryTime()).writeLength(p.deliveryCount());
            }
            out.writeLength(g.consumers().size());
            for (final StreamGroup.Consumer c : g.consumers().values()) {
                out.writeString(c.name()).writeLongLe(c.seenTime());
                out.writeLength(c.pel().size());
                for (final StreamId id : c.pel().keySet()) {
                    out.writeRaw(rawId(id));
                }
            }
        }
    }

    private static byte[] streamNode(final StreamId master, final List<StreamId> ids, final List<byte[][]> pairs) {
        final List<byte[]> lp = new ArrayList<>();
        final byte[][] masterPairs = pairs.get(0);
        final int masterFields = masterPairs.length / 2;
        lp.add(text(ids.size()));
        lp.add(text(0));
        lp.add(text(masterFields));
        for (int i = 0; i < masterPairs.length; i += 2) {
            lp.add(masterPairs[i]);
        }
        lp.add(text(0));
        for (int e = 0; e < ids.size(); e++) {
            final StreamId id = ids.get(e);
            final byte[][] p = pairs.get(e);
            final boolean same = sameFields(masterPairs, p);
            lp.add(text(same ? STREAM_FLAG_SAMEFIELDS : 0));
            lp.add(text(id.ms() - master.ms()));
            lp.add(text(id.seq() - master.seq()));
            if (same) {
                for (int i = 1; i < p.length; i += 2) {
                    lp.add(p[i]);
                }
                lp.add(text(3 + p.length / 2));
            } else {
                lp.add(text(p.length / 2));
                lp.addAll(Arrays.asList(p));
                lp.add(text(4 + p.length));
            }
        }
        return Listpack.write(lp);
    }

    private static boolean sameFields(final byte[][] master, final byte[][] p) {
        if (master.length != p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i += 2) {
            if (!Arrays.equals(master[i], p[i])) {
                return false;
            }
        }
        return true;
    }

    private static void writeIdLengths(final RdbOutput out, final StreamId id) {
        out.writeLength(id.ms()).writeLength(id.seq());
    }

    /** {@code streamEncodeID}: ms and seq, 8 bytes each, big-endian (rax key order). */
    private static byte[] rawId(final StreamId id) {
        final byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id.ms() >>> (56 - 8 * i));
            b[8 + i] = (byte) (id.seq() >>> (56 - 8 * i));
        }
        return b;
    }

    private static StreamId decodeId(final byte[] b) {
        long ms = 0;
        long seq = 0;
        for (int i = 0; i < 8; i++) {
            ms = ms << 8 | b[i] & 0xff;
            seq = seq << 8 | b[8 + i] & 0xff;
        }
        return StreamId.of(ms, seq);
    }

    private static byte[] text(final long v) {
        return Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * RESTORE: reads the value of a payload whose footer {@link RdbOutput#verify} accepted.
     *
     * @param payload the payload.
     * @return a {@code byte[]} for a string, otherwise the {@link ObjectValue}.
     * @throws RdbFormatException when the value cannot be read ("Bad data format").
     */
    public static Object restore(final byte[] payload) throws RdbFormatException {
        final RdbInput in = new RdbInput(payload, 0, payload.length - RdbOutput.FOOTER_LENGTH);
        final int type = in.readByte();
        switch (type) {
            case TYPE_STRING:
                return in.readString();
            case TYPE_LIST:
                return list(strings(in, in.readCount()));
            case TYPE_LIST_ZIPLIST:
                return list(Listpack.readZiplist(in.readString()));
            case TYPE_LIST_QUICKLIST:
            case TYPE_LIST_QUICKLIST_2:
                return quicklist(in, type == TYPE_LIST_QUICKLIST_2);
            case TYPE_SET:
                return set(strings(in, in.readCount()));
            case TYPE_SET_INTSET:
                return set(intset(in.readString()));
            case TYPE_ZSET:
            case TYPE_ZSET_2:
                return zsetOfScores(in, type == TYPE_ZSET_2);
            case TYPE_ZSET_ZIPLIST:
                return zset(Listpack.readZiplist(in.readString()));
            case TYPE_ZSET_LISTPACK:
                return zset(Listpack.read(in.readString()));
            case TYPE_HASH:
                return hash(strings(in, checkedPairs(in.readCount())));
            case TYPE_HASH_ZIPLIST:
                return hash(Listpack.readZiplist(in.readString()));
            case TYPE_HASH_LISTPACK:
                return hash(Listpack.read(in.readString()));
            case TYPE_STREAM_LISTPACKS:
            case TYPE_STREAM_LISTPACKS_2:
                return stream(in, type == TYPE_STREAM_LISTPACKS_2);
            default:
                throw new RdbFormatException("unknown or unsupported RDB type " + type);
        }
    }

    private static int checkedPairs(final int pairs) throws RdbFormatException {
        if (pairs > Integer.MAX_VALUE / 2 - 8) {
            throw new RdbFormatException("too many pairs");
        }
        return pairs * 2;
    }

    private static List<byte[]> strings(final RdbInput in, final int count) throws RdbFormatException {
        // Grown as read, so a corrupt count cannot allocate ahead of the data.
        final List<byte[]> out = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            out.add(in.readString());
        }
        return out;
    }

    private static ListValue list(final List<byte[]> elements) throws RdbFormatException {
        nonEmpty(elements.size());
        final ListValue list = new ListValue();
        for (final byte[] e : elements) {
            list.ring().addLast(e);
        }
        return list;
    }

    private static ListValue quicklist(final RdbInput in, final boolean version2) throws RdbFormatException {
        final int nodes = in.readCount();
        final List<byte[]> elements = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            final long container = version2 ? in.readLength() : QUICKLIST_PACKED;
            if (container != QUICKLIST_PLAIN && container != QUICKLIST_PACKED) {
                throw new RdbFormatException("unknown quicklist container " + container);
            }
            final byte[] node = in.readString();
            if (container == QUICKLIST_PLAIN) {
                elements.add(node);
            } else {
                // Redis skips an empty node rather than refusing it.
                elements.addAll(version2 ? Listpack.read(node) : Listpack.readZiplist(node));
            }
        }
        return list(elements);
    }

    private static List<byte[]> intset(final byte[] blob) throws RdbFormatException {
        if (blob.length < 8) {
            throw new RdbFormatException("intset shorter than its header");
        }
        final int width = (int) le(blob, 0, 4);
        final long length = le(blob, 4, 4);
        if (width != 2 && width != 4 && width != 8 || 8 + length * width != blob.length) {
            throw new RdbFormatException("intset header does not match its size");
        }
        final List<byte[]> members = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            final long raw = le(blob, 8 + i * width, width);
            members.add(text(raw << (64 - 8 * width) >> (64 - 8 * width)));
        }
        return members;
    }

    private static long le(final byte[] b, final int at, final int bytes) {
        long v = 0;
        for (int i = bytes - 1; i >= 0; i--) {
            v = v << 8 | b[at + i] & 0xff;
        }
        return v;
    }

    private static MemberSet set(final List<byte[]> members) throws RdbFormatException {
        nonEmpty(members.size());
        final MemberSet set = new MemberSet();
        for (final byte[] m : members) {
            if (!set.add(m)) {
                throw new RdbFormatException("duplicate set member");
            }
        }
        return set;
    }

    private static SortedSet zsetOfScores(final RdbInput in, final boolean binary) throws RdbFormatException {
        final int count = in.readCount();
        nonEmpty(count);
        final SortedSet zset = new SortedSet();
        for (int i = 0; i < count; i++) {
            final byte[] member = in.readString();
            addScored(zset, member, binary ? in.readBinaryDouble() : in.readTextDouble());
        }
        return zset;
    }

    private static SortedSet zset(final List<byte[]> pairs) throws RdbFormatException {
        if (pairs.size() % 2 != 0) {
            throw new RdbFormatException("a sorted set listpack with an odd number of entries");
        }
        nonEmpty(pairs.size());
        final SortedSet zset = new SortedSet();
        for (int i = 0; i < pairs.size(); i += 2) {
            addScored(zset, pairs.get(i), RdbInput.parseDouble(pairs.get(i + 1)));
        }
        return zset;
    }

    private static void addScored(final SortedSet zset, final byte[] member, final double score)
        throws RdbFormatException {
        if (Double.isNaN(score)) {
            throw new RdbFormatException("NaN score");
        }
        if (zset.find(member) != null) {
            throw new RdbFormatException("duplicate sorted set member");
        }
        zset.add(score, member, 0);
    }

    private static FieldMap hash(final List<byte[]> pairs) throws RdbFormatException {
        if (pairs.size() % 2 != 0) {
            throw new RdbFormatException("a hash listpack with an odd number of entries");
        }
        nonEmpty(pairs.size());
        final FieldMap hash = new FieldMap();
        for (int i = 0; i < pairs.size(); i += 2) {
            if (!hash.put(pairs.get(i), pairs.get(i + 1))) {
                throw new RdbFormatException("duplicate hash field");
            }
        }
        return hash;
    }

    private static void nonEmpty(final int size) throws RdbFormatException {
        if (size == 0) {
            throw new RdbFormatException("empty key");
        }
    }

    private static StreamValue stream(final RdbInput in, final boolean version2) throws RdbFormatException {
        final int nodes = in.readCount();
        final StreamValue stream = new StreamValue();
        StreamId previous = null;
        for (int n = 0; n < nodes; n++) {
            final byte[] key = in.readString();
            if (key.length != 16) {
                throw new RdbFormatException("stream node key is not an ID");
            }
            final List<byte[]> lp = Listpack.read(in.readString());
            if (lp.isEmpty()) {
                throw new RdbFormatException("empty stream node");
            }
            previous = streamNode(stream, decodeId(key), lp, previous);
        }
        final long length = in.readLength();
        final StreamId lastId = StreamId.of(in.readLength(), in.readLength());
        StreamId maxDeleted = StreamId.of(0, 0);
        long entriesAdded = length;
        if (version2) {
            in.readLength();
            in.readLength();
            maxDeleted = StreamId.of(in.readLength(), in.readLength());
            entriesAdded = in.readLength();
        }
        if (length != stream.length() || previous != null && previous.compareTo(lastId) > 0) {
            throw new RdbFormatException("stream length or last ID does not match its entries");
        }
        stream.counters(lastId, entriesAdded, maxDeleted);
        final int groups = in.readCount();
        for (int g = 0; g < groups; g++) {
            final byte[] name = in.readString();
            final StreamId groupId = StreamId.of(in.readLength(), in.readLength());
            final long entriesRead = version2 ? in.readUnsignedLength() : stream.estimateEntriesRead(groupId);
            final StreamGroup group = new StreamGroup(name, groupId, entriesRead);
            final int pending = in.readCount();
            final Map<StreamId, long[]> nacks = new HashMap<>();
            final TreeMap<StreamId, Boolean> order = new TreeMap<>();
            for (int i = 0; i < pending; i++) {
                final StreamId id = decodeId(in.readRaw(16));
                final long deliveryTime = in.readLongLe();
                final long deliveryCount = in.readLength();
                if (nacks.put(id, new long[] {deliveryTime, deliveryCount}) != null) {
                    throw new RdbFormatException("duplicate pending entry");
                }
                order.put(id, Boolean.TRUE);
            }
            final int consumers = in.readCount();
            for (int c = 0; c < consumers; c++) {
                final byte[] consumerName = in.readString();
                final StreamGroup.Consumer consumer = group.createConsumer(consumerName, in.readLongLe());
                if (consumer == null) {
                    throw new RdbFormatException("duplicate consumer");
                }
                final int owned = in.readCount();
                for (int i = 0; i < owned; i++) {
                    final StreamId id = decodeId(in.readRaw(16));
                    final long[] nack = nacks.remove(id);
                    if (nack == null || !group.load(id, consumer, nack[0], nack[1])) {
                        throw new RdbFormatException("consumer PEL entry not found in group global PEL");
                    }
                }
            }
            if (!nacks.isEmpty()) {
                throw new RdbFormatException("group PEL entry without a consumer");
            }
            if (!stream.loadGroup(group)) {
                throw new RdbFormatException("duplicate consumer group");
            }
        }
        return stream;
    }

    /** Loads one node's live entries ({@code streamIteratorGetID}'s walk); returns the last ID loaded. */
    private static StreamId streamNode(final StreamValue stream, final StreamId master, final List<byte[]> lp,
        final StreamId previous) throws RdbFormatException {
        int p = 0;
        final long count = number(lp, p++);
        final long deleted = number(lp, p++);
        final int masterFields = (int) number(lp, p++);
        if (masterFields < 0 || p + masterFields >= lp.size()) {
            throw new RdbFormatException("stream master entry past the node");
        }
        final List<byte[]> fields = lp.subList(p, p + masterFields);
        p += masterFields + 1;
        StreamId last = previous;
        long seen = 0;
        while (p < lp.size()) {
            final long flags = number(lp, p++);
            final StreamId id = StreamId.of(master.ms() + number(lp, p++), master.seq() + number(lp, p++));
            final byte[][] pairs;
            if ((flags & STREAM_FLAG_SAMEFIELDS) != 0) {
                pairs = new byte[2 * masterFields][];
                for (int i = 0; i < masterFields; i++) {
                    pairs[2 * i] = fields.get(i);
                    pairs[2 * i + 1] = entry(lp, p++);
                }
            } else {
                final long n = number(lp, p++);
                if (n < 0 || n > lp.size()) {
                    throw new RdbFormatException("stream entry field count past the node");
                }
                pairs = new byte[(int) (2 * n)][];
                for (int i = 0; i < pairs.length; i++) {
                    pairs[i] = entry(lp, p++);
                }
            }
            number(lp, p++);
            seen++;
            if ((flags & STREAM_FLAG_DELETED) != 0) {
                continue;
            }
            if (pairs.length == 0 || last != null && id.compareTo(last) <= 0) {
                throw new RdbFormatException("stream entry out of order or without fields");
            }
            stream.load(id, pairs);
            last = id;
        }
        if (seen != count + deleted) {
            throw new RdbFormatException("stream node counts do not match its entries");
        }
        return last;
    }

    private static byte[] entry(final List<byte[]> lp, final int i) throws RdbFormatException {
        if (i >= lp.size()) {
            throw new RdbFormatException("stream entry past the node");
        }
        return lp.get(i);
    }

    private static long number(final List<byte[]> lp, final int i) throws RdbFormatException {
        final long v = RdbOutput.canonicalLong(entry(lp, i));
        if (v == Long.MIN_VALUE) {
            throw new RdbFormatException("a stream node field that is not a number");
        }
        return v;
    }
}
