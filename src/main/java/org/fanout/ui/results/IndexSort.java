package org.fanout.ui.results;

/** Stable sorting and merging of {@code int} indices by a comparator over what they index. */
final class IndexSort {
    /** Compares two indices by the rows they stand for. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int a, int b);
    }

    private static final int INSERTION = 24;

    private IndexSort() {}

    /** Sorts {@code a[from, to)} stably (equal rows keep their relative order). */
    static void sort(int[] a, int from, int to, IntComparator c) {
        if (to - from < 2) return;
        int[] tmp = new int[to - from];
        sort(a, from, to, tmp, c);
    }

    private static void sort(int[] a, int from, int to, int[] tmp, IntComparator c) {
        int n = to - from;
        if (n <= INSERTION) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && c.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, from, mid, tmp, c);
        sort(a, mid, to, tmp, c);
        if (c.compare(a[mid - 1], a[mid]) <= 0) return; // already in order
        System.arraycopy(a, from, tmp, 0, mid - from);
        int i = 0;
        int iEnd = mid - from;
        int j = mid;
        int k = from;
        while (i < iEnd && j < to) {
            a[k++] = c.compare(a[j], tmp[i]) < 0 ? a[j++] : tmp[i++];
        }
        while (i < iEnd) a[k++] = tmp[i++];
    }

    /** A new array: {@code a[0, aSize)} and {@code b[0, bSize)}, both sorted, merged (ties: a first). */
    static int[] merge(int[] a, int aSize, int[] b, int bSize, IntComparator c) {
        int[] out = new int[aSize + bSize];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < aSize && j < bSize) {
            out[k++] = c.compare(b[j], a[i]) < 0 ? b[j++] : a[i++];
        }
        while (i < aSize) out[k++] = a[i++];
        while (j < bSize) out[k++] = b[j++];
        return out;
    }
}
