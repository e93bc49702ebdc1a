package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.fanout.engine.Scan;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.job.JobSpec;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.CompareChart;
import org.fanout.export.CompareCsvWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;

/**
 * {@code fanout compare [options] (scan|http) <job options>}: the same job at each thread count
 * and strategy, one run after another, measured; a table on stdout as runs finish, a summary on
 * stderr, and optionally the CSV of DESIGN.md and a PNG chart.
 *
 * <p>The compare options are inherited by {@code scan} and {@code http}, so they may come before
 * or after the subcommand's name.
 */
@Command(
        name = "compare",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        subcommands = {CompareCommand.TcpCompare.class, CompareCommand.HttpCompare.class},
        description = "Run the same scan or HTTP check at several thread counts and strategies, one after another,"
                + " and compare wall time, throughput, CPU user/sys time, peak threads and peak heap.",
        footer = {
            "",
            "Runs go strategy by strategy, thread counts lowest first, after a short discarded warm-up per strategy.",
            "serial probes one target at a time, so it runs once, at 1 thread.",
            "The table shows each run's speedup: its throughput over the first run's.",
            "",
            "Examples (start a lab first: fanout lab --http-port 8080 --latency 50ms):",
            "  fanout compare --threads 1,10,100,1000 \\",
            "      http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}' \\",
            "      --output compare.csv --chart compare.png",
            "  fanout compare --strategies pool,process --workers 4 --threads 4,40,400 \\",
            "      http --pattern 'http://127.0.0.1:8080/{a-z}{0-9}'",
            "  fanout compare --threads 1,100,10000 --strategies virtual,nio \\",
            "      scan --hosts 127.0.0.1 --ports 1-10000"
        })
final class CompareCommand implements Runnable {
    /** Each value a list of thread counts, read by the app's reader ({@link JobInputs#threadCounts}); repeats add up. */
    @Option(
            names = "--threads",
            paramLabel = "N[,N...]",
            scope = ScopeType.INHERIT,
            converter = Converters.ThreadListConverter.class,
            description = "Thread counts to compare, each 1-100000; commas or spaces between, 1k = 1000 (default: "
                    + JobDefaults.COMPARE_THREADS + ").")
    List<String> threads;

    @Option(
            names = "--strategies",
            paramLabel = "S[,S...]",
            split = ",",
            scope = ScopeType.INHERIT,
            converter = Converters.StrategyNameConverter.class,
            description = "Strategies to compare: serial, pool, virtual, nio, process (default: pool,virtual,nio).")
    List<Strategy> strategies;

    @Option(
            names = "--workers",
            paramLabel = "N",
            scope = ScopeType.INHERIT,
            description = "Worker processes for process, 1-256; each runs threads/N threads (default: one per core).")
    Integer workers;

