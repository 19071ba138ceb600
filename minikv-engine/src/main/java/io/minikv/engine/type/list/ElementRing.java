package io.minikv.engine.type.list;

import java.util.Arrays;

import io.minikv.engine.memory.HeapSize;

/**
 * A growable ring buffer of {@code byte[]} elements: a deque with O(1) push and pop at both ends and O(1) access by
 * index, the structure behind a list value.
 * <p>
 * <b>Layout.</b> The elements live in one power-of-two array; element {@code i} (0 = head) is at slot
 * {@code (head + i) & mask}. Unused slots are always null, so removed elements are not kept alive. The array doubles
 * when full and halves when a quarter full (down to {@link #MIN_CAPACITY}), so memory follows the size and each
 * push or pop is amortised O(1). A middle insert or remove moves the elements on the shorter side, as
 * {@code ArrayDeque} would if it had an index: O(min(i, n - i)).
 * <p>
 * Why not {@code ArrayDeque}: it has no access by index, which LINDEX, LSET, LRANGE and LINSERT need. Why not a
 * linked list: 32+ bytes of node per element and pointer chasing on every range read.
 * <p>
 * Not thread-safe: a list value is read and changed only under its segment's lock. Elements are stored as given
 * and never copied or modified.
 */
public final class ElementRing {
    /** The smallest array, and the size of a new ring's array. */
    public static final int MIN_CAPACITY = 8;
    /** The largest array: Java arrays stop short of 2^31, and capacities are powers of two. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** The ring object: the slots reference, mask, head and size ints, and {@link #elementBytes}. */
    static final long RING_BYTES = HeapSize.object(4 * 4 + 8);

    private byte[][] slots;
    /** The footprint of the element arrays; the slots array is added by {@link #memoryBytes()}. */
    private long elementBytes;
    private int mask;
    private int head;
    private int size;

    /** Creates an empty ring. */
    public ElementRing() {
        this(MIN_CAPACITY);
    }

    private ElementRing(final int capacity) {
        this.slots = new byte[capacity][];
        this.mask = capacity - 1;
    }

    /**
     * Returns the number of elements.
     *
     * @return the size.
     */
    public int size() {
        return size;
    }

    /**
     * Returns the length of the backing array (tests).
     *
     * @return a power of two, at least {@link #MIN_CAPACITY}.
     */
    int capacity() {
        return slots.length;
    }

    /**
     * Returns the element at an index.
     *
     * @param index from 0 (head) to {@code size() - 1}.
     * @return the element.
     * @throws IndexOutOfBoundsException when out of range.
     */
    public byte[] get(final int index) {
        checkIndex(index);
        return slots[(head + index) & mask];
    }

    /**
     * Replaces the element at an index.
     *
     * @param index from 0 to {@code size() - 1}.
     * @param element the new element, not null.
     * @return the element replaced.
     * @throws IndexOutOfBoundsException when out of range.
     */
    public byte[] set(final int index, final byte[] element) {
        checkIndex(index);
        final int slot = (head + index) & mask;
        final byte[] old = slots[slot];
        slots[slot] = element;
        elementBytes += HeapSize.byteArray(element.length) - HeapSize.byteArray(old.length);
        return old;
    }

    /**
     * Inserts an element at the head.
     *
     * @param element the element, not null.
     * @throws IllegalStateException when the ring holds {@link #MAX_CAPACITY} elements.
     */
    public void addFirst(final byte[] element) {
        growIfFull();
        head = (head - 1) & mask;
        slots[head] = element;
        size++;
        elementBytes += HeapSize.byteArray(element.length);
    }

    /**
     * Appends an element at the tail.
     *
     * @param element the element, not null.
     * @throws IllegalStateException when the ring holds {@link #MAX_CAPACITY} elements.
     */
    public void addLast(final byte[] element) {
        growIfFull();
        slots[(head + size) & mask] = element;
        size++;
        elementBytes += HeapSize.byteArray(element.length);
    }

    /**
     * Removes and returns the head element.
     *
     * @return the element, or null when empty.
     */
    public byte[] pollFirst() {
        if (size == 0) {
            return null;
        }
        final byte[] e = slots[head];
        slots[head] = null;
        head = (head + 1) & mask;
        size--;
        elementBytes -= HeapSize.byteArray(e.length);
        shrinkIfSparse();
        return e;
    }

    /**
     * Removes and returns the tail element.
     *
     * @return the element, or null when empty.
     */
    public byte[] pollLast() {
        if (size == 0) {
            return null;
        }
        final int slot = (head + size - 1) & mask;
        final byte[] e = slots[slot];
        slots[slot] = null;
        size--;
        elementBytes -= HeapSize.byteArray(e.length);
        shrinkIfSparse();
        return e;
    }

