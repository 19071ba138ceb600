package io.minikv.engine.keyspace;

import static io.minikv.engine.memory.EntryLayout.EXPIRE_AT_OFFSET;
import static io.minikv.engine.memory.EntryLayout.HEADER_LENGTH;
import static io.minikv.engine.memory.EntryLayout.KEY_LENGTH_OFFSET;
import static io.minikv.engine.memory.EntryLayout.KEY_OFFSET;
import static io.minikv.engine.memory.EntryLayout.TYPE_OFFSET;
import static io.minikv.engine.memory.EntryLayout.TYPE_STRING;
import static io.minikv.engine.memory.EntryLayout.VALUE_OFFSET;

import java.lang.ref.Reference;
import java.time.Clock;
import java.util.concurrent.locks.StampedLock;

import io.minikv.api.KvError;
import io.minikv.api.ValueSink;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.memory.MemoryBudget;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.memory.OffHeapArena;
import io.minikv.engine.memory.OffHeapArena.Chunk;
import io.minikv.engine.table.HopscotchTable;
import io.minikv.engine.table.KeyHash;

/**
 * One segment of a database's keyspace: a {@link HopscotchTable} of entries kept in the segment's own
 * {@link OffHeapArena}, on-heap object values, and the {@link StampedLock} that guards all of it.
 * <p>
 * <b>Concurrency.</b> Writers hold {@link #lock()}'s write lock for every method not marked "optimistic". Readers
 * either hold the read lock or run {@link #readString} between {@code tryOptimisticRead} and {@code validate}: that
 * method bounds-checks everything it reads, so a torn read returns garbage (or {@link #RETRY}) but never faults.
 * Growth replaces the table object under the write lock, so no write can land in a table being migrated (defect 2).
 * <p>
 * <b>Memory.</b> Entries and tables are charged to the store's {@link MemoryBudget} as the arena allocates them.
 * Object values change in place, so they are charged differently: every object handed out or stored under the write
 * lock is noted in the {@link ObjectTable}, and {@link #unlockWrite} charges the budget for the change in their
 * {@link ObjectValue#memoryBytes()} before it releases the lock (with {@link MemoryBudget#force}: whether a write may
 * grow the store is decided before it starts, by the {@code denyoom} check). Removing an object takes back exactly
 * what it was charged for. A writer that holds the write lock must therefore release it through {@link #unlockWrite}.
 * The shared budget is charged in steps of {@link #OBJECT_QUANTUM} (as the arena charges whole chunks), so most
 * collection writes only add to this segment's own figure and touch no shared counter.
 * <p>
 * <b>Expiry.</b> An entry is expired when {@code now > expireAt} (Redis's rule). Write-path lookups
 * ({@link #findLive}) delete an expired entry they meet; read paths treat it as missing.
 */
public final class Segment extends StampedLock {
    private static final long serialVersionUID = 1L;

    /**
     * The step in which object values are charged to the shared budget: a segment's charge is its objects' estimate
     * rounded up to a multiple of this, released down to one when the estimate falls two steps below it, and
     * released entirely when the estimate reaches 0. A SADD of a short member changes the estimate by ~60 bytes, so
     * about one write in seventy touches the budget's shared counter.
     */
    public static final long OBJECT_QUANTUM = 4096;

    /** {@link #readString}: no such key. */
    public static final int MISSING = -1;
    /** {@link #readString}: the key holds another type. */
    public static final int WRONG_TYPE = -2;
    /** {@link #readString}: the read was torn; validate and retry. */
    public static final int RETRY = -3;
    /** {@link #readString}: the key exists but has expired (missing, and worth deleting). */
    public static final int EXPIRED = -4;

    /**
     * Growth threshold. An insert may fail (and grow the table) from about 0.8 on with H = 24; below the threshold
     * most keys sit in their home bucket, so a lookup usually reads one line of the table.
     */
    static final double LOAD_FACTOR = 0.75;
    private static final int MIN_CAPACITY = 64;
    private static final int MAX_CAPACITY = 1 << 28;

