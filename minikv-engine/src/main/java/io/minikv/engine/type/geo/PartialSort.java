package io.minikv.engine.type.geo;

import java.util.Comparator;

/**
 * Redis's {@code pqsort.c}: the NetBSD quicksort that only recurses into partitions overlapping a range of
 * positions. GEOSEARCH with COUNT sorts with it, and since it is not stable, members at equal distances come out in
 * its order; reproducing it element move for element move keeps those ties in Redis's order. Stateless.
 */
final class PartialSort {
    private PartialSort() {
    }

    /**
     * Sorts positions {@code lrange..rrange} of {@code a} into place (others are only partitioned around them).
     *
     * @param a the elements.
     * @param n how many to consider.
     * @param cmp the order.
     * @param lrange the first position that must be sorted.
     * @param rrange the last position that must be sorted.
     * @param <T> the element type.
     */
    static <T> void sort(final T[] a, final int n, final Comparator<? super T> cmp, final int lrange,
        final int rrange) {
        sort(a, 0, n, cmp, lrange, rrange);
    }

    private static <T> void swap(final T[] a, final int i, final int j) {
        final T t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static <T> void vecswap(final T[] a, final int i, final int j, final int n) {
        for (int k = 0; k < n; k++) {
            swap(a, i + k, j + k);
        }
    }

    private static <T> int med3(final T[] x, final int a, final int b, final int c, final Comparator<? super T> cmp) {
        return cmp.compare(x[a], x[b]) < 0
            ? (cmp.compare(x[b], x[c]) < 0 ? b : (cmp.compare(x[a], x[c]) < 0 ? c : a))
            : (cmp.compare(x[b], x[c]) > 0 ? b : (cmp.compare(x[a], x[c]) < 0 ? a : c));
    }

    private static <T> void sort(final T[] x, final int base, final int count, final Comparator<? super T> cmp,
        final int lrange, final int rrange) {
        int a = base;
        int n = count;
        while (true) {
            if (n < 7) {
                for (int pm = a + 1; pm < a + n; pm++) {
                    for (int pl = pm; pl > a && cmp.compare(x[pl - 1], x[pl]) > 0; pl--) {
                        swap(x, pl, pl - 1);
                    }
                }
                return;
            }
            int pm = a + n / 2;
            if (n > 7) {
                int pl = a;
                int pn = a + n - 1;
                if (n > 40) {
                    final int d = n / 8;
                    pl = med3(x, pl, pl + d, pl + 2 * d, cmp);
                    pm = med3(x, pm - d, pm, pm + d, cmp);
                    pn = med3(x, pn - 2 * d, pn - d, pn, cmp);
                }
                pm = med3(x, pl, pm, pn, cmp);
            }
            swap(x, a, pm);
            int pa = a + 1;
            int pb = pa;
            int pc = a + n - 1;
            int pd = pc;
            while (true) {
                int r;
                while (pb <= pc && (r = cmp.compare(x[pb], x[a])) <= 0) {
                    if (r == 0) {
                        swap(x, pa, pb);
                        pa++;
                    }
                    pb++;
                }
                while (pb <= pc && (r = cmp.compare(x[pc], x[a])) >= 0) {
                    if (r == 0) {
                        swap(x, pc, pd);
                        pd--;
                    }
                    pc--;
                }
                if (pb > pc) {
                    break;
                }
                swap(x, pb, pc);
                pb++;
                pc--;
            }
            final int pn = a + n;
            int r = Math.min(pa - a, pb - pa);
            vecswap(x, a, pb - r, r);
            r = Math.min(pd - pc, pn - pd - 1);
            vecswap(x, pb, pn - r, r);
            r = pb - pa;
            if (r > 1 && overlaps(a, r, lrange, rrange)) {
                sort(x, a, r, cmp, lrange, rrange);
            }
            r = pd - pc;
            if (r <= 1) {
                return;
            }
            // Iterate rather than recurse, as pqsort.c does.
            a = pn - r;
            n = r;
            if (!overlaps(a, n, lrange, rrange)) {
                return;
            }
        }
    }

    /** Whether positions a..a+m-1 meet lrange..rrange. */
    private static boolean overlaps(final int a, final int m, final int lrange, final int rrange) {
        return !((lrange < a && rrange < a) || (lrange > a + m - 1 && rrange > a + m - 1));
    }
}
