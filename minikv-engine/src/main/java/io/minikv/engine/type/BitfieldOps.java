package io.minikv.engine.type;

import static io.minikv.engine.memory.EntryLayout.TYPE_STRING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import io.minikv.api.BitfieldOp;
import io.minikv.api.KvError;
import io.minikv.api.ValueSink;
import io.minikv.api.ValueSource;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;

/**
 * {@code BITFIELD} and {@code BITFIELD_RO} ({@code bitops.c}): integer fields at arbitrary bit offsets of a string,
 * read and written most significant bit first, with Redis's WRAP, SAT and FAIL overflow rules ported as they are.
 * <p>
 * A call of GETs only reads through {@link StringOps#read} (no allocation proportional to the string; a missing key
 * reads as zeros and is not created). A call with a SET or INCRBY takes the segment write lock, grows the string
 * once to the farthest field written ({@link BitmapOps#ensureLength}), then runs every operation in place, in order.
 * Thread-safe (stateless).
 */
public final class BitfieldOps {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private BitfieldOps() {
    }

    /**
     * Runs {@code BITFIELD key ops...} or {@code BITFIELD_RO key ops...}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param ops the operations, validated before anything runs.
     * @param readOnly true for BITFIELD_RO (GET only).
     * @return one reply per operation (null for a FAIL), and whether the string was changed (Redis signals the key
     *     only when an operation that was not refused grew the string or changed a field).
     */
    public static Written<List<Long>> bitfield(final Keyspace ks, final byte[] key, final BitfieldOp[] ops,
        final boolean readOnly) {
        long highest = -1;
        for (final BitfieldOp op : ops) {
            validate(op);
            if (op.kind() != BitfieldOp.Kind.GET) {
                highest = Math.max(highest, op.offset() + op.bits() - 1);
            }
        }
        if (highest < 0) {
            return new Written<>(read(ks, key, ops), false);
        }
        if (readOnly) {
            throw KvError.BITFIELD_RO_GET_ONLY.exception();
        }
        return write(ks, key, ops, highest);
    }

    /** Checks an operation's type and offset, as Redis parses them. */
    private static void validate(final BitfieldOp op) {
        if (op.bits() < 1 || op.bits() > (op.signed() ? 64 : 63)) {
            throw KvError.BITFIELD_TYPE.exception();
        }
        BitmapOps.checkOffset(op.offset());
    }

    /** The GET-only sink: every field read from the value as it lies in the arena, zero-padded past its end. */
    private static final class GetSink implements ValueSink {
        private final BitfieldOp[] ops;
        private final long[] values;

        GetSink(final BitfieldOp[] ops) {
            this.ops = ops;
            this.values = new long[ops.length];
        }

        @Override
        public void accept(final ValueSource source, final int offset, final int length) {
            for (int i = 0; i < ops.length; i++) {
                final BitfieldOp op = ops[i];
                long u = 0;
                for (long bit = op.offset(), end = op.offset() + op.bits(); bit < end; bit++) {
                    final long index = bit >>> 3;
                    final int v = index >= length ? 0 : source.getByte(offset + (int) index) >> (7 - (int) (bit & 7)) & 1;
                    u = u << 1 | v;
                }
                values[i] = op.signed() ? signExtend(u, op.bits()) : u;
            }
        }
    }

    private static List<Long> read(final Keyspace ks, final byte[] key, final BitfieldOp[] ops) {
        final GetSink sink = new GetSink(ops);
        // A missing key leaves the values at 0.
        StringOps.read(ks, KeyHash.hash(key), key, BASE, key.length, sink);
        final List<Long> out = new ArrayList<>(ops.length);
        for (final long v : sink.values) {
            out.add(v);
        }
        return out;
    }

