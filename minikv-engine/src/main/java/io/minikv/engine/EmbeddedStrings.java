package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.minikv.api.Expiration;
import io.minikv.api.KvStrings;
import io.minikv.api.SetArgs;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.type.StringOps;

/**
 * The string commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 * <p>
 * GET and SET themselves stay in the class: they are the hot path.
 */
interface EmbeddedStrings extends KvStrings, EmbeddedFamily {

    @Override
    default byte[] setGet(final byte[] key, final byte[] value, final SetArgs args) {
        Objects.requireNonNull(value, "value");
        StringOps.checkLength(value.length);
        return StringOps.setGet(keyspace(), key(key), value, Objects.requireNonNull(args, "args"));
    }

    @Override
    default byte[] getdel(final byte[] key) {
        return StringOps.getdel(keyspace(), key(key));
    }

    @Override
    default byte[] getex(final byte[] key, final Expiration expiration) {
        return StringOps.getex(keyspace(), key(key), expiration);
    }

    @Override
    default List<byte[]> mget(final byte[]... keys) {
        final Keyspace ks = keyspace();
        final List<byte[]> out = new ArrayList<>(keys.length);
        for (final byte[] key : keys) {
            out.add(StringOps.getOrNull(ks, key(key)));
        }
        return out;
    }

    @Override
    default void mset(final byte[]... keysAndValues) {
        checkPairs(keysAndValues);
        final Keyspace ks = keyspace();
        final long base = NativeBytes.BYTE_ARRAY_BASE;
        for (int i = 0; i < keysAndValues.length; i += 2) {
            final byte[] key = key(keysAndValues[i]);
            final byte[] value = Objects.requireNonNull(keysAndValues[i + 1], "value");
            StringOps.checkLength(value.length);
            StringOps.set(ks, key, base, key.length, value, base, value.length, SetArgs.PLAIN);
        }
    }

    @Override
    default boolean msetnx(final byte[]... keysAndValues) {
        checkPairs(keysAndValues);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            key(keysAndValues[i]);
            StringOps.checkLength(Objects.requireNonNull(keysAndValues[i + 1], "value").length);
        }
        return StringOps.msetnx(keyspace(), keysAndValues);
    }

    private static void checkPairs(final byte[][] keysAndValues) {
        if (keysAndValues.length == 0 || (keysAndValues.length & 1) != 0) {
            throw new IllegalArgumentException("keys and values must alternate: " + keysAndValues.length);
        }
    }

    @Override
    default long append(final byte[] key, final byte[] value) {
        return StringOps.append(keyspace(), key(key), Objects.requireNonNull(value, "value"));
    }

    @Override
    default long strlen(final byte[] key) {
        return StringOps.strlen(keyspace(), key(key));
    }

    @Override
    default byte[] getrange(final byte[] key, final long start, final long end) {
        return StringOps.getrange(keyspace(), key(key), start, end);
    }

    @Override
    default long setrange(final byte[] key, final long offset, final byte[] value) {
        return StringOps.setrange(keyspace(), key(key), offset, Objects.requireNonNull(value, "value"));
    }

    @Override
    default long incrby(final byte[] key, final long increment) {
        return StringOps.incrby(keyspace(), key(key), increment);
    }

    @Override
    default String incrbyfloat(final byte[] key, final double increment) {
        return StringOps.incrbyfloat(keyspace(), key(key), increment);
    }
}
