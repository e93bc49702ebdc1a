package org.fanout.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;

/**
 * Reads Fanout result files back: to resume a scan from a partial output file, and to load
 * results (tests, the GUI).
 *
 * <p>The layout is recognised from the content, not the file name: a file whose first byte
 * (after an optional UTF-8 byte order mark) is <code>{</code> is JSON lines, anything else CSV.
 *
 * <p><b>Partial files.</b> A killed scan may leave a last record cut short. Only
 * <em>complete</em> records count ({@link CompleteRecords} has the rule); everything after the
 * last complete record is ignored when reading, and cut off by
 * {@link CompleteRecords#truncatePartialLastLine} before appending.
 *
 * <p><b>Errors.</b> A missing or empty file has no records. A file of another kind or format
 * (wrong CSV header, JSON objects without the kind's fields), or a malformed complete record,
 * gives an {@link IllegalArgumentException} whose message names the file and the record.
 *
 * <p>Cells are returned as written: neutralising quotes ({@link CellSafety#neutralise}) and
 * banner escapes stay in place. Hosts and URLs never begin with a neutralised character
 * ({@code = + - @}), so resume keys are exact.
 */
public final class ResumeReader {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private ResumeReader() {}

    /**
     * The keys of the targets already done in a partial output file (CSV or JSON lines):
     * {@link TcpResult#key} of host and port for TCP, the URL for HTTP. A missing file gives an
     * empty set; a partial last record is ignored. The set is unmodifiable, so a scan and the
     * history share it as it is ({@link Set#copyOf} returns it, copying nothing).
     *
     * @throws IllegalArgumentException if the file is not a Fanout file of that kind, or a
     *                                  complete record in it is malformed
     */
    public static Set<String> doneKeys(Path file, ResultKind kind) throws IOException {
        try (Stream<ResultRow> rows = rows(file, kind)) {
            return rows.map(row -> kind == ResultKind.TCP ? TcpResult.key(row.cell(0), row.integer(2)) : row.cell(0))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The TCP results of a CSV or JSON lines file, read lazily; close the stream. Empty text
     * cells become "" for ip and service and null for banner and error; an empty latency -1.
     * Latency keeps microsecond precision. I/O errors while streaming are thrown as
     * {@link UncheckedIOException}.
     */
    public static Stream<TcpResult> readTcp(Path file) throws IOException {
        return rows(file, ResultKind.TCP)
                .map(row -> new TcpResult(
                        row.cell(0),
                        row.cell(1),
                        row.integer(2),
                        row.cell(3),
                        row.state(4),
                        row.latency(5),
                        row.optional(6),
                        row.optional(7),
                        row.certificate(8),
                        row.optional(15)));
    }

    /**
     * The HTTP results of a CSV or JSON lines file, read lazily; close the stream. An empty
     * status becomes 0, an empty content length -1, empty final URL and error null.
     */
    public static Stream<HttpResult> readHttp(Path file) throws IOException {
        return rows(file, ResultKind.HTTP)
                .map(row -> new HttpResult(
                        row.cell(0),
                        row.status(1),
                        row.latency(2),
                        row.optional(3),
                        row.longValue(4),
                        row.optional(5),
                        row.optional(6),
                        row.optional(7),
                        row.optional(8),
                        row.certificate(9)));
    }

    /** The data rows of the file's complete records, cells in the kind's column order. */
    static Stream<ResultRow> rows(Path file, ResultKind kind) throws IOException {
        if (!Files.exists(file)) {
            return Stream.empty();
        }
        boolean json = CompleteRecords.isJsonLines(file);
        InputStream in = CompleteRecords.open(file, json ? CompleteRecords.Layout.LINES : CompleteRecords.Layout.CSV);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            skipBom(reader);
            Iterator<ResultRow> rows = json ? jsonRows(file, kind, reader) : csvRows(file, kind, reader);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED), false)
                    .onClose(() -> {
                        try {
                            reader.close();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static Iterator<ResultRow> csvRows(Path file, ResultKind kind, BufferedReader reader) throws IOException {
        CSVParser parser = CSVParser.parse(reader, CsvResultWriter.FORMAT);
        Iterator<CSVRecord> records = parser.iterator();
        List<String> columns = kind.columns();
        int width = columns.size();
        if (records.hasNext()) {
            List<String> header = records.next().toList();
            if (header.equals(kind.columnsBeforeTls())) {
                width = header.size();
            } else if (!header.equals(columns)) {
                throw new IllegalArgumentException(file + " is not a Fanout " + kind.label() + " CSV: header "
                        + String.join(",", header) + ", expected " + String.join(",", columns));
            }
        }
        int fields = width;
        return new Iterator<>() {
            private long number = 1;

            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException e) {
                    throw malformed(e);
                }
            }

            @Override
            public ResultRow next() {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw malformed(e);
                }
                number++;
                if (record.size() != fields) {
                    throw new IllegalArgumentException(
                            file + ": record " + number + " has " + record.size() + " fields, expected " + fields);
                }
                return new ResultRow(file, number, padded(record.toList(), columns.size()));
            }

            private RuntimeException malformed(UncheckedIOException e) {
                if (e.getCause() instanceof CSVException) {
                    return new IllegalArgumentException(
                            file + ": malformed CSV after record " + number + ": "
                                    + e.getCause().getMessage(),
                            e);
                }
                return e;
            }
        };
    }

    private static Iterator<ResultRow> jsonRows(Path file, ResultKind kind, BufferedReader reader) {
        List<String> columns = kind.columns();
        return new Iterator<>() {
            private long number;
            private ResultRow next;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                try {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        number++;
                        if (!line.isBlank()) {
                            next = parse(line);
                            return true;
                        }
                    }
                    return false;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public ResultRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ResultRow row = next;
                next = null;
                return row;
            }

            private ResultRow parse(String line) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(
                            file + ": line " + number + " is not valid JSON: " + e.getOriginalMessage(), e);
                }
                if (node == null
                        || !node.isObject()
                        || !kind.columnsBeforeTls().stream().allMatch(node::has)) {
                    List<String> names = node != null && node.isObject()
                            ? node.properties().stream().map(Map.Entry::getKey).toList()
                            : List.of();
                    throw new IllegalArgumentException(file + " is not a Fanout " + kind.label()
                            + " JSON lines file: line " + number + " has fields " + names
                            + ", expected " + columns);
                }
                List<String> cells = new ArrayList<>(columns.size());
                for (String column : columns) {
                    JsonNode value = node.get(column);
                    cells.add(
                            value == null || value.isNull()
                                    ? ""
                                    : value.isBigDecimal()
                                            ? value.decimalValue().toPlainString()
                                            : value.asText());
                }
                return new ResultRow(file, number, cells);
            }
        };
    }

    /** An older file's cells, with the columns it lacks as empty cells. */
    private static List<String> padded(List<String> cells, int size) {
        if (cells.size() >= size) return cells;
        List<String> out = new ArrayList<>(cells);
        while (out.size() < size) out.add("");
        return out;
    }

    static void skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    /** Whether {@code file} holds a complete record (a header counts): an empty or unterminated file does not. */
    public static boolean hasCompleteRecord(Path file) throws IOException {
        return CompleteRecords.completeLength(file) > 0;
    }

    /**
     * Whether {@code file}, which holds no complete record, is a Fanout results file of
     * {@code kind} cut short while its first line was written: its bytes (less a byte order mark)
     * begin the CSV header, or the first JSON object up to its first field. Anything else is not
     * Fanout's, so nothing appends to it or imports it.
     */
    static boolean isCutShortStart(Path file, ResultKind kind) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        }
        int from = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF
                ? 3
                : 0;
        String got = new String(head, from, head.length - from, StandardCharsets.ISO_8859_1);
        if (got.isEmpty()) return false;
        String csv = "\"" + String.join("\",\"", kind.columns()) + "\"\r\n";
        return csv.startsWith(got) || isCutShortJson(got, kind);
    }

    /**
     * Whether {@code got} is the first of a kind's JSON lines cut short: its first field (host or
     * url) and, if it got that far, the start of the second (ip or status), which Fanout writes
     * next; {@code {"host":"db1","password":…}} is someone else's.
     */
    private static boolean isCutShortJson(String got, ResultKind kind) {
        String first = kind == ResultKind.TCP ? "{\"host\":\"" : "{\"url\":\"";
        String second = kind == ResultKind.TCP ? ",\"ip\":" : ",\"status\":";
        if (first.startsWith(got)) return true;
        if (!got.startsWith(first)) return false;
        int i = first.length();
        while (i < got.length() && got.charAt(i) != '"') i += got.charAt(i) == '\\' ? 2 : 1; // the value
        if (i >= got.length()) return true; // cut inside it
        String rest = got.substring(i + 1);
        return second.startsWith(rest) || rest.startsWith(second);
    }
}
