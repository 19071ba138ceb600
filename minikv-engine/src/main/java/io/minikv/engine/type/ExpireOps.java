package io.minikv.engine.type;

import io.minikv.api.ExpireCondition;
import io.minikv.api.KvError;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;

/**
 * The TTL commands ({@code expire.c}): EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT with NX XX GT LT, TTL, PTTL, PERSIST,
 * EXPIRETIME, PEXPIRETIME. Deadlines are absolute Unix milliseconds from the store's clock. Thread-safe (stateless).
 */
public final class ExpireOps {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private ExpireOps() {
    }

    /**
     * The EXPIRE family: converts the argument to an absolute deadline with Redis's overflow checks, then applies it.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param value the argument.
     * @param seconds true when the unit is seconds.
     * @param relative true when relative to now.
     * @param condition NX XX GT LT or ALWAYS.
     * @param command the command name for the error text.
     * @return true when set or deleted.
     */
    public static boolean expire(final Keyspace ks, final byte[] key, final long value, final boolean seconds,
        final boolean relative, final ExpireCondition condition, final String command) {
        final long now = ks.now();
        long when = value;
        if (seconds) {
            if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
                throw KvError.invalidExpireTime(command);
            }
            when *= 1000;
        }
        if (relative) {
            if (when > Long.MAX_VALUE - now) {
                throw KvError.invalidExpireTime(command);
            }
            when += now;
        }
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, now);
            if (b < 0) {
                return false;
            }
            final long current = s.expireAt(b);
            switch (condition) {
                case NX:
                    if (current != 0) {
                        return false;
                    }
                    break;
                case XX:
                    if (current == 0) {
                        return false;
                    }
                    break;
                case GT:
                    // No TTL counts as an infinite TTL: nothing is greater.
                    if (current == 0 || when <= current) {
                        return false;
                    }
                    break;
                case LT:
                    if (current != 0 && when >= current) {
                        return false;
                    }
                    break;
                default:
                    break;
            }
            if (when <= now) {
                s.removeKey(hash, b);
            } else {
                s.expireAt(b, when);
            }
            return true;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }

    /**
     * Returns the deadline of a live key.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param now the current time.
     * @return the deadline, 0 without TTL, -1 when missing.
     */
    private static long deadline(final Keyspace ks, final byte[] key, final long now) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().readLock();
        try {
            final int b = s.find(hash, key, BASE, key.length);
            if (b < 0 || s.isExpired(b, now)) {
                return -1;
            }
            return s.expireAt(b);
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    /**
     * {@code PTTL key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return ms left, -1 without TTL, -2 missing.
     */
    public static long pttl(final Keyspace ks, final byte[] key) {
        final long now = ks.now();
        final long at = deadline(ks, key, now);
        if (at <= 0) {
            return at == 0 ? -1 : -2;
        }
        return Math.max(0, at - now);
    }

    /**
     * {@code TTL key}: rounded as Redis rounds ({@code (ms + 500) / 1000}).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return seconds left, -1 without TTL, -2 missing.
     */
    public static long ttl(final Keyspace ks, final byte[] key) {
        final long ms = pttl(ks, key);
        return ms < 0 ? ms : (ms + 500) / 1000;
    }

    /**
     * {@code PEXPIRETIME key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the deadline in ms, -1 without TTL, -2 missing.
     */
    public static long pexpiretime(final Keyspace ks, final byte[] key) {
        final long at = deadline(ks, key, ks.now());
        return at <= 0 ? (at == 0 ? -1 : -2) : at;
    }

    /**
     * {@code EXPIRETIME key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the deadline in seconds, -1 without TTL, -2 missing.
     */
    public static long expiretime(final Keyspace ks, final byte[] key) {
        final long at = pexpiretime(ks, key);
        // Rounded to the nearest second, as Redis does ((ms + 500) / 1000), without overflowing near Long.MAX_VALUE.
        return at < 0 ? at : at / 1000 + (at % 1000 >= 500 ? 1 : 0);
    }

    /**
     * {@code PERSIST key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return true when a TTL was removed.
     */
    public static boolean persist(final Keyspace ks, final byte[] key) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().writeLock();
        try {
            final int b = s.findLive(hash, key, BASE, key.length, ks.now());
            if (b < 0 || s.expireAt(b) == 0) {
                return false;
            }
            s.expireAt(b, 0);
            return true;
        } finally {
            s.lock().unlockWrite(stamp);
        }
    }
}