    private final int order;
    private final MemoryBudget budget;
    /** Not final: {@link #swapContents} exchanges it with another segment's (SWAPDB). */
    private OffHeapArena arena;
    private final int initialCapacity;
    /** The arena's chunk array and spans, mirrored here so a lookup reaches them in one load; refreshed after every
     * allocation. */
    private Chunk[] chunks;
    private long[] spans;
    private HopscotchTable table;
    private int growThreshold;
    private ObjectTable objects;
    /** The object values' estimated footprint, settled at each {@link #unlockWrite}. */
    private long objectBytes;
    /** What the budget was charged for the object values: objectBytes rounded up to {@link #OBJECT_QUANTUM}. */
    private long objectCharge;
    private int keys;
    private int volatileKeys;
    private int expiryCursor;

    /**
     * Creates an empty segment; its table is allocated on the first insert.
     *
     * @param order this segment's rank in the store-wide lock order (unique per store).
     * @param budget the store's memory budget.
     * @param initialCapacity home buckets of the first table, a power of two.
     */
    public Segment(final int order, final MemoryBudget budget, final int initialCapacity) {
        this.order = order;
        this.budget = budget;
        this.arena = new OffHeapArena(budget);
        this.chunks = arena.chunks();
        this.spans = arena.spans();
        this.initialCapacity = Math.max(MIN_CAPACITY, initialCapacity);
    }

    /**
     * Returns the lock guarding this segment.
     *
     * @return the lock.
     */
    public StampedLock lock() {
        // The segment is its own lock (as Java 7's ConcurrentHashMap segments were): one object, one fewer dependent
        // load on every lookup.
        return this;
    }

    /**
     * Returns this segment's rank in the lock order: operations that lock several segments lock them by ascending
     * rank, so they cannot deadlock.
     *
     * @return the rank.
     */
    public int order() {
        return order;
    }

    /**
     * Returns the number of entries, expired-but-unreclaimed included.
     *
     * @return entries.
     */
    public int keys() {
        return keys;
    }

    /**
     * Returns the number of entries with a TTL.
     *
     * @return entries.
     */
    public int volatileKeys() {
        return volatileKeys;
    }

    // ------------------------------------------------------------------------------------------- optimistic reads

    /**
     * Reads a string value (optimistic: call after {@code tryOptimisticRead}, or under the read lock), handing it to
     * {@code sink} straight from the arena.
     * <p>
     * With an optimistic {@code stamp}, the entry's header is validated before the sink is called, so the sink only
     * ever sees the offset and length of an entry that was consistent; the bytes it copies may still change under it,
     * which the caller's final {@code validate} detects.
     *
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param clock read only when the entry has a TTL.
     * @param stamp the optimistic stamp, or 0 under the read lock.
     * @param sink receives the value (may be null to only measure it).
     * @return the value length, or {@link #MISSING}, {@link #WRONG_TYPE}, {@link #RETRY}, {@link #EXPIRED}.
     */
    public int readString(final long hash, final Object kb, final long ko, final int kl, final Clock clock,
        final long stamp, final ValueSink sink) {
        final HopscotchTable t = table;
        if (t == null) {
            return MISSING;
        }
        final long[] spans = this.spans;
        final Chunk[] chunks = this.chunks;
        final long e = EntryIndex.findEntry(t, spans, chunks, hash, kb, ko, kl);
        if (e == 0) {
            return MISSING;
        }
        // One span lookup bounds both the header and, once its length is known, the value.
        final int span = OffHeapArena.spanIndex(spans, e);
        final long base = span < 0 ? 0 : spans[span];
        if (base == 0) {
            return readStringInBuffer(e, chunks, kl, clock, stamp, sink);
        }
        final long room = spans[span + 1] - (int) e;
        if (room < HEADER_LENGTH + kl) {
            return RETRY;
        }
        final int vl = valueLength(base + (int) e, clock);
        if (vl < 0) {
            return vl;
        }
        if (room < KEY_OFFSET + kl + (long) vl || stamp != 0 && !validate(stamp)) {
            return RETRY;
        }
        if (sink != null) {
            // The chunk object is only needed for its ByteBuffer view, after the entry has been read.
            final Chunk c = OffHeapArena.chunkOf(chunks, e);
            if (c == null) {
                return RETRY;
            }
            sink.accept(c.source, (int) e + KEY_OFFSET + kl, vl);
        }
        return vl;
    }

