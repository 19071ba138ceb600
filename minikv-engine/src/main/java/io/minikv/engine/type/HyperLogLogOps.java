package io.minikv.engine.type;

import static io.minikv.engine.memory.EntryLayout.TYPE_STRING;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.hll.Hll;
import io.minikv.engine.type.hll.HllLayout;
import io.minikv.engine.type.hll.HllSelfTest;

/**
 * The HyperLogLog commands ({@code hyperloglog.c}): PFADD, PFCOUNT, PFMERGE, PFDEBUG and PFSELFTEST over string
 * values in Redis's exact format ({@link HllLayout}, algorithms in {@link Hll}).
 * <p>
 * A HyperLogLog is an ordinary string: GET returns Redis's bytes, and a string copied from Redis works here. Each
 * change copies the value onto the heap under the key's segment write lock, runs Redis's algorithm on the copy and
 * writes the result back in place (the entry keeps its TTL); a value that did not change is not written. PFCOUNT of
 * one key is a write too, as in Redis: it stores the cardinality it computed in the header's cache. Thread-safe
 * (stateless).
 */
public final class HyperLogLogOps {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private HyperLogLogOps() {
    }

    /** Copies the live string value in bucket {@code b} (type checked) onto the heap, or throws HLL_WRONGTYPE. */
    private static byte[] load(final Segment s, final int b) {
        if (s.type(b) != TYPE_STRING) {
            throw KvError.WRONGTYPE.exception();
        }
        final int length = s.valueLength(b);
        final byte[] value = new byte[length];
        NativeBytes.copy(null, s.valueAddress(b), value, BASE, length);
        if (!Hll.isHll(value, length)) {
            throw KvError.HLL_WRONGTYPE.exception();
        }
        return value;
    }

    private static Hll loadHll(final Segment s, final int b) {
        final byte[] value = load(s, b);
        return Hll.copyOf(value, value.length);
    }

    private static void store(final Segment s, final long hash, final byte[] key, final int b, final Hll h) {
        s.putString(hash, key, BASE, key.length, b, h.array(), BASE, h.length(), b < 0 ? 0 : s.expireAt(b));
    }

