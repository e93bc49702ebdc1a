package org.fanout.export;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;

/**
 * Creates result writers by format. Every writer closes its {@link Writer} when closed; to
 * write to standard output without closing it, pass a writer that ignores {@code close()}.
 *
 * <p>{@code headerNeeded} writes the CSV header or the table's header (JSON lines have none);
 * pass false when appending to a file that already has one. Writers made without a
 * {@code flushEachResult} argument flush each result.
 */
public final class ResultWriters {
    private ResultWriters() {}

    public static ResultWriter<TcpResult> tcp(OutputFormat format, Writer out, boolean headerNeeded)
            throws IOException {
        return tcp(format, out, headerNeeded, true);
    }

    public static ResultWriter<TcpResult> tcp(
            OutputFormat format, Writer out, boolean headerNeeded, boolean flushEachResult) throws IOException {
        return switch (format) {
            case CSV -> CsvResultWriter.tcp(out, headerNeeded, flushEachResult);
            case JSON -> JsonLinesWriter.tcp(out, flushEachResult);
            case TEXT -> TextTableWriter.tcp(out, headerNeeded, flushEachResult);
        };
    }

    public static ResultWriter<HttpResult> http(OutputFormat format, Writer out, boolean headerNeeded)
            throws IOException {
        return http(format, out, headerNeeded, true);
    }

    public static ResultWriter<HttpResult> http(
            OutputFormat format, Writer out, boolean headerNeeded, boolean flushEachResult) throws IOException {
        return switch (format) {
            case CSV -> CsvResultWriter.http(out, headerNeeded, flushEachResult);
            case JSON -> JsonLinesWriter.http(out, flushEachResult);
            case TEXT -> TextTableWriter.http(out, headerNeeded, flushEachResult);
        };
    }

    /**
     * Opens a UTF-8 file for TCP results, flushing each result. Without {@code append} the file
     * is created or emptied. With {@code append} (resuming) an existing file is checked to be a
     * Fanout TCP file in the same format, any partial last record is cut off
     * ({@link CompleteRecords#truncatePartialLastLine}), and the header is written only if the
     * file is then empty.
     *
     * @throws IllegalArgumentException if appending to a file of another kind or format
     */
    public static ResultWriter<TcpResult> openTcp(Path file, OutputFormat format, boolean append) throws IOException {
        boolean headerNeeded = prepare(file, ResultKind.TCP, format, append);
        Writer out = open(file, append);
        try {
            return tcp(format, out, headerNeeded, true);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Opens a UTF-8 file for HTTP results; as {@link #openTcp}. */
    public static ResultWriter<HttpResult> openHttp(Path file, OutputFormat format, boolean append) throws IOException {
        boolean headerNeeded = prepare(file, ResultKind.HTTP, format, append);
        Writer out = open(file, append);
        try {
            return http(format, out, headerNeeded, true);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Checks and repairs a file to append to; whether it needs a header. */
    private static boolean prepare(Path file, ResultKind kind, OutputFormat format, boolean append) throws IOException {
        if (!append || !Files.exists(file)) {
            return true;
        }
        AppendCheck.check(file, kind, format);
        if (format == OutputFormat.TEXT) {
            CompleteRecords.truncatePartialLine(file);
        } else {
            CompleteRecords.truncatePartialLastLine(file);
        }
        return Files.size(file) == 0;
    }

    /**
     * A file stream, not {@code Files.newBufferedWriter}: every result is flushed, and a
     * {@code FileChannel}'s write (its interruptible bookkeeping around each call) cost more than
     * the write itself; the encoder buffers what the writers hand it, one record a call.
     */
    private static Writer open(Path file, boolean append) throws IOException {
        return new OutputStreamWriter(new FileOutputStream(file.toFile(), append), StandardCharsets.UTF_8);
    }
}
