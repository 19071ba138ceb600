package io.minikv.engine.type.zset;

import java.util.Arrays;

import io.minikv.engine.memory.HeapSize;
import io.minikv.engine.type.ScanCursor;

import net.openhft.hashing.LongHashFunction;

/**
 * Member to node index of a {@link SortedSet}: a chained hash table whose entries are the skiplist nodes themselves.
 * <p>
 * The table is a power of two, grows when it holds more nodes than buckets and shrinks below 1/8 fill, rehashing
 * in one step. Chaining (rather than open addressing) is what makes {@link #scan} keep Redis's SCAN guarantee: with
 * Redis's reverse-binary cursor, a member present for the whole iteration is returned at least once even if the
 * table is resized between calls, because every bucket of the smaller table maps onto a contiguous run of cursor
 * values of the larger one.
 * <p>
 * Not thread-safe: the owning set's guard covers it.
 */
final class MemberHash {
    private static final int MIN_CAPACITY = 8;
    private static final LongHashFunction HASH = LongHashFunction.xx3();

    private ZNode[] table = new ZNode[MIN_CAPACITY];
    private int size;

    /**
     * Hashes a member.
     *
     * @param member the bytes.
     * @return a well-mixed 32-bit hash.
     */
    static int hash(final byte[] member) {
        final long h = HASH.hashBytes(member);
        return (int) (h ^ (h >>> 32));
    }

    int size() {
        return size;
    }

    /** Returns the footprint of this object (table reference, size) and its table; the nodes are the list's. */
    long memoryBytes() {
        return HeapSize.object(2 * 4) + HeapSize.referenceArray(table.length);
    }

    /**
     * Finds the node of a member.
     *
     * @param member the member bytes.
     * @param hash {@link #hash(byte[])} of the member.
     * @return the node, or null.
     */
    ZNode find(final byte[] member, final int hash) {
        final ZNode[] table = this.table;
        for (ZNode n = table[hash & (table.length - 1)]; n != null; n = n.hashNext) {
            if (n.hash == hash && Arrays.equals(n.member, member)) {
                return n;
            }
        }
        return null;
    }

    /**
     * Adds a node whose member is not in the table yet.
     *
     * @param node the node.
     */
    void insert(final ZNode node) {
        if (size >= table.length) {
            resize(table.length << 1);
        }
        final int index = node.hash & (table.length - 1);
        node.hashNext = table[index];
        table[index] = node;
        size++;
    }

    /**
     * Removes a node that is in the table.
     *
     * @param node the node.
     */
    void remove(final ZNode node) {
        final ZNode[] table = this.table;
        final int index = node.hash & (table.length - 1);
        ZNode prev = null;
        for (ZNode n = table[index]; n != null; prev = n, n = n.hashNext) {
            if (n == node) {
                if (prev == null) {
                    table[index] = n.hashNext;
                } else {
                    prev.hashNext = n.hashNext;
                }
                n.hashNext = null;
                size--;
                if (table.length > MIN_CAPACITY && size < (table.length >>> 3)) {
                    resize(table.length >>> 1);
                }
                return;
            }
        }
        throw new IllegalStateException("node not in the member hash");
    }

    private void resize(final int capacity) {
        final ZNode[] old = table;
        final ZNode[] fresh = new ZNode[capacity];
        final int mask = capacity - 1;
        for (ZNode head : old) {
            while (head != null) {
                final ZNode next = head.hashNext;
                final int index = head.hash & mask;
                head.hashNext = fresh[index];
                fresh[index] = head;
                head = next;
            }
        }
        table = fresh;
    }

    /**
     * Visits one bucket and returns the next cursor, as Redis's {@code dictScan} does on a single table.
     *
     * @param cursor 0 to start, then the returned value.
     * @param visitor receives the bucket's nodes.
     * @return the next cursor, 0 when the iteration is complete.
     */
    long scan(final long cursor, final SortedSet.Visitor visitor) {
        final ZNode[] table = this.table;
        final long mask = table.length - 1;
        for (ZNode n = table[(int) (cursor & mask)]; n != null; n = n.hashNext) {
            visitor.visit(n);
        }
        return ScanCursor.next(cursor, mask);
    }
}
