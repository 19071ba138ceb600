package io.minikv.engine.memory;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.minikv.api.KvError;

/**
 * An allocator of native blocks for one table segment: large direct buffers ("chunks") carved into blocks of size
 * classes, with one free list per class so memory is reused after delete and overwrite.
 * <p>
 * <b>Size classes.</b> 8-byte steps up to 512 B, then 8 classes per power of two (at most 12.5 % rounding) up to
 * {@link #MAX_SMALL_BLOCK}. Larger blocks get a dedicated direct buffer that is dropped when freed.
 * <p>
 * <b>Addresses.</b> A block is named by a 48-bit long: {@code (chunkIndex + 1) << 32 | offsetInChunk}, so 0 never
 * names a block and table buckets can use it as "empty"; at most {@link #MAX_CHUNKS} chunks per arena.
 * <p>
 * <b>Lifetime.</b> Chunks are {@code ByteBuffer.allocateDirect} buffers whose memory the GC frees only once no one
 * references them. A server that hardly allocates on the heap may not collect for hours, so {@link #clear()} keeps
 * its bump chunks as spares and carves the next blocks from them instead of dropping them: otherwise every
 * {@code FLUSHALL} would leave the whole data size mapped and allocate (and page-fault) it again, the process growing
 * by that much each time until a collection happens to run. Spares are not charged to the budget until reused. An optimistic reader that still holds an old {@link #chunks()} array therefore reads memory that is
 * stale but mapped; it must bounds-check every offset and length against {@link Chunk#capacity} (see
 * {@link #chunkOf}) and rely on validation to discard what it read.
 * <p>
 * <b>Threads.</b> Not thread-safe: every mutating call runs under the owning segment's write lock. {@link #chunks()}
 * may be read by optimistic readers.
 */
public final class OffHeapArena {
    /** Size of the first chunk; chunks double up to {@link #MAX_CHUNK}. */
    public static final int MIN_CHUNK = 16 * 1024;
    /**
     * Largest chunk size, which bounds the memory a segment leaves unused at the end of its last chunk. Table buckets
     * hold block offsets / 8 in 16 bits ({@code TableLayout.MAX_ENTRY_OFFSET}), so it must stay at most 512 KB.
     */
    public static final int MAX_CHUNK = 128 * 1024;
    /** Largest block served from chunks; larger blocks get a dedicated buffer. */
    public static final int MAX_SMALL_BLOCK = 32 * 1024;
    /** Chunks (including dedicated value buffers) one arena can address. */
    public static final int MAX_CHUNKS = 0xFFFF - 1;
    /** Number of size classes. */
    public static final int CLASS_COUNT = sizeClass(MAX_SMALL_BLOCK) + 1;

    /** An immutable view of one chunk. */
    public static final class Chunk {
        /** The direct buffer. */
        public final ByteBuffer buffer;
        /** The source handed to value sinks. */
        public final NativeValueSource source;
        /** Native address of byte 0. */
        public final long address;
        /** Size in bytes. */
        public final int capacity;
        /** True for a chunk carved into blocks, false for one value's dedicated buffer. */
        final boolean bump;

        Chunk(final ByteBuffer buffer, final boolean bump) {
            this.buffer = buffer;
            this.bump = bump;
            this.source = new NativeValueSource(buffer);
            this.address = NativeBytes.address(buffer);
            this.capacity = buffer.capacity();
        }
    }

    private static final Chunk[] NO_CHUNKS = new Chunk[0];
    private static final long[] NO_SPANS = new long[0];

