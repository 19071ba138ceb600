package io.minikv.engine.type;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.minikv.api.KvError;
import io.minikv.api.SortArgs;
import io.minikv.engine.keyspace.Keyspace;
import io.minikv.engine.keyspace.ObjectValue;
import io.minikv.engine.memory.EntryLayout;
import io.minikv.engine.type.list.ListValue;
import io.minikv.engine.type.set.MemberSet;
import io.minikv.engine.type.zset.SortedSet;
import io.minikv.engine.type.zset.ZNode;

/**
 * SORT, SORT_RO and SORT ... STORE, as Redis 7.0's {@code sortCommandGeneric}: the elements of a list, set or sorted
 * set are loaded, scored (numerically with {@link SortScore}, or as bytes with ALPHA), sorted, cut by LIMIT and
 * replaced by their GET values.
 * <p>
 * <b>Atomicity.</b> Redis runs the whole command, BY and GET lookups included, with nothing else in between. Here the
 * source and destination segments are write-locked through {@link LockedObjects}; when a BY or GET pattern names
 * keys, which cannot be known before the elements are read, every segment of the database is locked instead, so the
 * command is atomic in both cases. The price of patterns is that the command holds the whole database while it
 * runs.
 * <p>
 * <b>Order.</b> Redis sorts with glibc's {@code qsort} (a stable merge sort for arrays that fit its buffer) or, with
 * a BY pattern and a LIMIT that cuts, its own {@code pqsort} (not stable). Numeric ties are broken by the elements'
 * bytes, so the order is defined; ALPHA ties between BY values are not. Here the sort is stable: ALPHA ties keep the
 * source's order (a list's order, a sorted set's by score, a set's iteration order), which is what Redis gives for a
 * list whenever it uses {@code qsort}.
 * <p>
 * Thread-safe (stateless).
 */
