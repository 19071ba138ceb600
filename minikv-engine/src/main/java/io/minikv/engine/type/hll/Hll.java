package io.minikv.engine.type.hll;

import static io.minikv.engine.type.hll.HllLayout.BITS;
import static io.minikv.engine.type.hll.HllLayout.CARD_MSB_OFFSET;
import static io.minikv.engine.type.hll.HllLayout.CARD_OFFSET;
import static io.minikv.engine.type.hll.HllLayout.DENSE;
import static io.minikv.engine.type.hll.HllLayout.DENSE_SIZE;
import static io.minikv.engine.type.hll.HllLayout.ENCODING_OFFSET;
import static io.minikv.engine.type.hll.HllLayout.HEADER_SIZE;
import static io.minikv.engine.type.hll.HllLayout.P;
import static io.minikv.engine.type.hll.HllLayout.Q;
import static io.minikv.engine.type.hll.HllLayout.REGISTERS;
import static io.minikv.engine.type.hll.HllLayout.REGISTER_MAX;
import static io.minikv.engine.type.hll.HllLayout.SPARSE;
import static io.minikv.engine.type.hll.HllLayout.SPARSE_VAL_MAX_LEN;
import static io.minikv.engine.type.hll.HllLayout.SPARSE_VAL_MAX_VALUE;
import static io.minikv.engine.type.hll.HllLayout.SPARSE_XZERO_MAX_LEN;
import static io.minikv.engine.type.hll.HllLayout.SPARSE_ZERO_MAX_LEN;
import static io.minikv.engine.type.hll.HllLayout.isVal;
import static io.minikv.engine.type.hll.HllLayout.isXzero;
import static io.minikv.engine.type.hll.HllLayout.isZero;
import static io.minikv.engine.type.hll.HllLayout.val;
import static io.minikv.engine.type.hll.HllLayout.valLen;
import static io.minikv.engine.type.hll.HllLayout.valValue;
import static io.minikv.engine.type.hll.HllLayout.xzeroLen;
import static io.minikv.engine.type.hll.HllLayout.zeroLen;

import java.util.Arrays;

/**
 * One HyperLogLog value being read or changed on the heap: Redis's {@code hyperloglog.c} algorithms over the bytes
 * {@link HllLayout} describes, step for step, so that every value this class writes is the one Redis would write
 * (sparse opcode splits and merges included) and every count is the one Redis computes.
 * <p>
 * The backing array always has a few bytes of slack past the value, zero at {@link #length()}: Redis relies on the
 * terminating zero of its strings when it reads the byte after the last dense register or after the last opcode,
 * and grows a sparse value by up to three bytes in place. Not thread-safe: callers hold the key's write lock or own
 * the copy.
 */
public final class Hll {
    /** Slack kept past the value: the growth of one sparse split plus Redis's terminating zero. */
    private static final int SLACK = 4;
    /** 0.5 / ln(2), the bias constant of the estimator for an infinite number of registers. */
    private static final double ALPHA_INF = 0.721347520444481703680;

    private byte[] bytes;
    private int length;

