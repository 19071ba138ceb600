package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.List;

import io.minikv.api.KeyedElements;
import io.minikv.api.KvError;
import io.minikv.api.ListEnd;
import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectSlot;
import io.minikv.engine.keyspace.Segment;
import io.minikv.engine.keyspace.SegmentLocks;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.memory.NativeBytes;
import io.minikv.engine.table.KeyHash;
import io.minikv.engine.type.list.ElementRing;
import io.minikv.engine.type.list.ListValue;

/**
 * The list commands ({@code t_list.c}'s command half): each runs under its key's segment lock through
 * {@link Keyspace#readObject} / {@link Keyspace#writeObject} (type check and lazy expiry done there), works on the
 * {@link ListValue}, and keeps the keyspace invariant that no empty list is ever stored: a push creates the key, the
 * removal of the last element deletes it. LMOVE locks both of its keys at once (through {@link SegmentLocks}), so
 * the element is never seen in neither or both lists.
 * <p>
 * Argument checks happen before the key is looked up, in the order Redis checks them, so the same bad call fails
 * the same way.
 * <p>
 * Thread-safe (stateless).
 */
public final class ListOps {
    private static final long BASE = NativeBytes.BYTE_ARRAY_BASE;

    private ListOps() {
    }

    private static ListValue list(final ObjectSlot slot) {
        return (ListValue) slot.get();
    }

    /** Deletes the key when its list became empty (slot still open). */
    private static void deleteIfEmpty(final ObjectSlot slot, final ListValue list) {
        if (list.size() == 0) {
            slot.delete();
        }
    }

    private static void checkRoom(final ListValue list, final int adding) {
        if ((long) list.size() + adding > ElementRing.MAX_CAPACITY) {
            throw KvError.OOM.exception();
        }
    }

    // ------------------------------------------------------------------------------------------------ push / pop

    /**
     * LPUSH, RPUSH, LPUSHX and RPUSHX.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param elements the elements, at least one.
     * @param end where to push.
     * @param onlyIfExists true for the X forms.
     * @return the length after the push, 0 when an X form found no list.
     */
    public static long push(final Keyspace ks, final byte[] key, final byte[][] elements, final ListEnd end,
        final boolean onlyIfExists) {
        ks.checkWrite();
        return ks.writeObject(key, ValueType.LIST, slot -> {
            ListValue list = list(slot);
            if (list == null) {
                if (onlyIfExists) {
                    return 0L;
                }
                list = new ListValue();
                pushAll(list, elements, end);
                slot.set(list);
            } else {
                pushAll(list, elements, end);
            }
            return (long) list.size();
        });
    }

    private static void pushAll(final ListValue list, final byte[][] elements, final ListEnd end) {
        checkRoom(list, elements.length);
        final ElementRing ring = list.ring();
        for (final byte[] e : elements) {
            if (end == ListEnd.LEFT) {
                ring.addFirst(e);
            } else {
                ring.addLast(e);
            }
        }
    }

    /**
     * LPOP and RPOP without a count.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param end where to pop.
     * @return the element, or null when the key is missing.
     */
    public static byte[] pop(final Keyspace ks, final byte[] key, final ListEnd end) {
        return ks.writeObject(key, ValueType.LIST, slot -> {
            final ListValue list = list(slot);
            if (list == null) {
                return null;
            }
            final byte[] e = end == ListEnd.LEFT ? list.ring().pollFirst() : list.ring().pollLast();
            deleteIfEmpty(slot, list);
            return e;
        });
    }

    /**
     * LPOP and RPOP with a count.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param end where to pop.
     * @param count at most this many, at least 0.
     * @return the elements in pop order, or null when the key is missing.
     */
    public static List<byte[]> pop(final Keyspace ks, final byte[] key, final ListEnd end, final long count) {
        if (count < 0) {
            throw KvError.COUNT_NOT_POSITIVE.exception();
        }
        return ks.writeObject(key, ValueType.LIST, slot -> {
            final ListValue list = list(slot);
            if (list == null) {
                return null;
            }
            final List<byte[]> out = popFrom(list, end, count);
            deleteIfEmpty(slot, list);
            return out;
        });
    }