    /** {@link #readString} of an entry in a dedicated buffer, read while {@code c} keeps it from being freed. */
    private int readStringInBuffer(final long e, final Chunk[] chunks, final int kl, final Clock clock,
        final long stamp, final ValueSink sink) {
        final Chunk c = OffHeapArena.chunkOf(chunks, e);
        final int off = (int) e;
        if (c == null || off < 0 || off > c.capacity - HEADER_LENGTH - kl) {
            return RETRY;
        }
        final int vl = valueLength(c.address + off, clock);
        Reference.reachabilityFence(c);
        if (vl < 0) {
            return vl;
        }
        final int start = off + KEY_OFFSET + kl;
        if (vl > c.capacity - start || stamp != 0 && !validate(stamp)) {
            return RETRY;
        }
        if (sink != null) {
            sink.accept(c.source, start, vl);
        }
        return vl;
    }

    /**
     * Reads a string entry's header: its value length, {@link #EXPIRED} or {@link #WRONG_TYPE}, or {@link #RETRY} for
     * a negative length (a torn read). Callers validate the stamp before trusting any of these.
     */
    private static int valueLength(final long na, final Clock clock) {
        final long expireAt = NativeBytes.getLong(na + EXPIRE_AT_OFFSET);
        if (expireAt != 0 && clock.millis() > expireAt) {
            return EXPIRED;
        }
        if (NativeBytes.getByte(null, na + TYPE_OFFSET) != TYPE_STRING) {
            return WRONG_TYPE;
        }
        final int vl = NativeBytes.getInt(na + VALUE_OFFSET);
        return vl < 0 ? RETRY : vl;
    }

    // ------------------------------------------------------------------------------------------- locked lookups

    /**
     * Finds a key (read or write lock held).
     *
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @return the bucket, or -1.
     */
    public int find(final long hash, final Object kb, final long ko, final int kl) {
        final HopscotchTable t = table;
        return t == null ? -1 : EntryIndex.find(t, spans, chunks, hash, kb, ko, kl);
    }

    /**
     * Finds a live key (write lock held), deleting it first when it has expired.
     *
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param now the current time.
     * @return the bucket, or -1.
     */
    public int findLive(final long hash, final Object kb, final long ko, final int kl, final long now) {
        final int b = find(hash, kb, ko, kl);
        if (b >= 0 && isExpired(b, now)) {
            remove(table.home(hash), b);
            return -1;
        }
        return b;
    }

    /**
     * Tells whether the entry in a bucket has expired (lock held).
     *
     * @param b the bucket.
     * @param now the current time.
     * @return true when expired.
     */
    public boolean isExpired(final int b, final long now) {
        final long at = expireAt(b);
        return at != 0 && now > at;
    }

    /**
     * Returns the native address of a bucket's entry (lock held).
     *
     * @param b the bucket.
     * @return the address.
     */
    public long entryAddress(final int b) {
        return arena.nativeAddress(table.entry(b));
    }

    /**
     * Returns the entry's type tag (lock held).
     *
     * @param b the bucket.
     * @return one of {@link EntryLayout}'s {@code TYPE_*}.
     */
    public byte type(final int b) {
        return NativeBytes.getByte(null, entryAddress(b) + TYPE_OFFSET);
    }

    /**
     * Returns the entry's deadline (lock held).
     *
     * @param b the bucket.
     * @return Unix ms, 0 when none.
     */
    public long expireAt(final int b) {
        return NativeBytes.getLong(entryAddress(b) + EXPIRE_AT_OFFSET);
    }

    /**
     * Returns the key length (lock held).
     *
     * @param b the bucket.
     * @return bytes.
     */
    public int keyLength(final int b) {
        return NativeBytes.getInt(entryAddress(b) + KEY_LENGTH_OFFSET);
    }

    /**
     * Returns the native address of the key bytes (lock held).
     *
     * @param b the bucket.
     * @return the address.
     */
    public long keyAddress(final int b) {
        return entryAddress(b) + KEY_OFFSET;
    }

    /**
     * Returns a copy of the key (lock held).
     *
     * @param b the bucket.
     * @return the key bytes.
     */
    public byte[] key(final int b) {
        return NativeBytes.toArray(keyAddress(b), keyLength(b));
    }

    /**
     * Returns a string entry's value length (lock held).
     *
     * @param b the bucket.
     * @return bytes.
     */
    public int valueLength(final int b) {
        return NativeBytes.getInt(entryAddress(b) + VALUE_OFFSET);
    }

