package io.minikv.engine.type.list;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.HeapSize;

/**
 * A list value: an {@link ElementRing} plus Redis's index arithmetic ({@code t_list.c}'s range, index and search
 * rules), so the command layer above deals in Redis's signed 64-bit indexes and this class alone maps them to ring
 * positions.
 * <p>
 * Not thread-safe: read and changed only under its segment's lock.
 */
public final class ListValue implements ObjectValue {
    /** The list object: its ring reference. */
    static final long LIST_BYTES = HeapSize.object(4);

    private final ElementRing ring;

    /** Creates an empty list (stored only once it has an element). */
    public ListValue() {
        this(new ElementRing());
    }

    private ListValue(final ElementRing ring) {
        this.ring = ring;
    }

    @Override
    public ValueType type() {
        return ValueType.LIST;
    }

    /**
     * {@inheritDoc} A copy shares its element arrays with the original but is charged for them in full: either may
     * outlive the other.
     */
    @Override
    public long memoryBytes() {
        return LIST_BYTES + ring.memoryBytes();
    }

    /** {@inheritDoc} Redis 7.0 keeps every list as a quicklist (the listpack form for small lists is 7.2's). */
    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public ListValue copy() {
        return new ListValue(ring.copy());
    }

    /**
     * Returns the elements.
     *
     * @return the ring, for pushes, pops and direct access.
     */
    public ElementRing ring() {
        return ring;
    }

    /**
     * Returns the number of elements.
     *
     * @return the length.
     */
    public int size() {
        return ring.size();
    }

    /**
     * Maps a Redis index (negative from the tail) to a ring position.
     *
     * @param index the index.
     * @return the position, or -1 when out of range.
     */
    public int position(final long index) {
        final long n = ring.size();
        final long i = index < 0 ? n + index : index;
        return i >= 0 && i < n ? (int) i : -1;
    }

    /**
     * Resolves an LRANGE/LTRIM range as Redis's {@code addListRangeReply} does: negative indexes from the tail,
     * start clamped to 0, stop to the last element.
     *
     * @param start first index.
     * @param stop last index, inclusive.
     * @return {first, last} positions, or null when the range is empty.
     */
    public int[] range(final long start, final long stop) {
        final long n = ring.size();
        long from = start < 0 ? n + start : start;
        long to = stop < 0 ? n + stop : stop;
        if (from < 0) {
            from = 0;
        }
        if (from > to || from >= n) {
            return null;
        }
        if (to >= n) {
            to = n - 1;
        }
        return new int[] {(int) from, (int) to};
    }

    /**
     * Returns the elements from {@code first} to {@code last} positions, inclusive, in list order.
     *
     * @param first first position.
     * @param last last position.
     * @return a new list.
     */
    public List<byte[]> slice(final int first, final int last) {
        final List<byte[]> out = new ArrayList<>(last - first + 1);
        for (int i = first; i <= last; i++) {
            out.add(ring.get(i));
        }
        return out;
    }

    /**
     * Finds the first position holding an element, from the head.
     *
     * @param element the bytes to look for.
     * @return the position, or -1.
     */
    public int indexOf(final byte[] element) {
        final int n = ring.size();
        for (int i = 0; i < n; i++) {
            if (Arrays.equals(ring.get(i), element)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * LPOS's search, with Redis 7.0's arithmetic (including its wrap-around of {@code -Long.MIN_VALUE}, which makes
     * that rank act as -1 and, with a count, lets every match through).
     *
     * @param element the bytes to look for.
     * @param rank the match to start from, not 0; negative searches from the tail.
     * @param count how many indexes to collect, 0 for all; -1 for LPOS without COUNT (one index).
     * @param maxlen compare at most this many elements, 0 for all.
     * @param out receives the indexes in search order.
     */
    public void search(final byte[] element, final long rank, final long count, final long maxlen,
        final List<Long> out) {
        final boolean fromTail = rank < 0;
        final long wanted = fromTail ? -rank : rank;
        final int n = ring.size();
        long matches = 0;
        for (long index = 0; index < n && (maxlen == 0 || index < maxlen); index++) {
            final int position = (int) (fromTail ? n - 1 - index : index);
            if (!Arrays.equals(ring.get(position), element)) {
                continue;
            }
            matches++;
            if (matches >= wanted) {
                out.add((long) position);
                if (count == -1 || (count != 0 && matches - wanted + 1 >= count)) {
                    return;
                }
            }
        }
    }
}
