package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.keys;

import java.util.List;
import java.util.Objects;

import io.minikv.api.FieldValue;
import io.minikv.api.KvStreams;
import io.minikv.api.StreamEntries;
import io.minikv.api.StreamEntry;
import io.minikv.api.StreamId;
import io.minikv.api.StreamAutoClaim;
import io.minikv.api.StreamConsumerInfo;
import io.minikv.api.StreamFullInfo;
import io.minikv.api.StreamGroupInfo;
import io.minikv.api.StreamInfo;
import io.minikv.api.StreamPendingEntry;
import io.minikv.api.StreamPendingSummary;
import io.minikv.api.XAddArgs;
import io.minikv.api.XClaimArgs;
import io.minikv.api.XTrimArgs;
import io.minikv.engine.type.StreamGroupOps;
import io.minikv.engine.type.StreamOps;

/**
 * The stream commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to {@link StreamOps} and
 * {@link StreamGroupOps} after the argument checks. Thread-safe, as the store is. As in Redis, only XGROUP CREATE
 * that creates the stream (MKSTREAM) reports a modified key: the group commands change a stream's metadata, not its
 * content, and do not touch WATCHed keys.
 */
interface EmbeddedStreams extends KvStreams, EmbeddedFamily {

    private static StreamId id(final StreamId id, final String name) {
        return Objects.requireNonNull(id, name);
    }