    @Option(
            names = "--no-warmup",
            scope = ScopeType.INHERIT,
            description = "Skip the discarded warm-up pass of each strategy.")
    boolean noWarmup;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE.csv",
            scope = ScopeType.INHERIT,
            description = "Write one CSV row per run (" + "strategy,threads,targets,wall_ms,...) as runs finish.")
    Path output;

    @Option(
            names = "--chart",
            paramLabel = "FILE.png",
            scope = ScopeType.INHERIT,
            description = "Draw wall time and throughput against thread count as a PNG.")
    Path chart;

    @Option(names = "--no-progress", scope = ScopeType.INHERIT, description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    CompareCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "compare needs a job: scan or http, with its options (see compare --help)");
    }

    @Command(
            name = "scan",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = "Compare TCP connect scans of hosts x ports.")
    static final class TcpCompare implements Callable<Integer> {
        @ParentCommand
        CompareCommand compare;

        @Mixin
        TcpJobOptions job = new TcpJobOptions();

        @Override
        public Integer call() throws Exception {
            return compare.run(
                    () -> job.spec(Concurrency.auto()),
                    "ports",
                    "TCP connects",
                    job.hosts.hostsFile,
                    job.excludeHostsFile,
                    job.trust.trustStore);
        }
    }

    @Command(
            name = "http",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = "Compare HTTP checks of URLs.")
    static final class HttpCompare implements Callable<Integer> {
        @ParentCommand
        CompareCommand compare;

        @Mixin
        HttpJobOptions job = new HttpJobOptions();

        @Override
        public Integer call() throws Exception {
            return compare.run(
                    () -> job.spec(Concurrency.auto()), "URLs", "HTTP checks", job.input, job.trust.trustStore);
        }
    }

    // ---- Running ----

    int run(Supplier<JobSpec> job, String noun, String what, Path... inputs) throws IOException, InterruptedException {
        TcpJobOptions.parse("--workers", () -> JobInputs.workers(workers));
        // The job is parsed and checked once, before anything runs; every run is a fresh scan of it.
        JobSpec spec = job.get();
        Comparison comparison = comparison(spec);
        long targets = spec.toScan(comparison.settings(
                        comparison.strategies().getFirst(),
                        comparison.threadCounts().getFirst()))
                .progress()
                .total();
        if (targets == 0) throw new UserError("nothing to check: the job has no targets");
        checkFile("--output", output);
        checkFile("--chart", chart);
        OutputOptions.notAnInput("--output", output, inputs);
        OutputOptions.notAnInput("--chart", chart, inputs);
        OutputOptions.notAnInput("--chart", chart, output);
        if (chart != null) System.setProperty("java.awt.headless", "true"); // Java2D only; never a window

        CompareTable table = new CompareTable(comparison, out);
        List<CompareRun> runs = new ArrayList<>();
        Interrupts.Stop stop = Interrupts.onStop(comparison::cancel);
        long start = System.nanoTime();
        err.println("fanout: comparing " + String.format(Locale.ROOT, "%,d", targets) + " " + noun + ", "
                + comparison.runCount() + (comparison.runCount() == 1 ? " run" : " runs") + ": "
                + String.join(
                        ",",
                        comparison.strategies().stream().map(Strategy::label).toList()) + " x threads "
                + String.join(
                        ",",
                        comparison.threadCounts().stream().map(String::valueOf).toList())
                + (noWarmup ? "" : ", after a warm-up per strategy"));
        try (CompareCsvWriter csv = output == null ? null : CompareCsvWriter.open(output)) {
            table.header();
            CompareProgress progress = new CompareProgress(err, Streams.progressWanted(noProgress), noun);
            try {
                comparison.run(new Comparison.Listener() {
                    @Override
                    public void warmingUp(Strategy strategy, Scan<?, ?> scan) {
                        progress.start(
                                "warm-up "
                                        + comparison.label(
                                                strategy,
                                                comparison.threadCounts().getLast()),
                                scan);
                    }

                    private Scan<?, ?> running;

                    @Override
                    public void runStarted(Strategy strategy, int threads, Scan<?, ?> scan) {
                        running = scan;
                        progress.start(comparison.label(strategy, threads) + " x " + threads, scan);
                        var cap = scan.concurrency();
                        if (cap.concurrency() < threads && cap.capped()) {
                            progress.note("note: " + strategy.label() + " x " + threads + " runs at "
                                    + cap.concurrency() + ", capped by the " + cap.reason());
                        }
                    }

                    @Override
                    public void runFinished(CompareRun run) {
                        progress.stop();
                        runs.add(run);
                        table.row(run);
                        warnOfErrors(comparison, run, running);
                        if (csv != null) {
                            try {
                                csv.write(run);
                            } catch (IOException e) {
                                comparison.cancel();
                                throw new UncheckedIOException("cannot write " + output, e);
                            }
                        }
                    }
                });
            } finally {
                progress.stop();
                Interrupts.restore(stop);
            }
        }
        if (chart != null && !runs.isEmpty()) {
            String title = CompareChart.title(
                    what + " of " + String.format(Locale.ROOT, "%,d", targets) + " " + noun, ZonedDateTime.now());
            CompareChart.write(chart, runs, title, s -> s == Strategy.PROCESS ? processLegend(comparison) : s.label());
        }
        err.println(summary(comparison, runs, noun, targets, System.nanoTime() - start, stop.requested()));
        if (output != null && !runs.isEmpty()) err.println("fanout: wrote " + output);
        if (chart != null && !runs.isEmpty()) err.println("fanout: drew " + chart);
        return stop.requested() ? stop.exitStatus() : 0;
    }

    /** Errors make a run's numbers measure something else (a lab that has stopped answers fast): say so. */
    private void warnOfErrors(Comparison comparison, CompareRun run, Scan<?, ?> scan) {
        if (scan == null) return;
        var errors = scan.progress().errors();
        long n = errors.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) return;
        err.println("note: " + comparison.label(run.strategy(), run.threads()) + " x " + run.threads() + ": "
                + String.format(Locale.ROOT, "%,d of %,d", n, run.targets()) + " ended in an error ("
                + ScanSession.counts(errors, 3) + ")");
    }

    private Comparison comparison(JobSpec spec) {
        List<Integer> t = threads == null || threads.isEmpty()
                ? JobInputs.threadCounts(JobDefaults.COMPARE_THREADS)
                : JobInputs.threadCounts(String.join(",", threads));
        List<Strategy> s = strategies == null || strategies.isEmpty() ? JobDefaults.COMPARE_STRATEGIES : strategies;
        return new Comparison(spec.factory(), s, t, workers == null ? 0 : workers, !noWarmup);
    }

    private static String processLegend(Comparison c) {
        int w = c.workersFor(Strategy.PROCESS, c.threadCounts().getLast());
        return "process (" + w + (w == 1 ? " worker)" : " workers)");
    }

    private static void checkFile(String option, Path file) {
        if (file == null) return;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir))
            throw new UserError(option + ": directory " + dir + " does not exist");
        if (Files.isDirectory(file)) throw new UserError(option + ": " + file + " is a directory");
    }

    /** e.g. {@code fanout: 12 runs of 200 URLs in 41.3 s; fastest nio x 1000 at 3,912/s, 203.1x the slowest (pool x 1, 19.3/s)} */
    static String summary(
            Comparison c, List<CompareRun> runs, String noun, long targets, long nanos, boolean interrupted) {
        String head = (interrupted
                        ? "fanout: interrupted after " + runs.size() + " of " + c.runCount() + " runs"
                        : "fanout: " + runs.size() + (runs.size() == 1 ? " run" : " runs"))
                + " of " + String.format(Locale.ROOT, "%,d", targets) + " " + noun
                + String.format(Locale.ROOT, " in %.1f s", nanos / 1e9);
        if (runs.isEmpty()) return head;
        CompareRun best = runs.stream()
                .max(Comparator.comparingDouble(CompareRun::throughputPerSecond))
                .orElseThrow();
        CompareRun worst = runs.stream()
                .min(Comparator.comparingDouble(CompareRun::throughputPerSecond))
                .orElseThrow();
        String s = head + "; fastest " + c.label(best.strategy(), best.threads()) + " x " + best.threads() + " at "
                + CompareTable.rate(best.throughputPerSecond());
        if (runs.size() > 1 && worst.throughputPerSecond() > 0) {
            s += ", " + CompareTable.speedup(best.throughputPerSecond() / worst.throughputPerSecond())
                    + " the slowest ("
                    + c.label(worst.strategy(), worst.threads()) + " x " + worst.threads() + ", "
                    + CompareTable.rate(worst.throughputPerSecond()) + ")";
        }
        return s;
    }
}