    private static List<byte[]> popFrom(final ListValue list, final ListEnd end, final long count) {
        final int n = (int) Math.min(count, list.size());
        final List<byte[]> out = new ArrayList<>(n);
        final ElementRing ring = list.ring();
        for (int i = 0; i < n; i++) {
            out.add(end == ListEnd.LEFT ? ring.pollFirst() : ring.pollLast());
        }
        return out;
    }

    /**
     * LMPOP: pops from the first key holding a list.
     *
     * @param ks the keyspace.
     * @param keys the keys, in order.
     * @param end where to pop.
     * @param count at most this many, at least 1.
     * @return the key and elements, or null when every key is missing.
     */
    public static KeyedElements lmpop(final Keyspace ks, final byte[][] keys, final ListEnd end, final long count) {
        if (count < 1) {
            throw KvError.COUNT_SHOULD_BE_POSITIVE.exception();
        }
        for (final byte[] key : keys) {
            final KeyedElements popped = ks.writeObject(key, ValueType.LIST, slot -> {
                final ListValue list = list(slot);
                if (list == null) {
                    return null;
                }
                final List<byte[]> out = popFrom(list, end, count);
                deleteIfEmpty(slot, list);
                return new KeyedElements(key, out);
            });
            if (popped != null) {
                return popped;
            }
        }
        return null;
    }

    /**
     * LMOVE and RPOPLPUSH: both keys are locked together, source and destination are type-checked before
     * anything changes.
     *
     * @param ks the keyspace.
     * @param source the source key.
     * @param destination the destination key (may equal source).
     * @param from the end of source to pop.
     * @param to the end of destination to push.
     * @return the element moved, or null when source is missing.
     */
    public static byte[] lmove(final Keyspace ks, final byte[] source, final byte[] destination, final ListEnd from,
        final ListEnd to) {
        final long now = ks.now();
        final long sh = KeyHash.hash(source);
        final long dh = KeyHash.hash(destination);
        final Segment ss = ks.segment(sh);
        final Segment ds = ks.segment(dh);
        try (SegmentLocks ignored = new SegmentLocks(ss, ds)) {
            final ListValue src = at(ss, ss.findLive(sh, source, BASE, source.length, now));
            if (src == null) {
                return null;
            }
            ListValue dst = at(ds, ds.findLive(dh, destination, BASE, destination.length, now));
            final byte[] e = from == ListEnd.LEFT ? src.ring().pollFirst() : src.ring().pollLast();
            // The same key gives the same object: the element goes back into the list, which never empties.
            if (src.size() == 0 && src != dst) {
                ss.removeKey(sh, ss.find(sh, source, BASE, source.length));
            }
            if (dst == null) {
                dst = new ListValue();
                push(dst, e, to);
                // The element already left the source: the new key is created even over the memory limit (the
                // command was admitted before it started, as Redis admits it), so the element is never lost.
                ds.allowOverLimit(true);
                try {
                    ds.putObject(dh, destination, BASE, destination.length, -1, dst, 0);
                } finally {
                    ds.allowOverLimit(false);
                }
            } else {
                push(dst, e, to);
            }
            return e;
        }
    }

    private static void push(final ListValue list, final byte[] e, final ListEnd end) {
        checkRoom(list, 1);
        if (end == ListEnd.LEFT) {
            list.ring().addFirst(e);
        } else {
            list.ring().addLast(e);
        }
    }

    /** Returns the live list of bucket b (lock held), null when missing; WRONGTYPE for other types. */
    private static ListValue at(final Segment s, final int b) {
        if (b < 0) {
            return null;
        }
        if (s.type(b) != EntryLayout.TYPE_LIST) {
            throw KvError.WRONGTYPE.exception();
        }
        return (ListValue) s.object(b);
    }

    // ------------------------------------------------------------------------------------------------ edits

    /**
     * LSET.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param index the index, negative from the tail.
     * @param element the new element.
     */
    public static void lset(final Keyspace ks, final byte[] key, final long index, final byte[] element) {
        ks.checkWrite();
        ks.writeObject(key, ValueType.LIST, slot -> {
            final ListValue list = list(slot);
            if (list == null) {
                throw KvError.NO_SUCH_KEY.exception();
            }
            final int i = list.position(index);
            if (i < 0) {
                throw KvError.INDEX_OUT_OF_RANGE.exception();
            }
            list.ring().set(i, element);
            return null;
        });
    }

