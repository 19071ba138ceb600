package io.minikv.engine.table;

import static io.minikv.engine.table.TableLayout.BUCKET_LENGTH;
import static io.minikv.engine.table.TableLayout.ENTRY_SHIFT;
import static io.minikv.engine.table.TableLayout.HOP_MASK;
import static io.minikv.engine.table.TableLayout.MAX_ENTRY_OFFSET;
import static io.minikv.engine.table.TableLayout.NEIGHBOURHOOD;
import static io.minikv.engine.table.TableLayout.TAG_MASK;
import static io.minikv.engine.table.TableLayout.TAG_SHIFT;

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
 * origins). With H = 24 that happens from about 80 % load on, and the segment grows at 75 %; below that most keys sit
 * in the cache line of their home bucket, so a lookup usually reads one line of the table.
 * <p>
 * <b>Threads.</b> Mutated only under the segment's write lock; the array is read by optimistic readers, which only
 * follow indexes bounded by construction ({@code home + i < capacity + H}) and validate afterwards. A grown table is a
 * new object and a new array, so a reader holding the old one reads stale but valid memory.
 */
public final class HopscotchTable {
    /** How far an insert probes for an empty bucket before asking for growth. */
    public static final int MAX_PROBE = 2048;

    private static final long SLOT_MASK = ~HOP_MASK;
    private static final int CACHE_LINE = 64;

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
        // Aligned to a cache line, so that the 8 buckets of a line are the ones a home's first neighbours are in.
        this.memory = NativeBytes.allocateDirect((int) TableLayout.arrayLength(capacity) + CACHE_LINE - 1);
        this.base = NativeBytes.address(memory.alignedSlice(CACHE_LINE));
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
     * @return the bitmap (H low bits).
     */
    public long hop(final int bucket) {
        return word(bucket) & HOP_MASK;
    }

    /**
     * Reads a bucket's word: its hop bitmap, and the tag and address of its entry; split it with {@link #hopOf},
     * {@link #tagOf} and {@link #addressOf}.
     *
     * @param bucket a bucket.
     * @return the word.
     */
    public long word(final int bucket) {
        return NativeBytes.getLong(base + (long) bucket * BUCKET_LENGTH);
    }

    /**
     * Returns the hop bitmap of a bucket word.
     *
     * @param word the word.
     * @return H bits.
     */
    public static long hopOf(final long word) {
        return word & HOP_MASK;
    }

    /**
     * Returns the tag of a bucket word's entry.
     *
     * @param word the word.
     * @return {@link TableLayout#TAG_MASK} wide.
     */
    public static int tagOf(final long word) {
        return (int) (word >>> TAG_SHIFT) & TAG_MASK;
    }

    /**
     * Returns the arena address of a bucket word's entry.
     *
     * @param word the word.
     * @return the address ({@code slot + 1 << 32 | offset}), 0 when the bucket is empty.
     */
    public static long addressOf(final long word) {
        final long packed = word >>> ENTRY_SHIFT;
        return (packed >>> 16) << 32 | (packed & 0xFFFF) << 3;
    }

    /**
     * Reads an entry address.
     *
     * @param bucket a bucket.
     * @return the address, 0 when empty.
     */
    public long entry(final int bucket) {
        return addressOf(word(bucket));
    }

    /**
     * Replaces the entry address of an occupied bucket (same key, new block).
     *
     * @param bucket the bucket.
     * @param entry the new address.
     */
    public void replace(final int bucket, final long entry) {
        final long word = word(bucket);
        putWord(bucket, word & ~(-1L << ENTRY_SHIFT) | pack(entry));
    }

    /**
     * Inserts an entry whose key is not in the table.
     *
     * @param home the key's home bucket.
     * @param tag the key's tag ({@link KeyHash#tag}).
     * @param entry the entry address: a chunk slot + 1 below 2^16 in the high int, an offset that is a multiple of 8
     *     up to {@link TableLayout#MAX_ENTRY_OFFSET} in the low one.
     * @return true when stored; false when the neighbourhood is full and the table must grow (nothing changed).
     */
    public boolean insert(final int home, final int tag, final long entry) {
        final long packed = pack(entry);
        final int limit = Math.min(bucketCount, home + MAX_PROBE);
        int free = home;
        while (free < limit && occupied(word(free))) {
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
        putWord(free, word(free) & HOP_MASK | (long) (tag & TAG_MASK) << TAG_SHIFT | packed);
        putWord(home, word(home) | 1L << (free - home));
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
        putWord(bucket, word(bucket) & HOP_MASK);
        putWord(home, word(home) & ~(1L << (bucket - home)));
        size--;
    }

    private static boolean occupied(final long word) {
        return word >>> ENTRY_SHIFT != 0;
    }

    private static long pack(final long entry) {
        final long slot = entry >>> 32;
        final long offset = entry & 0xFFFF_FFFFL;
        if (slot == 0 || slot > 0xFFFF || (offset & 7) != 0 || offset > MAX_ENTRY_OFFSET) {
            throw new IllegalArgumentException("not a table-addressable entry: " + Long.toHexString(entry));
        }
        return (slot << 16 | offset >>> 3) << ENTRY_SHIFT;
    }

    /**
     * Empties a bucket that is H or more from home by moving into it a key from an earlier bucket whose own home can
     * reach it (the earliest such home, so the empty bucket moves as far as it can). Readers are kept out by the write
     * lock's stamp, so the move needs no particular order.
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
                putWord(free, word(free) & HOP_MASK | word(from) & SLOT_MASK);
                putWord(from, word(from) & HOP_MASK);
                putWord(candidateHome, word(candidateHome) & ~(1L << i) | 1L << (free - candidateHome));
                return from;
            }
        }
        return -1;
    }

    private void putWord(final int bucket, final long word) {
        NativeBytes.putLong(base + (long) bucket * BUCKET_LENGTH, word);
    }
}
