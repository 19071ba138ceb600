package io.minikv.engine;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.minikv.MiniKv;
import io.minikv.api.BitOperation;
import io.minikv.api.BitUnit;
import io.minikv.api.BitfieldOp;
import io.minikv.api.KvStore;

/**
 * Seeded random bitmap operations against a model of plain {@link BitSet}s plus lengths, written from the command
 * documentation rather than from the engine's code: bits one at a time, field arithmetic in {@link BigInteger}.
 * Strings stay under a few hundred bytes so word-at-a-time scans meet every alignment. Set
 * {@code -Dminikv.bitmap.model.steps} for a longer run.
 */
class BitmapModelTest {
    private static final int STEPS = Integer.getInteger("minikv.bitmap.model.steps", 8_000);
    private static final String[] KEYS = {"a", "b", "c", "d"};

    /** A string value: its bits (bit 0 = most significant bit of byte 0) and its length in bytes. */
    private static final class Model {
        final BitSet bits = new BitSet();
        int length;

        boolean get(final long i) {
            return i < (long) length * 8 && bits.get((int) i);
        }

        void grow(final long bytes) {
            length = (int) Math.max(length, bytes);
        }

        byte[] toBytes() {
            final byte[] out = new byte[length];
            for (int i = 0; i < length * 8; i++) {
                if (bits.get(i)) {
                    out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
                }
            }
            return out;
        }

        static Model of(final byte[] v) {
            final Model m = new Model();
            m.length = v.length;
            for (int i = 0; i < v.length * 8; i++) {
                m.bits.set(i, (v[i >>> 3] & 0x80 >>> (i & 7)) != 0);
            }
            return m;
        }
    }

    @Test
    void shouldMatchTheModel() {
        for (final long seed : new long[] {1, 2, 3}) {
            run(seed);
        }
    }

