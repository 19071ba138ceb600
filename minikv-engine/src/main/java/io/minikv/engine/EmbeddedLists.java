package io.minikv.engine;

import static io.minikv.engine.StoreArgs.key;
import static io.minikv.engine.StoreArgs.keys;

import java.util.List;
import java.util.Objects;

import io.minikv.api.KeyedElements;
import io.minikv.api.KvError;
import io.minikv.api.KvLists;
import io.minikv.api.ListEnd;
import io.minikv.engine.type.ListOps;

/**
 * The list commands of {@link EmbeddedKvStore}, as default methods: one-line delegations to the engine's
 * command family after the argument checks. Thread-safe, as the store is.
 */
interface EmbeddedLists extends KvLists, EmbeddedFamily {

    private static byte[][] elements(final byte[][] elements) {
        Objects.requireNonNull(elements, "elements");
        if (elements.length == 0) {
            throw new IllegalArgumentException("at least one element is needed");
        }
        for (final byte[] e : elements) {
            Objects.requireNonNull(e, "element");
        }
        return elements;
    }

    private static byte[] element(final byte[] element) {
        return Objects.requireNonNull(element, "element");
    }

    @Override
    default long lpush(final byte[] key, final byte[]... elements) {
        final WriteGate[] gates = enterWrite();
        try {
            return modified(key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.LEFT, false));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long rpush(final byte[] key, final byte[]... elements) {
        final WriteGate[] gates = enterWrite();
        try {
            return modified(key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.RIGHT, false));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long lpushx(final byte[] key, final byte[]... elements) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.LEFT, true));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long rpushx(final byte[] key, final byte[]... elements) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, ListOps.push(keyspace(), key(key), elements(elements), ListEnd.RIGHT, true));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] lpop(final byte[] key) {
        final WriteGate[] gates = enterWrite();
        try {
            final byte[] popped = ListOps.pop(keyspace(), key(key), ListEnd.LEFT);
            return modifiedIf(popped != null, key, popped);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> lpop(final byte[] key, final long count) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, ListOps.pop(keyspace(), key(key), ListEnd.LEFT, count));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] rpop(final byte[] key) {
        final WriteGate[] gates = enterWrite();
        try {
            final byte[] popped = ListOps.pop(keyspace(), key(key), ListEnd.RIGHT);
            return modifiedIf(popped != null, key, popped);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default List<byte[]> rpop(final byte[] key, final long count) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, ListOps.pop(keyspace(), key(key), ListEnd.RIGHT, count));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long llen(final byte[] key) {
        return ListOps.llen(keyspace(), key(key));
    }

    @Override
    default List<byte[]> lrange(final byte[] key, final long start, final long stop) {
        return ListOps.lrange(keyspace(), key(key), start, stop);
    }

    @Override
    default byte[] lindex(final byte[] key, final long index) {
        return ListOps.lindex(keyspace(), key(key), index);
    }

    @Override
    default void lset(final byte[] key, final long index, final byte[] element) {
        final WriteGate[] gates = enterWrite();
        try {
            ListOps.lset(keyspace(), key(key), index, element(element));
            keyModified(key);
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long linsert(final byte[] key, final boolean before, final byte[] pivot, final byte[] element) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, ListOps.linsert(keyspace(), key(key), before,
                Objects.requireNonNull(pivot, "pivot"),
                element(element)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default long lrem(final byte[] key, final long count, final byte[] element) {
        final WriteGate[] gates = enterWrite();
        try {
            return modifiedIfAny(key, ListOps.lrem(keyspace(), key(key), count, element(element)));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default void ltrim(final byte[] key, final long start, final long stop) {
        final WriteGate[] gates = enterWrite();
        try {
            if (ListOps.ltrim(keyspace(), key(key), start, stop)) {
                // Even when every element is kept, as Redis signals LTRIM on any existing list.
                keyModified(key);
            }
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default Long lpos(final byte[] key, final byte[] element, final long rank, final long maxlen) {
        final List<Long> found = ListOps.lpos(keyspace(), key(key), element(element), rank, -1, maxlen);
        return found.isEmpty() ? null : found.get(0);
    }

    @Override
    default List<Long> lpos(final byte[] key, final byte[] element, final long rank, final long count,
        final long maxlen) {
        if (count < 0) {
            throw KvError.LPOS_COUNT_NEGATIVE.exception();
        }
        return ListOps.lpos(keyspace(), key(key), element(element), rank, count, maxlen);
    }

    @Override
    default byte[] lmove(final byte[] source, final byte[] destination, final ListEnd from, final ListEnd to) {
        final WriteGate[] gates = enterWrite();
        try {
            return moved(source, destination, ListOps.lmove(keyspace(), key(source), key(destination),
                Objects.requireNonNull(from, "from"), Objects.requireNonNull(to, "to")));
        } finally {
            exitWrite(gates);
        }
    }

    @Override
    default byte[] rpoplpush(final byte[] source, final byte[] destination) {
        final WriteGate[] gates = enterWrite();
        try {
            return moved(source, destination,
                ListOps.lmove(keyspace(), key(source), key(destination), ListEnd.RIGHT, ListEnd.LEFT));
        } finally {
            exitWrite(gates);
        }
    }

    /** An element that moved modified both keys (one, when they are the same). */
    private byte[] moved(final byte[] source, final byte[] destination, final byte[] element) {
        if (element != null) {
            keyModified(source);
            if (!java.util.Arrays.equals(source, destination)) {
                keyModified(destination);
            }
        }
        return element;
    }

    @Override
    default KeyedElements lmpop(final ListEnd end, final long count, final byte[]... keys) {
        final WriteGate[] gates = enterWrite();
        try {
            final KeyedElements popped =
                ListOps.lmpop(keyspace(), keys(keys), Objects.requireNonNull(end, "end"), count);
            if (popped != null) {
                keyModified(popped.key());
            }
            return popped;
        } finally {
            exitWrite(gates);
        }
    }
}
