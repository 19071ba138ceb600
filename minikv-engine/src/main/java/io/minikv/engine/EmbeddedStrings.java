package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.minikv.api.Expiration;
import io.minikv.api.KvStrings;
import io.minikv.api.LcsResult;
import io.minikv.api.SetArgs;
import io.minikv.api.SetCondition;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.type.Lcs;
import io.minikv.engine.type.StringOps;
import io.minikv.engine.type.Written;

/**
 * The string commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 * <p>
 * GET and SET themselves stay in the class: they are the hot path.
 */
interface EmbeddedStrings extends KvStrings, EmbeddedFamily {

    @Override
    default byte[] setGet(final byte[] key, final byte[] value, final SetArgs args) {
        final WriteGate[] gates = enterWrite();
        try {
            Objects.requireNonNull(value, "value");
            StringOps.checkLength(value.length);
            final byte[] old = StringOps.setGet(keyspace(), key(key), value, Objects.requireNonNull(args, "args"));
            // Written unless NX found a value or XX found none (a present string's value is never null).
            final boolean written = args.condition() == SetCondition.ALWAYS
                || (args.condition() == SetCondition.IF_ABSENT) == (old == null);
            return modifiedIf(written, key, old);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] getdel(final byte[] key) {
        final WriteGate[] gates = enterWrite();
        try {
            final byte[] value = StringOps.getdel(keyspace(), key(key));
            return modifiedIf(value != null, key, value);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] getex(final byte[] key, final Expiration expiration) {
        final WriteGate[] gates = enterWrite();
        try {
            final Written<byte[]> w = StringOps.getex(keyspace(), key(key), expiration);
            return modifiedIf(w.modified(), key, w.reply());
        } finally {
            exitWrite(gates);
        }
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
        final WriteGate[] gates = enterWrite();
        try {
            checkPairs(keysAndValues);
            final Keyspace ks = keyspace();
            final long base = NativeBytes.BYTE_ARRAY_BASE;
            for (int i = 0; i < keysAndValues.length; i += 2) {
                final byte[] key = key(keysAndValues[i]);
                final byte[] value = Objects.requireNonNull(keysAndValues[i + 1], "value");
                StringOps.checkLength(value.length);
                StringOps.set(ks, key, base, key.length, value, base, value.length, SetArgs.PLAIN);
                keyModified(key);
            }
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default boolean msetnx(final byte[]... keysAndValues) {
        final WriteGate[] gates = enterWrite();
        try {
            checkPairs(keysAndValues);
            for (int i = 0; i < keysAndValues.length; i += 2) {
                key(keysAndValues[i]);
                StringOps.checkLength(Objects.requireNonNull(keysAndValues[i + 1], "value").length);
            }
            final boolean set = StringOps.msetnx(keyspace(), keysAndValues);
            if (set) {
                for (int i = 0; i < keysAndValues.length; i += 2) {
                    keyModified(keysAndValues[i]);
                }
            }
            return set;
        } finally {
            exitWrite(gates);
        }
    }

    private static void checkPairs(final byte[][] keysAndValues) {
        if (keysAndValues.length == 0 || (keysAndValues.length & 1) != 0) {
            throw new IllegalArgumentException("keys and values must alternate: " + keysAndValues.length);
        }
    }

    @Override
    default long append(final byte[] key, final byte[] value) {
        final WriteGate[] gates = enterWrite();
        try {
            // APPEND modifies even with nothing to append: it creates a missing key.
            return modified(key, StringOps.append(keyspace(), key(key), Objects.requireNonNull(value, "value")));
        } finally {
            exitWrite(gates);
        }
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
    default byte[] lcs(final byte[] key1, final byte[] key2) {
        return Lcs.of(keyspace(), key(key1), key(key2), StringOps.MAX_STRING_LENGTH).subsequence();
    }

    @Override
    default long lcsLength(final byte[] key1, final byte[] key2) {
        return Lcs.of(keyspace(), key(key1), key(key2), StringOps.MAX_STRING_LENGTH).length();
    }

    @Override
    default LcsResult lcsIdx(final byte[] key1, final byte[] key2, final long minMatchLength) {
        return Lcs.of(keyspace(), key(key1), key(key2), StringOps.MAX_STRING_LENGTH).matches(minMatchLength);
    }

    @Override
    default long setrange(final byte[] key, final long offset, final byte[] value) {
        final WriteGate[] gates = enterWrite();
        try {
            final long length =
                StringOps.setrange(keyspace(), key(key), offset, Objects.requireNonNull(value, "value"));
            // Nothing to write changes nothing, not even a missing key.
            return modifiedIf(value.length > 0, key, length);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long incrby(final byte[] key, final long increment) {
        final WriteGate[] gates = enterWrite();
        try {
            return modified(key, StringOps.incrby(keyspace(), key(key), increment));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default String incrbyfloat(final byte[] key, final double increment) {
        final WriteGate[] gates = enterWrite();
        try {
            return modified(key, StringOps.incrbyfloat(keyspace(), key(key), increment));
        } finally {
            exitWrite(gates);
        }
    }
}
