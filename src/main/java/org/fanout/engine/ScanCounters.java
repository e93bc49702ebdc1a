package org.fanout.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.fanout.engine.probe.ProbeResult;

/**
 * Exact counts of a scan's results, safe to update and read from any number of threads: the
 * seeds' shared counter without its lost-update race.
 */
public final class ScanCounters {
    private final long total;
    private final LongAdder done = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
    private volatile long startNanos = System.nanoTime();
    private volatile long endNanos;
    private final AtomicInteger workersDied = new AtomicInteger();

    public ScanCounters(long total) {
        this.total = total;
    }

    void started() {
        startNanos = System.nanoTime();
    }

    void finished() {
        endNanos = System.nanoTime();
    }

    /**
     * Counts a result: done first, then its outcome, and {@link #snapshot} reads them the other way
     * round, so a snapshot never shows more of an outcome than results done (the window showed
     * "closed 18,695" beside "18,693 done").
     */
    public void record(ProbeResult result) {
        done.increment();
        outcomes.computeIfAbsent(result.outcome(), k -> new LongAdder()).increment();
        if (result.error() != null)
            errors.computeIfAbsent(result.error(), k -> new LongAdder()).increment();
    }

    /** A worker process died mid-scan. */
    void workerDied() {
        workersDied.incrementAndGet();
    }

    public long total() {
        return total;
    }

    public long done() {
        return done.sum();
    }

    public ScanProgress snapshot() {
        long end = endNanos;
        long elapsed = (end != 0 ? end : System.nanoTime()) - startNanos;
        Map<String, Long> byOutcome = sums(outcomes); // before done: see record()
        Map<String, Long> byError = sums(errors);
        return new ScanProgress(total, done.sum(), byOutcome, byError, elapsed, workersDied.get());
    }

    private static Map<String, Long> sums(Map<String, LongAdder> adders) {
        Map<String, Long> out = new TreeMap<>();
        adders.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