    /**
     * Inserts an element so that it ends up at {@code index}, moving the shorter side out of the way.
     *
     * @param index from 0 (a new head) to {@code size()} (a new tail).
     * @param element the element, not null.
     * @throws IndexOutOfBoundsException when out of range.
     * @throws IllegalStateException when the ring is at its maximum size.
     */
    public void insert(final int index, final byte[] element) {
        if (index < 0 || index > size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
        growIfFull();
        if (index < size - index) {
            // Move elements 0..index-1 one slot towards the head.
            head = (head - 1) & mask;
            for (int i = 0; i < index; i++) {
                slots[(head + i) & mask] = slots[(head + i + 1) & mask];
            }
        } else {
            // Move elements index..size-1 one slot towards the tail.
            for (int i = size; i > index; i--) {
                slots[(head + i) & mask] = slots[(head + i - 1) & mask];
            }
        }
        slots[(head + index) & mask] = element;
        size++;
        elementBytes += HeapSize.byteArray(element.length);
    }

    /**
     * Removes the element at an index, moving the shorter side to close the gap.
     *
     * @param index from 0 to {@code size() - 1}.
     * @return the removed element.
     * @throws IndexOutOfBoundsException when out of range.
     */
    public byte[] remove(final int index) {
        checkIndex(index);
        final byte[] e = slots[(head + index) & mask];
        if (index < size - 1 - index) {
            for (int i = index; i > 0; i--) {
                slots[(head + i) & mask] = slots[(head + i - 1) & mask];
            }
            slots[head] = null;
            head = (head + 1) & mask;
        } else {
            for (int i = index; i < size - 1; i++) {
                slots[(head + i) & mask] = slots[(head + i + 1) & mask];
            }
            slots[(head + size - 1) & mask] = null;
        }
        size--;
        elementBytes -= HeapSize.byteArray(e.length);
        shrinkIfSparse();
        return e;
    }

    /**
     * Removes the first {@code n} elements. O(n).
     *
     * @param n from 0 to {@code size()}.
     */
    public void removeFirst(final int n) {
        checkCount(n);
        for (int i = 0; i < n; i++) {
            final int slot = (head + i) & mask;
            elementBytes -= HeapSize.byteArray(slots[slot].length);
            slots[slot] = null;
        }
        head = (head + n) & mask;
        size -= n;
        shrinkIfSparse();
    }

    /**
     * Removes the last {@code n} elements. O(n).
     *
     * @param n from 0 to {@code size()}.
     */
    public void removeLast(final int n) {
        checkCount(n);
        for (int i = size - n; i < size; i++) {
            final int slot = (head + i) & mask;
            elementBytes -= HeapSize.byteArray(slots[slot].length);
            slots[slot] = null;
        }
        size -= n;
        shrinkIfSparse();
    }

    /**
     * Removes elements equal to {@code element} in one compacting pass, O(n): at most {@code limit} of them,
     * the ones nearest the head, or with {@code fromTail} the ones nearest the tail.
     *
     * @param element the bytes to match.
     * @param limit the most to remove, 0 for all.
     * @param fromTail whether to remove the matches nearest the tail first.
     * @return how many were removed.
     */
    public long removeMatching(final byte[] element, final long limit, final boolean fromTail) {
        final int n = size;
        long removed = 0;
        if (!fromTail) {
            int w = 0;
            for (int r = 0; r < n; r++) {
                final byte[] e = slots[(head + r) & mask];
                if ((limit == 0 || removed < limit) && Arrays.equals(e, element)) {
                    removed++;
                    elementBytes -= HeapSize.byteArray(e.length);
                } else {
                    slots[(head + w++) & mask] = e;
                }
            }
            for (int i = w; i < n; i++) {
                slots[(head + i) & mask] = null;
            }
        } else {
            int w = n - 1;
            for (int r = n - 1; r >= 0; r--) {
                final byte[] e = slots[(head + r) & mask];
                if ((limit == 0 || removed < limit) && Arrays.equals(e, element)) {
                    removed++;
                    elementBytes -= HeapSize.byteArray(e.length);
                } else {
                    slots[(head + w--) & mask] = e;
                }
            }
            for (int i = 0; i <= w; i++) {
                slots[(head + i) & mask] = null;
            }
            head = (head + w + 1) & mask;
        }
        size = n - (int) removed;
        shrinkIfSparse();
        return removed;
    }

    /**
     * Returns an independent ring holding the same elements (the arrays are shared: they are never modified).
     *
     * @return the copy, with a capacity fitted to the size.
     */
    public ElementRing copy() {
        final ElementRing copy = new ElementRing(capacityFor(size));
        for (int i = 0; i < size; i++) {
            copy.slots[i] = slots[(head + i) & mask];
        }
        copy.size = size;
        copy.elementBytes = elementBytes;
        return copy;
    }

    /**
     * Returns the estimated heap footprint: this object, its slots array and the elements.
     *
     * @return bytes.
     */
    public long memoryBytes() {
        return RING_BYTES + HeapSize.referenceArray(slots.length) + elementBytes;
    }

    private static int capacityFor(final int n) {
        return Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, n) * 2 - 1));
    }

    private void checkIndex(final int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + ", size " + size);
        }
    }

    private void checkCount(final int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException("count " + n + ", size " + size);
        }
    }

    private void growIfFull() {
        if (size == slots.length) {
            if (slots.length == MAX_CAPACITY) {
                throw new IllegalStateException("a list holds at most " + MAX_CAPACITY + " elements");
            }
            resize(slots.length << 1);
        }
    }

    /** Halves the array while it is less than a quarter full, so a big removal frees memory at once. */
    private void shrinkIfSparse() {
        int capacity = slots.length;
        while (capacity > MIN_CAPACITY && size < capacity >>> 2) {
            capacity >>>= 1;
        }
        if (capacity != slots.length) {
            resize(capacity);
        }
    }

    /** Moves the elements to a new array of {@code capacity} slots, the head at slot 0. */
    private void resize(final int capacity) {
        final byte[][] to = new byte[capacity][];
        final int firstPart = Math.min(size, slots.length - head);
        System.arraycopy(slots, head, to, 0, firstPart);
        System.arraycopy(slots, 0, to, firstPart, size - firstPart);
        slots = to;
        mask = capacity - 1;
        head = 0;
    }
}
