package org.fanout.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.function.Function;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;

/**
 * Streams results as an aligned table for a terminal: fixed column widths chosen up front per
 * kind (so rows can be printed as they arrive), two spaces between columns, numbers aligned
 * right, a header and a rule printed once. Every cell has its control characters
 * {@linkplain CellSafety#escapeControls escaped} and is {@linkplain CellSafety#cap cut} with
 * {@code …} to its column's width. Lines end with {@code \n}.
 *
 * <p>Widths count code points: every line has the same width on screen when the text is
 * ASCII; wide (East Asian) or combining characters may shift a row. Not meant to be read back.
 */
public final class TextTableWriter<R extends ProbeResult> implements ResultWriter<R> {
    private static final String GAP = "  ";

    private record Column(String name, int width, boolean right) {}

    private static final List<Column> TCP_LAYOUT = List.of(
            new Column("host", 24, false),
            new Column("ip", 16, false),
            new Column("port", 5, true),
            new Column("service", 10, false),
            new Column("state", 8, false),
            new Column("latency_ms", 10, true),
            new Column("banner", 36, false),
            new Column("error", 14, false));
    private static final List<Column> HTTP_LAYOUT = List.of(
            new Column("url", 40, false),
            new Column("status", 6, true),
            new Column("latency_ms", 10, true),
            new Column("final_url", 40, false),
            new Column("content_length", 14, true),
            new Column("error", 18, false));

    private final Writer out;
    private final List<Column> layout;
    private final Function<R, List<String>> values;
    private final boolean flushEachResult;

    private TextTableWriter(
            Writer out,
            List<Column> layout,
            Function<R, List<String>> values,
            boolean headerNeeded,
            boolean flushEachResult)
            throws IOException {
        this.out = out;
        this.layout = layout;
        this.values = values;
        this.flushEachResult = flushEachResult;
        if (headerNeeded) {
            line(layout.stream().map(Column::name).toList());
            line(layout.stream().map(c -> "-".repeat(c.width())).toList());
            if (flushEachResult) {
                out.flush();
            }
        }
    }

    /** A table writer for TCP results; closing it closes {@code out}. */
    public static TextTableWriter<TcpResult> tcp(Writer out, boolean headerNeeded, boolean flushEachResult)
            throws IOException {
        return new TextTableWriter<>(out, TCP_LAYOUT, Columns::tcpValues, headerNeeded, flushEachResult);
    }

    /** A table writer for HTTP results; closing it closes {@code out}. */
    public static TextTableWriter<HttpResult> http(Writer out, boolean headerNeeded, boolean flushEachResult)
            throws IOException {
        return new TextTableWriter<>(out, HTTP_LAYOUT, Columns::httpValues, headerNeeded, flushEachResult);
    }

    /** The width of every line, line end excluded. */
    public int lineWidth() {
        return layout.stream().mapToInt(Column::width).sum() + GAP.length() * (layout.size() - 1);
    }

    @Override
    public synchronized void write(R result) throws IOException {
        line(values.apply(result));
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

    private void line(List<String> cells) throws IOException {
        StringBuilder line = new StringBuilder(lineWidth() + 1);
        for (int i = 0; i < layout.size(); i++) {
            Column column = layout.get(i);
            if (i > 0) {
                line.append(GAP);
            }
            String cell = CellSafety.cap(CellSafety.escapeControls(cells.get(i)), column.width());
            String padding = " ".repeat(column.width() - cell.codePointCount(0, cell.length()));
            if (column.right()) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(padding);
            }
        }
        out.write(line.append('\n').toString());
    }
}