    /**
     * {@code PFADD key [element ...]}: creates the key (sparse) when missing, adds each element, and marks the
     * cached cardinality stale when a register changed. Keeps the TTL.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param elements the elements, possibly none.
     * @param sparseMaxBytes {@code hll-sparse-max-bytes}.
     * @return 1 when the key was created or a register changed (the key is then modified), else 0.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED (registers changed before the corruption was met
     *     stay changed, as in Redis).
     */
    public static long pfadd(final Keyspace ks, final byte[] key, final byte[][] elements,
        final long sparseMaxBytes) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            final byte[] original = b < 0 ? null : load(s, b);
            final Hll h = b < 0 ? Hll.empty() : Hll.copyOf(original, original.length);
            int updated = b < 0 ? 1 : 0;
            boolean corrupted = false;
            for (final byte[] element : elements) {
                final int r = h.add(element, sparseMaxBytes);
                if (r < 0) {
                    corrupted = true;
                    break;
                }
                updated += r;
            }
            if (updated > 0 && !corrupted) {
                h.invalidateCache();
            }
            if (original == null || !Arrays.equals(original, 0, original.length, h.array(), 0, h.length())) {
                store(s, hash, key, b, h);
            }
            if (corrupted) {
                throw KvError.HLL_CORRUPTED.exception();
            }
            return updated > 0 ? 1 : 0;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code PFCOUNT key}: the cached cardinality when valid, else the estimate, which is then cached in the value
     * (a write, signalled to WATCH as Redis does).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the estimate (0 for a missing key) and whether the value was written.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED.
     */
    public static Written<Long> pfcount(final Keyspace ks, final byte[] key) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b < 0) {
                return new Written<>(0L, false);
            }
            final long cached = cachedCardinality(s, b);
            if (cached >= 0) {
                return new Written<>(cached, false);
            }
            final Hll h = loadHll(s, b);
            final long card = h.count();
            if (card == -1) {
                throw KvError.HLL_CORRUPTED.exception();
            }
            h.cachedCardinality(card);
            store(s, hash, key, b, h);
            return new Written<>(card, true);
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * Reads a valid cached cardinality from the value's header alone, sparing the copy of the registers.
     *
     * @return the cardinality, or -1 when the cache is stale or the value is not a HyperLogLog (the caller then loads
     *     it, which reports the error).
     */
    private static long cachedCardinality(final Segment s, final int b) {
        final int length = s.valueLength(b);
        if (s.type(b) != TYPE_STRING || length < HllLayout.HEADER_SIZE) {
            return -1;
        }
        final byte[] header = new byte[HllLayout.HEADER_SIZE];
        NativeBytes.copy(null, s.valueAddress(b), header, BASE, header.length);
        if (!Hll.isHll(header, length)) {
            return -1;
        }
        final Hll h = Hll.copyOf(header, header.length);
        return h.cacheValid() ? h.cachedCardinality() : -1;
    }

    /**
     * {@code PFCOUNT key key [key ...]}: the estimate of the union, from a temporary set of byte registers (missing
     * keys count as empty), with every key's segment locked so the union is of one moment. Changes nothing.
     *
     * @param ks the keyspace.
     * @param keys two or more keys.
     * @return the estimate.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED, for the first bad key in order.
     */
    public static long pfcountUnion(final Keyspace ks, final byte[][] keys) {
        final byte[] max = new byte[HllLayout.REGISTERS];
        try (LockedObjects locked = new LockedObjects(ks, keys)) {
            for (int i = 0; i < keys.length; i++) {
                merge(locked.string(i), max);
            }
        }
        return Hll.countRaw(max);
    }

    /**
     * Raises {@code max} to a value's registers ({@code isHLLObjectOrReply}, then {@code hllMerge}).
     *
     * @return whether the value is dense; false when missing (null).
     */
    private static boolean merge(final byte[] value, final byte[] max) {
        if (value == null) {
            return false;
        }
        if (!Hll.isHll(value, value.length)) {
            throw KvError.HLL_WRONGTYPE.exception();
        }
        final Hll h = Hll.copyOf(value, value.length);
        if (!h.mergeInto(max)) {
            throw KvError.HLL_CORRUPTED.exception();
        }
        return h.encoding() == HllLayout.DENSE;
    }

    /**
     * {@code PFMERGE destkey [sourcekey ...]}: the union of the destination and the sources, written to the
     * destination (created sparse when missing; dense when any input is dense), its cache marked stale. Keeps the
     * destination's TTL. Every key's segment is locked throughout, so the command is atomic as in Redis.
     *
     * @param ks the keyspace.
     * @param dest the destination, read as the first source.
     * @param sources the other sources.
     * @param sparseMaxBytes {@code hll-sparse-max-bytes}.
     * @throws KvException WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED; the destination is then unchanged.
     */
    public static void pfmerge(final Keyspace ks, final byte[] dest, final byte[][] sources,
        final long sparseMaxBytes) {
        final byte[][] all = new byte[sources.length + 1][];
        all[0] = dest;
        System.arraycopy(sources, 0, all, 1, sources.length);
        final byte[] max = new byte[HllLayout.REGISTERS];
        try (LockedObjects locked = new LockedObjects(ks, all)) {
            final byte[] current = locked.string(0);
            boolean dense = merge(current, max);
            for (int i = 1; i < all.length; i++) {
                dense |= merge(locked.string(i), max);
            }
            final Hll h = current == null ? Hll.empty() : Hll.copyOf(current, current.length);
            if (dense && !h.toDense()) {
                throw KvError.HLL_CORRUPTED.exception();
            }
            for (int j = 0; j < HllLayout.REGISTERS; j++) {
                if (max[j] != 0) {
                    h.set(j, max[j], sparseMaxBytes);
                }
            }
            h.invalidateCache();
            locked.putStringKeepTtl(0, h.array(), h.length());
        }
    }

    /**
     * {@code PFDEBUG subcommand key}: GETREG (the 16384 registers, turning a sparse value dense), DECODE (the sparse
     * opcodes), ENCODING ({@code dense} or {@code sparse}), TODENSE (1 when it converted). As in Redis the key is
     * checked before the subcommand, and conversions are not signalled to WATCH.
     *
     * @param ks the keyspace.
     * @param subcommand the subcommand, any case.
     * @param key the key.
     * @return a {@code long[]} for GETREG, a String for DECODE and ENCODING, a Long for TODENSE.
     * @throws KvException HLL_KEY_MISSING, WRONGTYPE, HLL_WRONGTYPE, HLL_CORRUPTED, HLL_NOT_SPARSE,
     *     PFDEBUG_UNKNOWN_SUBCOMMAND.
     */
    public static Object pfdebug(final Keyspace ks, final String subcommand, final byte[] key) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b < 0) {
                throw KvError.HLL_KEY_MISSING.exception();
            }
            final Hll h = loadHll(s, b);
            switch (subcommand.toLowerCase(Locale.ROOT)) {
                case "getreg":
                    toDense(s, hash, key, b, h);
                    return h.registers();
                case "decode":
                    if (h.encoding() != HllLayout.SPARSE) {
                        throw KvError.HLL_NOT_SPARSE.exception();
                    }
                    return h.decode();
                case "encoding":
                    return h.encoding() == HllLayout.DENSE ? "dense" : "sparse";
                case "todense":
                    return toDense(s, hash, key, b, h) ? 1L : 0L;
                default:
                    throw new KvException(KvError.PFDEBUG_UNKNOWN_SUBCOMMAND,
                        KvError.PFDEBUG_UNKNOWN_SUBCOMMAND.format(subcommand));
            }
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    private static boolean toDense(final Segment s, final long hash, final byte[] key, final int b, final Hll h) {
        if (h.encoding() != HllLayout.SPARSE) {
            return false;
        }
        if (!h.toDense()) {
            throw KvError.HLL_CORRUPTED.exception();
        }
        store(s, hash, key, b, h);
        return true;
    }

    /**
     * {@code PFSELFTEST}: see {@link HllSelfTest}. Takes a few seconds.
     *
     * @param random the randomness.
     * @param sparseMaxBytes {@code hll-sparse-max-bytes}.
     * @throws KvException PFSELFTEST_FAILED.
     */
    public static void pfselftest(final Random random, final long sparseMaxBytes) {
        final String failure = HllSelfTest.run(random, sparseMaxBytes);
        if (failure != null) {
            throw new KvException(KvError.PFSELFTEST_FAILED, KvError.PFSELFTEST_FAILED.format(failure));
        }
    }
}
