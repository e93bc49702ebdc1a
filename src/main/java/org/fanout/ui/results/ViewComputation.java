package org.fanout.ui.results;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;
import org.fanout.engine.probe.ProbeResult;

/**
 * One new filter and sort of the results table computed on a background thread (see
 * {@link ResultRows}): how far it got, readable from the UI thread as a fraction, and a way to
 * abandon it when a newer filter, sort or clear makes it pointless (so a 16-million-row sort
 * does not keep a core busy after Esc).
 */
final class ViewComputation {
    /** The filter passes report after this many rows, the sort after this many comparisons. */
    private static final int REPORT_EVERY = 1 << 14;

    private volatile boolean cancelled;
    /** 0..1, written by the computing thread. */
    private volatile double fraction;

    /** How far the computation is, 0 to 1 (any thread). */
    double fraction() {
        return fraction;
    }

    /** Makes the computation stop at its next report (with a {@link CancellationException}). */
    void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** The indices of stored rows below {@code size} passing {@code filter}, in {@code order}. */
    int[] run(
            ProbeResult[][] chunks,
            int size,
            Predicate<? super ProbeResult> filter,
            Comparator<? super ProbeResult> order) {
        // share of the time the filter pass takes: all of it unsorted, most of a text filter's
        // cost is small next to an n log n sort
        double filterShare = order == null ? 1 : filter == null ? 0.02 : 0.3;
        int[] idx = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (filter == null || filter.test(ResultRows.row(chunks, i))) idx[n++] = i;
            if ((i & (REPORT_EVERY - 1)) == REPORT_EVERY - 1) report(filterShare * i / size);
        }
        if (n < size) idx = Arrays.copyOf(idx, n);
        report(filterShare);
        if (order != null && n > 1) {
            // a merge sort makes at most n log2 n comparisons
            double expected = n * (Math.log(n) / Math.log(2));
            IndexSort.IntComparator compare = ResultRows.indexOrder(chunks, order);
            long[] made = {0};
            IndexSort.sort(idx, 0, n, (a, b) -> {
                if ((++made[0] & (REPORT_EVERY - 1)) == 0) {
                    report(filterShare + (1 - filterShare) * Math.min(1, made[0] / expected));
                }
                return compare.compare(a, b);
            });
        }
        report(1);
        return idx;
    }

    private void report(double value) {
        if (cancelled) throw new CancellationException("a newer filter or sort replaced this one");
        fraction = value;
    }
}
