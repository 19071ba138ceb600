package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.minikv.api.FieldValue;
import io.minikv.api.HScanResult;
import io.minikv.api.KvError;
import io.minikv.api.KvHashes;
import io.minikv.engine.type.hash.HashEntry;
import io.minikv.engine.type.HashOps;

/**
 * The hash commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedHashes extends KvHashes, EmbeddedFamily {

    private static byte[] field(final byte[] field) {
        return Objects.requireNonNull(field, "field");
    }

    private static byte[] value(final byte[] value) {
        return Objects.requireNonNull(value, "value");
    }

    private static byte[][] fields(final byte[][] fields) {
        Objects.requireNonNull(fields, "fields");
        if (fields.length == 0) {
            throw new IllegalArgumentException("at least one field is needed");
        }
        for (final byte[] f : fields) {
            field(f);
        }
        return fields;
    }

    @Override
    default long hset(final byte[] key, final byte[] field, final byte[] value) {
        final WriteGate[] gates = enterWrite();
        try {
            // HSET modifies even when every field already held its value, as Redis signals it.
            final FieldValue entry = new FieldValue(field(field), value(value));
            return modified(key, HashOps.hset(keyspace(), key(key), List.of(entry)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long hset(final byte[] key, final List<FieldValue> entries) {
        final WriteGate[] gates = enterWrite();
        try {
            if (entries.isEmpty()) {
                throw new IllegalArgumentException("at least one field is needed");
            }
            for (final FieldValue e : entries) {
                field(e.field());
                value(e.value());
            }
            return modified(key, HashOps.hset(keyspace(), key(key), entries));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean hsetnx(final byte[] key, final byte[] field, final byte[] value) {
        final WriteGate[] gates = enterWrite();
        try {
            final boolean set = HashOps.hsetnx(keyspace(), key(key), field(field), value(value));
            return modifiedIf(set, key, set);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] hget(final byte[] key, final byte[] field) {
        return HashOps.hget(keyspace(), key(key), field(field));
    }

    @Override
    default List<byte[]> hmget(final byte[] key, final byte[]... fields) {
        return HashOps.hmget(keyspace(), key(key), fields(fields));
    }

    @Override
    default long hdel(final byte[] key, final byte[]... fields) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, HashOps.hdel(keyspace(), key(key), fields(fields)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean hexists(final byte[] key, final byte[] field) {
        return HashOps.hexists(keyspace(), key(key), field(field));
    }

    @Override
    default long hlen(final byte[] key) {
        return HashOps.hlen(keyspace(), key(key));
    }

    @Override
    default long hstrlen(final byte[] key, final byte[] field) {
        return HashOps.hstrlen(keyspace(), key(key), field(field));
    }

    @Override
    default List<byte[]> hkeys(final byte[] key) {
        return HashOps.all(keyspace(), key(key), HashOps.Part.FIELDS);
    }

    @Override
    default List<byte[]> hvals(final byte[] key) {
        return HashOps.all(keyspace(), key(key), HashOps.Part.VALUES);
    }

    @Override
    default List<FieldValue> hgetall(final byte[] key) {
        return HashOps.hgetall(keyspace(), key(key));
    }

    @Override
    default long hincrby(final byte[] key, final byte[] field, final long increment) {
        final WriteGate[] gates = enterWrite();
        try {
            return modified(key, HashOps.hincrby(keyspace(), key(key), field(field), increment));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default String hincrbyfloat(final byte[] key, final byte[] field, final double increment) {
        final WriteGate[] gates = enterWrite();
        try {
            return modified(key, HashOps.hincrbyfloat(keyspace(), key(key), field(field), increment));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] hrandfield(final byte[] key) {
        final List<byte[]> one = hrandfield(key, -1);
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    default List<byte[]> hrandfield(final byte[] key, final long count) {
        return HashOps.hrandfield(keyspace(), key(key), count, false, ThreadLocalRandom.current(), HashEntry::field);
    }

    @Override
    default List<FieldValue> hrandfieldWithValues(final byte[] key, final long count) {
        return HashOps.hrandfield(keyspace(), key(key), count, true, ThreadLocalRandom.current(), HashOps::pair);
    }

    @Override
    default HScanResult hscan(final byte[] key, final long cursor, final byte[] pattern, final long count) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return HashOps.hscan(keyspace(), key(key), cursor, pattern, count);
    }
}
