package io.minikv.engine.type.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.minikv.api.StreamConsumerDetail;
import io.minikv.api.StreamId;
import io.minikv.api.StreamPendingEntry;
import io.minikv.engine.memory.HeapSize;

/**
 * A consumer group of a stream ({@code t_stream.c}'s {@code streamCG}): the last delivered ID, the logical read
 * counter of Redis 7.0 ({@code entries_read}), the consumers by name, and the pending entries list (PEL) of entries
 * delivered and not yet acknowledged.
 * <p>
 * <b>Structure.</b> As in Redis, one {@link Pending} record per pending entry is shared by two ordered maps: the
 * group's PEL and the PEL of the consumer that owns it, so XACK and XCLAIM find an entry in either in O(log n) and
 * a move between consumers only re-links the record. Names order bytewise ({@code memcmp}, Redis's rax order), which
 * is the order XINFO and XPENDING list them in.
 * <p>
 * Not thread-safe: guarded by its stream's segment lock.
 */
public final class StreamGroup {
    /** Redis's {@code SCG_INVALID_ENTRIES_READ}: the read counter is unknown. */
    public static final long INVALID_ENTRIES_READ = -1;
    private static final long GROUP_BYTES = HeapSize.object(4 * 4 + 8) + 2 * HeapSize.object(4 * 4 + 4 + 4);
    private static final long PENDING_BYTES = HeapSize.object(4 + 4 + 8 + 8) + 2 * HeapSize.object(5 * 4 + 1);
    private static final long CONSUMER_BYTES = HeapSize.object(4 + 8 + 4) + HeapSize.object(4 * 4 + 4 + 4)
        + HeapSize.object(5 * 4 + 1);

    private final byte[] name;
    private final TreeMap<StreamId, Pending> pel = new TreeMap<>();
    private final TreeMap<byte[], Consumer> consumers = new TreeMap<>(Arrays::compareUnsigned);
    private StreamId lastId;
    private long entriesRead;
    private long consumerNameBytes;

    /** One pending entry ({@code streamNACK}): its owner, last delivery time and delivery count. */
    public static final class Pending {
        private final StreamId id;
        private Consumer consumer;
        private long deliveryTime;
        private long deliveryCount;

        Pending(final StreamId id, final Consumer consumer, final long deliveryTime, final long deliveryCount) {
            this.id = id;
            this.consumer = consumer;
            this.deliveryTime = deliveryTime;
            this.deliveryCount = deliveryCount;
        }

        /** @return the entry's ID. */
        public StreamId id() {
            return id;
        }

        /** @return the owner. */
        public Consumer consumer() {
            return consumer;
        }

        /** @return the last delivery time, Unix ms of the store's clock. */
        public long deliveryTime() {
            return deliveryTime;
        }

        /** @return how many times the entry was delivered. */
        public long deliveryCount() {
            return deliveryCount;
        }

        /**
         * Records a delivery.
         *
         * @param time the delivery time.
         * @param count the new delivery count.
         */
        public void delivered(final long time, final long count) {
            this.deliveryTime = time;
            this.deliveryCount = count;
        }

        /**
         * Returns the record as the API reports it.
         *
         * @param now the store's time, for the idle time.
         * @return the entry.
         */
        public StreamPendingEntry report(final long now) {
            return new StreamPendingEntry(id, consumer.name, Math.max(0, now - deliveryTime), deliveryTime,
                deliveryCount);
        }
    }

    /** One consumer ({@code streamConsumer}): its name, when it was last seen and its own PEL. */
    public static final class Consumer {
        private final byte[] name;
        private final TreeMap<StreamId, Pending> pel = new TreeMap<>();
        private long seenTime;

        Consumer(final byte[] name, final long seenTime) {
            this.name = name;
            this.seenTime = seenTime;
        }

        /** @return the name (do not modify). */
        public byte[] name() {
            return name;
        }

        /** @return when it last read or claimed, or was created, Unix ms of the store's clock. */
        public long seenTime() {
            return seenTime;
        }

