package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.keys;
import static io.minikv.engine.StoreArgs.members;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import io.minikv.api.KvError;
import io.minikv.api.KvSets;
import io.minikv.api.SScanResult;
import io.minikv.engine.type.SetOps;
import io.minikv.engine.type.SetStoreOps;
import io.minikv.engine.type.Written;

/**
 * The set commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedSets extends KvSets, EmbeddedFamily {

    @Override
    default long sadd(final byte[] key, final byte[]... members) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SetOps.sadd(keyspace(), key(key), nonEmpty(members(members))));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long srem(final byte[] key, final byte[]... members) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SetOps.srem(keyspace(), key(key), nonEmpty(members(members))));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> smembers(final byte[] key) {
        return SetOps.smembers(keyspace(), key(key));
    }

    @Override
    default boolean sismember(final byte[] key, final byte[] member) {
        return SetOps.smismember(keyspace(), key(key), new byte[][] {Objects.requireNonNull(member, "member")})[0];
    }

    @Override
    default List<Boolean> smismember(final byte[] key, final byte[]... members) {
        final boolean[] found = SetOps.smismember(keyspace(), key(key), nonEmpty(members(members)));
        final List<Boolean> out = new ArrayList<>(found.length);
        for (final boolean f : found) {
            out.add(f);
        }
        return out;
    }

    @Override
    default long scard(final byte[] key) {
        return SetOps.scard(keyspace(), key(key));
    }

    @Override
    default byte[] spop(final byte[] key) {
        final WriteGate[] gates = enterWrite();
        try {
            final List<byte[]> one =
                modifiedIfAny(key, SetOps.spop(keyspace(), key(key), 1, ThreadLocalRandom.current()));
            return one.isEmpty() ? null : one.get(0);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> spop(final byte[] key, final long count) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, SetOps.spop(keyspace(), key(key), count, ThreadLocalRandom.current()));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] srandmember(final byte[] key) {
        final List<byte[]> one = SetOps.srandmember(keyspace(), key(key), 1, ThreadLocalRandom.current());
        return one.isEmpty() ? null : one.get(0);
    }

    @Override
    default List<byte[]> srandmember(final byte[] key, final long count) {
        return SetOps.srandmember(keyspace(), key(key), count, ThreadLocalRandom.current());
    }

    @Override
    default boolean smove(final byte[] source, final byte[] destination, final byte[] member) {
        final WriteGate[] gates = enterWrite();
        try {
            final int moved =
                SetStoreOps.smove(keyspace(), key(source), key(destination), Objects.requireNonNull(member, "member"));
            if ((moved & SetStoreOps.SMOVE_REMOVED) != 0) {
                keyModified(source);
            }
            if ((moved & SetStoreOps.SMOVE_ADDED) != 0) {
                keyModified(destination);
            }
            return (moved & SetStoreOps.SMOVE_FOUND) != 0;
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> sinter(final byte[]... keys) {
        return SetStoreOps.combine(keyspace(), SetStoreOps.Op.INTER, keys(keys));
    }

    @Override
    default long sinterstore(final byte[] destination, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            return stored(destination, SetStoreOps.combineStore(keyspace(), SetStoreOps.Op.INTER, key(destination),
                keys(keys)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long sintercard(final long limit, final byte[]... keys) {
        return SetStoreOps.sintercard(keyspace(), keys(keys), limit);
    }

    @Override
    default List<byte[]> sunion(final byte[]... keys) {
        return SetStoreOps.combine(keyspace(), SetStoreOps.Op.UNION, keys(keys));
    }

    @Override
    default long sunionstore(final byte[] destination, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            return stored(destination, SetStoreOps.combineStore(keyspace(), SetStoreOps.Op.UNION, key(destination),
                keys(keys)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> sdiff(final byte[]... keys) {
        return SetStoreOps.combine(keyspace(), SetStoreOps.Op.DIFF, keys(keys));
    }

    @Override
    default long sdiffstore(final byte[] destination, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            return stored(destination, SetStoreOps.combineStore(keyspace(), SetStoreOps.Op.DIFF, key(destination),
                keys(keys)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default SScanResult sscan(final byte[] key, final long cursor, final byte[] pattern, final long count) {
        if (count < 1) {
            throw KvError.SYNTAX.exception();
        }
        return SetOps.sscan(keyspace(), key(key), cursor, pattern, count);
    }

    /** A store command modified its destination unless the result was empty and the destination missing. */
    private long stored(final byte[] destination, final Written<Long> w) {
        return modifiedIf(w.modified(), destination, (long) w.reply());
    }

    private static byte[][] nonEmpty(final byte[][] members) {
        if (members.length == 0) {
            throw new IllegalArgumentException("at least one member is needed");
        }
        return members;
    }
}
