package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.keys;
import static io.minikv.engine.StoreArgs.members;

import java.util.Objects;

import io.minikv.api.KvHyperLogLogs;
import io.minikv.engine.type.HyperLogLogOps;
import io.minikv.engine.type.Written;

/**
 * The HyperLogLog commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to
 * {@link HyperLogLogOps} after the argument checks, with the engine's {@code hll-sparse-max-bytes}. Thread-safe, as
 * the store is.
 */
interface EmbeddedHyperLogLogs extends KvHyperLogLogs, EmbeddedFamily {

    /**
     * Returns the engine, for its {@code hll-sparse-max-bytes}.
     *
     * @return the engine.
     */
    Engine engine();

    @Override
    default long pfadd(final byte[] key, final byte[]... elements) {
        final WriteGate[] gates = enterWrite();
        try {
            final long r = HyperLogLogOps.pfadd(keyspace(), key(key), members(elements), engine().hllSparseMaxBytes());
            return modifiedIf(r == 1, key, r);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long pfcount(final byte[]... keys) {
        keys(keys);
        if (keys.length > 1) {
            return HyperLogLogOps.pfcountUnion(keyspace(), keys);
        }
        // One key: the cached estimate may be written back, a write like any other.
        final WriteGate[] gates = enterWrite();
        try {
            final Written<Long> w = HyperLogLogOps.pfcount(keyspace(), keys[0]);
            return modifiedIf(w.modified(), keys[0], w.reply().longValue());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default void pfmerge(final byte[] destkey, final byte[]... sourcekeys) {
        final WriteGate[] gates = enterWrite();
        try {
            Objects.requireNonNull(sourcekeys, "sourcekeys");
            for (final byte[] k : sourcekeys) {
                key(k);
            }
            HyperLogLogOps.pfmerge(keyspace(), key(destkey), sourcekeys, engine().hllSparseMaxBytes());
            keyModified(destkey);
        } finally {
            exitWrite(gates);
        }
    }
}
