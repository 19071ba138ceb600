package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;

import java.util.List;
import java.util.Objects;

import io.minikv.api.ExpireCondition;
import io.minikv.api.KvError;
import io.minikv.api.KvKeys;
import io.minikv.api.ScanResult;
import io.minikv.api.SortArgs;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.rdb.DumpPayload;
import io.minikv.engine.rdb.RdbFormatException;
import io.minikv.engine.rdb.RdbOutput;
import io.minikv.engine.type.ExpireOps;
import io.minikv.engine.type.KeyOps;
import io.minikv.engine.type.ObjectOps;
import io.minikv.engine.type.SortOps;
import io.minikv.engine.type.Written;

/**
 * The key and expiry commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedKeys extends KvKeys, EmbeddedFamily {

    /** @return the engine, for the commands that reach another database (COPY, MOVE). */
    Engine engine();

    @Override
    default long del(final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            final Keyspace ks = keyspace();
            long n = 0;
            for (final byte[] key : keys) {
                // Key by key, as KeyOps.del: only the keys that existed are modified.
                if (KeyOps.delete(ks, key(key))) {
                    keyModified(key);
                    n++;
                }
            }
            return n;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long exists(final byte[]... keys) {
        return KeyOps.exists(keyspace(), keys);
    }

    @Override
    default ValueType type(final byte[] key) {
        return KeyOps.type(keyspace(), key(key));
    }

    @Override
    default String objectEncoding(final byte[] key) {
        return ObjectOps.encoding(keyspace(), key(key));
    }

    @Override
    default long objectRefcount(final byte[] key) {
        return ObjectOps.refcount(keyspace(), key(key));
    }

    @Override
    default Long memoryUsage(final byte[] key) {
        return ObjectOps.memoryUsage(keyspace(), key(key));
    }

    @Override
    default List<byte[]> keys(final byte[] pattern) {
        return KeyOps.keys(keyspace(), Objects.requireNonNull(pattern, "pattern"));
    }

    @Override
    default ScanResult scan(final long cursor, final byte[] pattern, final long count, final ValueType type) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return KeyOps.scan(keyspace(), cursor, pattern, count, type);
    }

    @Override
    default byte[] randomkey() {
        return KeyOps.randomkey(keyspace());
    }

    @Override
    default void rename(final byte[] key, final byte[] newKey) {
        final WriteGate[] gates = enterWrite();
        try {
            KeyOps.rename(keyspace(), key(key), key(newKey), false);
            renamed(key, newKey);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean renamenx(final byte[] key, final byte[] newKey) {
        final WriteGate[] gates = enterWrite();
        try {
            final boolean renamed = KeyOps.rename(keyspace(), key(key), key(newKey), true);
            if (renamed) {
                renamed(key, newKey);
            }
            return renamed;
        } finally {
            exitWrite(gates);
        }
    }

    /** A rename modifies both keys, unless it renamed a key to itself (which Redis does not signal). */
    private void renamed(final byte[] key, final byte[] newKey) {
        if (!java.util.Arrays.equals(key, newKey)) {
            keyModified(key);
            keyModified(newKey);
        }
    }

    @Override
    default boolean copy(final byte[] source, final byte[] destination, final int destinationDb,
        final boolean replace) {
        final WriteGate[] gates = enterWrite();
        try {
            final Keyspace from = keyspace();
            if (destinationDb < 0 || destinationDb >= engine().databaseCount()) {
                throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
            }
            final boolean copied =
                KeyOps.copy(from, engine().keyspace(destinationDb), key(source), key(destination), replace);
            if (copied) {
                keyModified(destinationDb, destination);
            }
            return copied;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] dump(final byte[] key) {
        return KeyOps.dump(keyspace(), key(key));
    }

    @Override
    default boolean restore(final byte[] key, final long ttl, final byte[] payload, final boolean replace,
        final boolean absTtl) {
        key(key);
        Objects.requireNonNull(payload, "payload");
        final WriteGate[] gates = enterWrite();
        try {
            final Keyspace ks = keyspace();
            // restoreCommand's order: the existing key, then the TTL, then the payload's footer, then its value.
            if (!replace && KeyOps.exists(ks, key) > 0) {
                throw KvError.BUSYKEY.exception();
            }
            if (ttl < 0) {
                throw KvError.RESTORE_INVALID_TTL.exception();
            }
            if (!RdbOutput.verify(payload)) {
                throw KvError.DUMP_PAYLOAD_INVALID.exception();
            }
            final Object value;
            try {
                value = DumpPayload.restore(payload);
            } catch (final RdbFormatException e) {
                throw KvError.BAD_DATA_FORMAT.exception();
            }
            final long now = ks.now();
            final long expireAt = ttl == 0 ? 0 : absTtl ? ttl : now + Math.min(ttl, Long.MAX_VALUE - now);
            final int result = KeyOps.restore(ks, key, value, expireAt, replace);
            if (result == KeyOps.BUSY) {
                throw KvError.BUSYKEY.exception();
            }
            if (result == KeyOps.RESTORED || result == KeyOps.EXPIRED_DELETED) {
                keyModified(key);
            }
            return result == KeyOps.RESTORED;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean move(final byte[] key, final int db) {
        final WriteGate[] gates = enterWrite();
        try {
            final Keyspace from = keyspace();
            if (db < 0 || db >= engine().databaseCount()) {
                throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
            }
            final boolean moved = KeyOps.move(from, engine().keyspace(db), key(key));
            if (moved) {
                keyModified(key);
                keyModified(db, key);
            }
            return moved;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> sort(final byte[] key, final SortArgs args) {
        return SortOps.sort(keyspace(), key(key), Objects.requireNonNull(args, "args"));
    }

    @Override
    default long sortStore(final byte[] key, final SortArgs args, final byte[] destination) {
        Objects.requireNonNull(args, "args");
        final WriteGate[] gates = enterWrite();
        try {
            final Written<Long> stored = SortOps.sortStore(keyspace(), key(key), args, key(destination));
            return modifiedIf(stored.modified(), destination, stored.reply());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long touch(final byte[]... keys) {
        return KeyOps.exists(keyspace(), keys);
    }

    // ------------------------------------------------------------------------------------------------ expiry

    @Override
    default boolean expire(final byte[] key, final long seconds, final ExpireCondition condition) {
        final WriteGate[] gates = enterWrite();
        try {
            return expired(key, ExpireOps.expire(keyspace(), key(key), seconds, true, true, condition, "expire"));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean pexpire(final byte[] key, final long millis, final ExpireCondition condition) {
        final WriteGate[] gates = enterWrite();
        try {
            return expired(key, ExpireOps.expire(keyspace(), key(key), millis, false, true, condition, "pexpire"));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean expireat(final byte[] key, final long unixSeconds, final ExpireCondition condition) {
        final WriteGate[] gates = enterWrite();
        try {
            return expired(key,
                ExpireOps.expire(keyspace(), key(key), unixSeconds, true, false, condition, "expireat"));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean pexpireat(final byte[] key, final long unixMillis, final ExpireCondition condition) {
        final WriteGate[] gates = enterWrite();
        try {
            return expired(key,
                ExpireOps.expire(keyspace(), key(key), unixMillis, false, false, condition, "pexpireat"));
        } finally {
            exitWrite(gates);
        }
    }

    /** An EXPIRE that answered true set the TTL or deleted the key; one that answered false changed nothing. */
    private boolean expired(final byte[] key, final boolean set) {
        return modifiedIf(set, key, set);
    }

    @Override
    default long ttl(final byte[] key) {
        return ExpireOps.ttl(keyspace(), key(key));
    }

    @Override
    default long pttl(final byte[] key) {
        return ExpireOps.pttl(keyspace(), key(key));
    }

    @Override
    default boolean persist(final byte[] key) {
        final WriteGate[] gates = enterWrite();
        try {
            final boolean persisted = ExpireOps.persist(keyspace(), key(key));
            return modifiedIf(persisted, key, persisted);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long expiretime(final byte[] key) {
        return ExpireOps.expiretime(keyspace(), key(key));
    }

    @Override
    default long pexpiretime(final byte[] key) {
        return ExpireOps.pexpiretime(keyspace(), key(key));
    }
}
