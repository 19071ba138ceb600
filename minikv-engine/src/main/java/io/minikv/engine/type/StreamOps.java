package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.StreamEntries;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamId;
import io.minikv.api.StreamInfo;
import io.minikv.api.ValueType;
import io.minikv.api.XAddArgs;
import io.minikv.api.XTrimArgs;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.type.stream.StreamValue;

/**
 * The stream commands on keys ({@code t_stream.c}'s command half): each runs under the key's segment lock through
 * {@link Keyspace#readObject} or {@link Keyspace#writeObject} (lazy expiry and the type check done there) and works
 * on the key's {@link StreamValue}. Unlike the other collections, a stream is never deleted for being empty: XDEL and
 * XTRIM leave an empty stream with its counters, as Redis does.
 * <p>
 * Thread-safe (stateless).
 */
public final class StreamOps {
    private StreamOps() {
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * {@code XADD}, after the arguments were parsed: the checks run in Redis's order (0-0, then the key, then the
     * exhausted stream, then the ID's order).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param args the ID rule, NOMKSTREAM and trimming.
     * @param pairs field, value, ...: an even, non-zero count.
     * @return the new ID, or null when NOMKSTREAM and the key is missing.
     */
    public static StreamId xadd(final Keyspace ks, final byte[] key, final XAddArgs args, final byte[][] pairs) {
        final StreamId explicit = args.explicitId();
        if (explicit != null && explicit.equals(StreamId.MIN)) {
            throw KvError.STREAM_ID_ZERO.exception();
        }
        ks.checkWrite();
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue existing = (StreamValue) slot.get();
            if (existing == null && args.isNoMkStream()) {
                return null;
            }
            final StreamValue s = existing == null ? new StreamValue() : existing;
            final StreamId last = s.lastId();
            if (last.equals(StreamId.MAX)) {
                throw KvError.STREAM_EXHAUSTED.exception();
            }
            final StreamId id = nextId(s, args, ks.now());
            if (id == null) {
                // ms-* past the last sequence of that millisecond: Redis 7.0 answers with this text.
                throw KvError.STREAM_ELEMENTS_TOO_LARGE.exception();
            }
            if (id.compareTo(last) <= 0) {
                throw KvError.STREAM_ID_NOT_GREATER.exception();
            }
            s.append(id, pairs);
            if (existing == null) {
                slot.set(s);
            }
            final XTrimArgs trim = args.trimRule();
            if (trim != null) {
                trim(s, trim);
            }
            return id;
        });
    }

    /** The ID XADD's rule picks ({@code streamAppendItem}), or null when {@code ms-*} has no sequence left. */
    private static StreamId nextId(final StreamValue s, final XAddArgs args, final long nowMs) {
        final StreamId last = s.lastId();
        if (args.explicitId() != null) {
            return args.explicitId();
        }
        if (args.isAutoSequence()) {
            if (args.ms() != last.ms()) {
                return StreamId.of(args.ms(), 0);
            }
            return last.seq() == -1L ? null : StreamId.of(last.ms(), last.seq() + 1);
        }
        // '*': the clock's time, or the last ID's successor when the clock is not ahead of it (streamNextID).
        if (Long.compareUnsigned(nowMs, last.ms()) > 0) {
            return StreamId.of(nowMs, 0);
        }
        return last.next();
    }

    private static long trim(final StreamValue s, final XTrimArgs rule) {
        return s.trim(rule.isMaxLen() ? rule.maxLen() : -1, rule.minId(), rule.isApproximate(), rule.limit());
    }

    /**
     * {@code XTRIM}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param rule the rule.
     * @return how many entries were evicted.
     */
    public static long xtrim(final Keyspace ks, final byte[] key, final XTrimArgs rule) {
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = (StreamValue) slot.get();
            return s == null ? 0L : trim(s, rule);
        });
    }

    /**
     * {@code XDEL}: max-deleted-entry-id follows the largest ID removed.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param ids the IDs.
     * @return how many were removed.
     */
    public static long xdel(final Keyspace ks, final byte[] key, final StreamId[] ids) {
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = (StreamValue) slot.get();
            if (s == null) {
                return 0L;
            }
            long deleted = 0;
            StreamId maxDeleted = s.maxDeletedId();
            for (final StreamId id : ids) {
                if (s.delete(id)) {
                    deleted++;
                    if (id.compareTo(maxDeleted) > 0) {
                        maxDeleted = id;
                    }
                }
            }
            s.counters(s.lastId(), s.entriesAdded(), maxDeleted);
            return deleted;
        });
    }

    /**
     * {@code XSETID}, checks in Redis 7.0.15's order: the arguments among themselves, the key, then the stream's
     * newest entry and length (7.0.15 does not compare the ID with the stream's own max-deleted-entry-id).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param lastId the new last ID.
     * @param entriesAdded the new counter, -1 to keep it.
     * @param maxDeletedId the new max deleted ID, null or 0-0 to keep it.
     */
    public static void xsetid(final Keyspace ks, final byte[] key, final StreamId lastId, final long entriesAdded,
        final StreamId maxDeletedId) {
        if (entriesAdded < -1) {
            throw KvError.XSETID_ENTRIES_ADDED_NEGATIVE.exception();
        }
        if (maxDeletedId != null && lastId.compareTo(maxDeletedId) < 0) {
            throw KvError.XSETID_BELOW_GIVEN_MAX_DELETED.exception();
        }
        ks.checkWrite();
        ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = (StreamValue) slot.get();
            if (s == null) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            if (s.length() > 0) {
                if (lastId.compareTo(s.lastEntryId()) < 0) {
                    throw KvError.XSETID_BELOW_TOP.exception();
                }
                if (entriesAdded != -1 && Long.compareUnsigned(s.length(), entriesAdded) > 0) {
                    throw KvError.XSETID_ENTRIES_ADDED_BELOW_LENGTH.exception();
                }
            }
            final boolean keepMaxDeleted = maxDeletedId == null || maxDeletedId.equals(StreamId.MIN);
            s.counters(lastId, entriesAdded == -1 ? s.entriesAdded() : entriesAdded,
                keepMaxDeleted ? s.maxDeletedId() : maxDeletedId);
            return null;
        });
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * {@code XLEN}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the length, 0 when missing.
     */
    public static long xlen(final Keyspace ks, final byte[] key) {
        return ks.readObject(key, ValueType.STREAM, v -> v == null ? 0L : ((StreamValue) v).length());
    }

    /**
     * {@code XRANGE} and {@code XREVRANGE} over inclusive bounds.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param start the lowest ID.
     * @param end the highest ID.
     * @param count the most entries, negative for all.
     * @param reverse newest first.
     * @return the entries.
     */
    public static List<StreamEntry> range(final Keyspace ks, final byte[] key, final StreamId start,
        final StreamId end, final long count, final boolean reverse) {
        return ks.readObject(key, ValueType.STREAM,
            v -> v == null ? List.of() : ((StreamValue) v).range(start, end, count, reverse));
    }

    /**
     * The entries of one stream after an ID, as XREAD serves them: nothing unless the stream's last generated ID is
     * above {@code after} (Redis's test when it serves a blocked reader).
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param after the exclusive lower bound.
     * @param count the most entries, 0 for all.
     * @return the entries, or null when the stream has nothing newer (or is missing).
     */
    public static List<StreamEntry> readAfter(final Keyspace ks, final byte[] key, final StreamId after,
        final long count) {
        return ks.readObject(key, ValueType.STREAM, v -> {
            final StreamValue s = (StreamValue) v;
            if (s == null || s.lastId().compareTo(after) <= 0) {
                return null;
            }
            return s.range(after.next(), StreamId.MAX, count == 0 ? -1 : count, false);
        });
    }

    /**
     * {@code XREAD} without BLOCK: each stream whose newest entry is above its ID, read after it.
     *
     * @param ks the keyspace.
     * @param count the most entries per stream, 0 for all.
     * @param keys the keys.
     * @param ids one per key.
     * @return the streams read, in key order.
     */
    public static List<StreamEntries> xread(final Keyspace ks, final long count, final byte[][] keys,
        final StreamId[] ids) {
        // Every key is type-checked before anything is read, as Redis checks them while parsing the IDs.
        for (final byte[] key : keys) {
            ks.readObject(key, ValueType.STREAM, v -> null);
        }
        final List<StreamEntries> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            final StreamId after = ids[i];
            final List<StreamEntry> entries = ks.readObject(keys[i], ValueType.STREAM, v -> {
                final StreamValue s = (StreamValue) v;
                if (s == null || s.length() == 0 || s.lastEntryId().compareTo(after) <= 0) {
                    return null;
                }
                return s.range(after.next(), StreamId.MAX, count == 0 ? -1 : count, false);
            });
            if (entries != null) {
                out.add(new StreamEntries(keys[i], entries));
            }
        }
        return out;
    }

    /**
     * {@code XINFO STREAM}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the report.
     */
    public static StreamInfo xinfo(final Keyspace ks, final byte[] key) {
        return ks.readObject(key, ValueType.STREAM, v -> {
            final StreamValue s = (StreamValue) v;
            if (s == null) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            return info(s);
        });
    }

    /**
     * Returns a stream's XINFO STREAM counters (the caller holds its lock).
     *
     * @param s the stream.
     * @return the report.
     */
    static StreamInfo info(final StreamValue s) {
        return new StreamInfo(s.length(), s.nodeCount(), s.radixTreeNodes(), s.lastId(), s.maxDeletedId(),
            s.entriesAdded(), s.firstId(), s.groupCount(), s.first(), s.last());
    }
}
