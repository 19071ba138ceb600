package io.minikv.engine.type;

import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.memory.OffHeapArena;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.table.TableLayout;
import io.minikv.engine.type.set.MemberSet;

/**
 * {@code OBJECT ENCODING} and {@code OBJECT REFCOUNT} ({@code object.c}): what Redis 7.0 would report for the same
 * value under its default configuration; and {@code MEMORY USAGE}, in this store's own terms. Thread-safe
 * (stateless).
 * <p>
 * <b>Collections</b> answer from the value itself ({@link io.minikv.engine.keyspace.ObjectValue#encoding()}), which
 * tracks Redis's one-way conversions.
 * <p>
 * <b>Strings</b> are stored as plain bytes, so their encoding is derived from the content by the rules of
 * {@code tryObjectEncoding}, which Redis applies to every value SET, MSET, GETSET and friends store: {@code int} for a
 * strict 64-bit integer of at most 20 characters, {@code embstr} up to 44 bytes, {@code raw} beyond. Redis also
 * keeps strings that APPEND, SETRANGE or SETBIT modified in place as {@code raw} whatever their length, and stores
 * INCRBYFLOAT results as {@code embstr} even when they read as integers; mini-kv does not record how a string was
 * written, so it reports those by content too.
 */
public final class ObjectOps {
    /** Redis's {@code OBJ_ENCODING_EMBSTR_SIZE_LIMIT}. */
    static final int EMBSTR_SIZE_LIMIT = 44;
    /** Redis's {@code OBJ_SHARED_INTEGERS}: integers below it share one object. */
    static final long SHARED_INTEGERS = 10000;
    /** Redis's {@code OBJ_SHARED_REFCOUNT}, which OBJECT REFCOUNT shows for a shared object. */
    public static final long SHARED_REFCOUNT = Integer.MAX_VALUE;
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private ObjectOps() {
    }

    /**
     * {@code OBJECT ENCODING key}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the encoding name, or null when the key is missing.
     */
    public static String encoding(final Keyspace ks, final byte[] key) {
        return readLive(ks, key, (s, b) -> s.type(b) != EntryLayout.TYPE_STRING ? s.object(b).encoding()
            : stringEncoding(s.value(b)));
    }

    /**
     * {@code OBJECT REFCOUNT key}: Redis 7.0 shares the integers 0 to 9999 between keys (with the default
     * {@code noeviction} policy) and reports {@link #SHARED_REFCOUNT} for them; every other value has one reference.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the count, or -1 when the key is missing.
     */
    public static long refcount(final Keyspace ks, final byte[] key) {
        final Long count = readLive(ks, key, (s, b) -> {
            if (s.type(b) != EntryLayout.TYPE_STRING) {
                return 1L;
            }
            final byte[] value = s.value(b);
            if (!MemberSet.isIntsetMember(value)) {
                return 1L;
            }
            final long n = NumberText.parseLong(value);
            return n >= 0 && n < SHARED_INTEGERS ? SHARED_REFCOUNT : 1L;
        });
        return count == null ? -1 : count;
    }

    /**
     * {@code MEMORY USAGE key}: the bytes the key takes in this store, which is not Redis's figure for the same key:
     * its arena block (header, key and, for a string, the value, rounded up to the block's size class), its table
     * bucket, and for a collection the value's own heap estimate ({@link io.minikv.engine.keyspace.ObjectValue}).
     * Exact for the store's accounting, so nothing is sampled.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the bytes, or null when the key is missing.
     */
    public static Long memoryUsage(final Keyspace ks, final byte[] key) {
        return readLive(ks, key, (s, b) -> {
            final long bucket = TableLayout.BUCKET_LENGTH;
            if (s.type(b) == EntryLayout.TYPE_STRING) {
                return bucket + OffHeapArena.blockSize(EntryLayout.stringEntryLength(s.keyLength(b),
                    s.valueLength(b)));
            }
            return bucket + OffHeapArena.blockSize(EntryLayout.objectEntryLength(s.keyLength(b)))
                + s.object(b).memoryBytes();
        });
    }

    /** Reads a live entry under its segment's read lock. */
    private interface EntryRead<T> {
        T read(Segment s, int bucket);
    }

    private static <T> T readLive(final Keyspace ks, final byte[] key, final EntryRead<T> read) {
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final long stamp = s.lock().readLock();
        try {
            final int b = s.find(hash, key, BASE, key.length);
            return b < 0 || s.isExpired(b, ks.now()) ? null : read.read(s, b);
        } finally {
            s.lock().unlockRead(stamp);
        }
    }

    /**
     * Returns the encoding {@code tryObjectEncoding} gives a string value.
     *
     * @param value the bytes.
     * @return {@code int}, {@code embstr} or {@code raw}.
     */
    static String stringEncoding(final byte[] value) {
        if (MemberSet.isIntsetMember(value)) {
            return "int";
        }
        return value.length <= EMBSTR_SIZE_LIMIT ? "embstr" : "raw";
    }
}
