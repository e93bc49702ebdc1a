package org.fanout.engine.job;

import org.fanout.engine.AutoSettings;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.strategy.Strategy;

/**
 * How much concurrency a job runs at, and how: {@code --strategy}, {@code --threads},
 * {@code --workers} and {@code --rate} of the CLI, the strategy and thread count of the form.
 *
 * @param strategy the strategy, or null for auto ({@link AutoSettings})
 * @param threads  1-100000, or 0 for auto
 * @param workers  worker processes for {@code process}, or null for one per core
 * @param rate     probes started a second at most, or 0 for no limit
 */
public record Concurrency(Strategy strategy, int threads, Integer workers, double rate) {
    public Concurrency {
        if (threads != 0 && (threads < 1 || threads > ScanSettings.MAX_THREADS)) {
            throw new IllegalArgumentException(
                    "threads must be 1-" + ScanSettings.MAX_THREADS + " or auto, got " + threads);
        }
        JobInputs.workers(workers);
        if (rate < 0 || Double.isNaN(rate)) throw new IllegalArgumentException("rate must be positive");
    }

    /** auto strategy, auto threads, no rate limit: what a comparison starts from (it picks its own settings). */
    public static Concurrency auto() {
        return new Concurrency(null, 0, null, 0);
    }

    /** A chosen strategy and thread count, as the app's form gives them. */
    public static Concurrency of(Strategy strategy, int threads) {
        return new Concurrency(strategy, threads, null, 0);
    }

    /** The settings, {@code auto} resolved for a TCP ({@code tcp}) or HTTP job. */
    public ScanSettings settings(boolean tcp) {
        Strategy s = strategy != null ? strategy : AutoSettings.strategy(tcp);
        int t = threads > 0 ? threads : AutoSettings.threads(s, tcp);
        return workers != null ? new ScanSettings(s, t, workers) : new ScanSettings(s, t);
    }
}
