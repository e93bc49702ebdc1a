package org.fanout.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
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
 */
public final class CsvResultWriter<R extends ProbeResult> implements ResultWriter<R> {
    /** The CSV dialect of every Fanout CSV file: RFC 4180, all fields quoted. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL).get();

    private final CSVPrinter printer;
    private final Function<R, List<String>> row;
    private final boolean flushEachResult;

    private CsvResultWriter(Writer out, List<String> header, Function<R, List<String>> row,
                            boolean headerNeeded, boolean flushEachResult) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
        this.row = row;
        this.flushEachResult = flushEachResult;
        if (headerNeeded) {
            printer.printRecord(header);
            if (flushEachResult) {
                printer.flush();
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
        printer.printRecord(row.apply(result));
        if (flushEachResult) {
            printer.flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        printer.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        printer.close(true);
    }
}
