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
import io.minikv.api.StreamInfo;
import io.minikv.api.XAddArgs;
import io.minikv.api.XTrimArgs;
import io.minikv.engine.type.StreamOps;

/**
 * The stream commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to {@link StreamOps}
 * after the argument checks. Thread-safe, as the store is.
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
}
