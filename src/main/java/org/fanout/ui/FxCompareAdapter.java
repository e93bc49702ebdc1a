package org.fanout.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.strategy.Strategy;

/**
 * Hands a {@link Comparison} to the FX thread the way {@link FxScanAdapter} hands a scan: a
 * {@link Task} runs the (blocking) comparison on a background thread, whose listener only
 * records what started and appends finished runs to a buffer; a {@link Timeline} pulse on the
 * FX thread every {@value FxScanAdapter#PULSE_MS} ms takes the finished runs and a progress
 * snapshot of the run in progress (its {@link Scan#progress()} is cheap and thread-safe) and
 * gives them to the {@link Sink} in one call. No call per run or per result reaches the FX thread.
 *
 * <p>Create, {@link #start()} and {@link #stop()} on the FX thread. Each adapter runs once.
 */
public final class FxCompareAdapter {
    /** What is running now: a warm-up pass or a measured run. */
    public record Phase(Strategy strategy, int threads, boolean warmUp, int runIndex, ScanProgress progress) {
    }

    /** Receives pulses on the FX thread. */
    public interface Sink {
        /** Runs finished since the last pulse (possibly none), and what runs now (null between runs). */
        void onPulse(List<CompareRun> finished, Phase phase);

        /** Called once, after the last pulse. {@code failure} is null unless the ending is FAILED. */
        void onEnded(FxScanAdapter.Ending ending, Throwable failure);
    }

    private record Current(Strategy strategy, int threads, boolean warmUp, int runIndex, Scan<?, ?> scan) {
    }

    private final Comparison comparison;
    private final Sink sink;
    private final Object lock = new Object();
    private List<CompareRun> buffer = new ArrayList<>();
    private volatile Current current;
    private final Timeline pulse;
    private final Task<Void> task;
    private boolean started;
    private boolean ended;

    public FxCompareAdapter(Comparison comparison, Sink sink) {
        this.comparison = Objects.requireNonNull(comparison, "comparison");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.pulse = new Timeline(new KeyFrame(Duration.millis(FxScanAdapter.PULSE_MS), e -> drain()));
        this.pulse.setCycleCount(Animation.INDEFINITE);
        this.task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                int[] index = {0};
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
                        synchronized (lock) {
                            buffer.add(run);
                        }
                    }
                });
                current = null;
                return null;
            }
        };
        task.setOnSucceeded(e -> end(comparison.isCancelled() ? FxScanAdapter.Ending.STOPPED : FxScanAdapter.Ending.FINISHED, null));
        task.setOnCancelled(e -> end(FxScanAdapter.Ending.STOPPED, null));
        task.setOnFailed(e -> end(comparison.isCancelled() ? FxScanAdapter.Ending.STOPPED : FxScanAdapter.Ending.FAILED,
                task.getException()));
    }

    // ---- Properties ----

    public Comparison comparison() {
        return comparison;
    }

    // ---- Commands ----

    /** Starts the comparison on a new daemon thread and the pulse on the FX thread. */
    public void start() {
        if (started) throw new IllegalStateException("an adapter runs once");
        started = true;
        Thread thread = new Thread(task, "fanout-compare");
        thread.setDaemon(true);
        pulse.play();
        thread.start();
    }

    /** Stops the comparison: the run in progress ends promptly, finished runs stay. */
    public void stop() {
        comparison.cancel();
    }

    private void drain() {
        List<CompareRun> finished;
        synchronized (lock) {
            finished = buffer;
            buffer = new ArrayList<>();
        }
        Current c = current;
        Phase phase = c == null ? null : new Phase(c.strategy(), c.threads(), c.warmUp(), c.runIndex(), c.scan().progress());
        sink.onPulse(finished, phase);
    }

    private void end(FxScanAdapter.Ending ending, Throwable failure) {
        if (ended) return;
        ended = true;
        pulse.stop();
        current = null;
        drain();
        sink.onEnded(ending, failure);
    }
}
