package org.fanout.export;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.csv.CSVPrinter;
import org.fanout.engine.compare.CompareRun;

/**
 * Writes compare runs as CSV (the dialect of {@link CsvResultWriter#FORMAT}: RFC 4180, every
 * field quoted) with the {@link Columns#COMPARE} header, one row per run, flushed as each run
 * finishes so a comparison stopped midway leaves the runs it finished.
 */
public final class CompareCsvWriter implements AutoCloseable {
    private final CSVPrinter printer;

    /** Writes the header at once; closing the writer closes {@code out}. */
    public CompareCsvWriter(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, CsvResultWriter.FORMAT);
        printer.printRecord(Columns.COMPARE);
        printer.flush();
    }

    /** Creates (or replaces) {@code file}, UTF-8. */
    public static CompareCsvWriter open(Path file) throws IOException {
        return new CompareCsvWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    public synchronized void write(CompareRun run) throws IOException {
        printer.printRecord(Columns.compareRow(run));
        printer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        printer.close(true);
    }
}
