package io.minikv.engine.type;

import static io.minikv.engine.memory.EntryLayout.TYPE_STRING;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.locks.StampedLock;

import io.minikv.api.Expiration;
import io.minikv.api.KvError;
import io.minikv.api.SetArgs;
import io.minikv.api.SetCondition;
import io.minikv.api.ValueSink;
import io.minikv.api.ValueSource;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.keyspace.SegmentLocks;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;

/**
 * The string commands ({@code t_string.c}): GET and SET with all options, GETDEL, GETEX, APPEND, STRLEN, GETRANGE,
 * SETRANGE, INCRBY, INCRBYFLOAT.
 * <p>
 * Keys are {@code (base, offset, length)} triples (see {@link NativeBytes}) so the byte[] API and the zero-copy
 * buffer API share one implementation. GET and STRLEN read optimistically ({@link #read}); everything else runs under
 * the key's segment write lock, where expired entries are deleted on sight. Thread-safe (stateless).
 */
public final class StringOps {
    /** proto-max-bulk-len: the largest string value. */
    public static final long MAX_STRING_LENGTH = 512L * 1024 * 1024;

    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;
    private static final int OPTIMISTIC_ATTEMPTS = 4;

    private StringOps() {
    }

    /** A sink that copies the value onto the heap; each call replaces the previous copy (retry contract). */
    private static final class CopySink implements ValueSink {
        private byte[] value;

        @Override
        public void accept(final ValueSource source, final int offset, final int length) {
            final byte[] copy = new byte[length];
            source.getBytes(offset, copy, 0, length);
            value = copy;
        }
    }

    // ------------------------------------------------------------------------------------------- reads

