package io.minikv.engine.type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.minikv.api.KvError;
import io.minikv.api.KvException;
import io.minikv.api.StreamAutoClaim;
import io.minikv.api.StreamConsumerInfo;
import io.minikv.api.StreamEntries;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamFullInfo;
import io.minikv.api.StreamGroupDetail;
import io.minikv.api.StreamGroupInfo;
import io.minikv.api.StreamId;
import io.minikv.api.StreamPendingEntry;
import io.minikv.api.StreamPendingSummary;
import io.minikv.api.ValueType;
import io.minikv.api.XClaimArgs;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.type.stream.StreamGroup;
import io.minikv.engine.type.stream.StreamValue;

/**
 * The consumer group commands ({@code t_stream.c}'s XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM and the
 * XINFO reports): each runs under the key's segment lock through {@link Keyspace#readObject} or
 * {@link Keyspace#writeObject} and works on the key's {@link StreamValue} and its {@link StreamGroup}s. Times (delivery,
 * idle, seen) come from the keyspace's clock, read once per command as Redis's {@code commandTimeSnapshot}.
 * <p>
 * Thread-safe (stateless).
 */
public final class StreamGroupOps {
    /** XAUTOCLAIM looks at no more than this many PEL entries per entry it may claim (Redis's attempts factor). */
    private static final long AUTOCLAIM_ATTEMPTS_FACTOR = 10;

    private StreamGroupOps() {
    }

