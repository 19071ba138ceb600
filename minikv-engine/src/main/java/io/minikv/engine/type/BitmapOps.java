package io.minikv.engine.type;

import static io.minikv.engine.memory.EntryLayout.TYPE_STRING;

import java.nio.ByteBuffer;
import java.util.Arrays;

import io.minikv.api.BitOperation;
import io.minikv.api.BitUnit;
import io.minikv.api.KvError;
import io.minikv.api.ValueSink;
import io.minikv.api.ValueSource;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;

/**
 * The bitmap commands ({@code bitops.c}) over string values: SETBIT, GETBIT, BITCOUNT, BITPOS and BITOP; BITFIELD is
 * {@link BitfieldOps}.
 * <p>
 * Reads (GETBIT, BITCOUNT, BITPOS) go through {@link StringOps#read}, whose sink sees the value where it lies in
 * the arena: nothing proportional to the string is allocated, and BITCOUNT and BITPOS scan 8-byte words. A sink may
 * run more than once (optimistic reads) and each run replaces the previous result. Writes run under the key's
 * segment write lock: the string is first grown to the length the write needs (the one reallocation path,
 * {@link #ensureLength}), then changed in place. Thread-safe (stateless).
 */
public final class BitmapOps {
    /** The largest bit offset: proto-max-bulk-len bytes of bits, minus one (2^32 - 1). */
    public static final long MAX_BIT_OFFSET = StringOps.MAX_STRING_LENGTH * 8 - 1;

    /** {@link #setbit}'s result bit telling that the key was modified (grown or bit changed). */
    public static final long SETBIT_MODIFIED = 2;

    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private BitmapOps() {
    }

    /**
     * Rejects a bit offset outside 0 to {@link #MAX_BIT_OFFSET}.
     *
     * @param offset the offset.
     * @throws io.minikv.api.KvException BIT_OFFSET_OUT_OF_RANGE.
     */
    public static void checkOffset(final long offset) {
        if (offset < 0 || offset > MAX_BIT_OFFSET) {
            throw KvError.BIT_OFFSET_OUT_OF_RANGE.exception();
        }
    }

    // ------------------------------------------------------------------------------------------- reads

    /** GETBIT's sink: one byte of the value. */
    private static final class BitSink implements ValueSink {
        private final long offset;
        private long bit;

        BitSink(final long offset) {
            this.offset = offset;
        }

        @Override
        public void accept(final ValueSource source, final int off, final int length) {
            final long index = offset >>> 3;
            bit = index >= length ? 0 : source.getByte(off + (int) index) >> (7 - (int) (offset & 7)) & 1;
        }
    }

    /** BITCOUNT's and BITPOS's sink: resolves the range against the length, then counts or searches. */
    private static final class RangeSink implements ValueSink {
        private final boolean count;
        private final int bit;
        private final long start;
        private final long end;
        private final boolean endGiven;
        private final BitUnit unit;
        private long result;

        RangeSink(final boolean count, final int bit, final long start, final long end, final boolean endGiven,
            final BitUnit unit) {
            this.count = count;
            this.bit = bit;
            this.start = start;
            this.end = end;
            this.endGiven = endGiven;
            this.unit = unit;
        }

        @Override
        public void accept(final ValueSource value, final int off, final int length) {
            final ByteBuffer source = value.byteBuffer();
            final boolean bits = unit == BitUnit.BIT;
            final long total = bits ? (long) length << 3 : length;
            long from = start < 0 ? total + start : start;
            long to = end < 0 ? total + end : end;
            from = Math.max(0, from);
            to = Math.max(0, to);
            if (to >= total) {
                to = total - 1;
            }
            // BITCOUNT (not BITPOS) answers 0 for two negative ends in the wrong order before clipping them.
            if (from > to || count && start < 0 && end < 0 && start > end) {
                result = count ? 0 : -1;
                return;
            }
            final long fromBit = bits ? from : from << 3;
            final long toBit = bits ? to : (to << 3) + 7;
            if (count) {
                result = countBits(source, off, fromBit, toBit);
                return;
            }
            final long pos = findBit(source, off, fromBit, toBit, bit);
            // Past an implicit end the string reads as zero-padded: the first 0 is the bit after the range.
            result = pos >= 0 || bit == 1 || endGiven ? pos : toBit + 1;
        }
    }