    private final MemoryBudget budget;
    private Chunk[] chunks = NO_CHUNKS;
    /**
     * The native address and capacity of each carved chunk, by slot ({@code [2 * slot]}, {@code [2 * slot + 1]}); 0, 0
     * for free slots and dedicated buffers. A slot changes at most once per array, from 0, 0 to its chunk: carved
     * chunks stay until {@link #clear()}, which starts a new array. So a reader that sees both words non-zero has a
     * consistent pair, and the chunk stays mapped while the arena lives.
     */
    private long[] spans = NO_SPANS;
    private int chunkSlots;
    /** Bump chunks kept by {@link #clear()} for reuse, smallest first (the order they were made in). */
    private Chunk[] spares = NO_CHUNKS;
    private int spareCount;
    private int spareNext;
    private int[] freeSlots = new int[4];
    private int freeSlotCount;
    private final long[] freeHeads = new long[CLASS_COUNT];
    private int bumpChunk = -1;
    private int bumpOffset;
    private int bumpLimit;
    private int nextChunkSize = MIN_CHUNK;
    private long usedBytes;
    private long allocatedBytes;
    /** While set, new chunks are taken beyond the limit ({@link #allowOverLimit}). */
    private boolean overLimit;

    /**
     * Creates an empty arena; no memory is allocated until the first block.
     *
     * @param budget the store-wide budget charged for every chunk.
     */
    public OffHeapArena(final MemoryBudget budget) {
        this.budget = budget;
    }

    /**
     * Returns the size class of a block size.
     *
     * @param size from 1 to {@link #MAX_SMALL_BLOCK}.
     * @return the class index.
     */
    public static int sizeClass(final int size) {
        if (size <= 512) {
            return ((size + 7) >>> 3) - 1;
        }
        final int log = 31 - Integer.numberOfLeadingZeros(size - 1);
        final int m = ((size - 1) >>> (log - 3)) + 1;
        return 64 + (log - 9) * 8 + (m - 9);
    }

    /**
     * Returns the block size of a size class.
     *
     * @param sizeClass the class index.
     * @return its size in bytes.
     */
    public static int classSize(final int sizeClass) {
        if (sizeClass < 64) {
            return (sizeClass + 1) << 3;
        }
        final int k = sizeClass - 64;
        final int log = 9 + k / 8;
        final int m = k % 8 + 9;
        return m << (log - 3);
    }

    /**
     * Returns the bytes a block of the given requested size occupies.
     *
     * @param size the requested size.
     * @return the class size, or the exact size for dedicated blocks.
     */
    public static long blockSize(final long size) {
        return size > MAX_SMALL_BLOCK ? size : classSize(sizeClass((int) size));
    }

    /**
     * Lets allocations pass the memory limit, for writes Redis never refuses for memory (RENAME and MOVE take a new
     * entry before they free the old one). Set and reset under the owner's write lock.
     *
     * @param allowed true to let allocations through until reset.
     */
    public void allowOverLimit(final boolean allowed) {
        this.overLimit = allowed;
    }

    private void reserve(final long size) {
        if (overLimit) {
            budget.force(size);
        } else {
            budget.reserve(size);
        }
    }

    /**
     * Allocates a block.
     *
     * @param size bytes needed, at least 1 and less than 2 GB.
     * @return the block's address.
     * @throws io.minikv.api.KvException OOM when the budget refuses a new chunk; nothing changes then.
     */
    public long allocate(final long size) {
        if (size > MAX_SMALL_BLOCK) {
            reserve(size);
            final int index = addChunk(new Chunk(reservedBuffer((int) size), false));
            allocatedBytes += size;
            usedBytes += size;
            return address(index, 0);
        }
        final int cls = sizeClass((int) size);
        final int bs = classSize(cls);
        final long head = freeHeads[cls];
        if (head != 0) {
            freeHeads[cls] = NativeBytes.getLong(nativeAddress(head));
            usedBytes += bs;
            return head;
        }
        if (bumpLimit - bumpOffset < bs) {
            newBumpChunk(bs);
        }
        final long addr = address(bumpChunk, bumpOffset);
        bumpOffset += bs;
        usedBytes += bs;
        return addr;
    }

    /**
     * Frees a block.
     *
     * @param address the block.
     * @param size the size it was allocated with (same request size or same class).
     */
    public void free(final long address, final long size) {
        if (size > MAX_SMALL_BLOCK) {
            final int index = (int) (address >>> 32) - 1;
            final Chunk chunk = chunks[index];
            chunks[index] = null;
            if (freeSlotCount == freeSlots.length) {
                freeSlots = Arrays.copyOf(freeSlots, freeSlotCount * 2);
            }
            freeSlots[freeSlotCount++] = index;
            allocatedBytes -= chunk.capacity;
            usedBytes -= chunk.capacity;
            budget.release(chunk.capacity);
            return;
        }
        final int cls = sizeClass((int) size);
        NativeBytes.putLong(nativeAddress(address), freeHeads[cls]);
        freeHeads[cls] = address;
        usedBytes -= classSize(cls);
    }

