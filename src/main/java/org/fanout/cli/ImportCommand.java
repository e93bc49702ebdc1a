package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.fanout.history.History;
import org.fanout.history.Importer;
import org.fanout.history.Run;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code fanout import FILE...}: Fanout results files (CSV or JSON lines, from any machine) become runs. */
@Command(
        name = "import",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Record Fanout results files (CSV or JSON lines of scan or http) as runs in the history.",
        footer = {
            "",
            "A line that repeats a target already read (two runs appended to one file) is left out.",
            "",
            "Examples:",
            "  fanout import ports.csv codes.jsonl",
            "  fanout import old.csv        (imported old.csv as run 7 ...)",
            "  fanout diff 7 12             (what changed from the file to run 12)"
        })
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Results files written by fanout scan or http.")
    List<Path> files;

    @Mixin
    DbOption db = new DbOption();

    private final PrintStream out;

    ImportCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) throw UserError.notAFile("", file);
        }
        try (History history = History.open(db.database())) {
            for (Path file : files) {
                Run run;
                try {
                    run = Importer.importFile(history, file);
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                out.println("imported " + file + " as run " + run.id() + " (" + run.kindName() + ", " + run.results()
                        + (run.results() == 1 ? " result)" : " results)"));
            }
        }
        return 0;
    }
}
