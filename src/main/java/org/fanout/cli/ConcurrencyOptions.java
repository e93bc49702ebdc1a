package org.fanout.cli;

import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.strategy.Strategy;
import picocli.CommandLine.Option;

/** How much concurrency, and which strategy: shared by scan and http. */
final class ConcurrencyOptions {
    @Option(
            names = "--threads",
            paramLabel = "N",
            converter = Converters.ThreadsConverter.class,
            description = "Concurrency: 1-100000 or auto (default: ${DEFAULT-VALUE}).",
            defaultValue = "auto")
    int threads;

    @Option(
            names = "--strategy",
            paramLabel = "S",
            converter = Converters.StrategyConverter.class,
            description = "serial, pool, virtual, nio, process or auto (default: ${DEFAULT-VALUE}).",
            defaultValue = "auto")
    Strategy strategy;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Worker processes for --strategy process (default: number of cores).")
    Integer workers;

    @Option(
            names = "--rate",
            paramLabel = "N/s",
            converter = Converters.RateConverter.class,
            description = "Start at most N probes a second, evenly spaced, to scan gently (e.g. 100/s, 6000/m).")
    double rate;

    /** What was asked for, {@code auto} left for the job to resolve; bad input becomes a {@link UserError}. */
    Concurrency concurrency() {
        TcpJobOptions.parse("--workers", () -> JobInputs.workers(workers));
        return new Concurrency(strategy, threads, workers, rate);
    }
}
