package org.fanout.engine;

import java.net.URI;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.OrderedTargets;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TargetOrder;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.ExecutorRunner;
import org.fanout.engine.strategy.Jobs;
import org.fanout.engine.strategy.ProcessRunner;
import org.fanout.engine.strategy.ResourceLimits;
import org.fanout.engine.strategy.ScanJob;
import org.fanout.engine.strategy.SerialRunner;
import org.fanout.engine.strategy.StrategyRunner;

/**
 * One scan: targets, a probe and a strategy. {@link #run} checks every target and hands each
 * result to a listener as it completes; {@link #cancel} stops it promptly from any thread.
 *
 * <pre>{@code
 * Scan<Endpoint, TcpResult> scan = Scan.tcp(targets, TcpProbeConfig.defaults(), new ScanSettings(Strategy.NIO, 1000));
 * scan.run(result -> ...);
 * ScanProgress p = scan.progress();
 * }</pre>
 */
public final class Scan<T, R extends ProbeResult> {
    private final TargetSource<T> targets;
    private final ScanJob<T, R> job;
    private final ScanSettings settings;
    private final int retries;
    private final Set<String> skip;
    /** How many of {@link #skip} are not targets of this scan (a file of another job). */
    private final long skipOutsideJob;

    private final double ratePerSecond;
    private final ScanCounters counters;
    private final ResourceLimits.Cap cap;
    private final Cancellation cancellation = new Cancellation();
    /** The first failure of any thread reading the targets: it fails the scan, never silently shortens it. */
    private final AtomicReference<Throwable> targetFailure = new AtomicReference<>();
    /** Work done on each result before it is reported (TLS certificates, names), or null. */
    private final Supplier<FollowUps.Work<R>> followUp;

    private Scan(
            TargetSource<T> targets,
            ScanJob<T, R> job,
            ScanSettings settings,
            int retries,
            Set<String> skip,
            long skipped,
            double ratePerSecond,
            Supplier<FollowUps.Work<R>> followUp) {
        this.followUp = followUp;
        this.ratePerSecond = ratePerSecond;
        this.targets = targets;
        this.job = job;
        this.settings = settings;
        this.retries = retries;
        this.skip = skip;
        this.skipOutsideJob = skip.size() - skipped;
        long total = Math.max(0, targets.count() - skipped);
        this.counters = new ScanCounters(total);
        this.cap = ResourceLimits.cap(settings.strategy(), settings.threads(), total);
    }

    public static Scan<Endpoint, TcpResult> tcp(
            TargetSource<Endpoint> targets, TcpProbeConfig config, ScanSettings settings) {
        return new Scan<>(targets, Jobs.tcp(config), settings, config.retries(), Set.of(), 0, 0, null);
    }

    /** A TCP scan that also asks open ports for their certificate and/or answering addresses for their name. */
    public static Scan<Endpoint, TcpResult> tcp(
            TargetSource<Endpoint> targets, TcpProbeConfig config, ScanSettings settings, AnsweredPorts after) {
        return new Scan<>(
                targets,
                Jobs.tcp(config),
                settings,
                config.retries(),
                Set.of(),
                0,
                0,
                after.any() ? after::work : null);
    }

    public static Scan<URI, HttpResult> http(
            TargetSource<URI> targets, HttpProbeConfig config, Resolver resolver, ScanSettings settings) {
        return new Scan<>(targets, Jobs.http(config, resolver), settings, config.retries(), Set.of(), 0, 0, null);
    }

    /**
     * The same scan, less the targets whose keys are given (those a previous, interrupted run
     * already wrote out). Keys that are not targets of this scan are counted
     * ({@link #skippedOutsideJob}), never subtracted from the total. An unmodifiable set is held as
     * it is (a resumed file's keys can be millions); any other is copied.
     */
    public Scan<T, R> skipping(Set<String> doneKeys) {
        Set<String> keys = Set.copyOf(doneKeys);
        return new Scan<>(targets, job, settings, retries, keys, inJob(keys), ratePerSecond, followUp);
    }

    /** How many of the keys given to {@link #skipping} name no target of this scan. */
    public long skippedOutsideJob() {
        return skipOutsideJob;
    }

    /** The keys of {@code keys} that are targets here; one pass over the targets, ending once all are seen. */
    private long inJob(Set<String> keys) {
        if (keys.isEmpty()) return 0;
        Set<String> seen = new HashSet<>();
        for (Iterator<T> it = targets.iterator(); it.hasNext() && seen.size() < keys.size(); ) {
            String key = job.keyOf(it.next());
            if (keys.contains(key)) seen.add(key);
        }
        return seen.size();
    }