    /**
     * LINSERT.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param before true for BEFORE.
     * @param pivot the element to insert next to.
     * @param element the new element.
     * @return the length after the insert, -1 without pivot, 0 when the key is missing.
     */
    public static long linsert(final Keyspace ks, final byte[] key, final boolean before, final byte[] pivot,
        final byte[] element) {
        ks.checkWrite();
        return ks.writeObject(key, ValueType.LIST, slot -> {
            final ListValue list = list(slot);
            if (list == null) {
                return 0L;
            }
            final int i = list.indexOf(pivot);
            if (i < 0) {
                return -1L;
            }
            checkRoom(list, 1);
            list.ring().insert(before ? i : i + 1, element);
            return (long) list.size();
        });
    }

    /**
     * LREM.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param count positive: the first count from the head; negative: from the tail; 0: all.
     * @param element the element to remove.
     * @return how many were removed.
     */
    public static long lrem(final Keyspace ks, final byte[] key, final long count, final byte[] element) {
        // -Long.MIN_VALUE wraps in Redis too and never equals a removal count: all matches go, from the tail.
        final long limit = count == Long.MIN_VALUE ? 0 : Math.abs(count);
        return ks.writeObject(key, ValueType.LIST, slot -> {
            final ListValue list = list(slot);
            if (list == null) {
                return 0L;
            }
            final long removed = list.ring().removeMatching(element, limit, count < 0);
            deleteIfEmpty(slot, list);
            return removed;
        });
    }

    /**
     * LTRIM.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param start first index kept.
     * @param stop last index kept.
     * @return whether the key existed: Redis signals LTRIM on an existing list even when it keeps every element.
     */
    public static boolean ltrim(final Keyspace ks, final byte[] key, final long start, final long stop) {
        return ks.writeObject(key, ValueType.LIST, slot -> {
            final ListValue list = list(slot);
            if (list == null) {
                return false;
            }
            final int[] r = list.range(start, stop);
            if (r == null) {
                slot.delete();
                return true;
            }
            final ElementRing ring = list.ring();
            ring.removeLast(ring.size() - 1 - r[1]);
            ring.removeFirst(r[0]);
            return true;
        });
    }

    // ------------------------------------------------------------------------------------------------ reads

    /**
     * LLEN.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @return the length.
     */
    public static long llen(final Keyspace ks, final byte[] key) {
        return ks.readObject(key, ValueType.LIST, v -> v == null ? 0L : (long) ((ListValue) v).size());
    }

    /**
     * LRANGE.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param start first index.
     * @param stop last index.
     * @return the elements.
     */
    public static List<byte[]> lrange(final Keyspace ks, final byte[] key, final long start, final long stop) {
        return ks.readObject(key, ValueType.LIST, v -> {
            final ListValue list = (ListValue) v;
            final int[] r = list == null ? null : list.range(start, stop);
            return r == null ? new ArrayList<>(0) : list.slice(r[0], r[1]);
        });
    }

    /**
     * LINDEX.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param index the index.
     * @return the element or null.
     */
    public static byte[] lindex(final Keyspace ks, final byte[] key, final long index) {
        return ks.readObject(key, ValueType.LIST, v -> {
            final ListValue list = (ListValue) v;
            final int i = list == null ? -1 : list.position(index);
            return i < 0 ? null : list.ring().get(i);
        });
    }

    /**
     * LPOS.
     *
     * @param ks the keyspace.
     * @param key the key.
     * @param element the element.
     * @param rank not 0.
     * @param count at least 0, or -1 for the form without COUNT.
     * @param maxlen at least 0.
     * @return the indexes found, in search order.
     */
    public static List<Long> lpos(final Keyspace ks, final byte[] key, final byte[] element, final long rank,
        final long count, final long maxlen) {
        if (rank == 0) {
            throw KvError.LPOS_RANK_ZERO.exception();
        }
        if (count < -1) {
            throw KvError.LPOS_COUNT_NEGATIVE.exception();
        }
        if (maxlen < 0) {
            throw KvError.LPOS_MAXLEN_NEGATIVE.exception();
        }
        return ks.readObject(key, ValueType.LIST, v -> {
            final List<Long> out = new ArrayList<>();
            if (v != null) {
                ((ListValue) v).search(element, rank, count, maxlen, out);
            }
            return out;
        });
    }
}