    /**
     * Returns the native address of a block (no checks: callers hold the write lock and a live address).
     *
     * @param address the block.
     * @return its native address.
     */
    public long nativeAddress(final long address) {
        return chunks[(int) (address >>> 32) - 1].address + (int) address;
    }

    /**
     * Returns the chunk table for optimistic readers.
     *
     * @return the current array; entries may be null.
     */
    public Chunk[] chunks() {
        return chunks;
    }

    /**
     * Returns the spans of the carved chunks for optimistic readers (see {@link #spanAddress}).
     *
     * @return the current array.
     */
    public long[] spans() {
        return spans;
    }

    /**
     * Resolves a block address read optimistically without touching a {@link Chunk} object: one load fewer on the
     * path from a table bucket to its entry, which is what lets consecutive lookups overlap their cache misses.
     *
     * @param spans the array read with the same optimistic stamp.
     * @param address a possibly torn block address.
     * @param length bytes the caller will read from the block's start.
     * @return the native address of the block, or 0 when the address names no carved chunk (a dedicated buffer:
     *     resolve it with {@link #chunkOf}, which keeps the buffer reachable while it is read) or the range would
     *     leave the chunk.
     */
    public static long spanAddress(final long[] spans, final long address, final long length) {
        final int i = spanIndex(spans, address);
        if (i < 0) {
            return 0;
        }
        final long base = spans[i];
        final int offset = (int) address;
        return base != 0 && offset <= spans[i + 1] - length ? base + offset : 0;
    }

    /**
     * Finds the span of a block address read optimistically, for a reader that checks more than one range of the
     * block against it: {@code spans[i]} is the chunk's native address (0 for a dedicated buffer, see
     * {@link #chunkOf}), {@code spans[i + 1]} its capacity.
     *
     * @param spans the array read with the same optimistic stamp.
     * @param address a possibly torn block address.
     * @return the index of the span's address in {@code spans}, or -1 when the address names no span or has a negative
     *     offset.
     */
    public static int spanIndex(final long[] spans, final long address) {
        final long slot = (address >>> 32) - 1;
        if (slot < 0 || slot >= spans.length >> 1 || (int) address < 0) {
            return -1;
        }
        return (int) slot << 1;
    }

    /**
     * Finds the chunk of a block address read optimistically.
     *
     * @param chunks the array read with the same optimistic stamp.
     * @param address a possibly torn block address.
     * @return the chunk, or null when the address names none.
     */
    public static Chunk chunkOf(final Chunk[] chunks, final long address) {
        final long index = (address >>> 32) - 1;
        if (index < 0 || index >= chunks.length) {
            return null;
        }
        return chunks[(int) index];
    }

    /**
     * Returns the bytes held by live blocks (class-rounded).
     *
     * @return bytes.
     */
    public long usedBytes() {
        return usedBytes;
    }

    /**
     * Returns the bytes of all chunks and dedicated buffers.
     *
     * @return bytes.
     */
    public long allocatedBytes() {
        return allocatedBytes;
    }

    /** Drops every chunk and returns its memory to the budget; the arena is empty and usable afterwards. */
    public void clear() {
        budget.release(allocatedBytes);
        keepSpares();
        chunks = NO_CHUNKS;
        spans = NO_SPANS;
        chunkSlots = 0;
        freeSlotCount = 0;
        Arrays.fill(freeHeads, 0);
        bumpChunk = -1;
        bumpOffset = 0;
        bumpLimit = 0;
        nextChunkSize = MIN_CHUNK;
        usedBytes = 0;
        allocatedBytes = 0;
    }

    private static long address(final int chunkIndex, final int offset) {
        return ((long) (chunkIndex + 1) << 32) | offset;
    }