    private static Written<List<Long>> write(final Keyspace ks, final byte[] key, final BitfieldOp[] ops,
        final long highest) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b >= 0 && s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            // Up to 7 bytes past proto-max-bulk-len, as Redis allows for a field starting at the last offset.
            final int needed = (int) ((highest >>> 3) + 1);
            final boolean grown = b < 0 || s.valueLength(b) < needed;
            b = BitmapOps.ensureLength(s, hash, key, b, needed);
            final long address = s.valueAddress(b);
            final int length = s.valueLength(b);
            final Long[] replies = new Long[ops.length];
            boolean changed = false;
            for (int i = 0; i < ops.length; i++) {
                final BitfieldOp op = ops[i];
                final long oldRaw = getRaw(address, length, op.offset(), op.bits());
                if (op.kind() == BitfieldOp.Kind.GET) {
                    replies[i] = op.signed() ? signExtend(oldRaw, op.bits()) : oldRaw;
                    continue;
                }
                final long[] result = op.signed() ? signedWrite(op, signExtend(oldRaw, op.bits()))
                    : unsignedWrite(op, oldRaw);
                if (result == null) {
                    continue;
                }
                final long newRaw = result[0] & mask(op.bits());
                putRaw(address, op.offset(), op.bits(), newRaw);
                replies[i] = result[1];
                changed |= grown || newRaw != oldRaw;
            }
            return new Written<>(Collections.unmodifiableList(Arrays.asList(replies)), changed);
        } finally {
            s.unlockWrite(stamp);
        }
    }

    /** SET or INCRBY of a signed field: {new value, reply}, or null when OVERFLOW FAIL refuses it. */
    private static long[] signedWrite(final BitfieldOp op, final long old) {
        final boolean incr = op.kind() == BitfieldOp.Kind.INCRBY;
        final long[] limit = new long[1];
        final int overflow = incr ? signedOverflow(old, op.value(), op.bits(), op.overflow(), limit)
            : signedOverflow(op.value(), 0, op.bits(), op.overflow(), limit);
        if (overflow != 0 && op.overflow() == BitfieldOp.Overflow.FAIL) {
            return null;
        }
        final long next = overflow != 0 ? limit[0] : incr ? old + op.value() : op.value();
        return new long[] {next, incr ? next : old};
    }

    /** SET or INCRBY of an unsigned field: {new value, reply}, or null when OVERFLOW FAIL refuses it. */
    private static long[] unsignedWrite(final BitfieldOp op, final long old) {
        final boolean incr = op.kind() == BitfieldOp.Kind.INCRBY;
        final long[] limit = new long[1];
        final int overflow = incr ? unsignedOverflow(old, op.value(), op.bits(), op.overflow(), limit)
            : unsignedOverflow(op.value(), 0, op.bits(), op.overflow(), limit);
        if (overflow != 0 && op.overflow() == BitfieldOp.Overflow.FAIL) {
            return null;
        }
        final long next = overflow != 0 ? limit[0] : incr ? old + op.value() : op.value();
        return new long[] {next, incr ? next : old};
    }

    /** Redis's {@code checkSignedBitfieldOverflow}: 1 above, -1 below, 0 in range; the WRAP/SAT value in limit. */
    static int signedOverflow(final long value, final long incr, final int bits, final BitfieldOp.Overflow mode,
        final long[] limit) {
        final long max = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        final long min = -max - 1;
        final long maxincr = max - value;
        final long minincr = min - value;
        if (value > max || bits != 64 && incr > maxincr || value >= 0 && incr > 0 && incr > maxincr) {
            limit[0] = mode == BitfieldOp.Overflow.WRAP ? wrapSigned(value, incr, bits) : max;
            return 1;
        }
        if (value < min || bits != 64 && incr < minincr || value < 0 && incr < 0 && incr < minincr) {
            limit[0] = mode == BitfieldOp.Overflow.WRAP ? wrapSigned(value, incr, bits) : min;
            return -1;
        }
        return 0;
    }

    private static long wrapSigned(final long value, final long incr, final int bits) {
        final long c = value + incr;
        return bits == 64 ? c : signExtend(c & mask(bits), bits);
    }

    /** Redis's {@code checkUnsignedBitfieldOverflow}, with value and limit as unsigned 64-bit integers. */
    static int unsignedOverflow(final long value, final long incr, final int bits, final BitfieldOp.Overflow mode,
        final long[] limit) {
        final long max = mask(bits);
        final long maxincr = max - value;
        final long minincr = -value;
        if (Long.compareUnsigned(value, max) > 0 || incr > 0 && incr > maxincr) {
            limit[0] = mode == BitfieldOp.Overflow.WRAP ? value + incr & max : max;
            return 1;
        }
        if (incr < 0 && incr < minincr) {
            limit[0] = mode == BitfieldOp.Overflow.WRAP ? value + incr & max : 0;
            return -1;
        }
        return 0;
    }

    private static long mask(final int bits) {
        return bits == 64 ? -1L : (1L << bits) - 1;
    }

    private static long signExtend(final long u, final int bits) {
        return bits == 64 ? u : u << (64 - bits) >> (64 - bits);
    }

    /** Reads a field's bits as an unsigned number (write lock held), zero past the end of the string. */
    private static long getRaw(final long address, final int length, final long offset, final int bits) {
        long u = 0;
        for (long bit = offset; bit < offset + bits; bit++) {
            final long index = bit >>> 3;
            final int v = index >= length ? 0 : NativeBytes.getByte(null, address + index) >> (7 - (int) (bit & 7)) & 1;
            u = u << 1 | v;
        }
        return u;
    }

    /** Writes a field's bits in place (write lock held; the string holds the field). */
    private static void putRaw(final long address, final long offset, final int bits, final long value) {
        for (int j = 0; j < bits; j++) {
            final long bit = offset + j;
            final long at = address + (bit >>> 3);
            final int shift = 7 - (int) (bit & 7);
            final int v = (int) (value >>> (bits - 1 - j)) & 1;
            final int old = NativeBytes.getByte(null, at);
            NativeBytes.putByte(null, at, (byte) (old & ~(1 << shift) | v << shift));
        }
    }
}
