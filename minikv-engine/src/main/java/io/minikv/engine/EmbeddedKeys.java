package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;

import java.util.List;
import java.util.Objects;

import io.minikv.api.ExpireCondition;
import io.minikv.api.KvError;
import io.minikv.api.KvKeys;
import io.minikv.api.ScanResult;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.type.ExpireOps;
import io.minikv.engine.type.KeyOps;

/**
 * The key and expiry commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedKeys extends KvKeys, EmbeddedFamily {

    /** @return the engine, for the commands that reach another database (COPY, MOVE). */
    Engine engine();

    @Override
    default long del(final byte[]... keys) {
        final long n = KeyOps.del(keyspace(), keys);
        if (n > 0) {
            // A server's WATCH hears of deletions, as of the writes that may make a key ready.
            for (final byte[] key : keys) {
                ready(databaseIndex(), key);
            }
        }
        return n;
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
        KeyOps.rename(keyspace(), key(key), key(newKey), false);
        ready(databaseIndex(), newKey);
    }

    @Override
    default boolean renamenx(final byte[] key, final byte[] newKey) {
        return ready(newKey, KeyOps.rename(keyspace(), key(key), key(newKey), true));
    }

    @Override
    default boolean copy(final byte[] source, final byte[] destination, final int destinationDb,
        final boolean replace) {
        final Keyspace from = keyspace();
        if (destinationDb < 0 || destinationDb >= engine().databaseCount()) {
            throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
        }
        return ready(destinationDb, destination,
            KeyOps.copy(from, engine().keyspace(destinationDb), key(source), key(destination), replace));
    }

    @Override
    default boolean move(final byte[] key, final int db) {
        final Keyspace from = keyspace();
        if (db < 0 || db >= engine().databaseCount()) {
            throw KvError.DB_INDEX_OUT_OF_RANGE.exception();
        }
        return ready(db, key, KeyOps.move(from, engine().keyspace(db), key(key)));
    }

    @Override
    default long touch(final byte[]... keys) {
        return KeyOps.exists(keyspace(), keys);
    }

    // ------------------------------------------------------------------------------------------------ expiry

    @Override
    default boolean expire(final byte[] key, final long seconds, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), seconds, true, true, condition, "expire");
    }

    @Override
    default boolean pexpire(final byte[] key, final long millis, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), millis, false, true, condition, "pexpire");
    }

    @Override
    default boolean expireat(final byte[] key, final long unixSeconds, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), unixSeconds, true, false, condition, "expireat");
    }

    @Override
    default boolean pexpireat(final byte[] key, final long unixMillis, final ExpireCondition condition) {
        return ExpireOps.expire(keyspace(), key(key), unixMillis, false, false, condition, "pexpireat");
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
        return ExpireOps.persist(keyspace(), key(key));
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
