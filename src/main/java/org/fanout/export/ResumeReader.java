package org.fanout.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;

/**
 * Reads Fanout result files back: to resume a scan from a partial output file, and to load
 * results (tests, the GUI).
 *
 * <p>The layout is recognised from the content, not the file name: a file whose first byte
 * (after an optional UTF-8 byte order mark) is <code>{</code> is JSON lines, anything else CSV.
 *
 * <p><b>Partial files.</b> A killed scan may leave a last record cut short. Only
 * <em>complete</em> records count: in CSV, records ended by a line break outside quotes (so
 * line breaks inside a quoted cell are handled); in JSON lines, lines ended by {@code \n}.
 * Everything after the last complete record is ignored when reading, and cut off by
 * {@link #truncatePartialLastLine} before appending. Both use the same rule, so a result
 * counted as done is never the one cut off.
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
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int BOM_LENGTH = 3;
    /** More unterminated data than this at the end is corruption, not a record cut short. */
    static final long MAX_PARTIAL_RECORD = 1 << 20;

    private ResumeReader() {
    }

    /**
     * The keys of the targets already done in a partial output file (CSV or JSON lines):
     * {@link TcpResult#key} of host and port for TCP, the URL for HTTP. A missing file gives an
     * empty set; a partial last record is ignored.
     *
     * @throws IllegalArgumentException if the file is not a Fanout file of that kind, or a
     *                                  complete record in it is malformed
     */
    public static Set<String> doneKeys(Path file, ResultKind kind) throws IOException {
        try (Stream<Row> rows = rows(file, kind)) {
            return rows.map(row -> kind == ResultKind.TCP
                            ? TcpResult.key(row.cell(0), row.integer(2))
                            : row.cell(0))
                    .collect(Collectors.toCollection(HashSet::new));
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
        return rows(file, ResultKind.TCP).map(row -> new TcpResult(
                row.cell(0), row.cell(1), row.integer(2), row.cell(3), row.state(4), row.latency(5),
                row.optional(6), row.optional(7), row.certificate(8), row.optional(15)));
    }

    /**
     * The HTTP results of a CSV or JSON lines file, read lazily; close the stream. An empty
     * status becomes 0, an empty content length -1, empty final URL and error null.
     */
    public static Stream<HttpResult> readHttp(Path file) throws IOException {
        return rows(file, ResultKind.HTTP).map(row -> new HttpResult(
                row.cell(0), row.status(1), row.latency(2), row.optional(3), row.longValue(4), row.optional(5),
                row.optional(6), row.optional(7), row.optional(8), row.certificate(9)));
    }

    /** Whether the file's last byte is a line feed; false for a missing or empty file. */
    public static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            var last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * The length in bytes of the complete records at the start of the file (see the class
     * comment); the file's size if it has no partial last record, 0 for a missing file.
     */
    public static long completeLength(Path file) throws IOException {
        return completeLength(file, isJsonLines(file) ? Layout.LINES : Layout.CSV);
    }

    /**
     * Cuts a partial last record off the file, so that appending starts on a fresh record.
     * Does nothing to a missing file or one that ends with a complete record.
     *
     * @return whether anything was cut
     * @throws IllegalArgumentException if more than a record's worth (1 MiB) would be cut: an
     *                                  unbalanced quote far back means a damaged file, and
     *                                  cutting it would destroy results
     */
    public static boolean truncatePartialLastLine(Path file) throws IOException {
        return truncateTo(file, completeLength(file));
    }

    // ---------------------------------------------------------------- package-private helpers

    enum Layout { CSV, LINES }

    /** Whether the file (missing, empty, CSV or JSON lines) can be appended to as {@code kind} in {@code format}. */
    static void checkAppendable(Path file, ResultKind kind, OutputFormat format) throws IOException {
        if (format == OutputFormat.TEXT || completeLength(file) == 0) {
            return;
        }
        boolean json = isJsonLines(file);
        if (json != (format == OutputFormat.JSON)) {
            throw new IllegalArgumentException(file + " is a " + (json ? "JSON lines" : "CSV")
                    + " file; cannot append " + format.label() + " to it");
        }
        if (!json && csvHeader(file).equals(kind.columnsBeforeTls())) {
            throw new IllegalArgumentException(file + " has the columns of an older Fanout (without the TLS columns);"
                    + " write to a new file instead of appending to it");
        }
        try (Stream<Row> rows = rows(file, kind)) {
            rows.findFirst(); // validates the header (CSV) or the first object (JSON)
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Cuts the file back to its last complete line (any text file, quotes ignored). */
    static boolean truncatePartialLine(Path file) throws IOException {
        return truncateTo(file, completeLength(file, Layout.LINES));
    }

    // ---------------------------------------------------------------- reading

    private record Row(Path file, long number, List<String> cells) {
        String cell(int i) {
            return cells.get(i);
        }

        String optional(int i) {
            String cell = cells.get(i);
            return cell.isEmpty() ? null : cell;
        }

        int integer(int i) {
            try {
                return Integer.parseInt(cells.get(i));
            } catch (NumberFormatException e) {
                throw bad("is not a whole number");
            }
        }

        long longValue(int i) {
            try {
                return cells.get(i).isEmpty() ? -1 : Long.parseLong(cells.get(i));
            } catch (NumberFormatException e) {
                throw bad("is not a whole number");
            }
        }

        int status(int i) {
            return cells.get(i).isEmpty() ? 0 : integer(i);
        }

        long latency(int i) {
            try {
                return Columns.parseLatencyMillis(cells.get(i));
            } catch (ArithmeticException | NumberFormatException e) {
                throw bad("is not a latency in milliseconds");
            }
        }

        /** The seven certificate cells from {@code i}; null where no certificate was recorded. */
        CertificateInfo certificate(int i) {
            if (cells.get(i + 4).isEmpty()) return null;
            try {
                return new CertificateInfo(optional(i), cell(i + 1), cell(i + 2), cell(i + 3),
                        Instant.parse(cell(i + 4)), Long.parseLong(cell(i + 5)),
                        Boolean.parseBoolean(cell(i + 6)));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw bad("has a malformed certificate");
            }
        }

        TcpState state(int i) {
            try {
                return TcpState.fromLabel(cells.get(i));
            } catch (IllegalArgumentException e) {
                throw bad("is not a TCP state");
            }
        }

        private IllegalArgumentException bad(String what) {
            return new IllegalArgumentException(file + ": record " + number + ": '" + cells + "' " + what);
        }
    }

    /** The data rows of the file's complete records, cells in the kind's column order. */
    private static Stream<Row> rows(Path file, ResultKind kind) throws IOException {
        if (!Files.exists(file)) {
            return Stream.empty();
        }
        boolean json = isJsonLines(file);
        long length = completeLength(file, json ? Layout.LINES : Layout.CSV);
        InputStream in = new Limited(Files.newInputStream(file), length);
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            skipBom(reader);
            Iterator<Row> rows = json ? jsonRows(file, kind, reader) : csvRows(file, kind, reader);
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

    private static Iterator<Row> csvRows(Path file, ResultKind kind, BufferedReader reader) throws IOException {
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
            public Row next() {
                CSVRecord record;
                try {
                    record = records.next();
                } catch (UncheckedIOException e) {
                    throw malformed(e);
                }
                number++;
                if (record.size() != fields) {
                    throw new IllegalArgumentException(file + ": record " + number + " has " + record.size()
                            + " fields, expected " + fields);
                }
                return new Row(file, number, padded(record.toList(), columns.size()));
            }

            private RuntimeException malformed(UncheckedIOException e) {
                if (e.getCause() instanceof CSVException) {
                    return new IllegalArgumentException(file + ": malformed CSV after record " + number + ": "
                            + e.getCause().getMessage(), e);
                }
                return e;
            }
        };
    }

    private static Iterator<Row> jsonRows(Path file, ResultKind kind, BufferedReader reader) {
        List<String> columns = kind.columns();
        return new Iterator<>() {
            private long number;
            private Row next;

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
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                return row;
            }

            private Row parse(String line) {
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException(file + ": line " + number + " is not valid JSON: "
                            + e.getOriginalMessage(), e);
                }
                if (node == null || !node.isObject() || !kind.columnsBeforeTls().stream().allMatch(node::has)) {
                    List<String> names = node != null && node.isObject() ? node.properties().stream()
                            .map(Map.Entry::getKey).toList() : List.of();
                    throw new IllegalArgumentException(file + " is not a Fanout " + kind.label()
                            + " JSON lines file: line " + number + " has fields " + names
                            + ", expected " + columns);
                }
                List<String> cells = new ArrayList<>(columns.size());
                for (String column : columns) {
                    JsonNode value = node.get(column);
                    cells.add(value == null || value.isNull() ? "" : value.isBigDecimal()
                            ? value.decimalValue().toPlainString() : value.asText());
                }
                return new Row(file, number, cells);
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

    /** The first CSV record of the file (its header), or an empty list. */
    private static List<String> csvHeader(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            skipBom(reader);
            Iterator<CSVRecord> records = CSVParser.parse(reader, CsvResultWriter.FORMAT).iterator();
            return records.hasNext() ? records.next().toList() : List.of();
        } catch (UncheckedIOException | MalformedInputException e) {
            return List.of();
        }
    }

    private static void skipBom(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    // ---------------------------------------------------------------- complete records

    private static boolean isJsonLines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(BOM_LENGTH + 1);
            int start = head.length >= BOM_LENGTH && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                    && (head[2] & 0xFF) == 0xBF ? BOM_LENGTH : 0;
            return head.length > start && head[start] == '{';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Scans the file once: the offset just after the last line feed that ends a record. In CSV,
     * a line feed inside a quoted cell ends nothing; {@code ""} inside quotes toggles twice, so
     * counting quotes is enough. Quote and line feed are ASCII, so bytes can be scanned
     * directly in UTF-8.
     */
    private static long completeLength(Path file, Layout layout) throws IOException {
        long complete = 0;
        long completeLines = 0;
        long lines = 0;
        long position = 0;
        boolean quoted = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"' && layout == Layout.CSV) {
                        quoted = !quoted;
                    } else if (b == '\n') {
                        lines++;
                        if (!quoted) {
                            complete = position + i + 1;
                            completeLines = lines;
                        }
                    }
                }
                position += n;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (layout == Layout.CSV && position > complete) {
            refuseRecordsAfterTheEnd(file, complete, completeLines + 1);
        }
        return complete;
    }

    /**
     * An unmatched quote makes everything after it one unfinished cell. After a kill -9 that is
     * the last record, cut short; but if whole records follow (a line break, then a quoted
     * first cell: every Fanout cell is quoted, inner quotes doubled), a line in the middle is
     * damaged, and treating the rest as a partial record would silently drop every record after it.
     */
    private static void refuseRecordsAfterTheEnd(Path file, long from, long line) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(from);
            int previous = -1;
            int beforePrevious = -1;
            long followingLines = -1; // the first line feed ends the damaged line itself
            boolean recordStarts = false;
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') followingLines++;
                if (beforePrevious == '\n' && previous == '"' && b != '"' && b != ',') recordStarts = true;
                beforePrevious = previous;
                previous = b;
            }
            if (recordStarts) {
                throw new IllegalArgumentException(file + " line " + line + ": a record that never ends (a quote"
                        + " left open), and " + followingLines + " more lines after it that would be lost; the file is"
                        + " damaged there: repair or delete that line, then --resume again");
            }
        }
    }

    private static boolean truncateTo(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size <= length) {
                return false;
            }
            if (size - length > MAX_PARTIAL_RECORD) {
                throw new IllegalArgumentException(file + " ends with " + (size - length)
                        + " bytes that do not form a complete record; it looks damaged, so it is left as it is");
            }
            channel.truncate(length);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Reads at most {@code remaining} bytes of the stream. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(new BufferedInputStream(in, 1 << 16));
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
