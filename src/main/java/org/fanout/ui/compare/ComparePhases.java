package org.fanout.ui.compare;

import java.util.function.Consumer;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.strategy.Strategy;
import org.fanout.ui.fx.BatchingAdapter;

/**
 * Runs a {@link Comparison} as a {@link BatchingAdapter.Job}: its listener (on the comparison's
 * thread) only records what runs now and passes each finished run on; {@link #phase()} reads a
 * snapshot of the run in progress (its {@link Scan#progress()} is cheap and thread-safe), so the
 * UI thread asks at each pulse instead of being called per run or per result.
 */
final class ComparePhases implements BatchingAdapter.Job<CompareRun> {
    /** What is running now: a warm-up pass or a measured run. */
    record Phase(Strategy strategy, int threads, boolean warmUp, int runIndex, ScanProgress progress) {}

    private record Current(Strategy strategy, int threads, boolean warmUp, int runIndex, Scan<?, ?> scan) {}

    private final Comparison comparison;
    private volatile Current current;

    ComparePhases(Comparison comparison) {
        this.comparison = comparison;
    }

    @Override
    public void run(Consumer<CompareRun> out) throws Exception {
        int[] index = {0};
        try {
            comparison.run(new Comparison.Listener() {
                @Override
                public void warmingUp(Strategy strategy, Scan<?, ?> scan) {
                    current = new Current(strategy, comparison.threadCounts().getLast(), true, index[0], scan);
                }

                @Override
                public void runStarted(Strategy strategy, int threads, Scan<?, ?> scan) {
                    current = new Current(strategy, threads, false, index[0], scan);
                }

                @Override
                public void runFinished(CompareRun run) {
                    index[0]++;
                    current = null;
                    out.accept(run);
                }
            });
        } finally {
            current = null;
        }
    }

    /** The run in progress, or null between runs and after the end. */
    Phase phase() {
        Current c = current;
        return c == null
                ? null
                : new Phase(
                        c.strategy(),
                        c.threads(),
                        c.warmUp(),
                        c.runIndex(),
                        c.scan().progress());
    }
}