    private void newBumpChunk(final int minSize) {
        int size = nextChunkSize;
        while (size < minSize) {
            size <<= 1;
        }
        final int spare = findSpare(minSize);
        if (spare >= 0) {
            size = spares[spare].capacity;
        }
        reserve(size);
        retireTail();
        bumpChunk = addChunk(spare >= 0 ? takeSpare(spare) : new Chunk(reservedBuffer(size), true));
        allocatedBytes += size;
        bumpOffset = 0;
        bumpLimit = size;
        nextChunkSize = Math.min(MAX_CHUNK, size << 1);
    }

    /**
     * Moves the bump chunks of the current chunk table to the spares (after any spares not reused yet); dedicated
     * value buffers are dropped. Old optimistic readers still hold the chunks through their own array, so reusing
     * them is as safe as reusing a freed block: the reader's validation discards what it read.
     */
    private void keepSpares() {
        final Chunk[] kept = new Chunk[spareCount - spareNext + chunkSlots];
        int n = 0;
        for (int i = spareNext; i < spareCount; i++) {
            kept[n++] = spares[i];
        }
        for (int i = 0; i < chunkSlots; i++) {
            final Chunk c = chunks[i];
            if (c != null && c.bump) {
                kept[n++] = c;
            }
        }
        spares = kept;
        spareCount = n;
        spareNext = 0;
    }

    /**
     * Finds the first spare chunk that can hold a block of {@code minSize} bytes.
     *
     * @return its index in the spares, or -1 (spares too small for this block stay for later ones).
     */
    private int findSpare(final int minSize) {
        for (int i = spareNext; i < spareCount; i++) {
            if (spares[i].capacity >= minSize) {
                return i;
            }
        }
        return -1;
    }

    private Chunk takeSpare(final int index) {
        final Chunk c = spares[index];
        spares[index] = spares[spareNext];
        spares[spareNext++] = null;
        if (spareNext == spareCount) {
            spares = NO_CHUNKS;
            spareCount = 0;
            spareNext = 0;
        }
        return c;
    }

    /**
     * Returns the bytes of spare chunks kept by {@link #clear()} and not reused yet (mapped, not charged).
     *
     * @return bytes.
     */
    public long spareBytes() {
        long bytes = 0;
        for (int i = spareNext; i < spareCount; i++) {
            bytes += spares[i].capacity;
        }
        return bytes;
    }

    /** Puts the unused end of the current bump chunk on a free list, so switching chunks wastes little. */
    private void retireTail() {
        final int tail = bumpLimit - bumpOffset;
        if (bumpChunk < 0 || tail < 8) {
            return;
        }
        int cls = sizeClass(tail);
        if (classSize(cls) > tail) {
            cls--;
        }
        final long addr = address(bumpChunk, bumpOffset);
        NativeBytes.putLong(nativeAddress(addr), freeHeads[cls]);
        freeHeads[cls] = addr;
        bumpOffset = bumpLimit;
    }

    /** Allocates memory already reserved in the budget, giving the reservation back when it cannot be had. */
    private ByteBuffer reservedBuffer(final int size) {
        try {
            return NativeBytes.allocateDirect(size);
        } catch (final RuntimeException e) {
            budget.release(size);
            throw e;
        }
    }

    private int addChunk(final Chunk chunk) {
        if (freeSlotCount == 0 && chunkSlots >= MAX_CHUNKS) {
            // Addresses carry the chunk index in 16 bits (as table buckets store them).
            budget.release(chunk.capacity);
            throw KvError.OOM.exception();
        }
        final int index;
        if (freeSlotCount > 0) {
            index = freeSlots[--freeSlotCount];
        } else {
            if (chunkSlots == chunks.length) {
                // Copy-on-grow: a reader holding the old array still sees every chunk it could have named.
                chunks = Arrays.copyOf(chunks, Math.max(4, chunkSlots * 2));
                spans = Arrays.copyOf(spans, chunks.length * 2);
            }
            index = chunkSlots++;
        }
        chunks[index] = chunk;
        if (chunk.bump) {
            spans[2 * index + 1] = chunk.capacity;
            spans[2 * index] = chunk.address;
        }
        return index;
    }
}