        /**
         * Records activity ({@code seen_time}).
         *
         * @param now the store's time.
         */
        public void seen(final long now) {
            this.seenTime = now;
        }

        /** @return its pending entries by ID (do not modify). */
        public TreeMap<StreamId, Pending> pel() {
            return pel;
        }

        /**
         * Returns the consumer as XINFO STREAM FULL reports it.
         *
         * @param count the most pending entries, 0 for all.
         * @param now the store's time.
         * @return the report.
         */
        public StreamConsumerDetail detail(final long count, final long now) {
            return new StreamConsumerDetail(name, seenTime, pel.size(), first(pel, count, now));
        }
    }

    /**
     * Creates a group.
     *
     * @param name the name (kept).
     * @param lastId the last delivered ID.
     * @param entriesRead the read counter, {@link #INVALID_ENTRIES_READ} when unknown.
     */
    public StreamGroup(final byte[] name, final StreamId lastId, final long entriesRead) {
        this.name = name;
        this.lastId = lastId;
        this.entriesRead = entriesRead;
    }

    /** @return the name (do not modify). */
    public byte[] name() {
        return name;
    }

    /** @return the last delivered ID. */
    public StreamId lastId() {
        return lastId;
    }

    /** @return the read counter, {@link #INVALID_ENTRIES_READ} when unknown. */
    public long entriesRead() {
        return entriesRead;
    }

    /**
     * Moves the group (XGROUP SETID, delivery, XCLAIM LASTID).
     *
     * @param id the last delivered ID.
     * @param read the read counter.
     */
    public void position(final StreamId id, final long read) {
        this.lastId = id;
        this.entriesRead = read;
    }

    /** @return the group's pending entries by ID (do not modify). */
    public TreeMap<StreamId, Pending> pel() {
        return pel;
    }

    /** @return the consumers by name (do not modify). */
    public TreeMap<byte[], Consumer> consumers() {
        return consumers;
    }

    // ------------------------------------------------------------------------------------------------ consumers

    /**
     * Returns a consumer.
     *
     * @param consumerName the name.
     * @return the consumer, null when missing.
     */
    public Consumer consumer(final byte[] consumerName) {
        return consumers.get(consumerName);
    }

    /**
     * Creates a consumer ({@code streamCreateConsumer}).
     *
     * @param consumerName the name (copied).
     * @param now its seen time.
     * @return the new consumer, or null when one has that name.
     */
    public Consumer createConsumer(final byte[] consumerName, final long now) {
        if (consumers.containsKey(consumerName)) {
            return null;
        }
        final Consumer c = new Consumer(consumerName.clone(), now);
        consumers.put(c.name, c);
        consumerNameBytes += HeapSize.byteArray(c.name.length);
        return c;
    }

    /**
     * Returns a consumer, created when missing, and marks it seen (XREADGROUP, XCLAIM, XAUTOCLAIM).
     *
     * @param consumerName the name.
     * @param now the store's time.
     * @return the consumer.
     */
    public Consumer seenConsumer(final byte[] consumerName, final long now) {
        final Consumer existing = consumers.get(consumerName);
        if (existing != null) {
            existing.seen(now);
            return existing;
        }
        return createConsumer(consumerName, now);
    }

    /**
     * Deletes a consumer ({@code streamDelConsumer}): its pending entries leave the group's PEL too.
     *
     * @param consumerName the name.
     * @return how many entries it had pending, 0 when it did not exist.
     */
    public long deleteConsumer(final byte[] consumerName) {
        final Consumer c = consumers.remove(consumerName);
        if (c == null) {
            return 0;
        }
        consumerNameBytes -= HeapSize.byteArray(c.name.length);
        for (final StreamId id : c.pel.keySet()) {
            pel.remove(id);
        }
        return c.pel.size();
    }

    // ------------------------------------------------------------------------------------------------ PEL

