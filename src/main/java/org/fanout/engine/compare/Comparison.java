package org.fanout.engine.compare;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.strategy.Strategy;

/**
 * The same job at several thread counts and strategies, one run after another, each measured:
 * wall time, throughput, CPU user and system time (this process and its worker processes),
 * peak platform threads and peak heap.
 *
 * <p>Runs go strategy by strategy, in the order given, and within a strategy by thread count,
 * lowest first (duplicates are dropped). {@code serial} probes one target at a time whatever
 * the thread count, so it runs once, at 1 thread. Each run gets a fresh {@link Scan} from the factory, so
 * every run checks the same targets from the start.
 *
 * <p><b>Warm-up.</b> Unless switched off, before the measured runs each strategy does one
 * discarded pass at the highest thread count, stopped after {@value #WARMUP_RESULTS} results or
 * {@link #WARMUP_LIMIT}, whichever comes first. It loads and compiles the code paths each
 * strategy uses (probes, executors, selectors, the worker-process plumbing), so the first
 * measured run does not pay for class loading and JIT compilation the later ones do not pay.
 * Worker JVMs of {@code process} start afresh in every run, so their start-up is part of each
 * {@code process} run, as it is for a user.
 *
 * <p><b>Measurements.</b> Before each run: a {@link System#gc()}, a short wait for the previous
 * run's threads to finish exiting, the JVM's peak thread count reset, the CPU clocks read. Wall time is {@link System#nanoTime()} around {@link Scan#run};
 * CPU time comes from {@code /proc/self/stat} (see {@link CpuClock}); heap in use is sampled
 * every 10 ms by one daemon thread that lives for the whole comparison (so it is one constant
 * extra thread in every run's count). {@code peak_threads} is the JVM's own peak of live
 * platform threads (GC and compiler threads included, so even a 1-thread run shows ~15-20):
 * for {@code virtual} only the carrier threads count, not the virtual threads; for
 * {@code process} the sampled peak of the worker JVMs' threads (all of them, their own JVM
 * housekeeping included) is added.
 *
 * <p>{@link #run} is called once, on a thread of the caller's choosing; {@link #current()} and
 * {@link #cancel()} may be called from any thread.
 */
public final class Comparison {
    /** Results after which a strategy's warm-up pass stops. */
    public static final int WARMUP_RESULTS = 500;
    /** The longest a strategy's warm-up pass lasts. */
    public static final Duration WARMUP_LIMIT = Duration.ofSeconds(2);

    /** Hears of each run as it starts and finishes; called on the thread that runs the comparison. */
    public interface Listener {
        /** A discarded warm-up pass for {@code strategy} begins. */
        default void warmingUp(Strategy strategy, Scan<?, ?> scan) {}

        /** A measured run begins; {@code scan} shows its progress. */
        default void runStarted(Strategy strategy, int threads, Scan<?, ?> scan) {}

        /** A measured run has finished; a run cut short by {@link #cancel()} is not reported. */
        void runFinished(CompareRun run);
    }

    private final Function<ScanSettings, ? extends Scan<?, ?>> scans;
    private final List<Strategy> strategies;
    private final List<Integer> threadCounts;
    private final int workers;
    private final boolean warmUp;
    private final AtomicBoolean started = new AtomicBoolean();
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final CpuClock cpu = new CpuClock();
    private volatile boolean cancelled;
    private volatile Scan<?, ?> current;

