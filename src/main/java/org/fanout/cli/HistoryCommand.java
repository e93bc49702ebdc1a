package org.fanout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVPrinter;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.CellSafety;
import org.fanout.export.CsvResultWriter;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResultWriters;
import org.fanout.history.History;
import org.fanout.history.Run;
import org.fanout.history.RunGroup;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout history}: the recorded runs, newest first; {@code show} one run's results; {@code prune} old runs. */
@Command(
        name = "history",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        subcommands = {HistoryCommand.Show.class, HistoryCommand.Prune.class},
        description = "The runs scan and http recorded, newest first (see also: diff, watch, import).",
        footer = {
            "",
            "Every scan and http run is recorded unless --no-history is given. If the",
            "history cannot be written (damaged, locked, full disk, newer version), one",
            "'error: history: ...' line says so, and the scan still runs, writes its",
            "output and exits as it would without history.",
            "",
            "Examples:",
            "  fanout history --limit 5",
            "  fanout history show 12 --format csv --output run12.csv",
            "  fanout history prune --older-than 30d",
            "  sqlite3 ~/.local/share/fanout/history.db \\",
            "      \"select host, port, banner from tcp_results where state = 'open'\""
        })
final class HistoryCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--limit",
            paramLabel = "N",
            defaultValue = "20",
            description = "At most N runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(
            names = "--format",
            paramLabel = "F",
            defaultValue = "text",
            description = "text, json (one object per line) or csv.")
    String format;

    @Mixin
    DbOption db = new DbOption();

    private final PrintStream out;

    HistoryCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if (limit < 1) throw new UserError("--limit must be at least 1, got " + limit);
        OutputFormat f = OutputOptions.parseFormat(format);
        try (History history = History.open(db.existing())) {
            // The shards of one job read as one run: its id is its first shard's; `history show` takes any shard's id.
            List<RunGroup> runs = history.groups(limit);
            Writer w = Streams.checked(out);
            switch (f) {
                case JSON -> {
                    for (RunGroup run : runs) w.write(JSON.writeValueAsString(json(run)) + "\n");
                }
                case CSV -> {
                    CSVPrinter csv = new CSVPrinter(w, CsvResultWriter.FORMAT);
                    csv.printRecord(
                            "id",
                            "started",
                            "finished",
                            "kind",
                            "job",
                            "targets",
                            "results",
                            "counts",
                            "complete",
                            "seed",
                            "shards",
                            "shards_complete",
                            "runs");
                    for (RunGroup run : runs) {
                        csv.printRecord(
                                run.id(),
                                run.started(),
                                run.finished() == null ? "" : run.finished(),
                                run.kindName(),
                                CellSafety.csvText(run.job()),
                                run.targets(),
                                run.results(),
                                ScanSession.counts(run.counts(), Integer.MAX_VALUE),
                                run.complete(),
                                run.seed() == null ? "" : run.seed(),
                                run.shards(),
                                run.completeShards(),
                                run.runIds().stream().map(String::valueOf).collect(Collectors.joining(" ")));
                    }
                    csv.flush();
                }
                case TEXT -> {
                    // A header over nothing reads as a failure to list: say there is nothing yet.
                    if (runs.isEmpty()) {
                        w.write("no runs recorded yet\n");
                        break;
                    }
                    w.write(String.format(
                            Locale.ROOT,
                            "%6s  %-20s  %-4s  %-15s  %-10s  %s%n",
                            "ID",
                            "STARTED (UTC)",
                            "KIND",
                            "RESULTS",
                            "STATE",
                            "JOB"));
                    for (RunGroup run : runs) {
                        w.write(String.format(
                                Locale.ROOT,
                                "%6d  %-20s  %-4s  %-15s  %-10s  %s%s%n",
                                run.id(),
                                run.started().toString().replaceFirst("\\.\\d+Z$", "Z"),
                                run.kindName(),
                                run.results() + "/" + run.targets(),
                                state(run),
                                CellSafety.escapeControls(run.job()),
                                run.sharded() ? "  [" + run.progress() + "; runs " + shardList(run) + "]" : ""));
                    }
                }
            }
            w.flush();
        }
        return 0;
    }

    static String state(Run run) {
        return run.complete() ? "complete" : run.finished() == null ? "incomplete" : "stopped";
    }

    static String state(RunGroup run) {
        if (run.complete()) return "complete";
        if (run.sharded() && run.runs().size() < run.shards()) return "incomplete";
        return run.finished() == null ? "incomplete" : "stopped";
    }

    /** Each shard's run and how far it got: {@code 12 (1/4 complete), 13 (2/4 87/120)}. */
    private static String shardList(RunGroup run) {
        List<String> parts = new ArrayList<>();
        for (Run r : run.runs()) {
            parts.add(r.id() + " (" + r.shard() + "/" + r.shards() + " "
                    + (r.complete() ? "complete" : r.results() + "/" + r.targets() + " " + state(r)) + ")");
        }
        return String.join(", ", parts);
    }

    static ObjectNode json(RunGroup run) {
        if (!run.sharded()) return json(run.runs().getFirst());
        ObjectNode node = JSON.createObjectNode();
        node.put("id", run.id());
        node.put("started", run.started().toString());
        node.put("finished", run.finished() == null ? null : run.finished().toString());
        node.put("kind", run.kindName());
        node.put("job", run.job());
        node.put("targets", run.targets());
        node.put("results", run.results());
        ObjectNode counts = node.putObject("counts");
        run.counts().forEach(counts::put);
        node.put("complete", run.complete());
        if (run.seed() != null) node.put("seed", run.seed());
        node.put("shards", run.shards());
        node.put("shards_complete", run.completeShards());
        var shards = node.putArray("runs");
        run.runs().forEach(r -> shards.add(json(r)));
        return node;
    }

    static ObjectNode json(Run run) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", run.id());
        node.put("started", run.started().toString());
        node.put("finished", run.finished() == null ? null : run.finished().toString());
        node.put("kind", run.kindName());
        node.put("job", run.job());
        node.put("targets", run.targets());
        node.put("results", run.results());
        ObjectNode counts = node.putObject("counts");
        run.counts().forEach(counts::put);
        node.put("complete", run.complete());
        if (run.seed() != null) node.put("seed", run.seed());
        if (run.sharded()) {
            node.put("shard", run.shard());
            node.put("shards", run.shards());
        }
        return node;
    }

    static Run find(History history, String id) {
        long number;
        try {
            // ASCII digits only: Long.parseLong also reads other scripts' digits (١ as 1)
            if (!id.strip().matches("[0-9]+")) throw new NumberFormatException(id);
            number = Long.parseLong(id.strip());
        } catch (NumberFormatException e) {
            throw new UserError("'" + id + "' is not a run id (see: fanout history)");
        }
        return history.run(number).orElseThrow(() -> new UserError("no run " + number + " in " + history.database()));
    }

    @Command(
            name = "show",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = "A run's results, in the same columns as scan or http output.")
    static final class Show implements Callable<Integer> {
        @Parameters(
                paramLabel = "RUN",
                description = "The run's id (see: fanout history); a sharded run's shows every shard in turn.")
        String run;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write to FILE (default: stdout).")
        Path output;

        @Option(
                names = "--format",
                paramLabel = "F",
                description = "csv, json or text (default: text on stdout, else from the file name).")
        String format;

        @Mixin
        DbOption db = new DbOption();

        private final PrintStream out;

        Show(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() throws IOException {
            OutputFormat f = OutputOptions.formatOf(format, output);
            OutputOptions.notAnInput("--output", output, db.file());
            try (History history = History.open(db.existing())) {
                Run found = find(history, run);
                // The id history lists for a sharded run is its first shard to start: it shows every shard, in turn.
                RunGroup group = history.groupOf(found);
                List<Long> runs = group.id() == found.id() ? group.runIds() : List.of(found.id());
                if (found.kind() == ResultKind.TCP) {
                    try (ResultWriter<TcpResult> w = output == null
                            ? ResultWriters.tcp(f, Streams.checked(out), true, false)
                            : ResultWriters.openTcp(output, f, false)) {
                        for (long id : runs) history.forEachTcp(id, w::write);
                    }
                } else {
                    try (ResultWriter<HttpResult> w = output == null
                            ? ResultWriters.http(f, Streams.checked(out), true, false)
                            : ResultWriters.openHttp(output, f, false)) {
                        for (long id : runs) history.forEachHttp(id, w::write);
                    }
                }
            }
            return 0;
        }
    }

    @Command(
            name = "prune",
            sortOptions = false,
            mixinStandardHelpOptions = true,
            description = "Delete old runs and their results.")
    static final class Prune implements Callable<Integer> {
        static final class Which {
            @Option(
                    names = "--keep",
                    paramLabel = "N",
                    required = true,
                    description = "Keep the newest N runs, as history lists them (a sharded run's shards are one run).")
            Integer keep;

            @Option(
                    names = "--older-than",
                    paramLabel = "AGE",
                    required = true,
                    converter = LongDuration.class,
                    description =
                            "Delete runs started longer ago than AGE (e.g. 30d, 12h); a sharded run once all its shards did.")
            Duration olderThan;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Mixin
        DbOption db = new DbOption();

        private final PrintStream out;

        Prune(PrintStream out) {
            this.out = out;
        }

        @Override
        public Integer call() {
            if (which.keep != null && which.keep < 0)
                throw new UserError("--keep must be 0 or more, got " + which.keep);
            try (History history = History.open(db.existing())) {
                int deleted = which.keep != null
                        ? history.pruneKeeping(which.keep)
                        : history.pruneStartedBefore(Instant.now().minus(which.olderThan));
                out.println("pruned " + deleted + (deleted == 1 ? " run" : " runs"));
            }
            return 0;
        }
    }
}
