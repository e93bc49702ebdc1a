package org.fanout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fanout.export.OutputFormat;
import org.fanout.history.History;
import org.fanout.history.Run;
import org.fanout.history.RunDiff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fanout watch --every 10m (scan|http) [options]}: runs the job again and again, records
 * each run, and prints what changed since the job's previous run as soon as each run ends.
 */
@Command(
        name = "watch",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Repeat a scan or http job, record each run, and report what changed since the run before.",
        footer = {
            "",
            "The job's results go to its --output file if it has one, else nowhere: watch",
            "prints the changes, as diff does. After each run that changed something,",
            "--on-change CMD runs through sh -c with this JSON on its standard input:",
            "  {\"old_run\":N,\"new_run\":M,\"changes\":[{\"key\",\"change\",\"before\",\"after\"}...]}",
            "Ctrl-C ends the watch, between runs or during one (that run stays",
            "incomplete); the exit status is then 130.",
            "",
            "Examples:",
            "  fanout watch --every 10m scan --hosts 127.0.0.1 --ports 1-1024",
            "  fanout watch --every 1m --format json --on-change 'cat >> changes.jsonl' \\",
            "      http http://127.0.0.1:8080/"
        })
final class WatchCommand implements Callable<Integer> {
    @Option(
            names = "--every",
            paramLabel = "D",
            required = true,
            converter = LongDuration.class,
            description = "Start a run this often (e.g. 30s, 10m, 1h); a run that takes longer is followed at once.")
    Duration every;

    @Option(names = "--count", paramLabel = "N", description = "Stop after N runs (default: until Ctrl-C).")
    Long count;

    @Option(
            names = "--on-change",
            paramLabel = "CMD",
            description = "Run CMD (sh -c) with the changes as JSON on its stdin.")
    String onChange;

    @Option(
            names = "--format",
            paramLabel = "F",
            defaultValue = "text",
            description = "Changes as text, json (one object per line) or csv.")
    String format;

    @Parameters(paramLabel = "scan|http", arity = "1..*", description = "The job: scan or http and their options.")
    List<String> job;

    private final PrintStream out;
    private final PrintStream err;

    WatchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (count != null && count < 1) throw new UserError("--count must be at least 1, got " + count);
        OutputFormat f = OutputOptions.parseFormat(format);
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Callable<Integer> command;
        HistoryOptions history;
        switch (job.getFirst()) {
            case "scan" -> {
                ScanCommand scan = new ScanCommand(nowhere, err);
                command = scan;
                history = scan.history;
            }
            case "http" -> {
                HttpCommand http = new HttpCommand(nowhere, err);
                command = http;
                history = http.history;
            }
            default -> throw new UserError("watch: expected scan or http, got '" + job.getFirst() + "'");
        }
        CommandLine inner = new CommandLine(command);
        inner.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            inner.parseArgs(job.subList(1, job.size()).toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserError("watch " + job.getFirst() + ": " + e.getMessage());
        }
        if (inner.isUsageHelpRequested()) {
            inner.usage(out);
            return 0;
        }
        if (history.noHistory) throw new UserError("watch compares recorded runs: leave out --no-history");
        if (inner.getParseResult().hasMatchedOption("--resume")) {
            throw new UserError("watch runs the whole job each time: leave out --resume (a second run would find"
                    + " the file complete and record nothing to compare)");
        }
        return watch(command, history, f);
    }

    private int watch(Callable<Integer> command, HistoryOptions history, OutputFormat f) throws Exception {
        AtomicBoolean stopped = new AtomicBoolean();
        Thread watcher = Thread.currentThread();
        Object previous = Interrupts.onCtrlC(() -> {
            stopped.set(true);
            watcher.interrupt();
        });
        Writer w = Streams.checked(out);
        DiffCommand.ChangePrinter printer = new DiffCommand.ChangePrinter(f, w);
        try {
            for (long run = 1; count == null || run <= count; run++) {
                long start = System.nanoTime();
                history.lastRunId = -1;
                int status = command.call();
                if (status != 0) return status; // Ctrl-C during the run (130), or a failure already reported
                if (history.lastRunId < 0) return FanoutCommand.FAILURE; // the history failed: its error line is out
                report(history, history.lastRunId, printer);
                if (stopped.get() || (count != null && run == count)) break;
                long wait = every.toNanos() - (System.nanoTime() - start);
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                if (stopped.get()) return ScanSession.INTERRUPTED;
            }
            return stopped.get() ? ScanSession.INTERRUPTED : 0;
        } catch (InterruptedException e) {
            return ScanSession.INTERRUPTED;
        } finally {
            Interrupts.restore(previous);
            Thread.interrupted(); // a Ctrl-C at the very end must not leave the thread marked
        }
    }

    /** Prints the changes since the job's previous run as they are found, then hands them to --on-change. */
    private void report(HistoryOptions options, long runId, DiffCommand.ChangePrinter printer)
            throws IOException, InterruptedException {
        ArrayNode changes = HistoryCommand.JSON.createArrayNode();
        long older;
        try (History history = History.open(options.db.database())) {
            Run newer = history.run(runId).orElseThrow();
            Optional<Run> before = history.latestOfJob(newer.jobKey(), newer.id(), false);
            if (before.isEmpty()) {
                err.println("fanout: run " + runId + " recorded; the next runs are compared with it");
                return;
            }
            older = before.get().id();
            long n = RunDiff.diff(history, before.get(), newer, change -> {
                printer.print(change);
                if (onChange != null) changes.add(DiffCommand.json(change));
            });
            err.println("fanout: run " + runId + ": " + n + (n == 1 ? " change" : " changes") + " since run " + older);
        }
        if (onChange != null && !changes.isEmpty()) runHook(older, runId, changes);
    }

    private void runHook(long older, long newer, ArrayNode changes) throws IOException, InterruptedException {
        ObjectNode input = HistoryCommand.JSON.createObjectNode();
        input.put("old_run", older);
        input.put("new_run", newer);
        input.set("changes", changes);
        Process hook = new ProcessBuilder("sh", "-c", onChange)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream stdin = hook.getOutputStream()) {
            stdin.write(HistoryCommand.JSON.writeValueAsBytes(input));
            stdin.write('\n');
        } catch (IOException e) {
            // the hook need not read its input
        }
        try {
            int status = hook.waitFor();
            if (status != 0) err.println("fanout: --on-change exited with status " + status);
        } catch (InterruptedException e) {
            hook.destroy();
            throw e;
        }
    }
}
