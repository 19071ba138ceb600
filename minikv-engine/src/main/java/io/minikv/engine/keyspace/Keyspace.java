package io.minikv.engine.keyspace;

import java.time.Clock;
import java.util.function.Function;

import io.minikv.api.KvError;
import io.minikv.api.ValueType;
import io.minikv.engine.memory.MemoryBudget;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;

/**
 * The keyspace of one database: a fixed power-of-two number of {@link Segment}s, chosen by the top bits of the key
 * hash, each locked independently.
 * <p>
 * It also offers the object-value API that non-string types use ({@link #readObject}, {@link #writeObject}): the
 * callback runs under the key's segment lock with lazy expiry and the type check already done.
 * <p>
 * Thread-safe.
 */
public final class Keyspace {
    /** log2 of the segments per database. */
    public static final int SEGMENT_BITS = 6;
    /** Segments per database. */
    public static final int SEGMENTS = 1 << SEGMENT_BITS;

    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private final int index;
    private final Segment[] segments;
    private final Clock clock;
    private final MemoryBudget budget;
    private int expirySegment;

    /**
     * Creates an empty keyspace.
     *
     * @param index the database index.
     * @param initialCapacity keys the database is sized for at start.
     * @param budget the store's memory budget.
     * @param clock the store's clock.
     */
    public Keyspace(final int index, final int initialCapacity, final MemoryBudget budget, final Clock clock) {
        this.index = index;
        this.clock = clock;
        this.budget = budget;
        this.segments = new Segment[SEGMENTS];
        final int perSegment = Integer.highestOneBit(
            Math.max(1, (int) Math.ceil(initialCapacity / (double) SEGMENTS / Segment.LOAD_FACTOR)) * 2 - 1);
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(index * SEGMENTS + i, budget, perSegment);
        }
    }

    /**
     * Returns the database index.
     *
     * @return the index.
     */
    public int index() {
        return index;
    }

    /**
     * Returns the current time of the store's clock.
     *
     * @return Unix milliseconds.
     */
    public long now() {
        return clock.millis();
    }

    /**
     * Returns the store's clock, for paths that read the time only when they need it.
     *
     * @return the clock.
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Admits a write that may grow a value (Redis's {@code denyoom} commands: SADD, HSET, RPUSH, ZADD, the STOREs,
     * COPY...): refused before it changes anything while the store is over its memory limit.
     *
     * @throws io.minikv.api.KvException OOM when the store holds more than its limit.
     */
    public void checkWrite() {
        budget.checkWrite();
    }

    /**
     * Returns the segment of a hash.
     *
     * @param hash a key hash.
     * @return its segment.
     */
    public Segment segment(final long hash) {
        return segments[KeyHash.segment(hash, SEGMENT_BITS)];
    }

    /**
     * Returns a segment by index.
     *
     * @param i from 0 to {@link #SEGMENTS} - 1.
     * @return the segment.
     */
    public Segment segmentAt(final int i) {
        return segments[i];
    }

    /**
     * Returns the number of keys, expired-but-unreclaimed included (racy sum over segments).
     *
     * @return keys.
     */
    public long keys() {
        long n = 0;
        for (final Segment s : segments) {
            n += s.keys();
        }
        return n;
    }

    /**
     * Returns the number of keys with a TTL (racy sum over segments).
     *
     * @return keys.
     */
    public long volatileKeys() {
        long n = 0;
        for (final Segment s : segments) {
            n += s.volatileKeys();
        }
        return n;
    }

    /**
     * Returns the bytes held by live entries and tables.
     *
     * @return bytes.
     */
    public long usedBytes() {
        long n = 0;
        for (final Segment s : segments) {
            n += s.usedBytes();
        }
        return n;
    }

    /** Removes every key ({@code FLUSHDB}). */
    public void flush() {
        for (final Segment s : segments) {
            final long stamp = s.lock().writeLock();
            try {
                s.clear();
            } finally {
                s.lock().unlockWrite(stamp);
            }
        }
    }

    /**
     * Exchanges the contents of this keyspace with another's ({@code SWAPDB}), atomically: every segment of both is
     * write-locked at once (in the store-wide order, so no deadlock with multi-key operations), then each pair of
     * segments covering the same hash range exchanges its data. Each keyspace keeps its index, segments and locks.
     *
     * @param other another database of the same store.
     */
    public void swapWith(final Keyspace other) {
        if (other == this) {
            return;
        }
        final Segment[] all = new Segment[SEGMENTS * 2];
        System.arraycopy(segments, 0, all, 0, SEGMENTS);
        System.arraycopy(other.segments, 0, all, SEGMENTS, SEGMENTS);
        try (SegmentLocks locks = new SegmentLocks(all)) {
            for (int i = 0; i < SEGMENTS; i++) {
                segments[i].swapContents(other.segments[i]);
            }
        }
    }

    /**
     * Write-locks every segment of this keyspace, for a command that reads keys it cannot name beforehand (SORT's
     * BY and GET patterns).
     *
     * @return the locks, to close.
     */
    public SegmentLocks lockAll() {
        return new SegmentLocks(segments);
    }

    /**
     * Returns and advances the round-robin segment cursor of active expiry (called by one thread).
     *
     * @return a segment index.
     */
    int nextExpirySegment() {
        final int i = expirySegment;
        expirySegment = (i + 1) & (SEGMENTS - 1);
        return i;
    }

    /**
     * Deletes a key if it is still expired (lazy expiry after a read saw it expired). Only the entry that is
     * expired at {@code now} is deleted: a value written meanwhile is kept.
     *
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param now the time the read used.
     */
    public void deleteIfExpired(final long hash, final Object kb, final long ko, final int kl, final long now) {
        final Segment s = segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            s.findLive(hash, kb, ko, kl, now);
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    // ------------------------------------------------------------------------------------------- object values

    /**
     * Reads the object value at a key under its segment's read lock.
     *
     * @param key the key.
     * @param type the type the caller expects.
     * @param reader receives the value, or null when the key is missing or expired; its result is returned.
     * @param <R> the result type.
     * @return what {@code reader} returned.
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type.
     */
    public <R> R readObject(final byte[] key, final ValueType type, final Function<ObjectValue, R> reader) {
        final long hash = KeyHash.hash(key);
        final Segment s = segment(hash);
        final long stamp = s.lock().readLock();
        try {
            final int b = s.find(hash, key, BASE, key.length);
            if (b < 0 || s.isExpired(b, clock.millis())) {
                return reader.apply(null);
            }
            if (s.type(b) != ObjectTypes.tag(type)) {
                throw KvError.WRONGTYPE.exception();
            }
            return reader.apply(s.object(b));
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    /**
     * Reads or changes the object value at a key under its segment's write lock.
     *
     * @param key the key.
     * @param type the type the caller expects.
     * @param writer works on the slot; its result is returned.
     * @param <R> the result type.
     * @return what {@code writer} returned.
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type (writer not called), OOM.
     */
    public <R> R writeObject(final byte[] key, final ValueType type, final Function<ObjectSlot, R> writer) {
        final long hash = KeyHash.hash(key);
        final Segment s = segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, clock.millis());
            if (b >= 0 && s.type(b) != ObjectTypes.tag(type)) {
                throw KvError.WRONGTYPE.exception();
            }
            return writer.apply(new Slot(s, hash, key, b));
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /** The slot handed to {@link #writeObject}; valid while the write lock is held. */
    private static final class Slot implements ObjectSlot {
        private final Segment segment;
        private final long hash;
        private final byte[] key;
        private int bucket;

        Slot(final Segment segment, final long hash, final byte[] key, final int bucket) {
            this.segment = segment;
            this.hash = hash;
            this.key = key;
            this.bucket = bucket;
        }

        @Override
        public ObjectValue get() {
            return bucket < 0 ? null : segment.object(bucket);
        }

        @Override
        public void set(final ObjectValue value) {
            if (bucket >= 0) {
                segment.replaceObject(bucket, value);
            } else {
                segment.putObject(hash, key, BASE, key.length, -1, value, 0);
                bucket = segment.find(hash, key, BASE, key.length);
            }
        }

        @Override
        public void delete() {
            if (bucket >= 0) {
                segment.removeKey(hash, bucket);
                bucket = -1;
            }
        }
    }
}
