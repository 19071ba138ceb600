package io.minikv.engine.type.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.minikv.api.FieldValue;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamId;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.HeapSize;

/**
 * A stream ({@code t_stream.c}'s {@code stream}): entries in ID order plus the counters Redis 7.0 keeps (last
 * generated ID, entries added, max deleted entry ID).
 * <p>
 * <b>Structure.</b> Entries live in a red-black tree keyed by ID, so XADD at the tail, XDEL and the seek of XRANGE
 * are O(log n) and a range walks in order. Redis stores entries in listpack nodes of at most 100 entries (its
 * {@code stream-node-max-entries}) indexed by a radix tree; the node boundaries are visible through approximate
 * trimming ({@code ~} evicts whole nodes only) and XINFO's {@code radix-tree-keys}, so the nodes are tracked too,
 * as counters only: each knows its first ("master") ID, the last ID appended to it, how many entries it received and
 * how many are still live. A node receives entries until it holds 100 (deleted ones included) and disappears when
 * its last live entry is deleted, as in Redis. (Redis also starts a new node when a listpack would exceed
 * {@code stream-node-max-bytes}, 4 KB; that bound is not modelled, see the README's known differences.)
 * <p>
 * <b>Consumer groups</b> ({@link StreamGroup}) hang off the stream in name order; the Redis 7.0 arithmetic of their
 * read counters and lag (which needs the stream's counters) lives here: {@link #estimateEntriesRead},
 * {@link #hasTombstonesFrom}, {@link #lag} and {@link #deliverNew}.
 * <p>
 * Not thread-safe: guarded by its segment's lock, as every {@link ObjectValue}.
 */
public final class StreamValue implements ObjectValue {
    /** Redis's default {@code stream-node-max-entries}. */
    public static final int NODE_MAX_ENTRIES = 100;
    private static final long VALUE_BYTES = HeapSize.object(6 * 4 + 8 + 8);
    private static final long TREE_BYTES = HeapSize.object(4 * 4 + 4 + 4);
    private static final long TREE_NODE_BYTES = HeapSize.object(5 * 4 + 1);
    private static final long ID_BYTES = HeapSize.object(16);
    private static final long NODE_BYTES = HeapSize.object(2 * 4 + 2 * 4) + TREE_NODE_BYTES + ID_BYTES;

    private final TreeMap<StreamId, byte[][]> entries;
    private final TreeMap<StreamId, Node> nodes;
    private StreamId lastId = StreamId.MIN;
    private StreamId maxDeletedId = StreamId.MIN;
    private long entriesAdded;
    private long elementBytes;
    /** The consumer groups by name, bytewise ({@code s->cgroups}); null until the first is created. */
    private TreeMap<byte[], StreamGroup> groups;

    /** One listpack node of Redis's layout, as counters. */
    private static final class Node {
        final StreamId master;
        StreamId last;
        int received;
        int live;

        Node(final StreamId master) {
            this.master = master;
            this.last = master;
        }
    }

    /** Creates an empty stream. */
    public StreamValue() {
        this(new TreeMap<>(), new TreeMap<>());
    }

    private StreamValue(final TreeMap<StreamId, byte[][]> entries, final TreeMap<StreamId, Node> nodes) {
        this.entries = entries;
        this.nodes = nodes;
    }

    // ------------------------------------------------------------------------------------------------ counters

    /** @return the number of entries. */
    public long length() {
        return entries.size();
    }

    /** @return the largest ID ever generated or set, 0-0 for a fresh stream. */
    public StreamId lastId() {
        return lastId;
    }

    /** @return the largest ID XDEL removed (or XSETID set), 0-0 when none. */
    public StreamId maxDeletedId() {
        return maxDeletedId;
    }

    /** @return how many entries were ever added (or the count XSETID set). */
    public long entriesAdded() {
        return entriesAdded;
    }

    /** @return the first entry's ID, 0-0 when empty (Redis's {@code first_id}). */
    public StreamId firstId() {
        return entries.isEmpty() ? StreamId.MIN : entries.firstKey();
    }

    /** @return the newest entry's ID, 0-0 when empty (Redis's {@code streamLastValidID}). */
    public StreamId lastEntryId() {
        return entries.isEmpty() ? StreamId.MIN : entries.lastKey();
    }

    /** @return the number of listpack nodes Redis would hold. */
    public int nodeCount() {
        return nodes.size();
    }

