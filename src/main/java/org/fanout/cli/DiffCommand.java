package org.fanout.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVPrinter;
import org.fanout.export.CellSafety;
import org.fanout.export.CsvResultWriter;
import org.fanout.export.OutputFormat;
import org.fanout.history.Change;
import org.fanout.history.History;
import org.fanout.history.RunDiff;
import org.fanout.history.RunGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fanout diff [OLD [NEW]]}: what changed between two runs; exit 0 same, 1 changed, 2 bad input. */
@Command(
        name = "diff",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "What changed between two recorded runs: one row per target that is new, gone or changed.",
        footer = {
            "",
            "With no run given, the newest run and the run of the same job before it; with OLD only,",
            "OLD and the newest later run of its job. Exit status: 0 nothing changed, 1 something did,",
            "2 bad input (as diff(1)).",
            "",
            "Examples:",
            "  fanout diff",
            "  fanout diff 12 15 --format json"
        })
final class DiffCommand implements Callable<Integer> {
    static final int CHANGED = 1;

    @Parameters(paramLabel = "OLD", arity = "0..1", index = "0", description = "The older run's id.")
    String older;

    @Parameters(paramLabel = "NEW", arity = "0..1", index = "1", description = "The newer run's id.")
    String newer;

    @Option(
            names = "--format",
            paramLabel = "F",
            defaultValue = "text",
            description = "text, json (one object per line) or csv.")
    String format;

    @Mixin
    DbOption db = new DbOption();

    private final PrintStream out;
    private final PrintStream err;

    DiffCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws IOException {
        OutputFormat f = OutputOptions.parseFormat(format);
        try (History history = History.open(db.existing())) {
            // A run that is a shard compares as its whole group: every shard of that execution of the job.
            RunGroup a;
            RunGroup b;
            if (older == null) {
                b = history.groups(1).stream().findFirst().orElseThrow(() -> new UserError("no runs recorded yet"));
                a = history.previousGroup(b)
                        .orElseThrow(
                                () -> new UserError("run " + b.id() + " is the only run of its job; give two run ids"));
            } else if (newer == null) {
                a = history.groupOf(HistoryCommand.find(history, older));
                b = history.nextGroup(a)
                        .orElseThrow(
                                () -> new UserError("no later run of the job of run " + a.id() + "; give two run ids"));
            } else {
                a = history.groupOf(HistoryCommand.find(history, older));
                b = history.groupOf(HistoryCommand.find(history, newer));
            }
            if (a.kind() != b.kind()) {
                throw new UserError("run " + a.id() + " is a " + a.kindName() + " run and run " + b.id() + " a "
                        + b.kindName() + " run: only runs of one kind compare");
            }
            Writer w = Streams.checked(out);
            ChangePrinter printer = new ChangePrinter(f, w);
            long changes = RunDiff.diff(history, a, b, printer::print);
            w.flush();
            err.println("fanout: " + changes + (changes == 1 ? " change" : " changes") + " from run " + a.id()
                    + " to run " + b.id() + (a.groupKey().equals(b.groupKey()) ? "" : " (different jobs)")
                    + (a.sharded() || b.sharded()
                            ? " (" + a.runs().size() + " and " + b.runs().size() + " shard runs)"
                            : "")
                    + (RunDiff.incompleteNote(a, b).isEmpty() ? "" : "; " + RunDiff.incompleteNote(a, b)));
            return changes == 0 ? 0 : CHANGED;
        }
    }

    /** Prints changes one per line as they are found: an aligned line, a JSON object, or a CSV record. */
    static final class ChangePrinter {
        private final OutputFormat format;
        private final Writer out;
        private CSVPrinter csv;

        ChangePrinter(OutputFormat format, Writer out) throws IOException {
            this.format = format;
            this.out = out;
            if (format == OutputFormat.CSV) {
                csv = new CSVPrinter(out, CsvResultWriter.FORMAT);
                csv.printRecord(List.of("key", "change", "before", "after"));
                csv.flush();
            }
        }

        void print(Change change) throws IOException {
            switch (format) {
                case JSON -> out.write(HistoryCommand.JSON.writeValueAsString(json(change)) + "\n");
                case CSV ->
                    csv.printRecord(
                            CellSafety.neutralise(change.key()),
                            change.type().label(),
                            CellSafety.csvText(change.before()),
                            CellSafety.csvText(change.after()));
                case TEXT ->
                    out.write(String.format(
                            Locale.ROOT,
                            "%-8s %s  %s -> %s%n",
                            change.type().label(),
                            change.key(),
                            text(change.before()),
                            text(change.after())));
            }
            if (csv != null) csv.flush();
            out.flush();
        }

        private static String text(String s) {
            return s == null ? "(none)" : CellSafety.escapeControls(s);
        }
    }

    static ObjectNode json(Change change) {
        ObjectNode node = HistoryCommand.JSON.createObjectNode();
        node.put("key", change.key());
        node.put("change", change.type().label());
        node.put("before", change.before());
        node.put("after", change.after());
        return node;
    }
}
