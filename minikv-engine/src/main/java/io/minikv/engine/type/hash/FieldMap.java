package io.minikv.engine.type.hash;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.HeapSize;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.ScanCursor;

/**
 * A hash value: binary-safe fields mapped to binary-safe values ({@code t_hash.c}'s data half).
 * <p>
 * <b>Design.</b> Each field is one {@link HashEntry} that is at once a node of a chained hash table (O(1) lookup,
 * and Redis's reverse-binary SCAN cursor, which keeps its guarantee across resizes only with chaining) and an element
 * of a dense array (O(1) uniform random picks for HRANDFIELD, and a cheap, stable iteration order).
 * <p>
 * <b>Order.</b> Redis keeps small hashes as a listpack: fields in insertion order, an update keeping its place, a
 * deletion closing the gap; HGETALL, HKEYS, HVALS and HSCAN then answer in that order, HSCAN in one call. This map
 * reproduces that while it is <em>compact</em> (Redis 7.0's built-in {@code hash-max-listpack-entries} 512 and
 * {@code hash-max-listpack-value} 64 defaults; the sample redis.conf says 128, but a server started without it, as
 * CONFIG GET shows, uses 512): deletions shift the dense array (at most 512 entries) instead of
 * moving the last entry into the gap. Like Redis 7.0, a map that outgrew those limits never becomes compact again;
 * its order is then unspecified, as Redis's hashtable order is.
 * <p>
 * <b>Arrays.</b> The map keeps the field and value arrays it is given and never modifies an array in place (a new
 * value replaces the old array), so {@link #copy()} shares them safely.
 * <p>
 * <b>Threads.</b> Not thread-safe: the keyspace entry that holds the map guards every access.
 */
public final class FieldMap implements ObjectValue {
    /** Redis 7.0's built-in {@code hash-max-listpack-entries} default: more fields end the compact order. */
    public static final int COMPACT_MAX_ENTRIES = 512;
    /** Redis's {@code hash-max-listpack-value} default: a longer field or value ends the compact order. */
    public static final int COMPACT_MAX_LENGTH = 64;
    private static final int MIN_CAPACITY = 8;
    /** The map object: table and dense references, size, the compact flag and {@link #elementBytes}. */
    static final long MAP_BYTES = HeapSize.object(3 * 4 + 1 + 8);
    /** One {@link HashEntry}: field, value and next references, hash and index ints. */
    static final long ENTRY_BYTES = HeapSize.object(5 * 4);

    private HashEntry[] table = new HashEntry[MIN_CAPACITY];
    private HashEntry[] dense = new HashEntry[4];
    private int size;
    private boolean compact = true;
    /** The footprint of the entries, fields and values; the arrays are added by {@link #memoryBytes()}. */
    private long elementBytes;

    /**
     * Hashes a field.
     *
     * @param field the bytes.
     * @return a well-mixed 32-bit hash (the keyspace's XXH3, folded).
     */
    static int hash(final byte[] field) {
        final long h = KeyHash.hash(field);
        return (int) (h ^ (h >>> 32));
    }

    /**
     * Returns the number of fields.
     *
     * @return the size.
     */
    public int size() {
        return size;
    }

    /**
     * Returns whether the map still keeps Redis's listpack order (see the class comment).
     *
     * @return true while no limit was ever exceeded.
     */
    public boolean isCompact() {
        return compact;
    }