    /** The same scan, starting at most {@code perSecond} probes a second, evenly spaced (0 = no limit). */
    public Scan<T, R> pacedAt(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) throw new IllegalArgumentException("rate must be positive");
        return new Scan<>(targets, job, settings, retries, skip, skip.size() - skipOutsideJob, perSecond, followUp);
    }

    // ---- Properties ----

    /** What the scan checks (all of it, also what a resumed scan skips). */
    public TargetSource<T> targets() {
        return targets;
    }

    public ScanSettings settings() {
        return settings;
    }

    /**
     * The order the targets are probed in and the shard this scan takes (its seed is what
     * repeats the order); {@link TargetOrder#sequential()} for targets given without one.
     */
    public TargetOrder order() {
        return targets instanceof OrderedTargets<?> ordered ? ordered.order() : TargetOrder.sequential();
    }

    /** Whether the targets really come permuted (a file source keeps its written order). */
    public boolean permuted() {
        return targets instanceof OrderedTargets<?> ordered && ordered.permuted();
    }

    /** The concurrency actually used and, if capped, why. */
    public ResourceLimits.Cap concurrency() {
        return cap;
    }

    public ScanProgress progress() {
        return counters.snapshot();
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    // ---- Commands ----

    /**
     * Checks every target on the calling thread's watch, returning when all are done or the scan
     * is cancelled (normally, with the thread's interrupt status clear). Results reach
     * {@code listener} one at a time, in completion order; the listener may call {@link #cancel}.
     */
    public void run(ScanListener<? super R> listener) throws InterruptedException {
        counters.started();
        Runnable abortProbes = job.probe()::abort;
        cancellation.onCancel(abortProbes);
        FollowUps<R> after = followUp == null ? null : new FollowUps<>(followUp.get(), cap.concurrency());
        try {
            Consumer<R> emit = r -> {
                // A probe that ends after a cancel may have been cut short by it (its socket closed
                // under it): not a true answer, so it is not reported; the target stays undone.
                if (cancellation.isCancelled()) return;
                counters.record(r);
                listener.onResult(r);
            };
            runner().run(job, remaining(), retries, after == null ? emit : after.around(emit), cancellation);
            if (after != null) after.finish(cancellation::isCancelled);
        } catch (InterruptedException e) {
            if (targetFailure.get() == null && !cancellation.isCancelled()) throw e; // the caller's own interrupt
        } catch (RuntimeException | Error e) {
            if (targetFailure.get() == null) throw e;
        } finally {
            if (after != null) after.finish(() -> true); // at once if the runner failed or was cancelled
            cancellation.remove(abortProbes);
            job.probe().release();
            counters.finished();
            // A cancel interrupts the threads it stops; the caller's thread must not stay marked.
            if (cancellation.isCancelled()) Thread.interrupted();
        }
        Throwable failed = targetFailure.get();
        if (failed != null) {
            throw new ScanFailedException(
                    "cannot read the targets: "
                            + (failed instanceof OutOfMemoryError
                                    ? "out of memory"
                                    : failed.getMessage() != null ? failed.getMessage() : failed.toString()),
                    failed);
        }
    }

    /** Stops the scan within about a second; results delivered so far stay delivered. */
    public void cancel() {
        cancellation.cancel();
    }

    private StrategyRunner runner() {
        int c = cap.concurrency();
        return switch (settings.strategy()) {
            case SERIAL -> new SerialRunner();
            case POOL -> ExecutorRunner.pool(c);
            case VIRTUAL -> ExecutorRunner.virtual(c);
            case NIO ->
                new StrategyRunner() {
                    @Override
                    public <A, B extends ProbeResult> void run(
                            ScanJob<A, B> j, Iterator<A> t, int r, Consumer<B> emit, Cancellation cancel)
                            throws InterruptedException {
                        j.nonBlocking().run(t, c, emit, cancel);
                    }
                };
            case PROCESS -> new ProcessRunner(settings.workers(), c, counters::workerDied);
        };
    }

    private Iterator<T> remaining() {
        Iterator<T> todo = guarded(skip.isEmpty() ? targets.iterator() : skipDone(targets.iterator()));
        return ratePerSecond > 0 ? new Pacer<>(todo, ratePerSecond) : todo;
    }

    /**
     * The targets, read by whichever engine thread asks: a failure there (an unreadable file,
     * out of memory) is kept and cancels the scan, so {@link #run} fails whatever that thread does.
     */
    private Iterator<T> guarded(Iterator<T> all) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return all.hasNext();
                } catch (RuntimeException e) {
                    throw failed(e);
                } catch (Error e) {
                    throw failed(e);
                }
            }

            @Override
            public T next() {
                try {
                    return all.next();
                } catch (NoSuchElementException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw failed(e);
                } catch (Error e) {
                    throw failed(e);
                }
            }

            private <E extends Throwable> E failed(E e) {
                targetFailure.compareAndSet(null, e);
                cancellation.cancel();
                return e;
            }
        };
    }

    private Iterator<T> skipDone(Iterator<T> all) {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                while (next == null && all.hasNext()) {
                    T t = all.next();
                    if (!skip.contains(job.keyOf(t))) next = t;
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                T t = next;
                next = null;
                return t;
            }
        };
    }
}