    /**
     * Reads a string value optimistically, retrying and finally taking the read lock, and deletes it if it was seen
     * expired.
     *
     * @param ks the keyspace.
     * @param hash the key hash.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param sink receives the value, possibly more than once; null to only measure.
     * @return the value length, or -1 when missing.
     * @throws io.minikv.api.KvException WRONGTYPE.
     */
    public static int read(final Keyspace ks, final long hash, final Object kb, final long ko, final int kl,
        final ValueSink sink) {
        // The common outcomes (a hit or a miss on an unchanged segment) are decided here, in a method small enough to
        // be inlined into every caller; everything else starts over in readContended.
        final Segment s = ks.segment(hash);
        final StampedLock lock = s.lock();
        final long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            final int r = s.readString(hash, kb, ko, kl, ks.clock(), stamp, sink);
            if ((r >= 0 || r == Segment.MISSING) && lock.validate(stamp)) {
                return r;
            }
        }
        return readContended(ks, s, hash, kb, ko, kl, sink);
    }

    private static int readContended(final Keyspace ks, final Segment s, final long hash, final Object kb,
        final long ko, final int kl, final ValueSink sink) {
        final StampedLock lock = s.lock();
        final Clock clock = ks.clock();
        int r = Segment.RETRY;
        for (int i = 0; i < OPTIMISTIC_ATTEMPTS && r == Segment.RETRY; i++) {
            final long stamp = lock.tryOptimisticRead();
            if (stamp == 0) {
                Thread.onSpinWait();
                continue;
            }
            r = s.readString(hash, kb, ko, kl, clock, stamp, sink);
            if (!lock.validate(stamp)) {
                r = Segment.RETRY;
            }
        }
        if (r == Segment.RETRY) {
            // Guaranteed progress: writers keep invalidating us, so wait for them once.
            final long stamp = lock.readLock();
            try {
                r = s.readString(hash, kb, ko, kl, clock, 0, sink);
            } finally {
                lock.unlockRead(stamp);
            }
        }
        switch (r) {
            case Segment.WRONG_TYPE:
                throw KvError.WRONGTYPE.exception();
            case Segment.EXPIRED:
                ks.deleteIfExpired(hash, kb, ko, kl, ks.now());
                return -1;
            case Segment.RETRY:
                throw new IllegalStateException("inconsistent entry under the read lock");
            default:
                return r;
        }
    }

    /**
     * {@code GET key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the value or null.
     */
    public static byte[] get(final Keyspace ks, final byte[] key) {
        final CopySink sink = new CopySink();
        return read(ks, KeyHash.hash(key), key, BASE, key.length, sink) < 0 ? null : sink.value;
    }

    /**
     * {@code GET key} for MGET: a non-string reads as null.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the value or null.
     */
    public static byte[] getOrNull(final Keyspace ks, final byte[] key) {
        final CopySink sink = new CopySink();
        final long hash = KeyHash.hash(key);
        try {
            return read(ks, hash, key, BASE, key.length, sink) < 0 ? null : sink.value;
        } catch (final io.minikv.api.KvException e) {
            return null;
        }
    }

    /**
     * {@code STRLEN key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the length, 0 when missing.
     */
    public static long strlen(final Keyspace ks, final byte[] key) {
        return Math.max(0, read(ks, KeyHash.hash(key), key, BASE, key.length, null));
    }

    /**
     * {@code GETRANGE key start end}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param start first offset.
     * @param end last offset.
     * @return the substring.
     */
    public static byte[] getrange(final Keyspace ks, final byte[] key, final long start, final long end) {
        // The type is checked first (get throws WRONGTYPE), as in Redis, even when the range is empty anyway.
        final byte[] value = get(ks, key);
        if (value == null || start < 0 && end < 0 && start > end) {
            return new byte[0];
        }
        final long len = value.length;
        long from = start < 0 ? len + start : start;
        long to = end < 0 ? len + end : end;
        from = Math.max(0, from);
        to = Math.max(0, to);
        if (to >= len) {
            to = len - 1;
        }
        if (from > to || len == 0) {
            return new byte[0];
        }
        final byte[] out = new byte[(int) (to - from + 1)];
        System.arraycopy(value, (int) from, out, 0, out.length);
        return out;
    }

    // ------------------------------------------------------------------------------------------- SET family

    /**
     * {@code SET key value [NX|XX] [expiration]}, from any memory, without allocating for {@link SetArgs#PLAIN}.
     *
     * @param ks the keyspace.
     * @param kb key base.
     * @param ko key offset.
     * @param kl key length.
     * @param vb value base.
     * @param vo value offset.
     * @param vl value length.
     * @param args condition and expiration.
     * @return true when written.
     */
    public static boolean set(final Keyspace ks, final Object kb, final long ko, final int kl, final Object vb,
        final long vo, final int vl, final SetArgs args) {
        final long now = ks.now();
        final Expiration expiration = args.expiration();
        final long deadline = expiration == null ? 0 : expiration.deadlineMillis(now, "set");
        final long hash = KeyHash.hash(kb, ko, kl);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, kb, ko, kl, now);
            if (!conditionMet(args.condition(), b)) {
                return false;
            }
            store(s, hash, kb, ko, kl, b, vb, vo, vl, expiration, deadline, now);
            return true;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code SET key value [NX|XX] [expiration] GET}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param value the value.
     * @param args condition and expiration.
     * @return the previous string value or null.
     */
    public static byte[] setGet(final Keyspace ks, final byte[] key, final byte[] value, final SetArgs args) {
        final long now = ks.now();
        final Expiration expiration = args.expiration();
        final long deadline = expiration == null ? 0 : expiration.deadlineMillis(now, "set");
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, now);
            byte[] old = null;
            if (b >= 0) {
                if (s.type(b) != TYPE_STRING) {
                    throw KvError.WRONGTYPE.exception();
                }
                old = s.value(b);
            }
            if (conditionMet(args.condition(), b)) {
                store(s, hash, key, BASE, key.length, b, value, BASE, value.length, expiration, deadline, now);
            }
            return old;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    private static boolean conditionMet(final SetCondition condition, final int b) {
        return condition == SetCondition.ALWAYS || (condition == SetCondition.IF_ABSENT) == (b < 0);
    }

    /** Writes a SET's value with its TTL rule: none clears, KEEPTTL keeps, a past deadline deletes. */
    private static void store(final Segment s, final long hash, final Object kb, final long ko, final int kl,
        final int b, final Object vb, final long vo, final int vl, final Expiration expiration, final long deadline,
        final long now) {
        long expireAt = deadline;
        if (expiration != null && expiration.kind() == Expiration.Kind.KEEP_TTL) {
            expireAt = b >= 0 ? s.expireAt(b) : 0;
        } else if (expiration != null && deadline <= now) {
            if (b >= 0) {
                s.removeKey(hash, b);
            }
            return;
        }
        s.putString(hash, kb, ko, kl, b, vb, vo, vl, expireAt);
    }

    /**
     * {@code GETDEL key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the deleted value or null.
     */
    public static byte[] getdel(final Keyspace ks, final byte[] key) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b < 0) {
                return null;
            }
            if (s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            final byte[] value = s.value(b);
            s.removeKey(hash, b);
            return value;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code GETEX key [EX|PX|EXAT|PXAT|PERSIST]}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param expiration the new expiry, PERSIST, or null.
     * @return the value or null; modified when an expiry was set, the key deleted by a past one, or a TTL removed.
     */
    public static Written<byte[]> getex(final Keyspace ks, final byte[] key, final Expiration expiration) {
        final long now = ks.now();
        final boolean persist = expiration != null && expiration.kind() == Expiration.Kind.PERSIST;
        if (expiration != null && expiration.kind() == Expiration.Kind.KEEP_TTL) {
            throw KvError.SYNTAX.exception();
        }
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, now);
            if (b < 0) {
                // Redis answers nil before it looks at the expire time, then checks the type.
                return new Written<byte[]>(null, false);
            }
            if (s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            final long deadline = expiration == null || persist ? 0 : expiration.deadlineMillis(now, "getex");
            final byte[] value = s.value(b);
            if (persist) {
                final boolean hadTtl = s.expireAt(b) != 0;
                s.expireAt(b, 0);
                return new Written<>(value, hadTtl);
            }
            if (expiration != null) {
                if (deadline <= now) {
                    s.removeKey(hash, b);
                } else {
                    s.expireAt(b, deadline);
                }
            }
            return new Written<>(value, expiration != null);
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    // ------------------------------------------------------------------------------------------- read-modify-write

    /**
     * {@code APPEND key value}: keeps the TTL.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param value the bytes to append.
     * @return the new length.
     */
    public static long append(final Keyspace ks, final byte[] key, final byte[] value) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b < 0) {
                checkLength(value.length);
                s.putString(hash, key, BASE, key.length, -1, value, BASE, value.length, 0);
                return value.length;
            }
            if (s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            final int oldLength = s.valueLength(b);
            final long total = (long) oldLength + value.length;
            checkLength(total);
            final byte[] joined = new byte[(int) total];
            NativeBytes.copy(null, s.valueAddress(b), joined, BASE, oldLength);
            System.arraycopy(value, 0, joined, oldLength, value.length);
            s.putString(hash, key, BASE, key.length, b, joined, BASE, joined.length, s.expireAt(b));
            return total;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code SETRANGE key offset value}: keeps the TTL.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param offset the offset.
     * @param value the bytes.
     * @return the new length.
     */
    public static long setrange(final Keyspace ks, final byte[] key, final long offset, final byte[] value) {
        if (offset < 0) {
            throw KvError.OFFSET_OUT_OF_RANGE.exception();
        }
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b >= 0 && s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            final int oldLength = b < 0 ? 0 : s.valueLength(b);
            if (value.length == 0) {
                return oldLength;
            }
            checkLength(offset + value.length);
            final int total = (int) Math.max(oldLength, offset + value.length);
            final byte[] out = new byte[total];
            if (b >= 0) {
                NativeBytes.copy(null, s.valueAddress(b), out, BASE, oldLength);
            }
            System.arraycopy(value, 0, out, (int) offset, value.length);
            s.putString(hash, key, BASE, key.length, b, out, BASE, total, b < 0 ? 0 : s.expireAt(b));
            return total;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code INCRBY key increment}: keeps the TTL.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param increment the amount.
     * @return the new value.
     */
    public static long incrby(final Keyspace ks, final byte[] key, final long increment) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            long current = 0;
            if (b >= 0) {
                if (s.type(b) != TYPE_STRING) {
                    throw KvError.WRONGTYPE.exception();
                }
                current = NumberText.parseLong(s.value(b));
            }
            final long next;
            try {
                next = Math.addExact(current, increment);
            } catch (final ArithmeticException e) {
                throw KvError.INCR_OVERFLOW.exception();
            }
            final byte[] text = NumberText.formatLong(next);
            s.putString(hash, key, BASE, key.length, b, text, BASE, text.length, b < 0 ? 0 : s.expireAt(b));
            return next;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code INCRBYFLOAT key increment}: keeps the TTL.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param increment the amount.
     * @return the new value's text.
     */
    public static String incrbyfloat(final Keyspace ks, final byte[] key, final double increment) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b >= 0 && s.type(b) != TYPE_STRING) {
                throw KvError.WRONGTYPE.exception();
            }
            final String next = NumberText.addFloat(b < 0 ? null : s.value(b), increment);
            final byte[] text = next.getBytes(StandardCharsets.US_ASCII);
            s.putString(hash, key, BASE, key.length, b, text, BASE, text.length, b < 0 ? 0 : s.expireAt(b));
            return next;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * {@code MSETNX key value ...}: every involved segment is locked (in lock order) for the check and the writes, so
     * it is all-or-nothing with respect to every other operation.
     *
     * @param ks the keyspace.
     * @param keysAndValues alternating keys and values.
     * @return true when all were set.
     */
    public static boolean msetnx(final Keyspace ks, final byte[][] keysAndValues) {
        final int n = keysAndValues.length / 2;
        final long[] hashes = new long[n];
        final Segment[] segments = new Segment[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = KeyHash.hash(keysAndValues[2 * i]);
            segments[i] = ks.segment(hashes[i]);
        }
        final long now = ks.now();
        try (SegmentLocks locks = new SegmentLocks(segments)) {
            for (int i = 0; i < n; i++) {
                final byte[] key = keysAndValues[2 * i];
                if (segments[i].findLive(hashes[i], key, BASE, key.length, now) >= 0) {
                    return false;
                }
            }
            for (int i = 0; i < n; i++) {
                final byte[] key = keysAndValues[2 * i];
                final byte[] value = keysAndValues[2 * i + 1];
                final int b = segments[i].find(hashes[i], key, BASE, key.length);
                segments[i].putString(hashes[i], key, BASE, key.length, b, value, BASE, value.length, 0);
            }
            return true;
        }
    }

    /**
     * Rejects strings longer than proto-max-bulk-len.
     *
     * @param length the length a write would produce.
     * @throws io.minikv.api.KvException STRING_TOO_LONG.
     */
    public static void checkLength(final long length) {
        if (length > MAX_STRING_LENGTH) {
            throw KvError.STRING_TOO_LONG.exception();
        }
    }
}