    /**
     * Finds the entry of a field.
     *
     * @param field the field.
     * @return the entry, or null when the field is absent.
     */
    public HashEntry find(final byte[] field) {
        final int hash = hash(field);
        final HashEntry[] table = this.table;
        for (HashEntry e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && Arrays.equals(e.field, field)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Returns the value of a field.
     *
     * @param field the field.
     * @return the value, or null when the field is absent.
     */
    public byte[] get(final byte[] field) {
        final HashEntry e = find(field);
        return e == null ? null : e.value;
    }

    /**
     * Sets a field's value; a new field goes to the end of the order, an existing one keeps its place.
     *
     * @param field the field; kept by the map when added.
     * @param value the value; kept by the map.
     * @return true when the field was added, false when its value was replaced.
     */
    public boolean put(final byte[] field, final byte[] value) {
        if (field.length > COMPACT_MAX_LENGTH || value.length > COMPACT_MAX_LENGTH) {
            compact = false;
        }
        final HashEntry existing = find(field);
        if (existing != null) {
            elementBytes += HeapSize.byteArray(value.length) - HeapSize.byteArray(existing.value.length);
            existing.value = value;
            return false;
        }
        insert(new HashEntry(field, hash(field), value));
        return true;
    }

    /**
     * Replaces the value of an entry of this map, as {@link #put} does for an existing field.
     *
     * @param entry an entry of this map.
     * @param value the new value; kept by the map.
     */
    public void replace(final HashEntry entry, final byte[] value) {
        if (value.length > COMPACT_MAX_LENGTH) {
            compact = false;
        }
        elementBytes += HeapSize.byteArray(value.length) - HeapSize.byteArray(entry.value.length);
        entry.value = value;
    }

    private void insert(final HashEntry e) {
        if (size >= table.length) {
            rehash(table.length << 1);
        }
        final int index = e.hash & (table.length - 1);
        e.next = table[index];
        table[index] = e;
        if (size == dense.length) {
            dense = Arrays.copyOf(dense, size << 1);
        }
        e.index = size;
        dense[size++] = e;
        elementBytes += entryBytes(e);
        if (size > COMPACT_MAX_ENTRIES) {
            compact = false;
        }
    }

    /**
     * Removes a field.
     *
     * @param field the field.
     * @return true when it was present.
     */
    public boolean remove(final byte[] field) {
        final int hash = hash(field);
        final HashEntry[] table = this.table;
        final int bucket = hash & (table.length - 1);
        HashEntry prev = null;
        for (HashEntry e = table[bucket]; e != null; prev = e, e = e.next) {
            if (e.hash == hash && Arrays.equals(e.field, field)) {
                if (prev == null) {
                    table[bucket] = e.next;
                } else {
                    prev.next = e.next;
                }
                e.next = null;
                elementBytes -= entryBytes(e);
                removeDense(e.index);
                if (table.length > MIN_CAPACITY && size < (table.length >>> 3)) {
                    rehash(table.length >>> 1);
                }
                return true;
            }
        }
        return false;
    }

    private static long entryBytes(final HashEntry e) {
        return ENTRY_BYTES + HeapSize.byteArray(e.field.length) + HeapSize.byteArray(e.value.length);
    }

    private void removeDense(final int index) {
        final HashEntry[] dense = this.dense;
        final int last = --size;
        if (compact) {
            // Keep the listpack order: close the gap (at most COMPACT_MAX_ENTRIES entries move).
            System.arraycopy(dense, index + 1, dense, index, last - index);
            for (int i = index; i < last; i++) {
                dense[i].index = i;
            }
        } else if (index != last) {
            dense[index] = dense[last];
            dense[index].index = index;
        }
        dense[last] = null;
        if (dense.length > 16 && size < (dense.length >>> 2)) {
            this.dense = Arrays.copyOf(dense, dense.length >>> 1);
        }
    }

    private void rehash(final int capacity) {
        final HashEntry[] fresh = new HashEntry[capacity];
        final int mask = capacity - 1;
        for (HashEntry head : table) {
            while (head != null) {
                final HashEntry next = head.next;
                final int index = head.hash & mask;
                head.next = fresh[index];
                fresh[index] = head;
                head = next;
            }
        }
        table = fresh;
    }

    /**
     * Returns the entry at a position of the iteration order.
     *
     * @param i from 0 to {@code size() - 1}.
     * @return the entry.
     */
    public HashEntry at(final int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return dense[i];
    }

    /**
     * Returns a uniformly chosen entry.
     *
     * @param random the random source.
     * @return an entry; the map must not be empty.
     */
    public HashEntry random(final RandomGenerator random) {
        return dense[random.nextInt(size)];
    }

    /**
     * Visits one bucket of the hash table and returns the next cursor, as Redis's {@code dictScan} does on a single
     * table: a field present for a whole iteration is visited at least once, also across resizes.
     *
     * @param cursor 0 to start, then the returned value.
     * @param visitor receives the bucket's entries.
     * @return the next cursor, 0 when the iteration is complete.
     */
    public long scan(final long cursor, final Visitor visitor) {
        final HashEntry[] table = this.table;
        final long mask = table.length - 1;
        for (HashEntry e = table[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.visit(e);
        }
        return ScanCursor.next(cursor, mask);
    }

    /** Receives the entries of a scan step. */
    public interface Visitor {
        /**
         * Called once per entry of the bucket.
         *
         * @param entry the entry; valid during the call.
         */
        void visit(HashEntry entry);
    }

    @Override
    public ValueType type() {
        return ValueType.HASH;
    }

    /**
     * {@inheritDoc} A copy shares its arrays with the original but is charged for them in full: either may outlive
     * the other.
     */
    @Override
    public long memoryBytes() {
        return MAP_BYTES + HeapSize.referenceArray(table.length) + HeapSize.referenceArray(dense.length)
            + elementBytes;
    }

    /**
     * Returns a copy with the same fields, values and order, sharing the (never modified) byte arrays.
     *
     * @return the copy.
     */
    @Override
    public String encoding() {
        return compact ? "listpack" : "hashtable";
    }

    @Override
    public FieldMap copy() {
        final FieldMap copy = new FieldMap();
        for (int i = 0; i < size; i++) {
            final HashEntry e = dense[i];
            copy.insert(new HashEntry(e.field, e.hash, e.value));
        }
        copy.compact = compact;
        return copy;
    }
}