    /**
     * Sets the counters XSETID sets (the caller checked them against the entries).
     *
     * @param last the last generated ID.
     * @param added the entries-added counter.
     * @param maxDeleted the max deleted entry ID.
     */
    public void counters(final StreamId last, final long added, final StreamId maxDeleted) {
        this.lastId = last;
        this.entriesAdded = added;
        this.maxDeletedId = maxDeleted;
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * Appends an entry whose ID is above {@link #lastId()} (checked by the caller) and makes it the last ID.
     *
     * @param id the ID.
     * @param pairs field, value, field, value...; kept, not copied.
     */
    public void append(final StreamId id, final byte[][] pairs) {
        Map.Entry<StreamId, Node> tail = nodes.lastEntry();
        Node node = tail == null ? null : tail.getValue();
        if (node == null || node.received >= NODE_MAX_ENTRIES) {
            node = new Node(id);
            nodes.put(id, node);
        }
        node.received++;
        node.live++;
        node.last = id;
        entries.put(id, pairs);
        elementBytes += entryBytes(pairs);
        lastId = id;
        entriesAdded++;
    }

    /**
     * Loads an entry from a snapshot: as {@link #append} without touching the counters.
     *
     * @param id the ID, above every entry's.
     * @param pairs the pairs.
     */
    public void load(final StreamId id, final byte[][] pairs) {
        final StreamId last = lastId;
        final long added = entriesAdded;
        append(id, pairs);
        lastId = last;
        entriesAdded = added;
    }

    /**
     * Removes one entry (XDEL); its node goes when it was the node's last live entry.
     *
     * @param id the ID.
     * @return true when the entry existed.
     */
    public boolean delete(final StreamId id) {
        final byte[][] pairs = entries.remove(id);
        if (pairs == null) {
            return false;
        }
        elementBytes -= entryBytes(pairs);
        final Node node = nodes.floorEntry(id).getValue();
        if (--node.live == 0) {
            nodes.remove(node.master);
        }
        return true;
    }

    /**
     * Trims as Redis's {@code streamTrim}: walks the nodes from the oldest, removes each whole node the rule allows,
     * and, unless approximate, then removes single entries from the first node that remains.
     *
     * @param maxLen the MAXLEN threshold, or -1 for a MINID rule.
     * @param minId the MINID threshold (ignored for MAXLEN).
     * @param approximate whether only whole nodes go.
     * @param limit stop before a node whose removal would take the count of removed entries past this, 0 for no
     *     limit.
     * @return how many entries were removed.
     */
    public long trim(final long maxLen, final StreamId minId, final boolean approximate, final long limit) {
        final boolean byLength = maxLen >= 0;
        long deleted = 0;
        while (!nodes.isEmpty()) {
            if (byLength && entries.size() <= maxLen) {
                break;
            }
            final Node node = nodes.firstEntry().getValue();
            // LIMIT bounds the work: a node whose removal would pass it stops the trim (Redis 7.0's check).
            if (limit != 0 && deleted + node.live > limit) {
                break;
            }
            final boolean wholeNode = byLength ? entries.size() - node.live >= maxLen : node.last.compareTo(minId) < 0;
            if (wholeNode) {
                deleted += node.live;
                removeEntries(entries.subMap(node.master, true, node.last, true));
                nodes.pollFirstEntry();
                continue;
            }
            if (approximate) {
                break;
            }
            // The rule stops inside this node: remove single entries, never the whole node, even when none stays
            // live (MINID above entries deleted from the node's end): Redis keeps such a listpack too.
            final Iterator<Map.Entry<StreamId, byte[][]>> it = entries.entrySet().iterator();
            while (it.hasNext()) {
                final Map.Entry<StreamId, byte[][]> e = it.next();
                if (byLength ? entries.size() <= maxLen : e.getKey().compareTo(minId) >= 0) {
                    break;
                }
                elementBytes -= entryBytes(e.getValue());
                it.remove();
                node.live--;
                deleted++;
            }
            break;
        }
        return deleted;
    }

    private void removeEntries(final NavigableMap<StreamId, byte[][]> range) {
        for (final byte[][] pairs : range.values()) {
            elementBytes -= entryBytes(pairs);
        }
        range.clear();
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * Returns the entries of an inclusive range.
     *
     * @param start the lowest ID.
     * @param end the highest ID.
     * @param count the most to return, negative for all.
     * @param reverse newest first.
     * @return the entries.
     */
    public List<StreamEntry> range(final StreamId start, final StreamId end, final long count, final boolean reverse) {
        final List<StreamEntry> out = new ArrayList<>();
        if (start.compareTo(end) > 0 || count == 0) {
            return out;
        }
        NavigableMap<StreamId, byte[][]> range = entries.subMap(start, true, end, true);
        if (reverse) {
            range = range.descendingMap();
        }
        for (final Map.Entry<StreamId, byte[][]> e : range.entrySet()) {
            if (count > 0 && out.size() >= count) {
                break;
            }
            out.add(entry(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * Returns one entry.
     *
     * @param id the ID.
     * @return the entry, null when the stream has no entry with that ID.
     */
    public StreamEntry entry(final StreamId id) {
        final byte[][] pairs = entries.get(id);
        return pairs == null ? null : entry(id, pairs);
    }

    /** @return the first entry, null when empty. */
    public StreamEntry first() {
        final Map.Entry<StreamId, byte[][]> e = entries.firstEntry();
        return e == null ? null : entry(e.getKey(), e.getValue());
    }

    /** @return the last entry, null when empty. */
    public StreamEntry last() {
        final Map.Entry<StreamId, byte[][]> e = entries.lastEntry();
        return e == null ? null : entry(e.getKey(), e.getValue());
    }

    /**
     * Visits every entry in ID order (snapshots).
     *
     * @param visitor called with each ID and its pairs.
     */
    public void forEach(final java.util.function.BiConsumer<StreamId, byte[][]> visitor) {
        entries.forEach(visitor);
    }

    private static StreamEntry entry(final StreamId id, final byte[][] pairs) {
        final List<FieldValue> fields = new ArrayList<>(pairs.length / 2);
        for (int i = 0; i < pairs.length; i += 2) {
            fields.add(new FieldValue(pairs[i], pairs[i + 1]));
        }
        return new StreamEntry(id, fields);
    }

    /**
     * Returns the number of nodes of the radix tree Redis would build over the node master IDs (16 big-endian
     * bytes each): one node per compressed run of shared bytes, per branching point and per key end, computed as
     * the canonical compressed trie of those keys. O(nodes x 16).
     *
     * @return the count, 1 for an empty tree (its root).
     */
    public long radixTreeNodes() {
        if (nodes.isEmpty()) {
            return 1;
        }
        final byte[][] keys = new byte[nodes.size()][];
        int i = 0;
        for (final StreamId id : nodes.keySet()) {
            keys[i++] = RadixCount.key(id);
        }
        return RadixCount.nodes(keys, 0, keys.length, 0);
    }

    // ------------------------------------------------------------------------------------------------ groups

    /**
     * Returns a consumer group.
     *
     * @param name the name.
     * @return the group, null when missing.
     */
    public StreamGroup group(final byte[] name) {
        return groups == null ? null : groups.get(name);
    }

    /**
     * Creates a consumer group ({@code streamCreateCG}).
     *
     * @param name the name (copied).
     * @param id the last delivered ID.
     * @param entriesRead the read counter.
     * @return the group, or null when one has that name.
     */
    public StreamGroup createGroup(final byte[] name, final StreamId id, final long entriesRead) {
        if (groups == null) {
            groups = new TreeMap<>(Arrays::compareUnsigned);
        }
        if (groups.containsKey(name)) {
            return null;
        }
        final StreamGroup g = new StreamGroup(name.clone(), id, entriesRead);
        groups.put(g.name(), g);
        return g;
    }

    /**
     * Adds a group loaded from a snapshot.
     *
     * @param group the group.
     * @return false when one has that name.
     */
    public boolean loadGroup(final StreamGroup group) {
        if (groups == null) {
            groups = new TreeMap<>(Arrays::compareUnsigned);
        }
        return groups.putIfAbsent(group.name(), group) == null;
    }

    /**
     * Destroys a consumer group.
     *
     * @param name the name.
     * @return true when it existed.
     */
    public boolean destroyGroup(final byte[] name) {
        return groups != null && groups.remove(name) != null;
    }

    /** @return the groups in name order (do not modify). */
    public java.util.Collection<StreamGroup> groups() {
        return groups == null ? List.of() : groups.values();
    }

    /** @return the number of consumer groups. */
    public int groupCount() {
        return groups == null ? 0 : groups.size();
    }

    /**
     * Redis 7.0's {@code streamRangeHasTombstones(s, start, NULL)}: whether an entry was deleted at or after
     * {@code start} among the live range, judged by the max deleted entry ID alone.
     *
     * @param start the lower bound.
     * @return true when the range may have a hole.
     */
    public boolean hasTombstonesFrom(final StreamId start) {
        if (entries.isEmpty() || maxDeletedId.equals(StreamId.MIN)) {
            return false;
        }
        if (firstId().compareTo(maxDeletedId) > 0) {
            return false;
        }
        return start.compareTo(maxDeletedId) <= 0;
    }

    /**
     * Redis 7.0's {@code streamEstimateDistanceFromFirstEverEntry}: the logical read counter of an ID (how many
     * entries were added up to it), when the counters allow knowing it.
     *
     * @param id the ID.
     * @return the counter, or {@link StreamGroup#INVALID_ENTRIES_READ} when it cannot be known.
     */
    public long estimateEntriesRead(final StreamId id) {
        if (entriesAdded == 0) {
            return 0;
        }
        if (entries.isEmpty() && id.compareTo(lastId) <= 0) {
            return entriesAdded;
        }
        final int cmpLast = id.compareTo(lastId);
        if (cmpLast == 0) {
            return entriesAdded;
        } else if (cmpLast > 0) {
            return StreamGroup.INVALID_ENTRIES_READ;
        }
        final StreamId first = firstId();
        final int cmpFirst = id.compareTo(first);
        if (maxDeletedId.equals(StreamId.MIN) || maxDeletedId.compareTo(first) < 0) {
            if (cmpFirst < 0) {
                return entriesAdded - entries.size();
            } else if (cmpFirst == 0) {
                return entriesAdded - entries.size() + 1;
            }
        }
        return StreamGroup.INVALID_ENTRIES_READ;
    }

    /**
     * Redis 7.0's {@code streamReplyWithCGLag}: how many entries the group has still to read.
     *
     * @param g the group.
     * @return the lag, null when it cannot be computed.
     */
    public Long lag(final StreamGroup g) {
        if (entriesAdded == 0) {
            return 0L;
        }
        if (g.entriesRead() != StreamGroup.INVALID_ENTRIES_READ && !hasTombstonesFrom(g.lastId())) {
            return entriesAdded - g.entriesRead();
        }
        final long read = estimateEntriesRead(g.lastId());
        return read == StreamGroup.INVALID_ENTRIES_READ ? null : entriesAdded - read;
    }

    /**
     * Delivers the entries after the group's last delivered ID, as {@code streamReplyWithRange} with a group: each
     * entry moves the group's position and read counter and, unless {@code noAck}, enters the PELs.
     *
     * @param g the group.
     * @param consumer the consumer.
     * @param count the most entries, 0 for all.
     * @param noAck leave the PELs alone.
     * @param now the delivery time.
     * @return the entries delivered.
     */
    public List<StreamEntry> deliverNew(final StreamGroup g, final StreamGroup.Consumer consumer, final long count,
        final boolean noAck, final long now) {
        final List<StreamEntry> out = new ArrayList<>();
        final StreamId from = g.lastId().next();
        if (from == null) {
            return out;
        }
        for (final Map.Entry<StreamId, byte[][]> e : entries.tailMap(from, true).entrySet()) {
            final StreamId id = e.getKey();
            long read;
            if (g.entriesRead() != StreamGroup.INVALID_ENTRIES_READ && !hasTombstonesFrom(id)) {
                read = g.entriesRead() + 1;
            } else if (entriesAdded != 0) {
                read = estimateEntriesRead(id);
            } else {
                read = g.entriesRead();
            }
            g.position(id, read);
            out.add(entry(id, e.getValue()));
            if (!noAck) {
                g.deliver(id, consumer, now);
            }
            if (count > 0 && out.size() >= count) {
                break;
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ ObjectValue

    @Override
    public ValueType type() {
        return ValueType.STREAM;
    }

    @Override
    public StreamValue copy() {
        final TreeMap<StreamId, Node> nodeCopy = new TreeMap<>();
        for (final Node n : nodes.values()) {
            final Node c = new Node(n.master);
            c.last = n.last;
            c.received = n.received;
            c.live = n.live;
            nodeCopy.put(c.master, c);
        }
        final StreamValue copy = new StreamValue(new TreeMap<>(entries), nodeCopy);
        copy.lastId = lastId;
        copy.maxDeletedId = maxDeletedId;
        copy.entriesAdded = entriesAdded;
        copy.elementBytes = elementBytes;
        if (groups != null) {
            for (final StreamGroup g : groups.values()) {
                copy.loadGroup(g.copy());
            }
        }
        return copy;
    }

    @Override
    public long memoryBytes() {
        long bytes = VALUE_BYTES + 2 * TREE_BYTES + elementBytes + (long) nodes.size() * NODE_BYTES;
        if (groups != null) {
            bytes += TREE_BYTES;
            for (final StreamGroup g : groups.values()) {
                bytes += g.memoryBytes();
            }
        }
        return bytes;
    }

    @Override
    public String encoding() {
        return "stream";
    }

    private static long entryBytes(final byte[][] pairs) {
        long bytes = TREE_NODE_BYTES + ID_BYTES + HeapSize.referenceArray(pairs.length);
        for (final byte[] b : pairs) {
            bytes += HeapSize.byteArray(b.length);
        }
        return bytes;
    }
}
