package org.fanout.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Whether an existing result file may be appended to by a job: same kind of result, same
 * format, the current columns; refused with a message naming the file otherwise.
 */
final class AppendCheck {
    private AppendCheck() {}

    /** Whether the file (missing, empty, CSV, JSON lines or a text table) can be appended to as {@code kind} in {@code format}. */
    static void check(Path file, ResultKind kind, OutputFormat format) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) return;
        if (format == OutputFormat.TEXT) {
            if (!startsWith(file, TextTableWriter.headerLines(kind))) {
                throw new IllegalArgumentException(
                        file + " is not a Fanout " + kind.label() + " text table; a table is appended only to one");
            }
            return;
        }
        if (CompleteRecords.completeLength(file) == 0) {
            if (ResumeReader.isCutShortStart(file, kind)) return; // killed while writing its first line
            throw new IllegalArgumentException(file + " is not a Fanout " + kind.label()
                    + " results file (it has no complete record, and does not begin as one); it is left as it is");
        }
        boolean json = CompleteRecords.isJsonLines(file);
        if (json != (format == OutputFormat.JSON)) {
            throw new IllegalArgumentException(file + " is a " + (json ? "JSON lines" : "CSV") + " file; cannot append "
                    + format.label() + " to it");
        }
        if (!json && csvHeader(file).equals(kind.columnsBeforeTls())) {
            throw new IllegalArgumentException(file + " has the columns of an older Fanout (without the TLS columns);"
                    + " write to a new file instead of appending to it");
        }
        try (Stream<ResultRow> rows = ResumeReader.rows(file, kind)) {
            rows.findFirst(); // validates the header (CSV) or the first object (JSON)
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The first CSV record of the file (its header), or an empty list. */
    private static List<String> csvHeader(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            ResumeReader.skipBom(reader);
            Iterator<CSVRecord> records =
                    CSVParser.parse(reader, CsvResultWriter.FORMAT).iterator();
            return records.hasNext() ? records.next().toList() : List.of();
        } catch (UncheckedIOException | MalformedInputException e) {
            return List.of();
        }
    }

    private static boolean startsWith(Path file, String start) throws IOException {
        byte[] expected = start.getBytes(StandardCharsets.UTF_8);
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(expected.length), expected);
        }
    }
}
