package org.fanout.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.CompareChart;
import org.fanout.export.CompareCsvWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/**
 * {@code fanout compare [options] (scan|http) <job options>}: the same job at each thread count
 * and strategy, one run after another, measured; a table on stdout as runs finish, a summary on
 * stderr, and optionally the CSV of DESIGN.md and a PNG chart.
 *
 * <p>The compare options are inherited by {@code scan} and {@code http}, so they may come before
 * or after the subcommand's name.
 */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        subcommands = {CompareCommand.TcpCompare.class, CompareCommand.HttpCompare.class},
        description = "Run the same scan or HTTP check at several thread counts and strategies, one after another,"
                + " and compare wall time, throughput, CPU user/sys time, peak threads and peak heap.",
        footer = {"", "Runs go strategy by strategy, thread counts lowest first, after a short discarded warm-up per strategy.",
                "serial probes one target at a time, so it runs once, at 1 thread.",
                "The table shows each run's speedup: its throughput over the first run's.",
                "", "Examples (start a lab first: fanout lab --http-port 8080 --latency 50ms):",
                "  fanout compare --threads 1,10,100,1000 \\",
                "      http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}' \\",
                "      --output compare.csv --chart compare.png",
                "  fanout compare --strategies pool,process --workers 4 --threads 4,40,400 \\",
                "      http --pattern 'http://127.0.0.1:8080/{a-z}{0-9}'",
                "  fanout compare --threads 1,100,10000 --strategies virtual,nio \\",
                "      scan --hosts 127.0.0.1 --ports 1-10000"})
final class CompareCommand implements Runnable {
    static final List<Integer> DEFAULT_THREADS = List.of(1, 10, 100, 1000);
    /** process is left out unless asked: each of its runs starts JVMs, whose start-up swamps small jobs. */
    static final List<Strategy> DEFAULT_STRATEGIES = List.of(Strategy.POOL, Strategy.VIRTUAL, Strategy.NIO);

    @Option(names = "--threads", paramLabel = "N[,N...]", split = ",", scope = ScopeType.INHERIT,
            converter = ThreadCountConverter.class,
            description = "Thread counts to compare, each 1-100000 (default: 1,10,100,1000).")
    List<Integer> threads;

    @Option(names = "--strategies", paramLabel = "S[,S...]", split = ",", scope = ScopeType.INHERIT,
            converter = StrategyNameConverter.class,
            description = "Strategies to compare: serial, pool, virtual, nio, process (default: pool,virtual,nio).")
    List<Strategy> strategies;

    @Option(names = "--workers", paramLabel = "N", scope = ScopeType.INHERIT,
            description = "Worker processes for process, 1-256; each runs threads/N threads (default: one per core).")
    Integer workers;

