package org.fanout.engine.inputs;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Consecutive runs of targets (the items of a host list, the specs of a concatenation) and where
 * each starts, so that the run holding a given index is found by binary search.
 */
final class Runs {
    private final long[] starts;
    private final long total;

    <P> Runs(List<P> parts, ToLongFunction<P> counts) {
        starts = new long[parts.size()];
        long sum = 0;
        for (int k = 0; k < starts.length; k++) {
            starts[k] = sum;
            sum += counts.applyAsLong(parts.get(k));
        }
        total = sum;
    }

    /** The run holding {@code index}: the last run starting at or before it that is not empty. */
    int runOf(long index) {
        if (index < 0 || index >= total) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + total + ")");
        }
        int k = Arrays.binarySearch(starts, index);
        if (k < 0) return -k - 2;
        while (k + 1 < starts.length && starts[k + 1] == index) k++; // skip empty runs
        return k;
    }

    /** {@code index}'s offset inside its run {@code run}. */
    long offset(int run, long index) {
        return index - starts[run];
    }
}
