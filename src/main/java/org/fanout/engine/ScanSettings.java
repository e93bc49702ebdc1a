package org.fanout.engine;

import org.fanout.engine.strategy.Strategy;

/**
 * How much concurrency a scan uses and how.
 *
 * @param strategy how work is spread
 * @param threads  requested concurrency (1-100000): threads, virtual threads or sockets in flight;
 *                 for {@code process}, the total across workers
 * @param workers  worker processes for {@code process} (each runs threads / workers threads)
 */
public record ScanSettings(Strategy strategy, int threads, int workers) {
    public static final int MAX_THREADS = 100_000;
    public static final int MAX_WORKERS = 256;

    public ScanSettings {
        if (threads < 1 || threads > MAX_THREADS)
            throw new IllegalArgumentException("threads must be 1-" + MAX_THREADS + ", got " + threads);
        if (workers < 1 || workers > MAX_WORKERS)
            throw new IllegalArgumentException("workers must be 1-" + MAX_WORKERS + ", got " + workers);
    }

    public ScanSettings(Strategy strategy, int threads) {
        this(
                strategy,
                threads,
                Math.max(1, Math.min(threads, Runtime.getRuntime().availableProcessors())));
    }
}
