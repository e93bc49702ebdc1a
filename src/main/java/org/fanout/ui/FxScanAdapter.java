package org.fanout.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * a background thread and only appends each result to a buffer; a {@link Timeline} pulse on the
 * FX thread takes the whole buffer every {@value #PULSE_MS} ms and hands it, with a progress
 * snapshot, to the {@link Sink} in one call. So the view sees one batch per pulse, never one
 * call per result, however fast results come.
 *
 * <p>Create, {@link #start()} and {@link #stop()} on the FX thread. Each adapter runs once.
 */
public final class FxScanAdapter {
    /** Milliseconds between hand-offs to the FX thread. */
    public static final int PULSE_MS = 75;

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
    private final Object lock = new Object();
    private ArrayList<ProbeResult> buffer = new ArrayList<>();
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
                scan.run(result -> {
                    synchronized (lock) {
                        buffer.add(result);
                    }
                });
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
        ArrayList<ProbeResult> batch;
        synchronized (lock) {
            batch = buffer;
            buffer = new ArrayList<>(Math.max(16, batch.size()));
        }
        handOffs.incrementAndGet();
        delivered.addAndGet(batch.size());
        sink.onBatch(batch, scan.progress());
    }

    private void end(Ending ending, Throwable failure) {
        if (ended) return;
        ended = true;
        pulse.stop();
        drain();
        sink.onEnded(ending, scan.progress(), failure);
    }
}