    private Hll(final byte[] bytes, final int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /**
     * Returns a new empty HyperLogLog as Redis creates it: sparse, one XZERO opcode, cached cardinality 0 (valid).
     *
     * @return the value.
     */
    public static Hll empty() {
        final int length = HEADER_SIZE + (REGISTERS + SPARSE_XZERO_MAX_LEN - 1) / SPARSE_XZERO_MAX_LEN * 2;
        final byte[] b = new byte[length + SLACK];
        b[0] = 'H';
        b[1] = 'Y';
        b[2] = 'L';
        b[3] = 'L';
        b[ENCODING_OFFSET] = SPARSE;
        int p = HEADER_SIZE;
        for (int left = REGISTERS; left > 0; left -= SPARSE_XZERO_MAX_LEN) {
            putXzero(b, p, Math.min(left, SPARSE_XZERO_MAX_LEN));
            p += 2;
        }
        return new Hll(b, length);
    }

    /**
     * Wraps a copy of {@code length} bytes of {@code value}, valid or not (see {@link #isHll}).
     *
     * @param value the string value.
     * @param length its length.
     * @return the value.
     */
    public static Hll copyOf(final byte[] value, final int length) {
        return new Hll(Arrays.copyOf(value, length + SLACK), length);
    }

    /**
     * Tells whether a string value is one Redis accepts as a HyperLogLog ({@code isHLLObjectOrReply}): at least a
     * header long, the magic, a known encoding, and exactly {@link HllLayout#DENSE_SIZE} bytes when dense. A sparse
     * value's opcodes are only checked when they are read.
     *
     * @param value the bytes.
     * @param length the value's length.
     * @return true when valid.
     */
    public static boolean isHll(final byte[] value, final int length) {
        if (length < HEADER_SIZE || value[0] != 'H' || value[1] != 'Y' || value[2] != 'L' || value[3] != 'L') {
            return false;
        }
        final int encoding = value[ENCODING_OFFSET] & 0xff;
        return encoding == SPARSE || encoding == DENSE && length == DENSE_SIZE;
    }

    /**
     * Returns the backing array; the value is its first {@link #length()} bytes.
     *
     * @return the array, not a copy.
     */
    public byte[] array() {
        return bytes;
    }

    /**
     * Returns the value's length.
     *
     * @return the length in bytes.
     */
    public int length() {
        return length;
    }

    /**
     * Returns a copy of the value.
     *
     * @return exactly {@link #length()} bytes.
     */
    public byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    /**
     * Returns the encoding byte.
     *
     * @return {@link HllLayout#DENSE} or {@link HllLayout#SPARSE}.
     */
    public int encoding() {
        return bytes[ENCODING_OFFSET] & 0xff;
    }

    /**
     * Tells whether the cached cardinality may be reused.
     *
     * @return true when its invalid bit is clear.
     */
    public boolean cacheValid() {
        return (bytes[CARD_MSB_OFFSET] & 0x80) == 0;
    }

    /**
     * Returns the cached cardinality, invalid bit included.
     *
     * @return the 64-bit little-endian field.
     */
    public long cachedCardinality() {
        long card = 0;
        for (int i = 7; i >= 0; i--) {
            card = card << 8 | bytes[CARD_OFFSET + i] & 0xff;
        }
        return card;
    }

    /**
     * Stores a cardinality in the cache field.
     *
     * @param card the cardinality.
     */
    public void cachedCardinality(final long card) {
        for (int i = 0; i < 8; i++) {
            bytes[CARD_OFFSET + i] = (byte) (card >>> (8 * i));
        }
    }

    /** Marks the cached cardinality stale. */
    public void invalidateCache() {
        bytes[CARD_MSB_OFFSET] |= (byte) 0x80;
    }

    // ------------------------------------------------------------------------------------------- adding

    /**
     * Returns the register an element lands in and the length of its hash's 0...01 pattern, as Redis's
     * {@code hllPatLen}: the low 14 bits of the hash pick the register, the rest (with a 1 forced at bit 50 so the
     * count stays within 1 to 51) give the count.
     *
     * @param element the element.
     * @return {@code index << 8 | count}.
     */
    public static int patLen(final byte[] element) {
        long hash = MurmurHash64A.hash(element, 0, element.length, MurmurHash64A.HLL_SEED);
        final int index = (int) (hash & (REGISTERS - 1));
        hash >>>= P;
        hash |= 1L << Q;
        return index << 8 | Long.numberOfTrailingZeros(hash) + 1;
    }

    /**
     * Adds an element ({@code hllAdd}).
     *
     * @param element the element.
     * @param sparseMaxBytes {@code hll-sparse-max-bytes}: a sparse value that would grow past it turns dense.
     * @return 1 when a register changed, 0 when none did, -1 when the value is corrupt (it may have been changed
     *     in part, as in Redis).
     */
    public int add(final byte[] element, final long sparseMaxBytes) {
        final int pat = patLen(element);
        return set(pat >>> 8, pat & 0xff, sparseMaxBytes);
    }

    /**
     * Raises register {@code index} to {@code count} when it is lower, in either encoding.
     *
     * @param index the register.
     * @param count the value, 1 to 63.
     * @param sparseMaxBytes {@code hll-sparse-max-bytes}.
     * @return 1 when it changed, 0 when not, -1 when the value is corrupt or of an unknown encoding.
     */
    public int set(final int index, final int count, final long sparseMaxBytes) {
        switch (encoding()) {
            case DENSE:
                return denseSet(bytes, HEADER_SIZE, index, count) ? 1 : 0;
            case SPARSE:
                return sparseSet(index, count, sparseMaxBytes);
            default:
                return -1;
        }
    }

    /**
     * Reads a dense register.
     *
     * @param b the array, with at least one byte after the registers.
     * @param offset where the registers start.
     * @param regnum the register.
     * @return its value.
     */
    public static int denseGet(final byte[] b, final int offset, final int regnum) {
        final int at = offset + regnum * BITS / 8;
        final int fb = regnum * BITS & 7;
        return ((b[at] & 0xff) >>> fb | (b[at + 1] & 0xff) << (8 - fb)) & REGISTER_MAX;
    }

    /** Writes a dense register (Redis's HLL_DENSE_SET_REGISTER: the second byte is touched only as needed). */
    private static void densePut(final byte[] b, final int offset, final int regnum, final int value) {
        final int at = offset + regnum * BITS / 8;
        final int fb = regnum * BITS & 7;
        final int fb8 = 8 - fb;
        b[at] = (byte) (b[at] & ~(REGISTER_MAX << fb) | value << fb);
        b[at + 1] = (byte) (b[at + 1] & ~(REGISTER_MAX >>> fb8) | value >>> fb8);
    }

    private static boolean denseSet(final byte[] b, final int offset, final int index, final int count) {
        if (count > denseGet(b, offset, index)) {
            densePut(b, offset, index, count);
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------- sparse

    private static void putXzero(final byte[] b, final int p, final int len) {
        final int l = len - 1;
        b[p] = (byte) (l >> 8 | 0x40);
        b[p + 1] = (byte) l;
    }

    /** Writes ZERO or XZERO for a run of zeros at {@code n}; returns the bytes written. */
    private static int putZeros(final byte[] b, final int n, final int len) {
        if (len > SPARSE_ZERO_MAX_LEN) {
            putXzero(b, n, len);
            return 2;
        }
        b[n] = HllLayout.zero(len);
        return 1;
    }

    private void ensureCapacity(final int needed) {
        if (bytes.length < needed + SLACK) {
            bytes = Arrays.copyOf(bytes, needed + SLACK);
        }
    }

    /** Sets the value's length, zeroing the byte after it as Redis's sdsIncrLen does. */
    private void length(final int newLength) {
        length = newLength;
        bytes[newLength] = 0;
    }

    /**
     * Redis's {@code hllSparseSet}: finds the opcode covering the register, splits it into at most three (XZERO -
     * VAL - XZERO) unless the change is trivial, merges equal adjacent VALs around it, and turns the value dense
     * when the register needs more than 32 or the value would grow past {@code sparseMaxBytes}.
     */
    private int sparseSet(final int index, final int count, final long sparseMaxBytes) {
        if (count > SPARSE_VAL_MAX_VALUE) {
            return promote(index, count);
        }
        ensureCapacity(length + 3);
        final byte[] b = bytes;
        int end = length;
        int p = HEADER_SIZE;
        int first = 0;
        int prev = -1;
        int span = 0;
        while (p < end) {
            final int op = b[p] & 0xff;
            int oplen = 1;
            if (isZero(op)) {
                span = zeroLen(op);
            } else if (isVal(op)) {
                span = valLen(op);
            } else {
                span = xzeroLen(op, b[p + 1]);
                oplen = 2;
            }
            if (index <= first + span - 1) {
                break;
            }
            prev = p;
            p += oplen;
            first += span;
        }
        if (span == 0 || p >= end) {
            return -1;
        }
        final int op = b[p] & 0xff;
        int next = isXzero(op) ? p + 2 : p + 1;
        if (next >= end) {
            next = -1;
        }
        final boolean xzero = isXzero(op);
        final boolean zero = isZero(op);
        final int runlen = zero ? zeroLen(op) : xzero ? xzeroLen(op, b[p + 1]) : valLen(op);
        if (!zero && !xzero) {
            if (valValue(op) >= count) {
                return 0;
            }
            if (runlen == 1) {
                b[p] = val(count, 1);
                return mergeAdjacent(prev, end);
            }
        }
        if (zero && runlen == 1) {
            b[p] = val(count, 1);
            return mergeAdjacent(prev, end);
        }
        // The general case: split the opcode, writing the new sequence aside first.
        final byte[] seq = new byte[5];
        int n = 0;
        final int last = first + span - 1;
        if (zero || xzero) {
            if (index != first) {
                n += putZeros(seq, n, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                n += putZeros(seq, n, last - index);
            }
        } else {
            final int current = valValue(op);
            if (index != first) {
                seq[n++] = val(current, index - first);
            }
            seq[n++] = val(count, 1);
            if (index != last) {
                seq[n++] = val(current, last - index);
            }
        }
        final int delta = n - (xzero ? 2 : 1);
        if (delta > 0 && (long) length + delta > sparseMaxBytes) {
            return promote(index, count);
        }
        if (delta != 0 && next >= 0) {
            System.arraycopy(b, next, b, next + delta, end - next);
        }
        length(length + delta);
        System.arraycopy(seq, 0, b, p, n);
        end += delta;
        return mergeAdjacent(prev, end);
    }

    /** Step 4 of hllSparseSet: merges equal adjacent VALs among the five opcodes from {@code prev}, then marks the
     * cache stale. */
    private int mergeAdjacent(final int prev, final int endBefore) {
        final byte[] b = bytes;
        int end = endBefore;
        int p = prev >= 0 ? prev : HEADER_SIZE;
        int scan = 5;
        while (p < end && scan-- != 0) {
            final int op = b[p] & 0xff;
            if (isXzero(op)) {
                p += 2;
                continue;
            } else if (isZero(op)) {
                p++;
                continue;
            }
            if (p + 1 < end && isVal(b[p + 1] & 0xff)) {
                final int nextOp = b[p + 1] & 0xff;
                final int v = valValue(op);
                if (v == valValue(nextOp)) {
                    final int len = valLen(op) + valLen(nextOp);
                    if (len <= SPARSE_VAL_MAX_LEN) {
                        b[p + 1] = val(v, len);
                        // Redis's memmove takes the terminating zero along.
                        System.arraycopy(b, p + 1, b, p, end - p);
                        length(length - 1);
                        end--;
                        continue;
                    }
                }
            }
            p++;
        }
        invalidateCache();
        return 1;
    }

    private int promote(final int index, final int count) {
        if (!toDense()) {
            return -1;
        }
        denseSet(bytes, HEADER_SIZE, index, count);
        return 1;
    }

    /**
     * Converts a sparse value to dense ({@code hllSparseToDense}), keeping the header's other bytes (the cached
     * cardinality included). A dense value is left as it is.
     *
     * @return false when the opcodes do not cover exactly 16384 registers (the value is then unchanged).
     */
    public boolean toDense() {
        if (encoding() == DENSE) {
            return true;
        }
        final byte[] dense = new byte[DENSE_SIZE + SLACK];
        System.arraycopy(bytes, 0, dense, 0, HEADER_SIZE);
        dense[ENCODING_OFFSET] = DENSE;
        final byte[] b = bytes;
        int idx = 0;
        int p = HEADER_SIZE;
        while (p < length) {
            final int op = b[p] & 0xff;
            if (isZero(op)) {
                idx += zeroLen(op);
                p++;
            } else if (isXzero(op)) {
                idx += xzeroLen(op, b[p + 1]);
                p += 2;
            } else {
                int runlen = valLen(op);
                final int value = valValue(op);
                if (runlen + idx > REGISTERS) {
                    break;
                }
                while (runlen-- > 0) {
                    densePut(dense, HEADER_SIZE, idx, value);
                    idx++;
                }
                p++;
            }
        }
        if (idx != REGISTERS) {
            return false;
        }
        bytes = dense;
        length = DENSE_SIZE;
        return true;
    }

    // ------------------------------------------------------------------------------------------- counting

    /**
     * Counts the value's registers by value ({@code hllDenseRegHisto} / {@code hllSparseRegHisto}).
     *
     * @param histogram 64 counters, added to.
     * @return false when a sparse value's opcodes do not cover exactly 16384 registers.
     */
    public boolean histogram(final int[] histogram) {
        if (encoding() == DENSE) {
            for (int j = 0; j < REGISTERS; j++) {
                histogram[denseGet(bytes, HEADER_SIZE, j)]++;
            }
            return true;
        }
        final byte[] b = bytes;
        int idx = 0;
        int p = HEADER_SIZE;
        while (p < length) {
            final int op = b[p] & 0xff;
            if (isZero(op)) {
                final int run = zeroLen(op);
                idx += run;
                histogram[0] += run;
                p++;
            } else if (isXzero(op)) {
                final int run = xzeroLen(op, b[p + 1]);
                idx += run;
                histogram[0] += run;
                p += 2;
            } else {
                final int run = valLen(op);
                idx += run;
                histogram[valValue(op)] += run;
                p++;
            }
        }
        return idx == REGISTERS;
    }

    /**
     * Estimates the cardinality ({@code hllCount}).
     *
     * @return the estimate, or -1 when the value is a corrupt sparse one.
     */
    public long count() {
        final int[] histogram = new int[64];
        return histogram(histogram) ? estimate(histogram) : -1;
    }

    /**
     * Redis 7's estimator over a register histogram: Otmar Ertl's improved raw estimator ("New cardinality
     * estimation algorithms for HyperLogLog sketches", arXiv:1702.01284), with Redis's operation order so the
     * doubles round as they do there.
     *
     * @param histogram the number of registers holding each value 0 to 63.
     * @return the estimate; 2^63 (read as a negative long) where Redis's {@code llroundl} overflows.
     */
    public static long estimate(final int[] histogram) {
        final double m = REGISTERS;
        double z = m * tau((m - histogram[Q + 1]) / m);
        for (int j = Q; j >= 1; --j) {
            z += histogram[j];
            z *= 0.5;
        }
        z += m * sigma(histogram[0] / m);
        final double e = ALPHA_INF * m * m / z;
        // llroundl of a value past the long range gives x86's "integer indefinite", 0x8000000000000000.
        return e >= 0x1p63 || Double.isNaN(e) ? Long.MIN_VALUE : Math.round(e);
    }

    private static double sigma(final double xIn) {
        if (xIn == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double x = xIn;
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    private static double tau(final double xIn) {
        if (xIn == 0.0 || xIn == 1.0) {
            return 0.0;
        }
        double x = xIn;
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            final double d = 1 - x;
            z -= d * d * y;
        } while (zPrime != z);
        return z / 3;
    }

    // ------------------------------------------------------------------------------------------- merging

    /**
     * Raises each of {@code max}'s 16384 byte registers to this value's ({@code hllMerge}).
     *
     * @param max one byte per register.
     * @return false when a sparse value's opcodes do not cover exactly 16384 registers.
     */
    public boolean mergeInto(final byte[] max) {
        if (encoding() == DENSE) {
            for (int i = 0; i < REGISTERS; i++) {
                final int v = denseGet(bytes, HEADER_SIZE, i);
                if (v > max[i]) {
                    max[i] = (byte) v;
                }
            }
            return true;
        }
        final byte[] b = bytes;
        int i = 0;
        int p = HEADER_SIZE;
        while (p < length) {
            final int op = b[p] & 0xff;
            if (isZero(op)) {
                i += zeroLen(op);
                p++;
            } else if (isXzero(op)) {
                i += xzeroLen(op, b[p + 1]);
                p += 2;
            } else {
                int runlen = valLen(op);
                final int value = valValue(op);
                if (runlen + i > REGISTERS) {
                    break;
                }
                while (runlen-- > 0) {
                    if (value > max[i]) {
                        max[i] = (byte) value;
                    }
                    i++;
                }
                p++;
            }
        }
        return i == REGISTERS;
    }

    /**
     * Counts a set of byte registers, as PFCOUNT of several keys does with Redis's internal raw encoding.
     *
     * @param max one byte per register, each 0 to 63.
     * @return the estimate.
     */
    public static long countRaw(final byte[] max) {
        final int[] histogram = new int[64];
        for (int i = 0; i < REGISTERS; i++) {
            histogram[max[i]]++;
        }
        return estimate(histogram);
    }

    // ------------------------------------------------------------------------------------------- debugging

    /**
     * Returns the register values (the value must be dense).
     *
     * @return 16384 values.
     */
    public long[] registers() {
        final long[] out = new long[REGISTERS];
        for (int j = 0; j < REGISTERS; j++) {
            out[j] = denseGet(bytes, HEADER_SIZE, j);
        }
        return out;
    }

    /**
     * Spells out a sparse value's opcodes as PFDEBUG DECODE does: {@code z:len}, {@code Z:len}, {@code v:value,len}.
     *
     * @return the opcodes, space-separated.
     */
    public String decode() {
        final StringBuilder out = new StringBuilder();
        final byte[] b = bytes;
        int p = HEADER_SIZE;
        while (p < length) {
            final int op = b[p] & 0xff;
            if (out.length() > 0) {
                out.append(' ');
            }
            if (isZero(op)) {
                out.append("z:").append(zeroLen(op));
                p++;
            } else if (isXzero(op)) {
                out.append("Z:").append(xzeroLen(op, b[p + 1]));
                p += 2;
            } else {
                out.append("v:").append(valValue(op)).append(',').append(valLen(op));
                p++;
            }
        }
        return out.toString();
    }
}