    /** Redis formats names with {@code %s}: the bytes up to the first NUL, one char per byte as the reply writes. */
    private static String cString(final byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static KvException noGroup(final KvError template, final byte[] first, final byte[] second) {
        return template.exception(cString(first), cString(second));
    }

    /** The XGROUP subcommands' lookup: the stream, or the key-missing error. */
    private static StreamValue existing(final Object value) {
        if (value == null) {
            throw KvError.XGROUP_KEY_MISSING.exception();
        }
        return (StreamValue) value;
    }

    /** XGROUP SETID, CREATECONSUMER and DELCONSUMER: the group, or NOGROUP. */
    private static StreamGroup xgroupGroup(final StreamValue s, final byte[] key, final byte[] group) {
        final StreamGroup g = s.group(group);
        if (g == null) {
            throw noGroup(KvError.STREAM_NOGROUP_FOR_KEY, group, key);
        }
        return g;
    }

    private static void checkEntriesRead(final long entriesRead) {
        if (entriesRead < 0 && entriesRead != StreamGroup.INVALID_ENTRIES_READ) {
            throw KvError.XGROUP_ENTRIES_READ.exception();
        }
    }

    // ------------------------------------------------------------------------------------------------ XGROUP

    /**
     * {@code XGROUP CREATE}: the key (or MKSTREAM), then the group name.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param id the last delivered ID, null for {@code $}.
     * @param mkStream create the stream when missing.
     * @param entriesRead the read counter, -1 for unknown.
     * @return true when MKSTREAM created the stream.
     */
    public static boolean xgroupCreate(final Keyspace ks, final byte[] key, final byte[] group, final StreamId id,
        final boolean mkStream, final long entriesRead) {
        checkEntriesRead(entriesRead);
        ks.checkWrite();
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            StreamValue s = (StreamValue) slot.get();
            if (s == null && !mkStream) {
                throw KvError.XGROUP_KEY_MISSING.exception();
            }
            final StreamId position = id != null ? id : s == null ? StreamId.MIN : s.lastId();
            final boolean created = s == null;
            if (created) {
                s = new StreamValue();
                slot.set(s);
            }
            if (s.createGroup(group, position, entriesRead) == null) {
                throw KvError.STREAM_BUSYGROUP.exception();
            }
            return created;
        });
    }

    /**
     * {@code XGROUP SETID}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param id the new last delivered ID, null for {@code $}.
     * @param entriesRead the read counter, -1 for unknown.
     */
    public static void xgroupSetId(final Keyspace ks, final byte[] key, final byte[] group, final StreamId id,
        final long entriesRead) {
        checkEntriesRead(entriesRead);
        ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = existing(slot.get());
            xgroupGroup(s, key, group).position(id != null ? id : s.lastId(), entriesRead);
            return null;
        });
    }

    /**
     * {@code XGROUP DESTROY}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @return true when the group existed.
     */
    public static boolean xgroupDestroy(final Keyspace ks, final byte[] key, final byte[] group) {
        return ks.writeObject(key, ValueType.STREAM, slot -> existing(slot.get()).destroyGroup(group));
    }

    /**
     * {@code XGROUP CREATECONSUMER}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param consumer the consumer's name.
     * @return true when created.
     */
    public static boolean xgroupCreateConsumer(final Keyspace ks, final byte[] key, final byte[] group,
        final byte[] consumer) {
        ks.checkWrite();
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = existing(slot.get());
            return xgroupGroup(s, key, group).createConsumer(consumer, ks.now()) != null;
        });
    }

    /**
     * {@code XGROUP DELCONSUMER}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param consumer the consumer's name.
     * @return the consumer's pending count, 0 when missing.
     */
    public static long xgroupDelConsumer(final Keyspace ks, final byte[] key, final byte[] group,
        final byte[] consumer) {
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = existing(slot.get());
            return xgroupGroup(s, key, group).deleteConsumer(consumer);
        });
    }

    // ------------------------------------------------------------------------------------------------ XREADGROUP

    /**
     * {@code XREADGROUP} without BLOCK: every key is checked (type, then group) in order before anything is read, as
     * Redis resolves them while parsing; then each stream is served in key order ({@code xreadCommand}).
     *
     * @param ks the keyspace.
     * @param group the group's name.
     * @param consumer the consumer's name.
     * @param count the most entries per stream, 0 for all.
     * @param noAck deliver without adding to the PEL.
     * @param keys the keys.
     * @param ids one per key; {@link StreamId#MAX} is {@code >}.
     * @return the streams served.
     */
    public static List<StreamEntries> xreadgroup(final Keyspace ks, final byte[] group, final byte[] consumer,
        final long count, final boolean noAck, final byte[][] keys, final StreamId[] ids) {
        for (final byte[] key : keys) {
            ks.readObject(key, ValueType.STREAM, v -> {
                if (v == null || ((StreamValue) v).group(group) == null) {
                    throw noGroup(KvError.XREADGROUP_NOGROUP, key, group);
                }
                return null;
            });
        }
        final long now = ks.now();
        final List<StreamEntries> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            final byte[] key = keys[i];
            final StreamId after = ids[i];
            final List<StreamEntry> read = ks.writeObject(key, ValueType.STREAM, slot -> {
                final StreamValue s = (StreamValue) slot.get();
                final StreamGroup g = s == null ? null : s.group(group);
                if (g == null) {
                    // Removed between the checks and this read by another client: Redis would not have let it.
                    throw noGroup(KvError.XREADGROUP_NOGROUP, key, group);
                }
                if (!after.equals(StreamId.MAX)) {
                    return history(s, g.seenConsumer(consumer, now), after.next(), count, now);
                }
                if (s.length() == 0 || s.lastEntryId().compareTo(g.lastId()) <= 0) {
                    // Nothing to serve: Redis 7.0 creates (or marks seen) the consumer only for a stream it serves.
                    return null;
                }
                return s.deliverNew(g, g.seenConsumer(consumer, now), count, noAck, now);
            });
            if (read != null) {
                out.add(new StreamEntries(key, read));
            }
        }
        return out;
    }

    /** {@code streamReplyWithRangeFromConsumerPEL}: the consumer's pending entries from {@code from}. */
    private static List<StreamEntry> history(final StreamValue s, final StreamGroup.Consumer c, final StreamId from,
        final long count, final long now) {
        final List<StreamEntry> out = new ArrayList<>();
        if (from == null) {
            return out;
        }
        for (final StreamGroup.Pending p : c.pel().tailMap(from, true).values()) {
            if (count > 0 && out.size() >= count) {
                break;
            }
            final StreamEntry e = s.entry(p.id());
            if (e == null) {
                out.add(new StreamEntry(p.id(), null));
            } else {
                p.delivered(now, p.deliveryCount() + 1);
                out.add(e);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ XACK / XPENDING

    /**
     * {@code XACK}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param ids the IDs.
     * @return how many were pending.
     */
    public static long xack(final Keyspace ks, final byte[] key, final byte[] group, final StreamId[] ids) {
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = (StreamValue) slot.get();
            final StreamGroup g = s == null ? null : s.group(group);
            if (g == null) {
                return 0L;
            }
            long acknowledged = 0;
            for (final StreamId id : ids) {
                if (g.ack(id)) {
                    acknowledged++;
                }
            }
            return acknowledged;
        });
    }

    private static StreamGroup pendingGroup(final Object value, final byte[] key, final byte[] group) {
        final StreamGroup g = value == null ? null : ((StreamValue) value).group(group);
        if (g == null) {
            throw noGroup(KvError.STREAM_NOGROUP, key, group);
        }
        return g;
    }

    /**
     * {@code XPENDING key group}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @return the summary.
     */
    public static StreamPendingSummary xpending(final Keyspace ks, final byte[] key, final byte[] group) {
        return ks.readObject(key, ValueType.STREAM, v -> {
            final StreamGroup g = pendingGroup(v, key, group);
            if (g.pel().isEmpty()) {
                return new StreamPendingSummary(0, null, null, List.of());
            }
            final List<StreamPendingSummary.ConsumerCount> consumers = new ArrayList<>();
            for (final StreamGroup.Consumer c : g.consumers().values()) {
                if (!c.pel().isEmpty()) {
                    consumers.add(new StreamPendingSummary.ConsumerCount(c.name(), c.pel().size()));
                }
            }
            return new StreamPendingSummary(g.pel().size(), g.pel().firstKey(), g.pel().lastKey(), consumers);
        });
    }

    /**
     * {@code XPENDING key group [IDLE min] start end count [consumer]}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param minIdle the minimum idle time, 0 for all.
     * @param start the lowest ID.
     * @param end the highest ID.
     * @param count the most entries.
     * @param consumer only this consumer's entries, or null.
     * @return the entries.
     */
    public static List<StreamPendingEntry> xpending(final Keyspace ks, final byte[] key, final byte[] group,
        final long minIdle, final StreamId start, final StreamId end, final long count, final byte[] consumer) {
        final long now = ks.now();
        return ks.readObject(key, ValueType.STREAM, v -> {
            final StreamGroup g = pendingGroup(v, key, group);
            final List<StreamPendingEntry> out = new ArrayList<>();
            final Map<StreamId, StreamGroup.Pending> pel;
            if (consumer == null) {
                pel = g.pel();
            } else {
                final StreamGroup.Consumer c = g.consumer(consumer);
                if (c == null) {
                    return out;
                }
                pel = c.pel();
            }
            if (count <= 0 || start.compareTo(end) > 0) {
                return out;
            }
            for (final StreamGroup.Pending p : ((java.util.NavigableMap<StreamId, StreamGroup.Pending>) pel)
                .subMap(start, true, end, true).values()) {
                if (minIdle != 0 && now - p.deliveryTime() < minIdle) {
                    continue;
                }
                out.add(p.report(now));
                if (out.size() >= count) {
                    break;
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------------------------------------ claims

    /**
     * {@code XCLAIM}: checked in Redis's order (LASTID moves the group before anything is claimed); the consumer is
     * created, or marked seen, on its first claim.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param consumer the new owner.
     * @param minIdle the minimum idle time, 0 for all.
     * @param ids the IDs.
     * @param args the options.
     * @return the claimed entries; with JUSTID, fields are null.
     */
    public static List<StreamEntry> xclaim(final Keyspace ks, final byte[] key, final byte[] group,
        final byte[] consumer, final long minIdle, final StreamId[] ids, final XClaimArgs args) {
        final long now = ks.now();
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = (StreamValue) slot.get();
            final StreamGroup g = pendingGroup(s, key, group);
            final StreamId lastId = args.lastIdValue();
            if (lastId != null && lastId.compareTo(g.lastId()) > 0) {
                g.position(lastId, g.entriesRead());
            }
            final long deliveryTime = args.deliveryTime(now);
            final List<StreamEntry> out = new ArrayList<>();
            StreamGroup.Consumer owner = null;
            for (final StreamId id : ids) {
                StreamGroup.Pending p = g.pel().get(id);
                final StreamEntry entry = s.entry(id);
                if (entry == null) {
                    // The entry was deleted from the stream: its pending record goes too.
                    if (p != null) {
                        g.ack(id);
                    }
                    continue;
                }
                if (p == null && !args.isForce()) {
                    continue;
                }
                if (p != null && minIdle > 0 && now - p.deliveryTime() < minIdle) {
                    continue;
                }
                if (owner == null) {
                    owner = g.seenConsumer(consumer, now);
                }
                final long previous = p == null ? 1 : p.deliveryCount();
                final long deliveries;
                if (args.retryCountValue() >= 0) {
                    deliveries = args.retryCountValue();
                } else {
                    deliveries = args.isJustId() ? previous : previous + 1;
                }
                g.claim(p, id, owner, deliveryTime, deliveries);
                out.add(args.isJustId() ? new StreamEntry(id, null) : entry);
            }
            return out;
        });
    }

    /**
     * {@code XAUTOCLAIM}: Redis 7.0's scan of the group's PEL from {@code start}, at most {@code 10 * count} PEL
     * entries looked at; IDs deleted from the stream leave the PEL and count towards {@code count}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @param consumer the new owner.
     * @param minIdle the minimum idle time, 0 for all.
     * @param start the lowest ID to look at.
     * @param count the most entries, at least 1.
     * @param justId IDs only, delivery counts unchanged.
     * @return the cursor, the claimed entries and the deleted IDs.
     */
    public static StreamAutoClaim xautoclaim(final Keyspace ks, final byte[] key, final byte[] group,
        final byte[] consumer, final long minIdle, final StreamId start, final long count, final boolean justId) {
        final long now = ks.now();
        return ks.writeObject(key, ValueType.STREAM, slot -> {
            final StreamValue s = (StreamValue) slot.get();
            final StreamGroup g = pendingGroup(s, key, group);
            final List<StreamEntry> claimed = new ArrayList<>();
            final List<StreamId> deleted = new ArrayList<>();
            StreamGroup.Consumer owner = null;
            long attempts = count * AUTOCLAIM_ATTEMPTS_FACTOR;
            long left = count;
            StreamId cursor = start;
            StreamId next = null;
            while (true) {
                final Map.Entry<StreamId, StreamGroup.Pending> e = g.pel().ceilingEntry(cursor);
                if (e == null) {
                    break;
                }
                if (attempts-- == 0 || left == 0) {
                    next = e.getKey();
                    break;
                }
                final StreamId id = e.getKey();
                final StreamGroup.Pending p = e.getValue();
                cursor = id.next();
                final StreamEntry entry = s.entry(id);
                if (entry == null) {
                    g.ack(id);
                    deleted.add(id);
                    left--;
                } else if (minIdle == 0 || now - p.deliveryTime() >= minIdle) {
                    if (owner == null) {
                        owner = g.seenConsumer(consumer, now);
                    }
                    g.claim(p, id, owner, now, justId ? p.deliveryCount() : p.deliveryCount() + 1);
                    claimed.add(justId ? new StreamEntry(id, null) : entry);
                    left--;
                }
                if (cursor == null) {
                    break;
                }
            }
            return new StreamAutoClaim(next == null ? StreamId.MIN : next, claimed, deleted);
        });
    }

    // ------------------------------------------------------------------------------------------------ XINFO

    /**
     * {@code XINFO GROUPS}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the groups.
     */
    public static List<StreamGroupInfo> xinfoGroups(final Keyspace ks, final byte[] key) {
        return ks.readObject(key, ValueType.STREAM, v -> {
            if (v == null) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            final StreamValue s = (StreamValue) v;
            final List<StreamGroupInfo> out = new ArrayList<>();
            for (final StreamGroup g : s.groups()) {
                out.add(new StreamGroupInfo(g.name(), g.consumers().size(), g.pel().size(), g.lastId(),
                    entriesRead(g), s.lag(g)));
            }
            return out;
        });
    }

    private static Long entriesRead(final StreamGroup g) {
        return g.entriesRead() == StreamGroup.INVALID_ENTRIES_READ ? null : g.entriesRead();
    }

    /**
     * {@code XINFO CONSUMERS}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param group the group's name.
     * @return the consumers.
     */
    public static List<StreamConsumerInfo> xinfoConsumers(final Keyspace ks, final byte[] key, final byte[] group) {
        final long now = ks.now();
        return ks.readObject(key, ValueType.STREAM, v -> {
            if (v == null) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            final StreamGroup g = ((StreamValue) v).group(group);
            if (g == null) {
                throw noGroup(KvError.STREAM_NOGROUP_FOR_KEY, group, key);
            }
            final List<StreamConsumerInfo> out = new ArrayList<>();
            for (final StreamGroup.Consumer c : g.consumers().values()) {
                out.add(new StreamConsumerInfo(c.name(), c.pel().size(), Math.max(0, now - c.seenTime())));
            }
            return out;
        });
    }

    /**
     * {@code XINFO STREAM key FULL [COUNT count]}.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param count the most entries and pending entries per list, 0 for all.
     * @return the report.
     */
    public static StreamFullInfo xinfoFull(final Keyspace ks, final byte[] key, final long count) {
        final long now = ks.now();
        return ks.readObject(key, ValueType.STREAM, v -> {
            if (v == null) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            final StreamValue s = (StreamValue) v;
            final List<StreamGroupDetail> groups = new ArrayList<>();
            for (final StreamGroup g : s.groups()) {
                final List<io.minikv.api.StreamConsumerDetail> consumers = new ArrayList<>();
                for (final StreamGroup.Consumer c : g.consumers().values()) {
                    consumers.add(c.detail(count, now));
                }
                groups.add(new StreamGroupDetail(g.name(), g.lastId(), entriesRead(g), s.lag(g), g.pel().size(),
                    StreamGroup.first(g.pel(), count, now), consumers));
            }
            return new StreamFullInfo(StreamOps.info(s),
                s.range(StreamId.MIN, StreamId.MAX, count == 0 ? -1 : count, false), groups);
        });
    }
}