    /**
     * Records a delivery by {@code >} (the PEL part of {@code streamReplyWithRange}): a new pending entry, or an
     * existing one (after XGROUP SETID moved the group back) moved to this consumer with a delivery count of 1.
     *
     * @param id the entry's ID.
     * @param owner the consumer.
     * @param now the delivery time.
     */
    public void deliver(final StreamId id, final Consumer owner, final long now) {
        final Pending existing = pel.get(id);
        if (existing == null) {
            final Pending p = new Pending(id, owner, now, 1);
            pel.put(id, p);
            owner.pel.put(id, p);
            return;
        }
        existing.consumer.pel.remove(id);
        existing.consumer = owner;
        existing.delivered(now, 1);
        owner.pel.put(id, existing);
    }

    /**
     * Adds a pending entry as loaded from a snapshot.
     *
     * @param id the ID.
     * @param owner the consumer.
     * @param deliveryTime the last delivery time.
     * @param deliveryCount the delivery count.
     * @return false when the ID is already pending.
     */
    public boolean load(final StreamId id, final Consumer owner, final long deliveryTime, final long deliveryCount) {
        if (pel.containsKey(id)) {
            return false;
        }
        final Pending p = new Pending(id, owner, deliveryTime, deliveryCount);
        pel.put(id, p);
        owner.pel.put(id, p);
        return true;
    }

    /**
     * Acknowledges an entry: it leaves the group's and its owner's PEL.
     *
     * @param id the ID.
     * @return true when it was pending.
     */
    public boolean ack(final StreamId id) {
        final Pending p = pel.remove(id);
        if (p == null) {
            return false;
        }
        p.consumer.pel.remove(id);
        return true;
    }

    /**
     * Gives a pending entry to a consumer (XCLAIM, XAUTOCLAIM), creating it first when {@code force} asks for an
     * entry that is in no PEL.
     *
     * @param p the pending record, or null to create one (FORCE).
     * @param id the ID.
     * @param owner the new owner.
     * @param deliveryTime the delivery time to record.
     * @param deliveryCount the delivery count to record.
     */
    public void claim(final Pending p, final StreamId id, final Consumer owner, final long deliveryTime,
        final long deliveryCount) {
        if (p == null) {
            final Pending created = new Pending(id, owner, deliveryTime, deliveryCount);
            pel.put(id, created);
            owner.pel.put(id, created);
            return;
        }
        if (p.consumer != owner) {
            p.consumer.pel.remove(id);
            p.consumer = owner;
            owner.pel.put(id, p);
        }
        p.delivered(deliveryTime, deliveryCount);
    }

    /**
     * Returns the first pending entries of a PEL, as XINFO STREAM FULL lists them.
     *
     * @param from the PEL.
     * @param count the most entries, 0 for all.
     * @param now the store's time.
     * @return the entries.
     */
    public static List<StreamPendingEntry> first(final TreeMap<StreamId, Pending> from, final long count,
        final long now) {
        final List<StreamPendingEntry> out = new ArrayList<>();
        for (final Pending p : from.values()) {
            if (count > 0 && out.size() >= count) {
                break;
            }
            out.add(p.report(now));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ copies

    /**
     * Returns a deep copy (COPY of a stream copies its groups, as Redis does).
     *
     * @return the copy.
     */
    public StreamGroup copy() {
        final StreamGroup g = new StreamGroup(name, lastId, entriesRead);
        for (final Consumer c : consumers.values()) {
            final Consumer cc = new Consumer(c.name, c.seenTime);
            g.consumers.put(cc.name, cc);
        }
        g.consumerNameBytes = consumerNameBytes;
        for (final Map.Entry<StreamId, Pending> e : pel.entrySet()) {
            final Pending p = e.getValue();
            final Consumer owner = g.consumers.get(p.consumer.name);
            g.load(p.id, owner, p.deliveryTime, p.deliveryCount);
        }
        return g;
    }

    /** @return an estimate of the heap this group takes. */
    public long memoryBytes() {
        return GROUP_BYTES + HeapSize.byteArray(name.length) + (long) pel.size() * PENDING_BYTES
            + (long) consumers.size() * CONSUMER_BYTES + consumerNameBytes;
    }
}