    @Override
    default StreamId xadd(final byte[] key, final XAddArgs args, final List<FieldValue> fields) {
        final WriteGate[] gates = enterWrite();
        try {
            Objects.requireNonNull(args, "args");
            if (fields.isEmpty()) {
                throw new IllegalArgumentException("at least one field is needed");
            }
            final byte[][] pairs = new byte[fields.size() * 2][];
            for (int i = 0; i < fields.size(); i++) {
                final FieldValue f = fields.get(i);
                pairs[2 * i] = Objects.requireNonNull(f.field(), "field");
                pairs[2 * i + 1] = Objects.requireNonNull(f.value(), "value");
            }
            final StreamId id = StreamOps.xadd(keyspace(), key(key), args, pairs);
            return modifiedIf(id != null, key, id);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long xlen(final byte[] key) {
        return StreamOps.xlen(keyspace(), key(key));
    }

    @Override
    default List<StreamEntry> xrange(final byte[] key, final StreamId start, final StreamId end, final long count) {
        return StreamOps.range(keyspace(), key(key), id(start, "start"), id(end, "end"), count, false);
    }

    @Override
    default List<StreamEntry> xrevrange(final byte[] key, final StreamId end, final StreamId start,
        final long count) {
        return StreamOps.range(keyspace(), key(key), id(start, "start"), id(end, "end"), count, true);
    }

    @Override
    default long xdel(final byte[] key, final StreamId... ids) {
        final WriteGate[] gates = enterWrite();
        try {
            Objects.requireNonNull(ids, "ids");
            for (final StreamId id : ids) {
                id(id, "id");
            }
            return modifiedIfAny(key, StreamOps.xdel(keyspace(), key(key), ids));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long xtrim(final byte[] key, final XTrimArgs rule) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, StreamOps.xtrim(keyspace(), key(key), Objects.requireNonNull(rule, "rule")));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default void xsetid(final byte[] key, final StreamId lastId, final long entriesAdded,
        final StreamId maxDeletedId) {
        final WriteGate[] gates = enterWrite();
        try {
            StreamOps.xsetid(keyspace(), key(key), id(lastId, "lastId"), entriesAdded, maxDeletedId);
            keyModified(key);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<StreamEntries> xread(final long count, final byte[][] keys, final StreamId[] ids) {
        keys(keys);
        Objects.requireNonNull(ids, "ids");
        if (ids.length != keys.length) {
            throw new IllegalArgumentException("one ID per key is needed");
        }
        for (final StreamId id : ids) {
            id(id, "id");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return StreamOps.xread(keyspace(), count, keys, ids);
    }

    @Override
    default StreamInfo xinfoStream(final byte[] key) {
        return StreamOps.xinfo(keyspace(), key(key));
    }

    @Override
    default StreamFullInfo xinfoStreamFull(final byte[] key, final long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        return StreamGroupOps.xinfoFull(keyspace(), key(key), count);
    }

    // ------------------------------------------------------------------------------------------------ groups

    private static byte[] name(final byte[] name, final String what) {
        return Objects.requireNonNull(name, what);
    }

    @Override
    default void xgroupCreate(final byte[] key, final byte[] group, final StreamId id, final boolean mkStream,
        final long entriesRead) {
        final WriteGate[] gates = enterWrite();
        try {
            final boolean created = StreamGroupOps.xgroupCreate(keyspace(), key(key), name(group, "group"), id,
                mkStream, entriesRead);
            modifiedIf(created, key, created);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default void xgroupSetId(final byte[] key, final byte[] group, final StreamId id, final long entriesRead) {
        final WriteGate[] gates = enterWrite();
        try {
            StreamGroupOps.xgroupSetId(keyspace(), key(key), name(group, "group"), id, entriesRead);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean xgroupDestroy(final byte[] key, final byte[] group) {
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xgroupDestroy(keyspace(), key(key), name(group, "group"));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean xgroupCreateConsumer(final byte[] key, final byte[] group, final byte[] consumer) {
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xgroupCreateConsumer(keyspace(), key(key), name(group, "group"),
                name(consumer, "consumer"));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long xgroupDelConsumer(final byte[] key, final byte[] group, final byte[] consumer) {
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xgroupDelConsumer(keyspace(), key(key), name(group, "group"),
                name(consumer, "consumer"));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<StreamEntries> xreadgroup(final byte[] group, final byte[] consumer, final long count,
        final boolean noAck, final byte[][] keys, final StreamId[] ids) {
        keys(keys);
        Objects.requireNonNull(ids, "ids");
        if (ids.length != keys.length) {
            throw new IllegalArgumentException("one ID per key is needed");
        }
        for (final StreamId id : ids) {
            id(id, "id");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xreadgroup(keyspace(), name(group, "group"), name(consumer, "consumer"), count,
                noAck, keys, ids);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long xack(final byte[] key, final byte[] group, final StreamId... ids) {
        Objects.requireNonNull(ids, "ids");
        for (final StreamId id : ids) {
            id(id, "id");
        }
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xack(keyspace(), key(key), name(group, "group"), ids);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default StreamPendingSummary xpending(final byte[] key, final byte[] group) {
        return StreamGroupOps.xpending(keyspace(), key(key), name(group, "group"));
    }

    @Override
    default List<StreamPendingEntry> xpending(final byte[] key, final byte[] group, final long minIdleMillis,
        final StreamId start, final StreamId end, final long count, final byte[] consumer) {
        return StreamGroupOps.xpending(keyspace(), key(key), name(group, "group"), minIdleMillis, id(start, "start"),
            id(end, "end"), count, consumer);
    }

    @Override
    default List<StreamEntry> xclaim(final byte[] key, final byte[] group, final byte[] consumer,
        final long minIdleMillis, final StreamId[] ids, final XClaimArgs args) {
        Objects.requireNonNull(ids, "ids");
        for (final StreamId id : ids) {
            id(id, "id");
        }
        Objects.requireNonNull(args, "args");
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xclaim(keyspace(), key(key), name(group, "group"), name(consumer, "consumer"),
                Math.max(0, minIdleMillis), ids, args);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default StreamAutoClaim xautoclaim(final byte[] key, final byte[] group, final byte[] consumer,
        final long minIdleMillis, final StreamId start, final long count, final boolean justId) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        final WriteGate[] gates = enterWrite();
        try {
            return StreamGroupOps.xautoclaim(keyspace(), key(key), name(group, "group"), name(consumer, "consumer"),
                Math.max(0, minIdleMillis), id(start, "start"), count, justId);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<StreamGroupInfo> xinfoGroups(final byte[] key) {
        return StreamGroupOps.xinfoGroups(keyspace(), key(key));
    }

    @Override
    default List<StreamConsumerInfo> xinfoConsumers(final byte[] key, final byte[] group) {
        return StreamGroupOps.xinfoConsumers(keyspace(), key(key), name(group, "group"));
    }
}
