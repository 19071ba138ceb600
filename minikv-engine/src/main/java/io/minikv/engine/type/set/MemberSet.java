package io.minikv.engine.type.set;

import java.util.Arrays;
import java.util.random.RandomGenerator;

import io.minikv.api.ValueType;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.HeapSize;
import io.minikv.engine.type.ScanCursor;

import net.openhft.hashing.LongHashFunction;

/**
 * A set value ({@code t_set.c}'s hashtable encoding): binary-safe members in a chained hash table, plus a dense
 * array of the same entries.
 * <p>
 * <b>Why two indexes.</b> The chained table gives O(1) membership and keeps Redis's SSCAN guarantee across resizes
 * (a member present for the whole iteration is returned at least once): with the reverse-binary cursor every bucket
 * of the smaller table maps onto a contiguous run of cursor values of the larger one, which open addressing would
 * not give. The dense array gives what Redis approximates with {@code dictGetFairRandomKey}: a uniformly random
 * member in O(1) for SPOP and SRANDMEMBER, and a cache-friendly walk for SMEMBERS and the set algebra. Removal swaps
 * the last dense entry into the hole, so both stay O(1).
 * <p>
 * The sorted set's {@code MemberHash} is not reused: its entries are the skiplist nodes themselves.
 * <p>
 * <b>Members</b> are binary-safe; the set keeps the arrays it is given, so callers pass arrays they own.
 * <p>
 * <b>Threads.</b> Not thread-safe: the keyspace entry that holds the set guards every access.
 */
public final class MemberSet implements ObjectValue {
    private static final int MIN_CAPACITY = 8;
    private static final LongHashFunction HASH = LongHashFunction.xx3();
    private static final Entry[] NO_ENTRIES = new Entry[0];
    /** Redis's {@code set-max-intset-entries} default. */
    public static final int INTSET_MAX_ENTRIES = 512;
    /** The set object: three references or ints, {@link #elementBytes} and the encoding flag. */
    static final long SET_BYTES = HeapSize.object(3 * 4 + 8 + 1);
    /** One {@link Entry}: member and next references, hash and index ints. */
    static final long ENTRY_BYTES = HeapSize.object(4 * 4);

    /** One member: a hash-chain link and its place in the dense array. */
    private static final class Entry {
        final byte[] member;
        final int hash;
        Entry next;
        int index;

        Entry(final byte[] member, final int hash) {
            this.member = member;
            this.hash = hash;
        }
    }

    /** Receives members during a walk. */
    public interface Visitor {
        /**
         * Called once per member visited.
         *
         * @param member the member; must not be modified.
         */
        void visit(byte[] member);
    }

    private Entry[] table = new Entry[MIN_CAPACITY];
    private Entry[] dense = NO_ENTRIES;
    private int size;
    /** The footprint of the entries and their members; the arrays are added by {@link #memoryBytes()}. */
    private long elementBytes;
    /**
     * Whether Redis 7.0 would hold this set as a hashtable rather than an intset: set for good (as
     * {@code setTypeConvert}) once a member that is not a strict 64-bit integer was added or the set outgrew
     * {@link #INTSET_MAX_ENTRIES}.
     */
    private boolean hashtable;

    /** Creates an empty set. */
    public MemberSet() {
    }

