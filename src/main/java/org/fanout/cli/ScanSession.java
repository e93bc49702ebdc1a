package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.OrderedTargets;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.ErrorKinds;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.ResultWriter;

/**
 * Runs one scan for the command line: results to the writer as they arrive, a progress bar on
 * a terminal, Ctrl-C (or SIGTERM, SIGHUP) as a prompt stop that still writes the summary, and the summary line.
 */
final class ScanSession {
    static final int INTERRUPTED = 130;

    private ScanSession() {}

    static <R extends ProbeResult> int run(
            Scan<?, R> scan, ResultWriter<R> writer, Predicate<R> keep, String noun, boolean progress, PrintStream err)
            throws InterruptedException {
        var capped = scan.concurrency();
        if (capped.capped()) {
            err.println("note: concurrency capped at " + capped.concurrency() + " by the " + capped.reason());
        }
        Interrupts.Stop stop = Interrupts.onStop(scan::cancel);
        ProgressBar bar = progress ? progressBar(scan, noun, err) : null;
        Thread ticker = bar == null
                ? null
                : Thread.ofPlatform().daemon().name("fanout-progress").start(() -> tick(scan, bar));
        IOException[] writeFailure = {null};
        try {
            scan.run(r -> {
                if (writeFailure[0] != null || !keep.test(r)) return;
                try {
                    writer.write(r);
                } catch (IOException e) {
                    writeFailure[0] = e;
                    scan.cancel();
                }
            });
        } catch (OutOfMemoryError e) {
            scan.cancel();
            throw new ScanFailedException("out of memory (" + e.getMessage() + "); results so far are written", e);
        } finally {
            if (ticker != null) {
                ticker.interrupt();
                ticker.join(500);
                finish(bar, scan);
            }
            try {
                writer.close();
            } catch (IOException e) {
                if (writeFailure[0] == null) writeFailure[0] = e;
            }
            Interrupts.restore(stop);
        }
        if (writeFailure[0] != null) throw new UncheckedIOException("cannot write results", writeFailure[0]);
        err.println(summary(scan, noun, stop.requested()));
        if (stop.requested()) return stop.exitStatus();
        return workerDeaths(scan.progress(), noun, err) ? FanoutCommand.FAILURE : 0;
    }

    static ProgressBar progressBar(Scan<?, ?> scan, String noun, PrintStream err) {
        return new ProgressBarBuilder()
                .setTaskName(noun)
                .setInitialMax(scan.progress().total())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .showSpeed()
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build();
    }

    private static void tick(Scan<?, ?> scan, ProgressBar bar) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                ScanProgress p = scan.progress();
                show(bar, p, 3);
                Thread.sleep(100);
            }
        } catch (InterruptedException done) {
            // the scan ended
        }
    }

    /** One frame's numbers; the counts after a space, so they never run into the speed ({@code ?/sclosed 24}). */
    private static void show(ProgressBar bar, ScanProgress p, int limit) {
        bar.stepTo(p.done());
        bar.setExtraMessage(p.outcomes().isEmpty() ? "" : " " + counts(p.outcomes(), limit));
    }

    /** The last frame: the final counts, all of them, then the bar is closed (which draws it). */
    static void finish(ProgressBar bar, Scan<?, ?> scan) {
        show(bar, scan.progress(), Integer.MAX_VALUE);
        bar.close();
    }

    /**
     * e.g. {@code fanout: 65535 ports in 1.42 s (46,150/s), 1 host x 65535 ports, nio x 2000: open 3, closed 65532}
     * ({@code noun} is plural: "ports", "URLs").
     */
    static String summary(Scan<?, ?> scan, String noun, boolean interrupted) {
        ScanProgress p = scan.progress();
        String time = String.format(Locale.ROOT, "%.2f s", p.elapsedNanos() / 1e9);
        String rate = String.format(Locale.ROOT, "%,.0f/s", p.ratePerSecond());
        String head = interrupted
                ? "fanout: interrupted after " + p.done() + " of " + count(p.total(), noun)
                : "fanout: " + count(p.done(), noun);
        TargetSource<?> job = scan.targets() instanceof OrderedTargets<?> ordered ? ordered.source() : scan.targets();
        String shape = job instanceof TcpTargets tcp
                ? ", " + count(tcp.hosts().count(), "hosts") + " x "
                        + count(tcp.ports().count(), "ports")
                : "";
        return head + " in " + time + " (" + rate + ")" + shape + ", "
                + scan.settings().strategy().label() + " x "
                + scan.concurrency().concurrency()
                + (p.outcomes().isEmpty() ? "" : ": " + counts(p.outcomes(), Integer.MAX_VALUE))
                + OrderOptions.note(scan);
    }

    /** Says so if worker processes died; true if targets were lost with them. */
    static boolean workerDeaths(ScanProgress p, String noun, PrintStream err) {
        if (p.workersDied() == 0) return false;
        long lost = p.errors().getOrDefault(ErrorKinds.WORKER_DIED, 0L);
        err.println("fanout: " + p.workersDied() + (p.workersDied() == 1 ? " worker" : " workers") + " died; "
                + (lost == 0
                        ? "their " + noun + " were retried on other workers"
                        : lost + " " + noun + " could not be checked (error " + ErrorKinds.WORKER_DIED + ")"));
        return lost > 0;
    }

    /** {@code 1 port}, {@code 2 ports}: {@code plural} ends in s. */
    static String count(long n, String plural) {
        return n + " " + (n == 1 ? plural.substring(0, plural.length() - 1) : plural);
    }

    /** Counts, largest first: {@code closed 65532, open 3}. */
    static String counts(Map<String, Long> outcomes, int limit) {
        return outcomes.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
