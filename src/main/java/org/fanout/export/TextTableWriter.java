package org.fanout.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
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
    private final BiConsumer<R, Columns.Cells> values;
    private final boolean flushEachResult;
    private final int lineWidth;

    /** The line being written: {@link #length} chars of it, then the next cell for column {@link #column}. */
    private char[] line;

    private int length;
    private int column;
    private final char[] number = new char[Columns.MAX_NUMBER_CHARS];
    /** Puts each cell of the layout's columns into {@link #line}; the cells after them are not shown. */
    private final Columns.Cells cells = new Columns.Cells() {
        @Override
        public void text(String cell) {
            if (column >= layout.size()) {
                column++;
                return;
            }
            String shown = CellSafety.cap(
                    CellSafety.escapeControls(cell), layout.get(column).width());
            int size = shown.length();
            int at = place(size, shown.codePointCount(0, size)); // first: it may grow the line
            shown.getChars(0, size, line, at);
        }

        @Override
        public void number(long value) {
            putDigits(Columns.putDecimal(number, 0, value));
        }

        @Override
        public void latency(long nanos) {
            putDigits(Columns.putLatencyMillis(number, 0, nanos));
        }
    };

    private TextTableWriter(
            Writer out,
            List<Column> layout,
            BiConsumer<R, Columns.Cells> values,
            boolean headerNeeded,
            boolean flushEachResult)
            throws IOException {
        this.out = out;
        this.layout = layout;
        this.values = values;
        this.flushEachResult = flushEachResult;
        this.lineWidth = layout.stream().mapToInt(Column::width).sum() + GAP.length() * (layout.size() - 1);
        this.line = new char[lineWidth + 1];
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

    /** The header and the rule a table of {@code kind} begins with, line ends included. */
    static String headerLines(ResultKind kind) {
        StringWriter out = new StringWriter();
        try {
            if (kind == ResultKind.TCP) tcp(out, true, false).flush();
            else http(out, true, false).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** The width of every line, line end excluded. */
    public int lineWidth() {
        return lineWidth;
    }

    @Override
    public synchronized void write(R result) throws IOException {
        startLine();
        values.accept(result, cells);
        endLine();
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

    /** The header and the rule. */
    private void line(List<String> texts) throws IOException {
        startLine();
        for (String text : texts) cells.text(text);
        endLine();
    }

    private void startLine() {
        length = 0;
        column = 0;
    }

    private void endLine() throws IOException {
        line[length++] = '\n';
        out.write(line, 0, length);
    }

    /** A number's {@code end} chars in {@link #number}: ASCII digits, nothing to escape. */
    private void putDigits(int end) {
        if (column < layout.size() && end <= layout.get(column).width()) {
            int at = place(end, end); // first: it may grow the line
            System.arraycopy(number, 0, line, at, end);
        } else {
            cells.text(new String(number, 0, end)); // past the shown columns, or cut as text is
        }
    }

    /**
     * Makes room in {@link #line} for the next column's cell of {@code size} chars that shows
     * {@code codePoints} wide: the gap before it and its padding to the column's width (before it
     * when right-aligned). Where its chars go.
     */
    private int place(int size, int codePoints) {
        int index = column++;
        Column c = layout.get(index);
        int padding = Math.max(0, c.width() - codePoints);
        int needed = length + GAP.length() + size + padding + 1;
        if (needed > line.length) line = Arrays.copyOf(line, Math.max(needed, 2 * line.length));
        if (index > 0) {
            GAP.getChars(0, GAP.length(), line, length);
            length += GAP.length();
        }
        int cellAt = c.right() ? length + padding : length;
        int padAt = c.right() ? length : length + size;
        Arrays.fill(line, padAt, padAt + padding, ' ');
        length += size + padding;
        return cellAt;
    }
}