    /**
     * @param scans        a fresh scan of the same targets for the given settings, each call
     * @param strategies   strategies to compare, in order (duplicates dropped)
     * @param threadCounts thread counts, each 1-100000 (sorted, duplicates dropped)
     * @param workers      worker processes for {@code process} (1-256), or 0 for the default
     *                     (one per core, at most the thread count)
     * @param warmUp       whether to run the discarded warm-up passes first
     */
    public Comparison(
            Function<ScanSettings, ? extends Scan<?, ?>> scans,
            List<Strategy> strategies,
            List<Integer> threadCounts,
            int workers,
            boolean warmUp) {
        this.scans = Objects.requireNonNull(scans, "scans");
        this.strategies = List.copyOf(new LinkedHashSet<>(strategies));
        this.threadCounts = List.copyOf(new TreeSet<>(threadCounts));
        if (this.strategies.isEmpty()) throw new IllegalArgumentException("no strategy to compare");
        if (this.threadCounts.isEmpty()) throw new IllegalArgumentException("no thread count to compare");
        for (int t : this.threadCounts) {
            if (t < 1 || t > ScanSettings.MAX_THREADS) {
                throw new IllegalArgumentException(
                        "thread counts must be 1-" + ScanSettings.MAX_THREADS + ", got " + t);
            }
        }
        if (workers < 0 || workers > ScanSettings.MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1-" + ScanSettings.MAX_WORKERS + ", got " + workers);
        }
        this.workers = workers;
        this.warmUp = warmUp;
    }

    public List<Strategy> strategies() {
        return strategies;
    }

    /** The thread counts, lowest first. */
    public List<Integer> threadCounts() {
        return threadCounts;
    }

    /** The thread counts {@code strategy} runs at: all of them, but only 1 for {@code serial}. */
    public List<Integer> threadCountsFor(Strategy strategy) {
        return strategy == Strategy.SERIAL ? List.of(1) : threadCounts;
    }

    /** Measured runs this comparison makes: each strategy at each of its thread counts. */
    public int runCount() {
        return strategies.stream().mapToInt(s -> threadCountsFor(s).size()).sum();
    }

    /** The settings of one combination. */
    public ScanSettings settings(Strategy strategy, int threads) {
        return workers > 0 ? new ScanSettings(strategy, threads, workers) : new ScanSettings(strategy, threads);
    }

    /**
     * Worker processes a {@code process} run at {@code threads} starts (never more than threads),
     * 0 for the other strategies.
     */
    public int workersFor(Strategy strategy, int threads) {
        return strategy == Strategy.PROCESS
                ? Math.min(settings(strategy, threads).workers(), threads)
                : 0;
    }

    /**
     * A short name of a combination's strategy for people: the strategy's name, and for
     * {@code process} its split, e.g. {@code process 4x25} (4 workers, 25 threads each;
     * {@code 4x2-3} when it does not divide evenly).
     */
    public String label(Strategy strategy, int threads) {
        if (strategy != Strategy.PROCESS) return strategy.label();
        int w = workersFor(strategy, threads);
        int low = threads / w;
        int high = low + (threads % w == 0 ? 0 : 1);
        return strategy.label() + " " + w + "x" + (low == high ? Integer.toString(low) : low + "-" + high);
    }