    /**
     * Returns the native address of a string entry's value (lock held).
     *
     * @param b the bucket.
     * @return the address.
     */
    public long valueAddress(final int b) {
        final long na = entryAddress(b);
        return na + KEY_OFFSET + NativeBytes.getInt(na + KEY_LENGTH_OFFSET);
    }

    /**
     * Returns a copy of a string entry's value (lock held).
     *
     * @param b the bucket.
     * @return the value bytes.
     */
    public byte[] value(final int b) {
        return NativeBytes.toArray(valueAddress(b), valueLength(b));
    }

    /**
     * Returns an object entry's value (lock held).
     *
     * @param b the bucket.
     * @return the value.
     */
    public ObjectValue object(final int b) {
        final ObjectTable objects = this.objects;
        final int handle = NativeBytes.getInt(entryAddress(b) + VALUE_OFFSET);
        if (isWriteLocked()) {
            // Only the lock holder gets here while the lock is write-held: the caller may change the value.
            objects.touch(handle);
        }
        return objects.get(handle);
    }

    /**
     * Releases the write lock after charging the memory budget for what the write changed in object values.
     *
     * @param stamp the stamp of the write lock.
     */
    @Override
    public void unlockWrite(final long stamp) {
        final ObjectTable objects = this.objects;
        if (objects != null && objects.touched()) {
            settleObjects(objects);
        }
        super.unlockWrite(stamp);
    }

    private void settleObjects(final ObjectTable objects) {
        objectBytes += objects.settle();
        recharge();
    }

    /** Moves the budget charge to the quantum above {@link #objectBytes} when it left the hysteresis band. */
    private void recharge() {
        final long bytes = objectBytes;
        final long charge = objectCharge;
        if (bytes > charge || bytes + 2 * OBJECT_QUANTUM <= charge || bytes == 0 && charge != 0) {
            final long target = (bytes + OBJECT_QUANTUM - 1) & -OBJECT_QUANTUM;
            if (target > charge) {
                budget.force(target - charge);
            } else {
                budget.release(charge - target);
            }
            objectCharge = target;
        }
    }

    /**
     * Returns the estimated heap bytes of this segment's object values, as last settled (the budget holds up to two
     * {@link #OBJECT_QUANTUM}s more).
     *
     * @return bytes (racy read).
     */
    public long objectBytes() {
        return objectBytes;
    }

    // ------------------------------------------------------------------------------------------- writes

    /**
     * Sets an entry's deadline (write lock held).
     *
     * @param b the bucket.
     * @param expireAt Unix ms, 0 to remove the TTL.
     */
    public void expireAt(final int b, final long expireAt) {
        final long na = entryAddress(b);
        final long old = NativeBytes.getLong(na + EXPIRE_AT_OFFSET);
        NativeBytes.putLong(na + EXPIRE_AT_OFFSET, expireAt);
        volatileKeys += (expireAt != 0 ? 1 : 0) - (old != 0 ? 1 : 0);
    }

    /**
     * Stores a string value (write lock held): replaces the entry in bucket {@code b} (any type) or inserts a new one.
     * Memory is allocated before anything changes, so an OOM leaves the segment as it was.
     *
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param b the key's bucket, or -1 when absent.
     * @param vb value base.
     * @param vo value offset.
     * @param vl value length.
     * @param expireAt the deadline, 0 for none.
     */
    public void putString(final long hash, final Object kb, final long ko, final int kl, final int b,
        final Object vb, final long vo, final int vl, final long expireAt) {
        final long size = EntryLayout.stringEntryLength(kl, vl);
        if (b >= 0) {
            final long old = table.entry(b);
            final long na = arena.nativeAddress(old);
            final long oldSize = EntryLayout.blockSize(na);
            if (NativeBytes.getByte(null, na + TYPE_OFFSET) == TYPE_STRING
                && OffHeapArena.blockSize(size) == OffHeapArena.blockSize(oldSize)) {
                // Same block size: overwrite in place; optimistic readers are turned away by the stamp change.
                NativeBytes.copy(vb, vo, null, na + KEY_OFFSET + kl, vl);
                NativeBytes.putInt(na + VALUE_OFFSET, vl);
                expireAt(b, expireAt);
                return;
            }
            final long e = allocate(size);
            EntryLayout.write(arena.nativeAddress(e), kb, ko, kl, TYPE_STRING, vl, expireAt);
            NativeBytes.copy(vb, vo, null, arena.nativeAddress(e) + KEY_OFFSET + kl, vl);
            replaceEntry(b, old, e, expireAt);
            return;
        }
        final long e = allocate(size);
        EntryLayout.write(arena.nativeAddress(e), kb, ko, kl, TYPE_STRING, vl, expireAt);
        NativeBytes.copy(vb, vo, null, arena.nativeAddress(e) + KEY_OFFSET + kl, vl);
        insertEntry(hash, e, expireAt);
    }

