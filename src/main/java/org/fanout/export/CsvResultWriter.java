package org.fanout.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
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
 * <p>Records are written cell by cell straight into the {@link Writer}, in exactly the bytes
 * {@link #FORMAT} prints: a CLI run writes one record per target (hundreds of thousands), and
 * going through a general CSV printer cost more garbage and time per row than the row itself.
 */
public final class CsvResultWriter<R extends ProbeResult> implements ResultWriter<R> {
    /** The CSV dialect of every Fanout CSV file: RFC 4180, all fields quoted. */
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

    private final Writer out;
    private final Function<R, List<String>> row;
    private final boolean flushEachResult;
    private final StringBuilder record = new StringBuilder(256);
    private char[] chars = new char[256];

    private CsvResultWriter(
            Writer out,
            List<String> header,
            Function<R, List<String>> row,
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
        writeRecord(row.apply(result));
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

    /**
     * One record: every cell quoted, cells separated by commas, CRLF at the end (RFC 4180). It is
     * assembled in a reused buffer and handed to the writer in one call (one lock, not one per
     * character of punctuation).
     */
    private void writeRecord(List<String> cells) throws IOException {
        record.setLength(0);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                record.append(',');
            }
            appendQuoted(cells.get(i));
        }
        record.append("\r\n");
        int length = record.length();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        record.getChars(0, length, chars, 0);
        out.write(chars, 0, length);
    }

    /** A cell in double quotes, each double quote inside it doubled; null is an empty cell. */
    private void appendQuoted(String cell) {
        record.append('"');
        if (cell != null) {
            int from = 0;
            for (int quote = cell.indexOf('"'); quote >= 0; quote = cell.indexOf('"', from)) {
                record.append(cell, from, quote + 1).append('"');
                from = quote + 1;
            }
            record.append(cell, from, cell.length());
        }
        record.append('"');
    }
}