    private void run(final long seed) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final Map<String, Model> model = new HashMap<>();
        try (KvStore store = MiniKv.open()) {
            for (int step = 0; step < STEPS; step++) {
                final String k = KEYS[rnd.nextInt(KEYS.length)];
                final byte[] key = k.getBytes(ISO_8859_1);
                final Model m = model.get(k);
                final String where = "seed " + seed + " step " + step + " key " + k;
                switch (rnd.nextInt(8)) {
                    case 0, 1 -> {
                        final long offset = rnd.nextInt(rnd.nextBoolean() ? 64 : 2400);
                        final int value = rnd.nextInt(2);
                        final Model target = model.computeIfAbsent(k, x -> new Model());
                        final long old = target.get(offset) ? 1 : 0;
                        target.grow(offset / 8 + 1);
                        target.bits.set((int) offset, value == 1);
                        assertThat(store.setbit(key, offset, value)).as(where).isEqualTo(old);
                    }
                    case 2 -> {
                        final long offset = rnd.nextInt(2500);
                        assertThat(store.getbit(key, offset)).as(where).isEqualTo(m != null && m.get(offset) ? 1 : 0);
                    }
                    case 3 -> {
                        final long start = range(rnd);
                        final long end = range(rnd);
                        final BitUnit unit = rnd.nextBoolean() ? BitUnit.BIT : BitUnit.BYTE;
                        assertThat(store.bitcount(key, start, end, unit)).as(where + " " + start + " " + end + unit)
                            .isEqualTo(count(m, start, end, unit));
                        assertThat(store.bitcount(key)).as(where).isEqualTo(m == null ? 0 : m.bits.cardinality());
                    }
                    case 4 -> {
                        final int bit = rnd.nextInt(2);
                        final long start = range(rnd);
                        final long end = range(rnd);
                        final BitUnit unit = rnd.nextBoolean() ? BitUnit.BIT : BitUnit.BYTE;
                        assertThat(store.bitpos(key, bit)).as(where).isEqualTo(pos(m, bit, 0, -1, false, BitUnit.BYTE));
                        assertThat(store.bitpos(key, bit, start, unit)).as(where + " " + start + unit)
                            .isEqualTo(pos(m, bit, start, -1, false, unit));
                        assertThat(store.bitpos(key, bit, start, end, unit)).as(where + " " + start + " " + end + unit)
                            .isEqualTo(pos(m, bit, start, end, true, unit));
                    }
                    case 5 -> {
                        final BitOperation op = BitOperation.values()[rnd.nextInt(4)];
                        final String[] sources = op == BitOperation.NOT ? new String[] {KEYS[rnd.nextInt(4)]}
                            : new String[] {KEYS[rnd.nextInt(4)], KEYS[rnd.nextInt(4)], KEYS[rnd.nextInt(4)]};
                        final Model result = bitop(model, op, sources);
                        final byte[][] keys = Arrays.stream(sources).map(s -> s.getBytes(ISO_8859_1))
                            .toArray(byte[][]::new);
                        assertThat(store.bitop(op, key, keys)).as(where).isEqualTo(result.length);
                        if (result.length == 0) {
                            model.remove(k);
                        } else {
                            model.put(k, result);
                        }
                    }
                    default -> bitfield(store, key, model, k, rnd, where);
                }
                final Model now = model.get(k);
                assertThat(store.get(key)).as(where).isEqualTo(now == null ? null : now.toBytes());
            }
        }
    }

    private static long range(final SplittableRandom rnd) {
        return rnd.nextInt(10) == 0 ? rnd.nextLong(-3000, 3000) : rnd.nextLong(-40, 40);
    }

    /** Resolves a range as the documentation says: negative from the end, clipped; null when empty. */
    private static long[] bitRange(final Model m, final long start, final long end, final BitUnit unit) {
        final long total = unit == BitUnit.BIT ? (long) m.length * 8 : m.length;
        final long from = Math.max(0, start < 0 ? total + start : start);
        final long to = Math.min(total - 1, Math.max(0, end < 0 ? total + end : end));
        if (from > to) {
            return null;
        }
        return unit == BitUnit.BIT ? new long[] {from, to} : new long[] {from * 8, to * 8 + 7};
    }

    private static long count(final Model m, final long start, final long end, final BitUnit unit) {
        if (m == null || start < 0 && end < 0 && start > end) {
            return 0;
        }
        final long[] r = bitRange(m, start, end, unit);
        long n = 0;
        for (long i = r == null ? 1 : r[0]; r != null && i <= r[1]; i++) {
            n += m.get(i) ? 1 : 0;
        }
        return n;
    }

    private static long pos(final Model m, final int bit, final long start, final long end, final boolean endGiven,
        final BitUnit unit) {
        if (m == null) {
            return bit == 1 ? -1 : 0;
        }
        final long[] r = bitRange(m, start, end, unit);
        if (r == null) {
            return -1;
        }
        for (long i = r[0]; i <= r[1]; i++) {
            if (m.get(i) == (bit == 1)) {
                return i;
            }
        }
        return bit == 1 || endGiven ? -1 : r[1] + 1;
    }

    private static Model bitop(final Map<String, Model> model, final BitOperation op, final String[] sources) {
        final List<Model> ms = new ArrayList<>();
        int length = 0;
        for (final String s : sources) {
            final Model m = model.getOrDefault(s, new Model());
            ms.add(m);
            length = Math.max(length, m.length);
        }
        final Model out = new Model();
        out.length = length;
        for (int i = 0; i < length * 8; i++) {
            boolean v = ms.get(0).get(i);
            for (int j = 1; j < ms.size(); j++) {
                final boolean w = ms.get(j).get(i);
                v = op == BitOperation.AND ? v & w : op == BitOperation.OR ? v | w : v ^ w;
            }
            out.bits.set(i, op == BitOperation.NOT ? !v : v);
        }
        return out;
    }

    private static void bitfield(final KvStore store, final byte[] key, final Map<String, Model> model,
        final String k, final SplittableRandom rnd, final String where) {
        final int n = rnd.nextInt(1, 4);
        final BitfieldOp[] ops = new BitfieldOp[n];
        long highest = -1;
        for (int i = 0; i < n; i++) {
            final boolean signed = rnd.nextBoolean();
            final int bits = rnd.nextInt(1, signed ? 65 : 64);
            final String type = (signed ? "i" : "u") + bits;
            final long offset = rnd.nextInt(300);
            final long value = rnd.nextInt(4) == 0 ? rnd.nextLong() : rnd.nextLong(-300, 300);
            final BitfieldOp.Overflow overflow = BitfieldOp.Overflow.values()[rnd.nextInt(3)];
            ops[i] = switch (rnd.nextInt(3)) {
                case 0 -> BitfieldOp.get(type, offset);
                case 1 -> BitfieldOp.set(type, offset, value).overflow(overflow);
                default -> BitfieldOp.incrby(type, offset, value).overflow(overflow);
            };
            if (ops[i].kind() != BitfieldOp.Kind.GET) {
                highest = Math.max(highest, offset + bits - 1);
            }
        }
        final List<Long> expected = new ArrayList<>();
        Model m = model.get(k);
        if (highest >= 0) {
            m = model.computeIfAbsent(k, x -> new Model());
            m.grow(highest / 8 + 1);
        }
        for (final BitfieldOp op : ops) {
            final BigInteger old = field(m, op);
            if (op.kind() == BitfieldOp.Kind.GET) {
                expected.add(old.longValue());
                continue;
            }
            final BigInteger min = op.signed() ? BigInteger.ONE.shiftLeft(op.bits() - 1).negate() : BigInteger.ZERO;
            final BigInteger max = op.signed() ? BigInteger.ONE.shiftLeft(op.bits() - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(op.bits()).subtract(BigInteger.ONE);
            // An unsigned SET takes its value as an unsigned 64-bit integer, as Redis's C does.
            final BigInteger given = op.signed() || op.kind() == BitfieldOp.Kind.INCRBY ? BigInteger.valueOf(op.value())
                : new BigInteger(Long.toUnsignedString(op.value()));
            final BigInteger wanted = op.kind() == BitfieldOp.Kind.SET ? given : old.add(given);
            BigInteger next = wanted;
            if (wanted.compareTo(max) > 0 || wanted.compareTo(min) < 0) {
                if (op.overflow() == BitfieldOp.Overflow.FAIL) {
                    expected.add(null);
                    continue;
                }
                // Redis's quirk (checked on 7.0.15): a signed SET far below the minimum makes its 64-bit
                // "max - value" wrap negative, so the value counts as overflowing upwards and SAT gives the maximum.
                final boolean up = wanted.compareTo(max) > 0 || op.signed() && op.kind() == BitfieldOp.Kind.SET
                    && max.subtract(wanted).bitLength() > 63;
                next = op.overflow() == BitfieldOp.Overflow.SAT ? up ? max : min : wrap(wanted, op);
            }
            put(m, op, next);
            expected.add(op.kind() == BitfieldOp.Kind.SET ? old.longValue() : next.longValue());
        }
        assertThat(store.bitfield(key, ops)).as(where + " " + Arrays.toString(ops)).isEqualTo(expected);
    }

    private static BigInteger wrap(final BigInteger v, final BitfieldOp op) {
        final BigInteger mod = BigInteger.ONE.shiftLeft(op.bits());
        final BigInteger u = v.mod(mod);
        return op.signed() && u.testBit(op.bits() - 1) ? u.subtract(mod) : u;
    }

    private static BigInteger field(final Model m, final BitfieldOp op) {
        BigInteger u = BigInteger.ZERO;
        for (int i = 0; i < op.bits(); i++) {
            u = u.shiftLeft(1).or(m != null && m.get(op.offset() + i) ? BigInteger.ONE : BigInteger.ZERO);
        }
        return op.signed() && u.testBit(op.bits() - 1) ? u.subtract(BigInteger.ONE.shiftLeft(op.bits())) : u;
    }

    private static void put(final Model m, final BitfieldOp op, final BigInteger value) {
        for (int i = 0; i < op.bits(); i++) {
            m.bits.set((int) op.offset() + i, value.testBit(op.bits() - 1 - i));
        }
    }
}