    @Option(names = "--no-warmup", scope = ScopeType.INHERIT, description = "Skip the discarded warm-up pass of each strategy.")
    boolean noWarmup;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", scope = ScopeType.INHERIT,
            description = "Write one CSV row per run (" + "strategy,threads,targets,wall_ms,...) as runs finish.")
    Path output;

    @Option(names = "--chart", paramLabel = "FILE.png", scope = ScopeType.INHERIT,
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
        throw new CommandLine.ParameterException(spec.commandLine(), "compare needs a job: scan or http, with its options (see compare --help)");
    }

    @Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true,
            description = "Compare TCP connect scans of hosts x ports.")
    static final class TcpCompare implements Callable<Integer> {
        @ParentCommand
        CompareCommand compare;

        @Mixin
        TcpJobOptions job = new TcpJobOptions();

        @Override
        public Integer call() throws Exception {
            return compare.run(job::scan, "ports", "TCP connects", job.hosts.hostsFile);
        }
    }

    @Command(name = "http", sortOptions = false, mixinStandardHelpOptions = true,
            description = "Compare HTTP checks of URLs.")
    static final class HttpCompare implements Callable<Integer> {
        @ParentCommand
        CompareCommand compare;

        @Mixin
        HttpJobOptions job = new HttpJobOptions();

        @Override
        public Integer call() throws Exception {
            return compare.run(job::scan, "URLs", "HTTP checks", job.input);
        }
    }

    // ---- Running ----

    int run(Function<ScanSettings, Scan<?, ?>> scans, String noun, String what, Path input) throws IOException, InterruptedException {
        Comparison comparison = comparison(scans);
        // Build one scan now, so bad targets are refused before anything runs (and to count them).
        Scan<?, ?> probe = scans.apply(comparison.settings(comparison.strategies().getFirst(), comparison.threadCounts().getFirst()));
        long targets = probe.progress().total();
        if (targets == 0) throw new UserError("nothing to check: the job has no targets");
        checkFile("--output", output);
        checkFile("--chart", chart);
        OutputOptions.notAnInput("--output", output, input);
        OutputOptions.notAnInput("--chart", chart, input);
        if (chart != null) System.setProperty("java.awt.headless", "true"); // Java2D only; never a window

        Table table = new Table(comparison, out);
        List<CompareRun> runs = new ArrayList<>();
        Interrupts.Stop stop = Interrupts.onStop(comparison::cancel);
        long start = System.nanoTime();
        err.println("fanout: comparing " + String.format(Locale.ROOT, "%,d", targets) + " " + noun + ", "
                + comparison.runCount() + (comparison.runCount() == 1 ? " run" : " runs") + ": "
                + String.join(",", comparison.strategies().stream().map(Strategy::label).toList()) + " x threads "
                + String.join(",", comparison.threadCounts().stream().map(String::valueOf).toList())
                + (noWarmup ? "" : ", after a warm-up per strategy"));
        try (CompareCsvWriter csv = output == null ? null : CompareCsvWriter.open(output)) {
            table.header();
            Progress progress = new Progress(err, progressWanted(), noun);
            try {
                comparison.run(new Comparison.Listener() {
                    @Override
                    public void warmingUp(Strategy strategy, Scan<?, ?> scan) {
                        progress.start("warm-up " + comparison.label(strategy, comparison.threadCounts().getLast()), scan);
                    }

                    private Scan<?, ?> running;

                    @Override
                    public void runStarted(Strategy strategy, int threads, Scan<?, ?> scan) {
                        running = scan;
                        progress.start(comparison.label(strategy, threads) + " x " + threads, scan);
                        var cap = scan.concurrency();
                        if (cap.concurrency() < threads && cap.capped()) {
                            progress.note("note: " + strategy.label() + " x " + threads + " runs at " + cap.concurrency()
                                    + ", capped by the " + cap.reason());
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
            String title = "Fanout compare: " + what + " of " + String.format(Locale.ROOT, "%,d", targets) + " " + noun;
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

    private Comparison comparison(Function<ScanSettings, Scan<?, ?>> scans) {
        List<Integer> t = threads == null || threads.isEmpty() ? DEFAULT_THREADS : threads;
        List<Strategy> s = strategies == null || strategies.isEmpty() ? DEFAULT_STRATEGIES : strategies;
        if (workers != null && (workers < 1 || workers > ScanSettings.MAX_WORKERS)) {
            throw new UserError("--workers must be 1-" + ScanSettings.MAX_WORKERS + ", got " + workers);
        }
        return new Comparison(scans, s, t, workers == null ? 0 : workers, !noWarmup);
    }

    private static String processLegend(Comparison c) {
        int w = c.workersFor(Strategy.PROCESS, c.threadCounts().getLast());
        return "process (" + w + (w == 1 ? " worker)" : " workers)");
    }

    private static void checkFile(String option, Path file) {
        if (file == null) return;
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) throw new UserError(option + ": directory " + dir + " does not exist");
        if (Files.isDirectory(file)) throw new UserError(option + ": " + file + " is a directory");
    }

    private boolean progressWanted() {
        if (noProgress) return false;
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    /** e.g. {@code fanout: 12 runs of 200 URLs in 41.3 s; fastest nio x 1000 at 3,912/s, 203.1x the slowest (pool x 1, 19.3/s)} */
    static String summary(Comparison c, List<CompareRun> runs, String noun, long targets, long nanos, boolean interrupted) {
        String head = (interrupted ? "fanout: interrupted after " + runs.size() + " of " + c.runCount() + " runs"
                : "fanout: " + runs.size() + (runs.size() == 1 ? " run" : " runs")) + " of " + String.format(Locale.ROOT, "%,d", targets) + " " + noun
                + String.format(Locale.ROOT, " in %.1f s", nanos / 1e9);
        if (runs.isEmpty()) return head;
        CompareRun best = runs.stream().max(Comparator.comparingDouble(CompareRun::throughputPerSecond)).orElseThrow();
        CompareRun worst = runs.stream().min(Comparator.comparingDouble(CompareRun::throughputPerSecond)).orElseThrow();
        String s = head + "; fastest " + c.label(best.strategy(), best.threads()) + " x " + best.threads()
                + " at " + Table.rate(best.throughputPerSecond());
        if (runs.size() > 1 && worst.throughputPerSecond() > 0) {
            s += ", " + Table.speedup(best.throughputPerSecond() / worst.throughputPerSecond()) + " the slowest ("
                    + c.label(worst.strategy(), worst.threads()) + " x " + worst.threads() + ", "
                    + Table.rate(worst.throughputPerSecond()) + ")";
        }
        return s;
    }

    /** The table on stdout: fixed-width columns, so rows line up as they arrive one by one. */
    static final class Table {
        private static final String[] HEADS = {"strategy", "threads", "targets", "wall_ms", "per_second",
                "cpu_user_ms", "cpu_sys_ms", "peak_threads", "peak_heap_mb", "speedup"};
        /** Room for values up to ~1,000,000 (wall ms: 16 minutes), so the rows stay aligned. */
        private static final int[] WIDTHS = {0, 7, 9, 11, 10, 11, 10, 12, 12, 7};
        private final Comparison comparison;
        private final PrintStream out;
        private final int strategyWidth;
        private double first = -1;

        Table(Comparison comparison, PrintStream out) {
            this.comparison = comparison;
            this.out = out;
            int w = HEADS[0].length();
            for (Strategy s : comparison.strategies()) {
                for (int t : comparison.threadCounts()) w = Math.max(w, comparison.label(s, t).length());
            }
            this.strategyWidth = w;
        }

        void header() {
            StringBuilder b = new StringBuilder(pad(HEADS[0], strategyWidth, true));
            for (int i = 1; i < HEADS.length; i++) b.append("  ").append(pad(HEADS[i], width(i), false));
            out.println(b);
            checked();
        }

        void row(CompareRun r) {
            if (first < 0) first = r.throughputPerSecond();
            String[] cells = {
                    comparison.label(r.strategy(), r.threads()),
                    String.format(Locale.ROOT, "%,d", r.threads()),
                    String.format(Locale.ROOT, "%,d", r.targets()),
                    String.format(Locale.ROOT, "%,.1f", r.wallMs()),
                    String.format(Locale.ROOT, "%,.1f", r.throughputPerSecond()),
                    String.format(Locale.ROOT, "%,d", r.cpuUserMs()),
                    String.format(Locale.ROOT, "%,d", r.cpuSysMs()),
                    String.format(Locale.ROOT, "%,d", r.peakThreads()),
                    String.format(Locale.ROOT, "%,.1f", r.peakHeapMb()),
                    first > 0 ? speedup(r.throughputPerSecond() / first) : "-"};
            StringBuilder b = new StringBuilder(pad(cells[0], strategyWidth, true));
            for (int i = 1; i < cells.length; i++) b.append("  ").append(pad(cells[i], width(i), false));
            out.println(b);
            checked();
        }

        /** A table that cannot be written is a failed comparison, not a silent one. */
        private void checked() {
            try {
                Streams.check(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the table", e);
            }
        }

        private static int width(int column) {
            return Math.max(HEADS[column].length(), WIDTHS[column]);
        }

        private static String pad(String s, int width, boolean left) {
            if (s.length() >= width) return s;
            String fill = " ".repeat(width - s.length());
            return left ? s + fill : fill + s;
        }

        static String speedup(double x) {
            return String.format(Locale.ROOT, x >= 100 ? "%,.0fx" : "%.1fx", x);
        }

        static String rate(double perSecond) {
            return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f/s" : "%.1f/s", perSecond);
        }
    }

    /** A progress bar per run on stderr, where a person watches; notes go above it. */
    private static final class Progress {
        private final PrintStream err;
        private final boolean wanted;
        private final String noun;
        private ProgressBar bar;
        private Scan<?, ?> scan;
        private Thread ticker;

        Progress(PrintStream err, boolean wanted, String noun) {
            this.err = err;
            this.wanted = wanted;
            this.noun = noun;
        }

        void start(String name, Scan<?, ?> scan) {
            stop();
            if (!wanted) return;
            ProgressBar b = new ProgressBarBuilder().setTaskName(name).setInitialMax(scan.progress().total())
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(100).showSpeed().setUnit(" " + noun, 1)
                    .setConsumer(new ConsoleProgressBarConsumer(err)).build();
            bar = b;
            this.scan = scan;
            ticker = Thread.ofPlatform().daemon().name("fanout-progress").start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        b.stepTo(scan.progress().done());
                        Thread.sleep(100);
                    }
                } catch (InterruptedException done) {
                    // the run ended
                }
            });
        }

        void note(String line) {
            if (bar == null) {
                err.println(line);
            }
            // with a bar on the terminal, notes would tear it; the table and summary say enough
        }

        void stop() {
            if (ticker != null) {
                ticker.interrupt();
                try {
                    ticker.join(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ticker = null;
            }
            if (bar != null) {
                bar.stepTo(scan.progress().done()); // the last frame shows where the run ended
                bar.close();
                bar = null;
                scan = null;
            }
        }
    }

    // ---- Converters ----

    /** One thread count of a list: 1-100000 (no auto: a comparison names its counts). */
    static final class ThreadCountConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1 && n <= ScanSettings.MAX_THREADS) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a thread count (1-" + ScanSettings.MAX_THREADS + ")");
        }
    }

    /** One strategy name of a list. */
    static final class StrategyNameConverter implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