public final class SortOps {
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] SOURCE_TYPES = {EntryLayout.TYPE_LIST, EntryLayout.TYPE_SET, EntryLayout.TYPE_ZSET};

    private SortOps() {
    }

    /**
     * SORT and SORT_RO.
     *
     * @param ks the keyspace.
     * @param key the list, set or sorted set.
     * @param args the options.
     * @return the elements, or their GET values (null where missing).
     */
    public static List<byte[]> sort(final Keyspace ks, final byte[] key, final SortArgs args) {
        try (LockedObjects locked = new LockedObjects(ks, readsKeys(args), key)) {
            final ObjectValue source = locked.valueOfTypes(0, SOURCE_TYPES);
            return run(locked, source, args, false, false);
        }
    }

    /**
     * SORT ... STORE destination.
     *
     * @param ks the keyspace.
     * @param key the list, set or sorted set.
     * @param args the options.
     * @param destination where the result is stored as a list.
     * @return the stored length; modified unless the result was empty and the destination missing.
     */
    public static Written<Long> sortStore(final Keyspace ks, final byte[] key, final SortArgs args,
        final byte[] destination) {
        ks.checkWrite();
        try (LockedObjects locked = new LockedObjects(ks, readsKeys(args), key, destination)) {
            final ObjectValue source = locked.valueOfTypes(0, SOURCE_TYPES);
            final List<byte[]> values = run(locked, source, args, true, true);
            if (values.isEmpty()) {
                return new Written<>(0L, locked.delete(1));
            }
            final ListValue list = new ListValue();
            for (final byte[] v : values) {
                list.ring().addLast(v);
            }
            locked.put(1, list);
            return new Written<>((long) values.size(), true);
        }
    }

    /** Whether some BY or GET lookup will read a key: then the whole database is locked. */
    private static boolean readsKeys(final SortArgs args) {
        if (!args.dontSort() && args.by() != null && SortPattern.namesKeys(args.by())) {
            return true;
        }
        for (final byte[] pattern : args.get()) {
            if (SortPattern.namesKeys(pattern)) {
                return true;
            }
        }
        return false;
    }

    private static List<byte[]> run(final LockedObjects locked, final ObjectValue source, final SortArgs args,
        final boolean forceAlphaForSets, final boolean store) {
        if (source instanceof SortedSet zset) {
            // Redis converts every sorted set it sorts to a skiplist, for good (sortCommandGeneric's zsetConvert).
            zset.convertToSkiplist();
        }
        boolean dontSort = args.dontSort();
        boolean alpha = args.alpha();
        byte[] by = args.by();
        if (dontSort && source instanceof MemberSet && forceAlphaForSets) {
            // Redis sorts a set anyway when the result is stored (or in a script), so it is reproducible.
            dontSort = false;
            alpha = true;
            by = null;
        }
        final int n = size(source);
        long start = Math.max(0, args.offset());
        long end = args.count() < 0 ? n - 1 : saturatedAdd(start, args.count()) - 1;
        if (start >= n) {
            start = n - 1;
            end = n - 2;
        }
        if (end >= n) {
            end = n - 1;
        }
        final byte[][] window;
        if (dontSort) {
            window = end < start ? new byte[0][] : unsortedWindow(source, (int) start, (int) end, args.desc());
        } else {
            // Every element is scored even when LIMIT selects none: a value that is not a number fails the command.
            final byte[][] all = elements(source, n);
            final Integer[] order = sortedOrder(locked, all, by, alpha, args.desc(), store);
            window = new byte[(int) Math.max(0, end - start + 1)][];
            for (int i = 0; i < window.length; i++) {
                window[i] = all[order[(int) start + i]];
            }
        }
        final List<byte[]> gets = args.get();
        final List<byte[]> out = new ArrayList<>(window.length * Math.max(1, gets.size()));
        for (final byte[] element : window) {
            if (gets.isEmpty()) {
                out.add(element);
                continue;
            }
            for (final byte[] pattern : gets) {
                final byte[] value = SortPattern.lookup(locked, pattern, element);
                // A stored list cannot hold nil: Redis stores an empty string for a missing value.
                out.add(value == null && store ? EMPTY : value);
            }
        }
        return out;
    }

    private static long saturatedAdd(final long a, final long b) {
        final long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static int size(final ObjectValue source) {
        if (source == null) {
            return 0;
        }
        if (source instanceof ListValue list) {
            return list.size();
        }
        if (source instanceof MemberSet set) {
            return set.size();
        }
        return ((SortedSet) source).size();
    }

    /** Every element, in the source's order: a list's, a set's iteration order, a sorted set's by score. */
    private static byte[][] elements(final ObjectValue source, final int n) {
        final byte[][] all = new byte[n][];
        if (source instanceof ListValue list) {
            for (int i = 0; i < n; i++) {
                all[i] = list.ring().get(i);
            }
        } else if (source instanceof MemberSet set) {
            final int[] i = {0};
            set.forEach(m -> all[i[0]++] = m);
        } else if (source instanceof SortedSet zset) {
            int i = 0;
            for (ZNode node = zset.first(); node != null; node = node.next()) {
                all[i++] = node.member();
            }
        }
        return all;
    }

    /**
     * BY nosort: a list or sorted set in its own order, reversed by DESC, from position start to end of that order; a
     * set in iteration order (DESC does not apply, as in Redis).
     */
    private static byte[][] unsortedWindow(final ObjectValue source, final int start, final int end,
        final boolean desc) {
        final byte[][] window = new byte[end - start + 1][];
        if (source instanceof ListValue list) {
            final int n = list.size();
            for (int i = 0; i < window.length; i++) {
                window[i] = list.ring().get(desc ? n - 1 - start - i : start + i);
            }
        } else if (source instanceof SortedSet zset) {
            final int n = zset.size();
            ZNode node = desc ? zset.byRank(n - 1 - start) : zset.byRank(start);
            for (int i = 0; i < window.length; i++) {
                window[i] = node.member();
                node = desc ? node.previous() : node.next();
            }
        } else {
            final byte[][] all = elements(source, size(source));
            System.arraycopy(all, start, window, 0, window.length);
        }
        return window;
    }

    /**
     * Scores every element and returns the positions of {@code all} in sorted order (a stable sort). ALPHA compares
     * bytes: as C strings without STORE (Redis's {@code strcoll}, which in the C locale is {@code strcmp} and stops
     * at a NUL byte), whole values with STORE (Redis's binary {@code compareStringObjects}).
     */
    private static Integer[] sortedOrder(final LockedObjects locked, final byte[][] all, final byte[] by,
        final boolean alpha, final boolean desc, final boolean store) {
        final int n = all.length;
        final Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Comparator<Integer> cmp;
        if (alpha) {
            if (by == null) {
                cmp = (x, y) -> compareAlpha(all[x], all[y], store);
            } else {
                final byte[][] keys = new byte[n][];
                for (int i = 0; i < n; i++) {
                    keys[i] = SortPattern.lookup(locked, by, all[i]);
                }
                cmp = (x, y) -> compareNullsFirst(keys[x], keys[y], store);
            }
        } else {
            final double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                // A BY value that is missing, of another type, or a missing hash field scores 0.
                final byte[] value = by == null ? all[i] : SortPattern.lookup(locked, by, all[i]);
                if (value != null) {
                    scores[i] = Strtod.parse(value, Strtod.Mode.SORT);
                    if (Double.isNaN(scores[i])) {
                        throw KvError.SORT_NOT_DOUBLE.exception();
                    }
                }
            }
            cmp = (x, y) -> {
                final double a = scores[x];
                final double b = scores[y];
                // C's comparisons: -0.0 equals 0.0; equal scores fall back to the elements' bytes.
                return a > b ? 1 : a < b ? -1 : Arrays.compareUnsigned(all[x], all[y]);
            };
        }
        if (desc) {
            final Comparator<Integer> ascending = cmp;
            cmp = (x, y) -> -ascending.compare(x, y);
        }
        Arrays.sort(order, cmp);
        return order;
    }

    private static int compareNullsFirst(final byte[] a, final byte[] b, final boolean binary) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        return compareAlpha(a, b, binary);
    }

    private static int compareAlpha(final byte[] a, final byte[] b, final boolean binary) {
        if (binary) {
            return Arrays.compareUnsigned(a, b);
        }
        return Arrays.compareUnsigned(a, 0, cLength(a), b, 0, cLength(b));
    }

    /** The length of a value read as a C string: up to its first NUL byte. */
    private static int cLength(final byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                return i;
            }
        }
        return v.length;
    }
}
