package org.fanout.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.concurrent.Task;
import javafx.util.Duration;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;

/**
 * The one place that hands scan work to the FX thread. A {@link Task} runs {@link Scan#run} on
 * a background thread and only appends each result to a lock-free queue (so the FX thread never
 * waits for a monitor held by one of hundreds of scanning threads); a {@link Timeline} pulse on
 * the FX thread takes what is queued every {@value #PULSE_MS} ms, at most {@value #MAX_BATCH}
 * results (the rest wait for the next pulse), and hands it, with a progress snapshot, to the
 * {@link Sink} in one call. So the view sees one batch per pulse, never one call per result,
 * however fast results come.
 *
 * <p>Create, {@link #start()} and {@link #stop()} on the FX thread. Each adapter runs once.
 */
public final class FxScanAdapter {
    /** Milliseconds between hand-offs to the FX thread. */
    public static final int PULSE_MS = 75;
    /** At most this many results are handed over per pulse. */
    public static final int MAX_BATCH = 50_000;

    /** How a scan ended. */
    public enum Ending { FINISHED, STOPPED, FAILED }

    /** Receives batches on the FX thread. */
    public interface Sink {
        /** Results completed since the last call (possibly none), and the counters now. */
        void onBatch(List<ProbeResult> results, ScanProgress progress);

        /** Called once, after the last batch. {@code failure} is null unless the ending is FAILED. */
        void onEnded(Ending ending, ScanProgress progress, Throwable failure);
    }

    private final Scan<?, ? extends ProbeResult> scan;
    private final Sink sink;
    private final ConcurrentLinkedQueue<ProbeResult> queue = new ConcurrentLinkedQueue<>();
    private final Timeline pulse;
    private final Task<Void> task;
    private final AtomicLong handOffs = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private boolean started;
    private boolean ended;

    public FxScanAdapter(Scan<?, ? extends ProbeResult> scan, Sink sink) {
        this.scan = Objects.requireNonNull(scan, "scan");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.pulse = new Timeline(new KeyFrame(Duration.millis(PULSE_MS), e -> drain()));
        this.pulse.setCycleCount(Animation.INDEFINITE);
        this.task = new Task<>() {
            @Override
            protected Void call() throws Exception {
                // the scan's worker threads are started from here and inherit a lower priority
                BackgroundPriority.lowerCurrentThread();
                scan.run(queue::add);
                return null;
            }
        };
        task.setOnSucceeded(e -> end(scan.isCancelled() ? Ending.STOPPED : Ending.FINISHED, null));
        task.setOnCancelled(e -> end(Ending.STOPPED, null));
        task.setOnFailed(e -> end(Ending.FAILED, task.getException()));
    }

    // ---- Properties ----

    /** How many times results/progress were handed to the FX thread so far. */
    public long handOffCount() {
        return handOffs.get();
    }

    /** How many results were handed to the FX thread so far. */
    public long deliveredCount() {
        return delivered.get();
    }

    public Scan<?, ? extends ProbeResult> scan() {
        return scan;
    }

    // ---- Commands ----

    /** Starts the scan on a new daemon thread and the pulse on the FX thread. */
    public void start() {
        if (started) throw new IllegalStateException("an adapter runs once");
        started = true;
        Thread thread = new Thread(task, "fanout-scan");
        thread.setDaemon(true);
        pulse.play();
        thread.start();
    }

    /** Asks the scan to stop; it ends within about a second, keeping every result so far. */
    public void stop() {
        scan.cancel();
    }

    private void drain() {
        drain(MAX_BATCH);
    }

    private void drain(int max) {
        ArrayList<ProbeResult> batch = new ArrayList<>(Math.min(max, 1024));
        for (ProbeResult r; batch.size() < max && (r = queue.poll()) != null; ) batch.add(r);
        handOffs.incrementAndGet();
        delivered.addAndGet(batch.size());
        sink.onBatch(batch, scan.progress());
    }

    private void end(Ending ending, Throwable failure) {
        if (ended) return;
        ended = true;
        pulse.stop();
        drain(Integer.MAX_VALUE); // the task has ended: the queue holds the last results
        sink.onEnded(ending, scan.progress(), failure);
    }
}
