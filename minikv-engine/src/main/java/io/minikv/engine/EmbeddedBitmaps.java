package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.keys;

import java.util.List;
import java.util.Objects;

import io.minikv.api.BitOperation;
import io.minikv.api.BitUnit;
import io.minikv.api.BitfieldOp;
import io.minikv.api.KvBitmaps;
import io.minikv.engine.type.BitfieldOps;
import io.minikv.engine.type.BitmapOps;
import io.minikv.engine.type.Written;

/**
 * The bitmap commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to {@link BitmapOps} and
 * {@link BitfieldOps} after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedBitmaps extends KvBitmaps, EmbeddedFamily {

    @Override
    default long setbit(final byte[] key, final long offset, final int value) {
        final WriteGate[] gates = enterWrite();
        try {
            final long r = BitmapOps.setbit(keyspace(), key(key), offset, value);
            return modifiedIf((r & BitmapOps.SETBIT_MODIFIED) != 0, key, r & 1);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long getbit(final byte[] key, final long offset) {
        return BitmapOps.getbit(keyspace(), key(key), offset);
    }

    @Override
    default long bitcount(final byte[] key) {
        return BitmapOps.bitcount(keyspace(), key(key), 0, -1, BitUnit.BYTE);
    }

    @Override
    default long bitcount(final byte[] key, final long start, final long end, final BitUnit unit) {
        return BitmapOps.bitcount(keyspace(), key(key), start, end, Objects.requireNonNull(unit, "unit"));
    }

    @Override
    default long bitpos(final byte[] key, final int bit) {
        return BitmapOps.bitpos(keyspace(), key(key), bit, 0, -1, false, BitUnit.BYTE);
    }

    @Override
    default long bitpos(final byte[] key, final int bit, final long start, final BitUnit unit) {
        return BitmapOps.bitpos(keyspace(), key(key), bit, start, -1, false, Objects.requireNonNull(unit, "unit"));
    }

    @Override
    default long bitpos(final byte[] key, final int bit, final long start, final long end, final BitUnit unit) {
        return BitmapOps.bitpos(keyspace(), key(key), bit, start, end, true, Objects.requireNonNull(unit, "unit"));
    }

    @Override
    default long bitop(final BitOperation operation, final byte[] destkey, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            final Written<Long> w = BitmapOps.bitop(keyspace(), Objects.requireNonNull(operation, "operation"),
                key(destkey), keys(keys));
            return modifiedIf(w.modified(), destkey, w.reply().longValue());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<Long> bitfield(final byte[] key, final BitfieldOp... ops) {
        final WriteGate[] gates = enterWrite();
        try {
            final Written<List<Long>> w = BitfieldOps.bitfield(keyspace(), key(key), ops(ops), false);
            return modifiedIf(w.modified(), key, w.reply());
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<Long> bitfieldRo(final byte[] key, final BitfieldOp... ops) {
        return BitfieldOps.bitfield(keyspace(), key(key), ops(ops), true).reply();
    }

    private static BitfieldOp[] ops(final BitfieldOp[] ops) {
        Objects.requireNonNull(ops, "ops");
        for (final BitfieldOp op : ops) {
            Objects.requireNonNull(op, "ops element");
        }
        return ops;
    }
}