    /** Hashes a member; the set algebra hashes once and probes several sets with it. */
    static int hash(final byte[] member) {
        final long h = HASH.hashBytes(member);
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public ValueType type() {
        return ValueType.SET;
    }

    @Override
    public long memoryBytes() {
        return SET_BYTES + HeapSize.referenceArray(table.length) + HeapSize.referenceArray(dense.length)
            + elementBytes;
    }

    @Override
    public String encoding() {
        return hashtable ? "hashtable" : "intset";
    }

    /**
     * Returns whether an intset could hold the member: Redis's {@code string2ll} accepts it (no {@code +}, no leading
     * zero, no {@code -0}, within 64 bits). Also {@code tryObjectEncoding}'s test for the {@code int} encoding.
     *
     * @param m the bytes.
     * @return true for a strict 64-bit decimal integer.
     */
    public static boolean isIntsetMember(final byte[] m) {
        final int len = m.length;
        if (len == 0 || len > 20) {
            return false;
        }
        if (len == 1 && m[0] == '0') {
            return true;
        }
        int i = m[0] == '-' ? 1 : 0;
        if (i == len || m[i] < '1' || m[i] > '9') {
            return false;
        }
        long value = 0;
        for (; i < len; i++) {
            final int d = m[i] - '0';
            if (d < 0 || d > 9 || value < (Long.MIN_VALUE + d) / 10) {
                return false;
            }
            value = value * 10 - d;
        }
        return m[0] == '-' || value != Long.MIN_VALUE;
    }

    @Override
    public MemberSet copy() {
        final MemberSet copy = new MemberSet();
        for (int i = 0; i < size; i++) {
            final byte[] m = dense[i].member;
            copy.add(Arrays.copyOf(m, m.length));
        }
        copy.hashtable = hashtable;
        return copy;
    }

    /**
     * Returns the number of members.
     *
     * @return the cardinality.
     */
    public int size() {
        return size;
    }

    private Entry find(final byte[] member, final int hash) {
        final Entry[] table = this.table;
        for (Entry e = table[hash & (table.length - 1)]; e != null; e = e.next) {
            if (e.hash == hash && Arrays.equals(e.member, member)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Returns whether a member is present. O(1).
     *
     * @param member the member.
     * @return true when present.
     */
    public boolean contains(final byte[] member) {
        return find(member, hash(member)) != null;
    }

    /** As {@link #contains(byte[])} with the member's {@link #hash} already computed. */
    boolean contains(final byte[] member, final int hash) {
        return find(member, hash) != null;
    }

    /**
     * Adds a member. O(1) amortized.
     *
     * @param member the member; kept by the set when added.
     * @return true when it was not present.
     */
    public boolean add(final byte[] member) {
        final int h = hash(member);
        if (find(member, h) != null) {
            return false;
        }
        if (size >= table.length) {
            resize(table.length << 1);
        }
        final Entry e = new Entry(member, h);
        final int bucket = h & (table.length - 1);
        e.next = table[bucket];
        table[bucket] = e;
        if (size == dense.length) {
            dense = Arrays.copyOf(dense, Math.max(MIN_CAPACITY, size + (size >> 1)));
        }
        e.index = size;
        dense[size++] = e;
        elementBytes += ENTRY_BYTES + HeapSize.byteArray(member.length);
        if (!hashtable && (size > INTSET_MAX_ENTRIES || !isIntsetMember(member))) {
            hashtable = true;
        }
        return true;
    }

    /**
     * Removes a member. O(1).
     *
     * @param member the member.
     * @return true when it was present.
     */
    public boolean remove(final byte[] member) {
        final int h = hash(member);
        final Entry[] table = this.table;
        final int bucket = h & (table.length - 1);
        Entry prev = null;
        for (Entry e = table[bucket]; e != null; prev = e, e = e.next) {
            if (e.hash == h && Arrays.equals(e.member, member)) {
                if (prev == null) {
                    table[bucket] = e.next;
                } else {
                    prev.next = e.next;
                }
                unlinkDense(e);
                return true;
            }
        }
        return false;
    }

    /** Moves the last dense entry into e's place and shrinks the indexes when they are mostly empty. */
    private void unlinkDense(final Entry e) {
        elementBytes -= ENTRY_BYTES + HeapSize.byteArray(e.member.length);
        final Entry last = dense[--size];
        dense[e.index] = last;
        last.index = e.index;
        dense[size] = null;
        if (table.length > MIN_CAPACITY && size < (table.length >>> 3)) {
            resize(table.length >>> 1);
        }
        if (dense.length > MIN_CAPACITY && size < (dense.length >>> 2)) {
            dense = Arrays.copyOf(dense, Math.max(MIN_CAPACITY, size << 1));
        }
    }

    private void resize(final int capacity) {
        final Entry[] fresh = new Entry[capacity];
        final int mask = capacity - 1;
        for (Entry head : table) {
            while (head != null) {
                final Entry next = head.next;
                final int bucket = head.hash & mask;
                head.next = fresh[bucket];
                fresh[bucket] = head;
                head = next;
            }
        }
        table = fresh;
    }

    /**
     * Returns the member at a position of the dense array: positions 0 to {@code size() - 1} hold every member
     * once, in no meaningful order; a removal may move the last member into the removed one's place.
     *
     * @param position from 0 to {@code size() - 1}.
     * @return the member; must not be modified.
     */
    public byte[] memberAt(final int position) {
        if (position < 0 || position >= size) {
            throw new IndexOutOfBoundsException(position);
        }
        return dense[position].member;
    }

    /**
     * Returns a uniformly chosen member. O(1).
     *
     * @param random the source of randomness.
     * @return the member, or null when the set is empty.
     */
    public byte[] random(final RandomGenerator random) {
        return size == 0 ? null : dense[random.nextInt(size)].member;
    }

    /**
     * Removes and returns a uniformly chosen member. O(1).
     *
     * @param random the source of randomness.
     * @return the member, or null when the set is empty.
     */
    public byte[] pop(final RandomGenerator random) {
        if (size == 0) {
            return null;
        }
        final byte[] member = dense[random.nextInt(size)].member;
        remove(member);
        return member;
    }

    /**
     * Visits every member once, in dense order.
     *
     * @param visitor receives the members; must not modify the set.
     */
    public void forEach(final Visitor visitor) {
        final Entry[] dense = this.dense;
        for (int i = 0; i < size; i++) {
            visitor.visit(dense[i].member);
        }
    }

    /**
     * Visits one bucket of the hash table and returns the next cursor, as Redis's {@code dictScan} does on a single
     * table (the sorted set's {@code MemberHash.scan} walks its table the same way).
     *
     * @param cursor 0 to start, then the returned value.
     * @param visitor receives the bucket's members.
     * @return the next cursor, 0 when the iteration is complete.
     */
    public long scan(final long cursor, final Visitor visitor) {
        final Entry[] table = this.table;
        final long mask = table.length - 1;
        for (Entry e = table[(int) (cursor & mask)]; e != null; e = e.next) {
            visitor.visit(e.member);
        }
        return ScanCursor.next(cursor, mask);
    }
}