    /**
     * {@code GETBIT key offset}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param offset the bit offset.
     * @return 0 or 1.
     */
    public static long getbit(final Keyspace ks, final byte[] key, final long offset) {
        checkOffset(offset);
        final BitSink sink = new BitSink(offset);
        return StringOps.read(ks, KeyHash.hash(key), key, BASE, key.length, sink) < 0 ? 0 : sink.bit;
    }

    /**
     * {@code BITCOUNT key [start end [BYTE|BIT]]}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param start first byte or bit (0 for the whole string).
     * @param end last byte or bit (-1 for the whole string).
     * @param unit the unit.
     * @return the number of set bits.
     */
    public static long bitcount(final Keyspace ks, final byte[] key, final long start, final long end,
        final BitUnit unit) {
        final RangeSink sink = new RangeSink(true, 1, start, end, true, unit);
        return StringOps.read(ks, KeyHash.hash(key), key, BASE, key.length, sink) < 0 ? 0 : sink.result;
    }

    /**
     * {@code BITPOS key bit [start [end] [BYTE|BIT]]}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param bit 0 or 1.
     * @param start first byte or bit (0 for the whole string).
     * @param end last byte or bit (-1 for the whole string).
     * @param endGiven whether the end is explicit (a missing 0 is then -1, not the bit after the string).
     * @param unit the unit.
     * @return the position or -1.
     */
    public static long bitpos(final Keyspace ks, final byte[] key, final int bit, final long start, final long end,
        final boolean endGiven, final BitUnit unit) {
        if (bit != 0 && bit != 1) {
            throw KvError.BITPOS_BIT.exception();
        }
        final RangeSink sink = new RangeSink(false, bit, start, end, endGiven, unit);
        if (StringOps.read(ks, KeyHash.hash(key), key, BASE, key.length, sink) < 0) {
            // A missing key is an infinite run of 0 bits.
            return bit == 1 ? -1 : 0;
        }
        return sink.result;
    }

    /** Counts the set bits from {@code fromBit} to {@code toBit} (inclusive), eight bytes at a time. */
    static long countBits(final ByteBuffer b, final int off, final long fromBit, final long toBit) {
        final int first = off + (int) (fromBit >>> 3);
        final int last = off + (int) (toBit >>> 3);
        long n = 0;
        int i = first;
        for (; i + 8 <= last + 1; i += 8) {
            n += Long.bitCount(b.getLong(i));
        }
        for (; i <= last; i++) {
            n += Integer.bitCount(b.get(i) & 0xff);
        }
        // Take back the bits of the edge bytes that lie outside the range.
        n -= Integer.bitCount(b.get(first) & 0xff & ~(0xff >>> (int) (fromBit & 7)));
        n -= Integer.bitCount(b.get(last) & (1 << 7 - (int) (toBit & 7)) - 1);
        return n;
    }

    /** Finds the first bit equal to {@code bit} from {@code fromBit} to {@code toBit} (inclusive), or -1. */
    static long findBit(final ByteBuffer b, final int off, final long fromBit, final long toBit, final int bit) {
        long pos = fromBit;
        while (pos <= toBit && (pos & 7) != 0) {
            if (bitAt(b, off, pos) == bit) {
                return pos;
            }
            pos++;
        }
        final long flip = bit == 1 ? 0 : -1L;
        while (pos + 63 <= toBit) {
            // Big-endian: the first byte's most significant bit is the word's, so leading zeros give the position.
            final long w = b.getLong(off + (int) (pos >>> 3)) ^ flip;
            if (w != 0) {
                return pos + Long.numberOfLeadingZeros(w);
            }
            pos += 64;
        }
        while (pos <= toBit) {
            if (bitAt(b, off, pos) == bit) {
                return pos;
            }
            pos++;
        }
        return -1;
    }

    private static int bitAt(final ByteBuffer b, final int off, final long pos) {
        return b.get(off + (int) (pos >>> 3)) >> (7 - (int) (pos & 7)) & 1;
    }

    // ------------------------------------------------------------------------------------------- writes

