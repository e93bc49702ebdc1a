package org.fanout.cli;

import org.fanout.engine.AutoSettings;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.strategy.Strategy;
import picocli.CommandLine.Option;

/** How much concurrency, and which strategy: shared by scan and http. */
final class ConcurrencyOptions {
    @Option(names = "--threads", paramLabel = "N", converter = Converters.ThreadsConverter.class,
            description = "Concurrency: 1-100000 or auto (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    int threads;

    @Option(names = "--strategy", paramLabel = "S", converter = Converters.StrategyConverter.class,
            description = "serial, pool, virtual, nio, process or auto (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    Strategy strategy;

    @Option(names = "--workers", paramLabel = "N",
            description = "Worker processes for --strategy process (default: number of cores).")
    Integer workers;

    @Option(names = "--rate", paramLabel = "N/s", converter = Converters.RateConverter.class,
            description = "Start at most N probes a second, evenly spaced, to scan gently (e.g. 100/s, 6000/m).")
    double rate;

    /** The scan, paced by {@code --rate} where one was given. */
    <T, R extends ProbeResult> Scan<T, R> paced(Scan<T, R> scan) {
        return rate > 0 ? scan.pacedAt(rate) : scan;
    }

    /** Resolves {@code auto} for a job ({@link AutoSettings}). */
    ScanSettings settings(boolean tcp) {
        Strategy s = strategy != null ? strategy : AutoSettings.strategy(tcp);
        int t = threads > 0 ? threads : AutoSettings.threads(s, tcp);
        if (workers != null && (workers < 1 || workers > ScanSettings.MAX_WORKERS)) {
            throw new UserError("--workers must be 1-" + ScanSettings.MAX_WORKERS + ", got " + workers);
        }
        return workers != null ? new ScanSettings(s, t, workers) : new ScanSettings(s, t);
    }
}
