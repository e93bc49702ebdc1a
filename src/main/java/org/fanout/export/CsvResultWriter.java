package org.fanout.export;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;

/**
 * Streams results as RFC 4180 CSV (CRLF line ends, every field quoted), one record per result,
 * with the cells of {@link Columns#tcpRow} / {@link Columns#httpRow}.
 *
 * <p>The header line is written on creation when {@code headerNeeded} (a new or empty file);
 * pass false to append to a file that already has one (resuming).
 *
 * <p>Records are written cell by cell ({@link Columns.Cells}) straight into one buffer, in exactly
 * the bytes {@link #FORMAT} prints: a CLI run writes one record per target (hundreds of
 * thousands), and going through a general CSV printer, or a list of cells per row, cost more
 * garbage and time per row than the row itself.
 */
public final class CsvResultWriter<R extends ProbeResult> implements ResultWriter<R> {
    /** The CSV dialect of every Fanout CSV file: RFC 4180, all fields quoted. */
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

    private final Writer out;
    private final BiConsumer<R, Columns.Cells> row;
    private final boolean flushEachResult;
    /** The record being written: {@link #length} chars of it. */
    private char[] record = new char[256];

    private int length;
    /** Puts each cell into {@link #record}: quoted, after a comma unless it is the first. */
    private final Columns.Cells cells = new Columns.Cells() {
        @Override
        public void text(String cell) {
            putQuoted(cell);
        }

        @Override
        public void number(long value) {
            open(Columns.MAX_NUMBER_CHARS);
            length = Columns.putDecimal(record, length, value);
            record[length++] = '"';
        }

        @Override
        public void latency(long nanos) {
            open(Columns.MAX_NUMBER_CHARS);
            length = Columns.putLatencyMillis(record, length, nanos);
            record[length++] = '"';
        }
    };

    private CsvResultWriter(
            Writer out,
            List<String> header,
            BiConsumer<R, Columns.Cells> row,
            boolean headerNeeded,
            boolean flushEachResult)
            throws IOException {
        this.out = out;
        this.row = row;
        this.flushEachResult = flushEachResult;
        if (headerNeeded) {
            writeRecord(header);
            if (flushEachResult) {
                out.flush();
            }
        }
    }

    /** A CSV writer for TCP results; closing it closes {@code out}. */
    public static CsvResultWriter<TcpResult> tcp(Writer out, boolean headerNeeded, boolean flushEachResult)
            throws IOException {
        return new CsvResultWriter<>(out, Columns.TCP, Columns::tcpRow, headerNeeded, flushEachResult);
    }

    /** A CSV writer for HTTP results; closing it closes {@code out}. */
    public static CsvResultWriter<HttpResult> http(Writer out, boolean headerNeeded, boolean flushEachResult)
            throws IOException {
        return new CsvResultWriter<>(out, Columns.HTTP, Columns::httpRow, headerNeeded, flushEachResult);
    }

    @Override
    public synchronized void write(R result) throws IOException {
        length = 0;
        row.accept(result, cells);
        endRecord();
        if (flushEachResult) {
            out.flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /** The header: every cell quoted, as every record's. */
    private void writeRecord(List<String> header) throws IOException {
        length = 0;
        for (String cell : header) cells.text(cell);
        endRecord();
    }

    /**
     * Starts a cell that takes up to {@code chars} more: the comma before it (unless it is the
     * first) and its opening quote; the caller writes it and its closing quote.
     */
    private void open(int chars) {
        int needed = length + chars + 4; // , " " and the record's CRLF less one
        if (needed > record.length) record = Arrays.copyOf(record, Math.max(needed, record.length * 2));
        if (length > 0) record[length++] = ',';
        record[length++] = '"';
    }

    /**
     * Ends the record with CRLF (RFC 4180) and hands it to the writer in one call (one lock, not
     * one per character of punctuation).
     */
    private void endRecord() throws IOException {
        if (length + 2 > record.length) record = Arrays.copyOf(record, length + 2);
        record[length++] = '\r';
        record[length++] = '\n';
        out.write(record, 0, length);
    }

    /** A cell in double quotes, each double quote inside it doubled; null is an empty cell. */
    private void putQuoted(String cell) {
        int size = cell == null ? 0 : cell.length();
        int quote = size == 0 ? -1 : cell.indexOf('"');
        open(quote < 0 ? size : 2 * size);
        if (quote < 0) { // most cells: copied whole
            if (size > 0) cell.getChars(0, size, record, length);
            length += size;
        } else {
            for (int i = 0; i < size; i++) {
                char c = cell.charAt(i);
                record[length++] = c;
                if (c == '"') record[length++] = '"';
            }
        }
        record[length++] = '"';
    }
}
