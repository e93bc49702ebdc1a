package org.fanout.engine.strategy;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.Paced;
import org.fanout.engine.probe.ProbeResult;

/**
 * Blocking probes on an executor, collected through an {@link ExecutorCompletionService} in
 * completion order: the seeds' {@code ThreadPoolExecutor} + {@code as_completed}. A semaphore
 * bounds the tasks in flight, so targets are drawn lazily and memory stays flat. Each task runs
 * under its {@link Deadlines}, which cut it off and free its thread; the driver also tracks each
 * task's start and abandons one that outlives the same budget, so a result is never late even
 * for a probe the watchdog cannot wake.
 */
public final class ExecutorRunner implements StrategyRunner {
    private final boolean virtual;
    private final int threads;

    private ExecutorRunner(boolean virtual, int threads) {
        this.virtual = virtual;
        this.threads = threads;
    }

    /** A fixed pool of {@code threads} platform threads. */
    public static ExecutorRunner pool(int threads) {
        return new ExecutorRunner(false, threads);
    }

    /** A virtual thread per task, at most {@code threads} at once. */
    public static ExecutorRunner virtual(int threads) {
        return new ExecutorRunner(true, threads);
    }

    private static final class InFlight<T> {
        final T target;
        volatile long startedAt;
        /** Counted down as the probe starts; only for a paced scan, whose driver waits on it. */
        final CountDownLatch started;

        InFlight(T target, boolean paced) {
            this.target = target;
            this.started = paced ? new CountDownLatch(1) : null;
        }
    }

    @Override
    public <T, R extends ProbeResult> void run(
            ScanJob<T, R> job, Iterator<T> targets, int retries, Consumer<R> emit, Cancellation cancel)
            throws InterruptedException {
        ExecutorService executor = virtual
                ? Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("fanout-virtual-", 0).factory())
                : Executors.newFixedThreadPool(threads, platformThreads());
        // A pool keeps a few tasks queued so no thread idles while the driver emits results.
        int bound = virtual ? threads : threads + Math.min(threads, 256);
        Semaphore slots = new Semaphore(bound);
        // A paced scan's schedule is for probes on the wire, not for tasks handed to the executor:
        // the driver draws the next target only once the last task has started, so tasks a busy
        // machine held back (virtual threads without a carrier, a queued pool) still start spaced,
        // catching up as the pacer allows, not in a burst as soon as they run.
        boolean paced = targets instanceof Paced;
        ExecutorCompletionService<R> completion = new ExecutorCompletionService<>(executor);
        Map<Future<R>, InFlight<T>> inFlight = new LinkedHashMap<>();
        long worstCase = Deadlines.budget(job.worstCasePerTarget());
        Deadlines deadlines = new Deadlines(job.worstCasePerTarget());
        Thread driver = Thread.currentThread();
        Runnable stop = () -> {
            executor.shutdownNow();
            driver.interrupt();
        };
        cancel.onCancel(stop);
        try {
            while (targets.hasNext() && !cancel.isCancelled()) {
                while (!slots.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                    drain(completion, inFlight, job, emit, 0, cancel);
                    abandonOverdue(inFlight, job, emit, worstCase);
                }
                drain(completion, inFlight, job, emit, 0, cancel);
                if (cancel.isCancelled()) break; // e.g. the listener cancelled while results drained
                T target = targets.next();
                InFlight<T> task = new InFlight<>(target, paced);
                Future<R> f;
                try {
                    f = completion.submit(() -> {
                        task.startedAt = System.nanoTime();
                        if (task.started != null) task.started.countDown();
                        try {
                            return deadlines.check(job.probe(), target, retries);
                        } finally {
                            slots.release();
                        }
                    });
                } catch (RejectedExecutionException shutDown) {
                    if (cancel.isCancelled()) break; // cancelled from another thread since the check above
                    throw shutDown;
                }
                inFlight.put(f, task);
                if (paced) {
                    spinUntilStarted(task);
                    while (!task.started.await(50, TimeUnit.MILLISECONDS) && !cancel.isCancelled()) {
                        drain(completion, inFlight, job, emit, 0, cancel);
                        abandonOverdue(inFlight, job, emit, worstCase);
                    }
                }
            }
            while (!inFlight.isEmpty() && !cancel.isCancelled()) {
                drain(completion, inFlight, job, emit, 50, cancel);
                abandonOverdue(inFlight, job, emit, worstCase);
            }
        } catch (InterruptedException e) {
            if (!cancel.isCancelled()) throw e;
        } finally {
            cancel.remove(stop);
            if (cancel.isCancelled()) Thread.interrupted(); // the hook's interrupt has done its job
            executor.shutdownNow();
            deadlines.close();
            // Probes honour interrupts and their own deadlines; this wait is short.
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                // A cancel interrupts this thread, and may land only now (the listener or another
                // thread cancelled after the loop's last wait): it was for stopping, which is done.
                if (!cancel.isCancelled()) throw e;
            }
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    /**
     * Waits a little, without parking, for a paced task to start: an idle thread takes it within
     * tens of microseconds, and parking the driver until then put a second wake-up between targets,
     * which held a paced pool at 20,000/s to 5,000-16,000/s.
     */
    private static void spinUntilStarted(InFlight<?> task) {
        long until = System.nanoTime() + SPIN_FOR_START_NANOS;
        while (task.started.getCount() > 0 && System.nanoTime() - until < 0) Thread.onSpinWait();
    }

    /** How long the driver of a paced scan spins for a task to start before it parks. */
    private static final long SPIN_FOR_START_NANOS = 200_000;

    /** Emits completed results; waits up to {@code waitMillis} for the first one. */
    private static <T, R extends ProbeResult> void drain(
            ExecutorCompletionService<R> completion,
            Map<Future<R>, InFlight<T>> inFlight,
            ScanJob<T, R> job,
            Consumer<R> emit,
            long waitMillis,
            Cancellation cancel)
            throws InterruptedException {
        Future<R> f = waitMillis > 0 ? completion.poll(waitMillis, TimeUnit.MILLISECONDS) : completion.poll();
        while (f != null) {
            InFlight<T> task = inFlight.remove(f);
            R result =
                    task == null ? null : resultOf(f, task, job, cancel); // null task: already abandoned and reported
            if (result != null) emit.accept(result);
            f = completion.poll();
        }
    }

    /** The task's result; null for a probe the scan's cancel broke off, which found out nothing. */
    private static <T, R extends ProbeResult> R resultOf(
            Future<R> f, InFlight<T> task, ScanJob<T, R> job, Cancellation cancel) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException | CancellationException e) {
            if (cancel.isCancelled()) return null;
            long started = task.startedAt;
            return job.probe().abandoned(task.target, started == 0 ? 0 : System.nanoTime() - started);
        }
    }

    private static <T, R extends ProbeResult> void abandonOverdue(
            Map<Future<R>, InFlight<T>> inFlight, ScanJob<T, R> job, Consumer<R> emit, long worstCase) {
        long now = System.nanoTime();
        var it = inFlight.entrySet().iterator();
        int looked = 0;
        // Insertion order is start order, so only the oldest few can be overdue.
        while (it.hasNext() && looked++ < 64) {
            var e = it.next();
            long started = e.getValue().startedAt;
            if (started != 0 && now - started > worstCase) {
                e.getKey().cancel(true);
                it.remove();
                emit.accept(job.probe().abandoned(e.getValue().target, now - started));
            }
        }
    }

    private static ThreadFactory platformThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            // Small stacks: a probe needs little, and thousands of threads then cost little memory.
            Thread t = new Thread(null, r, "fanout-pool-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        };
    }
}
