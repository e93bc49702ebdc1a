package org.fanout.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Hands the items a long background job produces (scan results, finished compare runs) to the
 * UI thread in batches. The job runs on a background thread and only appends each item to a
 * lock-free queue (so the UI thread never waits for a monitor held by one of hundreds of
 * scanning threads); a pulse on the UI thread every {@value #PULSE_MS} ms takes what is queued,
 * at most {@code maxBatch} items (the rest wait for the next pulse), and gives it to the
 * {@link Sink} in one call. So the view sees one batch per pulse, never one call per item,
 * however fast items come.
 *
 * <p>Create, {@link #start()} and {@link #stop()} on the UI thread. Each adapter runs once.
 *
 * @param <T> the items
 */
public final class BatchingAdapter<T> {
    /** Milliseconds between hand-offs to the UI thread. */
    public static final int PULSE_MS = 75;
    /** At most this many scan results are handed over per pulse. */
    public static final int MAX_BATCH = 50_000;

    /** The blocking job: gives each item to {@code out} (from any thread), returns when done. */
    public interface Job<T> {
        void run(Consumer<T> out) throws Exception;
    }

    /** Receives batches on the UI thread. */
    public interface Sink<T> {
        /** Items produced since the last call (possibly none). */
        void onBatch(List<T> items);

        /** Called once, after the last batch. {@code failure} is null unless the ending is FAILED. */
        void onEnded(Ending ending, Throwable failure);
    }

    /** Whether the job was asked to stop, and how to ask it. */
    public interface Stoppable {
        boolean isCancelled();

        void cancel();

        static Stoppable of(BooleanSupplier isCancelled, Runnable cancel) {
            return new Stoppable() {
                @Override
                public boolean isCancelled() {
                    return isCancelled.getAsBoolean();
                }

                @Override
                public void cancel() {
                    cancel.run();
                }
            };
        }
    }

    private final UiExecutor ui;
    private final String threadName;
    private final UiExecutor.Priority priority;
    private final Job<T> job;
    private final Stoppable control;
    private final int maxBatch;
    private final Sink<T> sink;
    private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong handOffs = new AtomicLong();
    private final AtomicLong nonEmptyHandOffs = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private UiExecutor.Ticker pulse;
    private boolean started;
    private boolean ended;

    public BatchingAdapter(
            UiExecutor ui,
            String threadName,
            UiExecutor.Priority priority,
            Job<T> job,
            Stoppable control,
            int maxBatch,
            Sink<T> sink) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.threadName = Objects.requireNonNull(threadName, "threadName");
        this.priority = Objects.requireNonNull(priority, "priority");
        this.job = Objects.requireNonNull(job, "job");
        this.control = Objects.requireNonNull(control, "control");
        if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be positive: " + maxBatch);
        this.maxBatch = maxBatch;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    // ---- Properties ----

    /** How many times items were handed to the UI thread so far (empty pulses included). */
    public long handOffCount() {
        return handOffs.get();
    }

    /** How many hand-offs carried at least one item. */
    public long nonEmptyHandOffCount() {
        return nonEmptyHandOffs.get();
    }

    /** How many items were handed to the UI thread so far. */
    public long deliveredCount() {
        return delivered.get();
    }

    // ---- Commands ----

    /** Starts the pulse on the UI thread and the job on a new daemon thread. */
    public void start() {
        if (started) throw new IllegalStateException("an adapter runs once");
        started = true;
        pulse = ui.every(PULSE_MS, () -> drain(maxBatch));
        ui.background(
                threadName,
                priority,
                () -> {
                    job.run(queue::add);
                    return null;
                },
                done -> end(control.isCancelled() ? Ending.STOPPED : Ending.FINISHED, null),
                failure -> end(control.isCancelled() ? Ending.STOPPED : Ending.FAILED, failure));
    }

    /** Asks the job to stop; what it produced so far is still handed over. */
    public void stop() {
        control.cancel();
    }

    private void drain(int max) {
        ArrayList<T> batch = new ArrayList<>(Math.min(max, 1024));
        for (T item; batch.size() < max && (item = queue.poll()) != null; ) batch.add(item);
        handOffs.incrementAndGet();
        if (!batch.isEmpty()) nonEmptyHandOffs.incrementAndGet();
        delivered.addAndGet(batch.size());
        sink.onBatch(batch);
    }

    private void end(Ending ending, Throwable failure) {
        if (ended) return;
        ended = true;
        pulse.stop();
        drain(Integer.MAX_VALUE); // the job has ended: the queue holds the last items
        sink.onEnded(ending, failure);
    }
}
