package org.fanout.engine;

import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Cancellation;
import org.fanout.engine.strategy.ExecutorRunner;
import org.fanout.engine.strategy.Jobs;
import org.fanout.engine.strategy.ProcessRunner;
import org.fanout.engine.strategy.ScanJob;
import org.fanout.engine.strategy.SerialRunner;
import org.fanout.engine.strategy.StrategyRunner;
import org.fanout.engine.target.Endpoint;
import org.fanout.engine.target.Resolver;
import org.fanout.engine.target.TargetSource;

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
    private final double ratePerSecond;
    private final ScanCounters counters;
    private final ResourceLimits.Cap cap;
    private final Cancellation cancellation = new Cancellation();
    private final java.util.function.Supplier<FollowUps.Work<R>> followUp;

    private Scan(TargetSource<T> targets, ScanJob<T, R> job, ScanSettings settings, int retries, Set<String> skip,
                 double ratePerSecond) {
        this(targets, job, settings, retries, skip, ratePerSecond, null);
    }

    private Scan(TargetSource<T> targets, ScanJob<T, R> job, ScanSettings settings, int retries, Set<String> skip,
                 double ratePerSecond, java.util.function.Supplier<FollowUps.Work<R>> followUp) {
        this.followUp = followUp;
        this.ratePerSecond = ratePerSecond;
        this.targets = targets;
        this.job = job;
        this.settings = settings;
        this.retries = retries;
        this.skip = skip;
        long total = Math.max(0, targets.count() - skip.size());
        this.counters = new ScanCounters(total);
        this.cap = ResourceLimits.cap(settings.strategy(), settings.threads(), total);
    }

    public static Scan<Endpoint, TcpResult> tcp(TargetSource<Endpoint> targets, TcpProbeConfig config, ScanSettings settings) {
        return new Scan<>(targets, Jobs.tcp(config), settings, config.retries(), Set.of(), 0);
    }

    /** A TCP scan that also asks open ports for their certificate and/or answering addresses for their name. */
    public static Scan<Endpoint, TcpResult> tcp(TargetSource<Endpoint> targets, TcpProbeConfig config, ScanSettings settings,
                                                AnsweredPorts after) {
        return new Scan<>(targets, Jobs.tcp(config), settings, config.retries(), Set.of(), 0,
                after.any() ? after::work : null);
    }

    public static Scan<URI, HttpResult> http(TargetSource<URI> targets, HttpProbeConfig config, Resolver resolver,
                                             ScanSettings settings) {
        return new Scan<>(targets, Jobs.http(config, resolver), settings, config.retries(), Set.of(), 0);
    }

    /**
     * The same scan, less the targets whose keys are given (those a previous, interrupted run
     * already wrote out).
     */
    public Scan<T, R> skipping(Set<String> doneKeys) {
        return new Scan<>(targets, job, settings, retries, Set.copyOf(doneKeys), ratePerSecond, followUp);
    }

    /** The same scan, starting at most {@code perSecond} probes a second, evenly spaced (0 = no limit). */
    public Scan<T, R> pacedAt(double perSecond) {
        if (perSecond < 0 || Double.isNaN(perSecond)) throw new IllegalArgumentException("rate must be positive");
        return new Scan<>(targets, job, settings, retries, skip, perSecond, followUp);
    }

    // ---- Properties ----

    public ScanSettings settings() {
        return settings;
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
            java.util.function.Consumer<R> emit = r -> {
                counters.record(r);
                listener.onResult(r);
            };
            runner().run(job, remaining(), retries, after == null ? emit : after.around(emit), cancellation);
            if (after != null) after.finish(cancellation::isCancelled);
        } catch (InterruptedException e) {
            if (!cancellation.isCancelled()) throw e; // the caller's own interrupt: theirs to see
        } finally {
            if (after != null) after.finish(() -> true); // at once if the runner failed or was cancelled
            cancellation.remove(abortProbes);
            job.probe().release();
            counters.finished();
            // A cancel interrupts the threads it stops; the caller's thread must not stay marked.
            if (cancellation.isCancelled()) Thread.interrupted();
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
            case NIO -> new StrategyRunner() {
                @Override
                public <A, B extends ProbeResult> void run(ScanJob<A, B> j, Iterator<A> t, int r,
                                                           java.util.function.Consumer<B> emit, Cancellation cancel)
                        throws InterruptedException {
                    j.nonBlocking().run(t, c, emit, cancel);
                }
            };
            case PROCESS -> new ProcessRunner(settings.workers(), c);
        };
    }

    private Iterator<T> remaining() {
        Iterator<T> todo = skip.isEmpty() ? targets.iterator() : skipDone(targets.iterator());
        return ratePerSecond > 0 ? new Pacer<>(todo, ratePerSecond) : todo;
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