    /**
     * Lets this segment's allocations pass the memory limit until reset (write lock held): RENAME and MOVE, which
     * Redis runs whatever the memory use, need a new entry before they free the old one.
     *
     * @param allowed true to allow, false to restore the limit.
     */
    public void allowOverLimit(final boolean allowed) {
        arena.allowOverLimit(allowed);
    }

    /**
     * Stores an object value (write lock held), replacing any entry in bucket {@code b}.
     *
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param b the key's bucket, or -1.
     * @param value the value.
     * @param expireAt the deadline, 0 for none.
     */
    public void putObject(final long hash, final Object kb, final long ko, final int kl, final int b,
        final ObjectValue value, final long expireAt) {
        final long e = allocate(EntryLayout.objectEntryLength(kl));
        if (objects == null) {
            objects = new ObjectTable();
        }
        final int handle = objects.add(value);
        objects.touch(handle);
        EntryLayout.write(arena.nativeAddress(e), kb, ko, kl, ObjectTypes.tag(value.type()), handle, expireAt);
        if (b >= 0) {
            replaceEntry(b, table.entry(b), e, expireAt);
        } else {
            insertEntry(hash, e, expireAt);
        }
    }

    /**
     * Replaces an object entry's value in place (write lock held).
     *
     * @param b the bucket of an object entry.
     * @param value the new value, of the same type.
     */
    public void replaceObject(final int b, final ObjectValue value) {
        final int handle = NativeBytes.getInt(entryAddress(b) + VALUE_OFFSET);
        objects.set(handle, value);
        objects.touch(handle);
    }

    /**
     * Removes a key by bucket (write lock held).
     *
     * @param hash the key hash.
     * @param b the bucket.
     */
    public void removeKey(final long hash, final int b) {
        remove(table.home(hash), b);
    }

    /**
     * Removes the entry in a bucket given its home (write lock held), freeing its block and object.
     *
     * @param home the home bucket.
     * @param b the bucket.
     */
    public void remove(final int home, final int b) {
        final long e = table.entry(b);
        final long na = arena.nativeAddress(e);
        if (NativeBytes.getLong(na + EXPIRE_AT_OFFSET) != 0) {
            volatileKeys--;
        }
        table.remove(home, b);
        keys--;
        freeEntry(e, na);
    }

    /** Removes every entry and returns all memory (write lock held). */
    public void clear() {
        if (table != null) {
            budget.release(table.memoryBytes());
            table = null;
        }
        arena.clear();
        chunks = arena.chunks();
        spans = arena.spans();
        budget.release(objectCharge);
        objectCharge = 0;
        objectBytes = 0;
        objects = null;
        keys = 0;
        volatileKeys = 0;
        expiryCursor = 0;
    }

    /**
     * Exchanges everything this segment holds with another segment (SWAPDB): table, arena, object values, counters
     * and the memory charged for them. Both write locks must be held, so optimistic readers of either segment fail
     * their validation and retry; the lock order ({@link #order()}) stays with the segment, not with the data.
     *
     * @param other the segment of the same hash range in the other database.
     */
    public void swapContents(final Segment other) {
        final OffHeapArena a = arena;
        arena = other.arena;
        other.arena = a;
        final Chunk[] c = chunks;
        chunks = other.chunks;
        other.chunks = c;
        final long[] sp = spans;
        spans = other.spans;
        other.spans = sp;
        final HopscotchTable t = table;
        table = other.table;
        other.table = t;
        final int g = growThreshold;
        growThreshold = other.growThreshold;
        other.growThreshold = g;
        final ObjectTable o = objects;
        objects = other.objects;
        other.objects = o;
        final long ob = objectBytes;
        objectBytes = other.objectBytes;
        other.objectBytes = ob;
        final long oc = objectCharge;
        objectCharge = other.objectCharge;
        other.objectCharge = oc;
        final int k = keys;
        keys = other.keys;
        other.keys = k;
        final int v = volatileKeys;
        volatileKeys = other.volatileKeys;
        other.volatileKeys = v;
        final int e = expiryCursor;
        expiryCursor = other.expiryCursor;
        other.expiryCursor = e;
    }

