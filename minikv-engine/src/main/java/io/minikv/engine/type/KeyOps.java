package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.minikv.api.KvError;
import io.minikv.api.ScanResult;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.GlobMatcher;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectTypes;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.keyspace.SegmentLocks;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.rdb.DumpPayload;
import io.minikv.engine.table.HopscotchTable;
import io.minikv.engine.table.KeyHash;

/**
 * The key-generic commands ({@code db.c}): DEL, EXISTS, TYPE, TOUCH, KEYS, SCAN, RANDOMKEY, RENAME, RENAMENX, COPY,
 * MOVE, DUMP, RESTORE. Thread-safe (stateless).
 * <p>
 * <b>SCAN.</b> The cursor is {@code segment << 32 | v}, where {@code v} walks a segment's home buckets in Redis's
 * reverse-binary order ({@code dictScan}): when a table doubles between two calls, the home buckets not yet visited
 * in the old table map to buckets not yet visited in the new one, so a key present for the whole scan is returned at
 * least once.
 */
public final class KeyOps {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private KeyOps() {
    }

    /**
     * Returns the type tag of a live key under the read lock.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the tag, 0 when missing or expired.
     */
    private static byte typeTag(final Keyspace ks, final byte[] key) {
        final long now = ks.now();
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().readLock();
        try {
            final int b = s.find(hash, key, BASE, key.length);
            return b < 0 || s.isExpired(b, now) ? 0 : s.type(b);
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    /**
     * {@code TYPE key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the type.
     */
    public static ValueType type(final Keyspace ks, final byte[] key) {
        return ObjectTypes.type(typeTag(ks, key));
    }

    /**
     * {@code EXISTS key...} and {@code TOUCH key...}.
     *
     * @param ks the keyspace.
     * @param keys the keys.
     * @return how many exist, duplicates counted.
     */
    public static long exists(final Keyspace ks, final byte[]... keys) {
        long n = 0;
        for (final byte[] key : keys) {
            if (typeTag(ks, key) != 0) {
                n++;
            }
        }
        return n;
    }

    /**
     * {@code DEL key...}.
     *
     * @param ks the keyspace.
     * @param keys the keys.
     * @return how many were removed.
     */
    public static long del(final Keyspace ks, final byte[]... keys) {
        long n = 0;
        for (final byte[] key : keys) {
            if (delete(ks, key)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Deletes one key: {@code DEL} is this, key after key, each under its own segment lock.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return whether a live key was removed.
     */
    public static boolean delete(final Keyspace ks, final byte[] key) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b < 0) {
                return false;
            }
            s.removeKey(hash, b);
            return true;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    // ------------------------------------------------------------------------------------------- iteration

    /**
     * {@code KEYS pattern}.
     *
     * @param ks the keyspace.
     * @param pattern the glob.
     * @return the matching live keys.
     */
    public static List<byte[]> keys(final Keyspace ks, final byte[] pattern) {
        final boolean all = pattern.length == 1 && pattern[0] == '*';
        final long now = ks.now();
        final List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < Keyspace.SEGMENTS; i++) {
            final Segment s = ks.segmentAt(i);
            final long stamp = s.lock().readLock();
            try {
                final HopscotchTable t = s.table();
                if (t == null) {
                    continue;
                }
                for (int home = 0; home < t.capacity(); home++) {
                    collect(s, t, home, now, all ? null : pattern, null, out);
                }
            } finally {
                s.lock().unlockRead(stamp);
            }
        }
        return out;
    }

    /** Adds the live keys of one home bucket that match the pattern and type (lock held). */
    private static void collect(final Segment s, final HopscotchTable t, final int home, final long now,
        final byte[] pattern, final ValueType type, final List<byte[]> out) {
        long hop = t.hop(home);
        while (hop != 0) {
            final int b = home + Long.numberOfTrailingZeros(hop);
            hop &= hop - 1;
            if (s.isExpired(b, now)) {
                continue;
            }
            if (type != null && ObjectTypes.type(s.type(b)) != type) {
                continue;
            }
            final byte[] key = s.key(b);
            if (pattern == null || GlobMatcher.matches(pattern, key)) {
                out.add(key);
            }
        }
    }

    /**
     * {@code SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]}.
     *
     * @param ks the keyspace.
     * @param cursor 0 or a returned cursor.
     * @param pattern the glob or null.
     * @param count work per call.
     * @param type the type filter or null.
     * @return the batch.
     */
    public static ScanResult scan(final Keyspace ks, final long cursor, final byte[] pattern, final long count,
        final ValueType type) {
        int segment = (int) (cursor >>> 32);
        int v = (int) cursor;
        if (segment >= Keyspace.SEGMENTS) {
            return new ScanResult(0, List.of());
        }
        final byte[] glob = pattern == null || (pattern.length == 1 && pattern[0] == '*') ? null : pattern;
        final long wanted = Math.max(1, count);
        // Redis visits at most COUNT * 10 buckets per call; saturate instead of overflowing for huge counts.
        long budget = wanted > Long.MAX_VALUE / 10 ? Long.MAX_VALUE : wanted * 10;
        final long now = ks.now();
        final List<byte[]> out = new ArrayList<>();
        while (segment < Keyspace.SEGMENTS && out.size() < wanted && budget > 0) {
            final Segment s = ks.segmentAt(segment);
            final long stamp = s.lock().readLock();
            try {
                final HopscotchTable t = s.table();
                if (t == null) {
                    v = 0;
                } else {
                    final int mask = t.mask();
                    do {
                        collect(s, t, v & mask, now, glob, type, out);
                        budget--;
                        v = ScanCursor.next(v, mask);
                    } while (v != 0 && out.size() < wanted && budget > 0);
                }
            } finally {
                s.lock().unlockRead(stamp);
            }
            if (v == 0) {
                segment++;
            }
        }
        final long next = segment >= Keyspace.SEGMENTS ? 0 : ((long) segment << 32) | (v & 0xFFFF_FFFFL);
        return new ScanResult(next, out);
    }

    /**
     * {@code RANDOMKEY}.
     *
     * @param ks the keyspace.
     * @return a live key or null.
     */
    public static byte[] randomkey(final Keyspace ks) {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final int first = random.nextInt(Keyspace.SEGMENTS);
        final long now = ks.now();
        for (int i = 0; i < Keyspace.SEGMENTS; i++) {
            final Segment s = ks.segmentAt((first + i) & (Keyspace.SEGMENTS - 1));
            if (s.keys() == 0) {
                continue;
            }
            final long stamp = s.lock().readLock();
            try {
                final HopscotchTable t = s.table();
                if (t == null) {
                    continue;
                }
                final int capacity = t.capacity();
                final int start = random.nextInt(capacity);
                for (int j = 0; j < capacity; j++) {
                    final int home = (start + j) & (capacity - 1);
                    long hop = t.hop(home);
                    while (hop != 0) {
                        final int b = home + Long.numberOfTrailingZeros(hop);
                        hop &= hop - 1;
                        if (!s.isExpired(b, now)) {
                            return s.key(b);
                        }
                    }
                }
            } finally {
                s.lock().unlockRead(stamp);
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------- moving keys

    /**
     * {@code RENAME} / {@code RENAMENX}.
     *
     * @param ks the keyspace.
     * @param key the source.
     * @param newKey the destination.
     * @param nx true for RENAMENX.
     * @return true when renamed (RENAME to itself counts as renamed; RENAMENX to itself does not).
     */
    public static boolean rename(final Keyspace ks, final byte[] key, final byte[] newKey, final boolean nx) {
        final long now = ks.now();
        final long h1 = KeyHash.hash(key);
        final long h2 = KeyHash.hash(newKey);
        final Segment src = ks.segment(h1);
        final Segment dst = ks.segment(h2);
        try (SegmentLocks locks = new SegmentLocks(src, dst)) {
            final int b = src.findLive(h1, key, BASE, key.length, now);
            if (b < 0) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            if (Arrays.equals(key, newKey)) {
                return !nx;
            }
            final int d = dst.findLive(h2, newKey, BASE, newKey.length, now);
            if (nx && d >= 0) {
                return false;
            }
            transfer(src, b, dst, h2, newKey, d, false);
            src.removeKey(h1, src.find(h1, key, BASE, key.length));
            return true;
        }
    }

    /**
     * {@code COPY source destination [DB db] [REPLACE]}.
     *
     * @param from the source keyspace.
     * @param to the destination keyspace.
     * @param key the source key.
     * @param newKey the destination key.
     * @param replace whether to replace an existing destination.
     * @return true when copied.
     */
    public static boolean copy(final Keyspace from, final Keyspace to, final byte[] key, final byte[] newKey,
        final boolean replace) {
        from.checkWrite();
        if (from == to && Arrays.equals(key, newKey)) {
            throw KvError.SAME_OBJECT.exception();
        }
        final long now = from.now();
        final long h1 = KeyHash.hash(key);
        final long h2 = KeyHash.hash(newKey);
        final Segment src = from.segment(h1);
        final Segment dst = to.segment(h2);
        try (SegmentLocks locks = new SegmentLocks(src, dst)) {
            final int b = src.findLive(h1, key, BASE, key.length, now);
            if (b < 0) {
                return false;
            }
            final int d = dst.findLive(h2, newKey, BASE, newKey.length, now);
            if (d >= 0 && !replace) {
                return false;
            }
            transfer(src, b, dst, h2, newKey, d, true);
            return true;
        }
    }

    /**
     * {@code MOVE key db}.
     *
     * @param from the source keyspace.
     * @param to the destination keyspace.
     * @param key the key.
     * @return true when moved.
     */
    public static boolean move(final Keyspace from, final Keyspace to, final byte[] key) {
        if (from == to) {
            throw KvError.SAME_OBJECT.exception();
        }
        final long now = from.now();
        final long hash = KeyHash.hash(key);
        final Segment src = from.segment(hash);
        final Segment dst = to.segment(hash);
        try (SegmentLocks locks = new SegmentLocks(src, dst)) {
            final int b = src.findLive(hash, key, BASE, key.length, now);
            if (b < 0) {
                return false;
            }
            final int d = dst.findLive(hash, key, BASE, key.length, now);
            if (d >= 0) {
                return false;
            }
            transfer(src, b, dst, hash, key, -1, false);
            src.removeKey(hash, src.find(hash, key, BASE, key.length));
            return true;
        }
    }

    /**
     * {@code DUMP key}: the value in Redis's DUMP payload format, captured under the segment's read lock.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the payload, null when the key is missing.
     */
    public static byte[] dump(final Keyspace ks, final byte[] key) {
        final long now = ks.now();
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().readLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, now);
            if (b < 0) {
                return null;
            }
            return s.type(b) == EntryLayout.TYPE_STRING ? DumpPayload.dumpString(s.value(b))
                : DumpPayload.dumpObject(s.object(b));
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    /** {@link #restore}: the key was created. */
    public static final int RESTORED = 0;
    /** {@link #restore}: the key exists and REPLACE was not given; nothing changed. */
    public static final int BUSY = 1;
    /** {@link #restore}: the deadline has passed; the key was deleted (with REPLACE) and not created. */
    public static final int EXPIRED_DELETED = 2;
    /** {@link #restore}: the deadline has passed and no key was deleted; nothing changed. */
    public static final int EXPIRED = 3;

    /**
     * The write of {@code RESTORE key ttl payload [REPLACE]}, once the payload is decoded: as Redis's
     * {@code restoreCommand}, a deadline already passed creates nothing (and deletes the key REPLACE names).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param value a {@code byte[]} string or an {@link ObjectValue} from {@link DumpPayload#restore}.
     * @param expireAt the absolute deadline in ms, 0 for none.
     * @param replace whether an existing key is replaced.
     * @return {@link #RESTORED}, {@link #BUSY}, {@link #EXPIRED_DELETED} or {@link #EXPIRED}.
     */
    public static int restore(final Keyspace ks, final byte[] key, final Object value, final long expireAt,
        final boolean replace) {
        ks.checkWrite();
        final long now = ks.now();
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            int b = s.findLive(hash, key, BASE, key.length, now);
            if (b >= 0 && !replace) {
                return BUSY;
            }
            if (expireAt != 0 && expireAt <= now) {
                if (b >= 0) {
                    s.removeKey(hash, b);
                    return EXPIRED_DELETED;
                }
                return EXPIRED;
            }
            if (b < 0) {
                // An expired entry still in place is overwritten like a missing one.
                b = s.find(hash, key, BASE, key.length);
            }
            if (value instanceof byte[]) {
                final byte[] string = (byte[]) value;
                s.putString(hash, key, BASE, key.length, b, string, BASE, string.length, expireAt);
            } else {
                s.putObject(hash, key, BASE, key.length, b, (ObjectValue) value, expireAt);
            }
            return RESTORED;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * Writes the value and TTL of {@code src}'s bucket {@code b} at {@code newKey} in {@code dst} (both locked). The
     * source stays in place; a growth of {@code dst} may move its bucket, so callers find it again to remove it.
     */
    private static void transfer(final Segment src, final int b, final Segment dst, final long hash,
        final byte[] newKey, final int d, final boolean deepCopy) {
        final long expireAt = src.expireAt(b);
        // A COPY was admitted by checkWrite and must fit; RENAME and MOVE are never refused for memory.
        dst.allowOverLimit(!deepCopy);
        try {
            if (src.type(b) == EntryLayout.TYPE_STRING) {
                dst.putString(hash, newKey, BASE, newKey.length, d, null, src.valueAddress(b), src.valueLength(b),
                    expireAt);
            } else {
                final ObjectValue value = src.object(b);
                dst.putObject(hash, newKey, BASE, newKey.length, d, deepCopy ? value.copy() : value, expireAt);
            }
        } finally {
            dst.allowOverLimit(false);
        }
    }
}
