package io.minikv.engine.type;

import io.minikv.api.KvError;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.keyspace.SegmentLocks;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.hash.FieldMap;

/**
 * The keys of one multi-key command (ZUNIONSTORE, SINTERSTORE, SMOVE, BITOP, PFMERGE...), with every segment
 * involved write-locked at once through {@link SegmentLocks} (ascending order, so no deadlock). That makes the
 * command atomic: sources cannot change while the result is computed, and a destination that is also a source is
 * replaced only after it was read.
 * <p>
 * Keys are looked up lazily and type-checked only when the command asks for a value, because Redis checks types in
 * a command-specific order (SMOVE answers 0 for a missing source before it looks at the destination's type; a STORE
 * never checks its destination's type). Buckets are found again for every change, since a change may move entries.
 * <p>
 * Not thread-safe: one instance per command, closed by the thread that opened it.
 */
final class LockedObjects implements AutoCloseable {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private final Keyspace ks;
    private final boolean wholeDatabase;
    private final byte[][] keys;
    private final long[] hashes;
    private final Segment[] segments;
    private final SegmentLocks locks;
    private final long now;

    /**
     * Locks the segments of the keys.
     *
     * @param ks the keyspace.
     * @param keys the keys, sources and destinations alike; duplicates allowed.
     */
    LockedObjects(final Keyspace ks, final byte[]... keys) {
        this(ks, false, keys);
    }

    /**
     * Locks the segments of the keys, or every segment of the database.
     *
     * @param ks the keyspace.
     * @param wholeDatabase whether to lock every segment, so that {@link #lookup} may read any key (SORT's patterns).
     * @param keys the keys, sources and destinations alike; duplicates allowed.
     */
    LockedObjects(final Keyspace ks, final boolean wholeDatabase, final byte[]... keys) {
        this.ks = ks;
        this.wholeDatabase = wholeDatabase;
        this.keys = keys;
        final int n = keys.length;
        this.hashes = new long[n];
        this.segments = new Segment[n];
        for (int i = 0; i < n; i++) {
            hashes[i] = KeyHash.hash(keys[i]);
            segments[i] = ks.segment(hashes[i]);
        }
        this.locks = wholeDatabase ? ks.lockAll() : new SegmentLocks(segments);
        this.now = ks.now();
    }

    private int bucket(final int i) {
        return segments[i].findLive(hashes[i], keys[i], BASE, keys[i].length, now);
    }

    /**
     * Returns the value of key i after checking its type.
     *
     * @param i the key's index.
     * @param tag the expected entry type tag.
     * @return the value, or null when the key is missing or expired.
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type.
     */
    ObjectValue value(final int i, final byte tag) {
        return value(i, tag, tag);
    }

    /**
     * Returns the value of key i after checking it has one of two types (ZUNION and friends also read sets).
     *
     * @param i the key's index.
     * @param tag an accepted entry type tag.
     * @param otherTag the other accepted tag.
     * @return the value, or null when the key is missing or expired.
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type.
     */
    ObjectValue value(final int i, final byte tag, final byte otherTag) {
        final int b = bucket(i);
        if (b < 0) {
            return null;
        }
        final byte type = segments[i].type(b);
        if (type != tag && type != otherTag) {
            throw KvError.WRONGTYPE.exception();
        }
        return segments[i].object(b);
    }

    /**
     * Returns a copy of the string value of key i after checking its type.
     *
     * @param i the key's index.
     * @return the value, or null when the key is missing or expired.
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type.
     */
    byte[] string(final int i) {
        return string(i, KvError.WRONGTYPE);
    }

    /**
     * Returns a copy of the string value of key i after checking its type, with a command's own type error.
     *
     * @param i the key's index.
     * @param wrongType the error when the key holds another type.
     * @return the value, or null when the key is missing or expired.
     * @throws io.minikv.api.KvException {@code wrongType}.
     */
    byte[] string(final int i, final KvError wrongType) {
        final int b = bucket(i);
        if (b < 0) {
            return null;
        }
        if (segments[i].type(b) != EntryLayout.TYPE_STRING) {
            throw wrongType.exception();
        }
        return segments[i].value(b);
    }

    /**
     * Stores a string at key i, replacing whatever it holds and clearing its TTL.
     *
     * @param i the key's index.
     * @param value the value.
     */
    void putString(final int i, final byte[] value) {
        segments[i].putString(hashes[i], keys[i], BASE, keys[i].length, bucket(i), value, BASE, value.length, 0);
    }

    /**
     * Stores a string at key i, replacing whatever it holds but keeping its TTL: for commands that change a string
     * in place in Redis (PFMERGE).
     *
     * @param i the key's index.
     * @param value the bytes.
     * @param length how many of them.
     */
    void putStringKeepTtl(final int i, final byte[] value, final int length) {
        final int b = bucket(i);
        final long expireAt = b < 0 ? 0 : segments[i].expireAt(b);
        segments[i].putString(hashes[i], keys[i], BASE, keys[i].length, b, value, BASE, length, expireAt);
    }

    /**
     * Returns the value of key i after checking it has one of several types.
     *
     * @param i the key's index.
     * @param tags the accepted entry type tags.
     * @return the value, or null when the key is missing or expired.
     * @throws io.minikv.api.KvException WRONGTYPE when the key holds another type.
     */
    ObjectValue valueOfTypes(final int i, final byte... tags) {
        final int b = bucket(i);
        if (b < 0) {
            return null;
        }
        final byte type = segments[i].type(b);
        for (final byte tag : tags) {
            if (type == tag) {
                return segments[i].object(b);
            }
        }
        throw KvError.WRONGTYPE.exception();
    }

    /**
     * Reads any key of the database, when the whole database is locked: a string's value, or a hash field's.
     *
     * @param key the key.
     * @param field the hash field, or null to read a string.
     * @return the value, or null when the key is missing, of another type, or the hash lacks the field.
     */
    byte[] lookup(final byte[] key, final byte[] field) {
        if (!wholeDatabase) {
            throw new IllegalStateException("only the named keys are locked");
        }
        final long hash = KeyHash.hash(key);
        final Segment s = ks.segment(hash);
        final int b = s.findLive(hash, key, BASE, key.length, now);
        if (b < 0) {
            return null;
        }
        final byte type = s.type(b);
        if (field == null) {
            return type == EntryLayout.TYPE_STRING ? s.value(b) : null;
        }
        return type == EntryLayout.TYPE_HASH ? ((FieldMap) s.object(b)).get(field) : null;
    }

    /**
     * Stores a value at key i, replacing whatever it holds and clearing its TTL.
     *
     * @param i the key's index.
     * @param value the value.
     */
    void put(final int i, final ObjectValue value) {
        segments[i].putObject(hashes[i], keys[i], BASE, keys[i].length, bucket(i), value, 0);
    }

    /**
     * As {@link #put}, taking the entry's memory even beyond the limit: for a move that already took the element
     * from its source (SMOVE), which Redis never refuses for memory and which must not lose the element.
     *
     * @param i the key's index.
     * @param value the value.
     */
    void putOverLimit(final int i, final ObjectValue value) {
        segments[i].allowOverLimit(true);
        try {
            put(i, value);
        } finally {
            segments[i].allowOverLimit(false);
        }
    }

    /**
     * Deletes key i if it exists.
     *
     * @param i the key's index.
     * @return true when a key was deleted.
     */
    boolean delete(final int i) {
        final int b = bucket(i);
        if (b < 0) {
            return false;
        }
        segments[i].removeKey(hashes[i], b);
        return true;
    }

    @Override
    public void close() {
        locks.close();
    }
}