    /**
     * {@code SETBIT key offset value}: keeps the TTL.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param offset the bit offset.
     * @param value 0 or 1.
     * @return the old bit, plus {@link #SETBIT_MODIFIED} when the string was created, grown or changed.
     */
    public static long setbit(final Keyspace ks, final byte[] key, final long offset, final int value) {
        checkOffset(offset);
        if (value != 0 && value != 1) {
            throw KvError.BIT_NOT_INTEGER.exception();
        }
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b >= 0 && s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            final int index = (int) (offset >>> 3);
            final int oldLength = b < 0 ? -1 : s.valueLength(b);
            b = ensureLength(s, hash, key, b, index + 1);
            final long at = s.valueAddress(b) + index;
            final int shift = 7 - (int) (offset & 7);
            final int old = NativeBytes.getByte(null, at);
            final int oldBit = old >> shift & 1;
            if (oldBit != value) {
                NativeBytes.putByte(null, at, (byte) (old & ~(1 << shift) | value << shift));
            }
            return oldBit | (oldBit != value || oldLength <= index ? SETBIT_MODIFIED : 0);
        } finally {
            s.unlockWrite(stamp);
        }
    }

    /**
     * Grows the string in bucket {@code b} with zero bytes to at least {@code length} bytes, or creates it (write
     * lock held, type checked): the one path by which the bit commands reallocate a string. Keeps the TTL.
     *
     * @param s the segment.
     * @param hash the key hash.
     * @param key the key.
     * @param b the key's bucket, or -1.
     * @param length the length needed.
     * @return the key's bucket afterwards.
     */
    static int ensureLength(final Segment s, final long hash, final byte[] key, final int b, final int length) {
        final int oldLength = b < 0 ? 0 : s.valueLength(b);
        if (b >= 0 && oldLength >= length) {
            return b;
        }
        final byte[] grown = new byte[length];
        if (b >= 0) {
            NativeBytes.copy(null, s.valueAddress(b), grown, BASE, oldLength);
        }
        s.putString(hash, key, BASE, key.length, b, grown, BASE, length, b < 0 ? 0 : s.expireAt(b));
        // A replacement keeps its bucket; an insert may have grown the table.
        return b >= 0 ? b : s.find(hash, key, BASE, key.length);
    }

    /**
     * {@code BITOP operation destkey key...}: reads each source (missing ones as empty), then stores or deletes the
     * destination, with the segments of every key locked throughout, so the command is atomic as in Redis.
     *
     * @param ks the keyspace.
     * @param operation the operation.
     * @param dest the destination.
     * @param keys the sources.
     * @return the result length, and whether the destination was modified (written, or deleted when it existed).
     */
    public static Written<Long> bitop(final Keyspace ks, final BitOperation operation, final byte[] dest,
        final byte[][] keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("BITOP needs at least one source key");
        }
        if (operation == BitOperation.NOT && keys.length != 1) {
            throw KvError.BITOP_NOT_SINGLE_SOURCE.exception();
        }
        final byte[][] all = Arrays.copyOf(keys, keys.length + 1);
        all[keys.length] = dest;
        try (LockedObjects locked = new LockedObjects(ks, all)) {
            final byte[][] sources = new byte[keys.length][];
            int max = 0;
            for (int i = 0; i < keys.length; i++) {
                final byte[] v = locked.string(i);
                sources[i] = v == null ? new byte[0] : v;
                max = Math.max(max, sources[i].length);
            }
            if (max == 0) {
                return new Written<>(0L, locked.delete(keys.length));
            }
            final byte[] out = combine(operation, sources, max);
            locked.putString(keys.length, out);
            return new Written<>((long) out.length, true);
        }
    }

    private static byte[] combine(final BitOperation operation, final byte[][] sources, final int length) {
        final byte[] out = new byte[length];
        final byte[] first = sources[0];
        System.arraycopy(first, 0, out, 0, first.length);
        if (operation == BitOperation.NOT) {
            for (int i = 0; i < length; i++) {
                out[i] = (byte) ~out[i];
            }
            return out;
        }
        for (int k = 1; k < sources.length; k++) {
            final byte[] src = sources[k];
            for (int i = 0; i < length; i++) {
                final byte v = i < src.length ? src[i] : 0;
                switch (operation) {
                    case AND -> out[i] &= v;
                    case OR -> out[i] |= v;
                    default -> out[i] ^= v;
                }
            }
        }
        return out;
    }
}
