package io.minikv.engine.table;

import static io.minikv.engine.table.TableLayout.ADDRESS_BITS;
import static io.minikv.engine.table.TableLayout.ADDRESS_MASK;
import static io.minikv.engine.table.TableLayout.BUCKET_LENGTH;
import static io.minikv.engine.table.TableLayout.ENTRY_OFFSET;
import static io.minikv.engine.table.TableLayout.HOP_OFFSET;
import static io.minikv.engine.table.TableLayout.NEIGHBOURHOOD;

import java.nio.ByteBuffer;

import io.minikv.engine.memory.NativeBytes;

/**
 * The bucket array of one segment: a hopscotch hash table (Herlihy, Shavit, Tzafrir 2008) in native memory, laid out
 * as {@link TableLayout} describes. It stores (tag, entry address) pairs; comparing keys is the caller's job, since
 * keys live in the segment's arena.
 * <p>
 * <b>Invariant.</b> A key whose home is bucket {@code h} sits in {@code h + i} with {@code 0 <= i < H} and bit
 * {@code i} of {@code h}'s hop bitmap set. A lookup reads one bitmap and at most H buckets, usually one.
 * <p>
 * <b>Insert.</b> Probe linearly (at most {@link #MAX_PROBE} buckets) for an empty bucket; while it is H or more from
 * home, move a key that may live there closer to its own home into it. When no empty bucket is in range or no key
 * can move, {@link #insert} returns false and the segment grows the table: an insert never loops (defect 1 of the
 * origins). With H = 64 that happens only above about 97 % load.
 * <p>
 * <b>Threads.</b> Mutated only under the segment's write lock; the array is read by optimistic readers, which only
 * follow indexes bounded by construction ({@code home + i < capacity + H}) and validate afterwards. A grown table is a
 * new object and a new array, so a reader holding the old one reads stale but valid memory.
 */
public final class HopscotchTable {
    /** How far an insert probes for an empty bucket before asking for growth. */
    public static final int MAX_PROBE = 2048;

    private final ByteBuffer memory;
    private final long base;
    private final int capacity;
    private final int mask;
    private final int bucketCount;
    private int size;

    /**
     * Allocates an empty table.
     *
     * @param capacity home buckets, a power of two.
     */
    public HopscotchTable(final int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.bucketCount = capacity + NEIGHBOURHOOD;
        this.memory = NativeBytes.allocateDirect((int) TableLayout.arrayLength(capacity));
        this.base = NativeBytes.address(memory);
    }

    /**
     * Returns the number of home buckets.
     *
     * @return a power of two.
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns the mask that maps a hash to its home bucket.
     *
     * @return {@code capacity - 1}.
     */
    public int mask() {
        return mask;
    }

    /**
     * Returns the number of stored entries.
     *
     * @return entries.
     */
    public int size() {
        return size;
    }

    /**
     * Returns the array's size in bytes.
     *
     * @return bytes.
     */
    public long memoryBytes() {
        return memory.capacity();
    }

    /**
     * Returns the home bucket of a hash.
     *
     * @param hash the key hash.
     * @return the home index.
     */
    public int home(final long hash) {
        return (int) hash & mask;
    }

    /**
     * Reads a hop bitmap.
     *
     * @param bucket a home bucket, {@code < capacity}.
     * @return the bitmap.
     */
    public long hop(final int bucket) {
        return NativeBytes.getLong(base + (long) bucket * BUCKET_LENGTH + HOP_OFFSET);
    }

    /**
     * Reads a bucket's tagged entry word; split it with {@link #tagOf} and {@link #addressOf}.
     *
     * @param bucket a bucket.
     * @return the word, 0 when empty.
     */
    public long word(final int bucket) {
        return NativeBytes.getLong(base + (long) bucket * BUCKET_LENGTH + ENTRY_OFFSET);
    }

    /**
     * Returns the tag of an entry word.
     *
     * @param word the word.
     * @return 16 bits.
     */
    public static int tagOf(final long word) {
        return (int) (word >>> ADDRESS_BITS);
    }

    /**
     * Returns the address of an entry word.
     *
     * @param word the word.
     * @return the arena address, 0 when empty.
     */
    public static long addressOf(final long word) {
        return word & ADDRESS_MASK;
    }

    /**
     * Reads an entry address.
     *
     * @param bucket a bucket.
     * @return the address, 0 when empty.
     */
    public long entry(final int bucket) {
        return word(bucket) & ADDRESS_MASK;
    }

    /**
     * Replaces the entry address of an occupied bucket (same key, new block).
     *
     * @param bucket the bucket.
     * @param entry the new address.
     */
    public void replace(final int bucket, final long entry) {
        putWord(bucket, (word(bucket) & ~ADDRESS_MASK) | entry);
    }

    /**
     * Inserts an entry whose key is not in the table.
     *
     * @param home the key's home bucket.
     * @param tag the key's tag (16 bits).
     * @param entry the entry address, not 0, below 2^48.
     * @return true when stored; false when the neighbourhood is full and the table must grow (nothing changed).
     */
    public boolean insert(final int home, final int tag, final long entry) {
        final int limit = Math.min(bucketCount, home + MAX_PROBE);
        int free = home;
        while (free < limit && word(free) != 0) {
            free++;
        }
        if (free >= limit) {
            return false;
        }
        while (free - home >= NEIGHBOURHOOD) {
            free = moveCloser(free);
            if (free < 0) {
                return false;
            }
        }
        putWord(free, ((long) tag << ADDRESS_BITS) | entry);
        setHop(home, hop(home) | (1L << (free - home)));
        size++;
        return true;
    }

    /**
     * Removes the entry in a bucket.
     *
     * @param home the key's home bucket.
     * @param bucket the bucket holding it.
     */
    public void remove(final int home, final int bucket) {
        putWord(bucket, 0);
        setHop(home, hop(home) & ~(1L << (bucket - home)));
        size--;
    }

    /**
     * Empties a bucket that is H or more from home by moving into it a key from an earlier bucket whose own home can
     * reach it. Readers are kept out by the write lock's stamp, so the move needs no particular order.
     *
     * @param free an empty bucket.
     * @return the bucket vacated (closer to the start), or -1 when no key can move.
     */
    private int moveCloser(final int free) {
        for (int candidateHome = free - NEIGHBOURHOOD + 1; candidateHome < free; candidateHome++) {
            final long hop = hop(candidateHome);
            if (hop == 0) {
                continue;
            }
            final int i = Long.numberOfTrailingZeros(hop);
            final int from = candidateHome + i;
            if (from < free) {
                putWord(free, word(from));
                setHop(candidateHome, (hop | (1L << (free - candidateHome))) & ~(1L << i));
                putWord(from, 0);
                return from;
            }
        }
        return -1;
    }

    private void putWord(final int bucket, final long word) {
        NativeBytes.putLong(base + (long) bucket * BUCKET_LENGTH + ENTRY_OFFSET, word);
    }

    private void setHop(final int home, final long hop) {
        NativeBytes.putLong(base + (long) home * BUCKET_LENGTH + HOP_OFFSET, hop);
    }
}