    // ------------------------------------------------------------------------------------------- iteration

    /**
     * Returns the current table (lock held), for iteration by home bucket.
     *
     * @return the table, or null when the segment never held a key.
     */
    public HopscotchTable table() {
        return table;
    }

    /**
     * Returns the bucket index where active expiry resumes (write lock held).
     *
     * @return a home bucket index, possibly beyond the current capacity.
     */
    public int expiryCursor() {
        return expiryCursor;
    }

    /**
     * Sets where active expiry resumes (write lock held).
     *
     * @param cursor a home bucket index.
     */
    public void expiryCursor(final int cursor) {
        this.expiryCursor = cursor;
    }

    /**
     * Returns the bytes held by live entries.
     *
     * @return bytes (racy read).
     */
    public long usedBytes() {
        final HopscotchTable t = table;
        return arena.usedBytes() + (t == null ? 0 : t.memoryBytes()) + objectBytes;
    }

    /**
     * Returns the bytes of all chunks, the table and the object values.
     *
     * @return bytes (racy read).
     */
    public long allocatedBytes() {
        final HopscotchTable t = table;
        return arena.allocatedBytes() + (t == null ? 0 : t.memoryBytes()) + objectCharge;
    }

    // ------------------------------------------------------------------------------------------- internals

    /** Allocates a block; the arena may have grown its chunk array, which lookups read from {@link #chunks}. */
    private long allocate(final long size) {
        final long e = arena.allocate(size);
        chunks = arena.chunks();
        spans = arena.spans();
        return e;
    }

    private void replaceEntry(final int b, final long old, final long e, final long expireAt) {
        final long oldNa = arena.nativeAddress(old);
        volatileKeys += (expireAt != 0 ? 1 : 0) - (NativeBytes.getLong(oldNa + EXPIRE_AT_OFFSET) != 0 ? 1 : 0);
        table.replace(b, e);
        freeEntry(old, oldNa);
    }

    private void freeEntry(final long e, final long na) {
        if (NativeBytes.getByte(null, na + TYPE_OFFSET) != TYPE_STRING) {
            objectBytes -= objects.remove(NativeBytes.getInt(na + VALUE_OFFSET));
            recharge();
        }
        arena.free(e, EntryLayout.blockSize(na));
    }

    /** Links a written entry into the table; when the table cannot grow (OOM) the entry is freed, nothing changes. */
    private void insertEntry(final long hash, final long e, final long expireAt) {
        try {
            HopscotchTable t = table;
            if (t == null) {
                t = new HopscotchTable(initialCapacity);
                budget.force(t.memoryBytes());
                publish(t);
            } else if (t.size() >= growThreshold) {
                t = grow(t);
            }
            while (!t.insert(t.home(hash), KeyHash.tag(hash), e)) {
                t = grow(t);
            }
        } catch (final RuntimeException failed) {
            freeEntry(e, arena.nativeAddress(e));
            throw failed;
        }
        keys++;
        if (expireAt != 0) {
            volatileKeys++;
        }
    }

    /** Makes a table the segment's table; the load threshold follows it only once it is really in use. */
    private void publish(final HopscotchTable t) {
        growThreshold = (int) (t.capacity() * LOAD_FACTOR);
        table = t;
    }

    /** Doubles the table (more if a rehash cannot place a key) and publishes it; bounded by MAX_CAPACITY. */
    private HopscotchTable grow(final HopscotchTable old) {
        int capacity = old.capacity() * 2;
        while (true) {
            if (capacity > MAX_CAPACITY) {
                throw KvError.OOM.exception();
            }
            final HopscotchTable t = new HopscotchTable(capacity);
            if (EntryIndex.rehash(arena, old, t)) {
                budget.force(t.memoryBytes());
                budget.release(old.memoryBytes());
                publish(t);
                return t;
            }
            capacity *= 2;
        }
    }
}