    /** The scan running now (a warm-up pass or a measured run), or null between runs. */
    public Scan<?, ?> current() {
        return current;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Stops the comparison: the run in progress stops promptly and no further run starts. */
    public void cancel() {
        cancelled = true;
        Scan<?, ?> s = current;
        if (s != null) s.cancel();
    }

    /**
     * Runs the warm-up (if wanted) and every combination, reporting each finished run to the
     * listener; returns the finished runs in order (fewer when cancelled).
     */
    public List<CompareRun> run(Listener listener) throws InterruptedException {
        if (!started.compareAndSet(false, true)) throw new IllegalStateException("a comparison runs only once");
        List<CompareRun> finished = new ArrayList<>();
        try (Sampler sampler = new Sampler()) {
            if (warmUp) {
                for (Strategy s : strategies) {
                    if (cancelled) return finished;
                    warmUp(s, listener);
                }
            }
            for (Strategy s : strategies) {
                for (int t : threadCountsFor(s)) {
                    if (cancelled) return finished;
                    CompareRun r = measure(s, t, sampler, listener);
                    if (r == null) return finished;
                    finished.add(r);
                    listener.runFinished(r);
                }
            }
        } finally {
            current = null;
        }
        return finished;
    }

    private void warmUp(Strategy strategy, Listener listener) throws InterruptedException {
        Scan<?, ?> scan = begin(strategy, threadCountsFor(strategy).getLast());
        listener.warmingUp(strategy, scan);
        // The pass is stopped from a thread of its own, never from inside the scan's listener.
        CountDownLatch enough = new CountDownLatch(1);
        Thread stopper = Thread.ofVirtual().name("fanout-compare-warmup").start(() -> {
            try {
                enough.await(WARMUP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
                scan.cancel();
            } catch (InterruptedException done) {
                // the pass ended first
            }
        });
        long[] seen = {0};
        try {
            if (!cancelled) {
                scan.run(r -> {
                    if (++seen[0] == WARMUP_RESULTS) enough.countDown();
                });
            }
        } catch (InterruptedException e) {
            if (!scan.isCancelled()) throw e; // else: the stop we asked for
        } finally {
            stopper.interrupt();
            awaitEnd(stopper);
            current = null;
            // Stopping a pass may interrupt this thread (the serial strategy does); that was ours.
            if (scan.isCancelled()) Thread.interrupted();
        }
    }

    /**
     * Waits for the warm-up's stopper to end, so that its cancel, and the interrupt the cancel
     * may send this thread, are over before that interrupt is cleared. The stopper ends at once
     * when interrupted, so the wait is short; an interrupt meanwhile is that same cancel's.
     */
    private static void awaitEnd(Thread stopper) {
        for (int tries = 0; tries < 100 && stopper.isAlive(); tries++) {
            try {
                stopper.join(100);
            } catch (InterruptedException fromTheCancel) {
                // cleared by the caller once the stopper is done
            }
        }
    }

    /** The measured run of one combination, or null if the comparison was cancelled during it. */
    private CompareRun measure(Strategy strategy, int threads, Sampler sampler, Listener listener)
            throws InterruptedException {
        Scan<?, ?> scan = begin(strategy, threads);
        listener.runStarted(strategy, threads, scan);
        System.gc();
        settleThreads();
        long[] results = {0};
        threadBean.resetPeakThreadCount();
        sampler.begin(strategy == Strategy.PROCESS);
        CpuClock.Sample cpuBefore = cpu.now();
        long start = System.nanoTime();
        long wall;
        CpuClock.Sample used;
        try {
            if (!cancelled) scan.run(r -> results[0]++);
        } catch (InterruptedException e) {
            if (!scan.isCancelled()) throw e; // else: cancelled, reported below as no run
        } finally {
            wall = System.nanoTime() - start;
            used = cpu.now().minus(cpuBefore);
            sampler.end();
            current = null;
        }
        if (cancelled || scan.isCancelled()) return null;
        int peakThreads = threadBean.getPeakThreadCount() + sampler.peakChildThreads();
        return new CompareRun(
                strategy,
                threads,
                results[0],
                wall / 1e6,
                wall <= 0 ? 0 : results[0] * 1e9 / wall,
                used.userNanos() / 1_000_000,
                used.sysNanos() / 1_000_000,
                peakThreads,
                sampler.peakHeapBytes() / (1024.0 * 1024.0));
    }

    /**
     * Waits (at most a second) until threads of the previous run have finished exiting, so
     * they do not count in this run's peak: until the live count has not dropped for 60 ms.
     */
    private void settleThreads() throws InterruptedException {
        int last = threadBean.getThreadCount();
        int steady = 0;
        for (int i = 0; i < 50 && steady < 3; i++) {
            Thread.sleep(20);
            int now = threadBean.getThreadCount();
            steady = now < last ? 0 : steady + 1;
            last = now;
        }
    }

    private Scan<?, ?> begin(Strategy strategy, int threads) {
        Scan<?, ?> scan =
                Objects.requireNonNull(scans.apply(settings(strategy, threads)), "the scan factory gave null");
        current = scan;
        if (cancelled) scan.cancel();
        return scan;
    }
}
