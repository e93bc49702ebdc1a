package org.fanout.engine.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a target file (hosts, URLs) line by line, refusing a line longer than
 * {@link #MAX_LINE} characters: one huge line (a 10 MB file without a line break) would
 * otherwise be held whole in memory, twice, and can exhaust it on the engine's own thread.
 */
final class BoundedLineReader extends BufferedReader {
    /** Far longer than any list of hosts or URL a person writes on one line. */
    static final int MAX_LINE = 1 << 20;

    private long lineNumber;

    private BoundedLineReader(Path file) throws IOException {
        super(Files.newBufferedReader(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Opens {@code file} as UTF-8 (malformed input is an error, as with {@link Files#newBufferedReader}). */
    static BufferedReader open(Path file) throws IOException {
        return new BoundedLineReader(file);
    }

    /** The next line without its end ({@code \n}, {@code \r\n} or {@code \r}), or null at the end. */
    @Override
    public String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        int c = read();
        if (c < 0) return null;
        lineNumber++;
        while (c >= 0 && c != '\n' && c != '\r') {
            if (line.length() == MAX_LINE) {
                throw new IOException(String.format(
                        Locale.ROOT,
                        "line %d is longer than %,d characters;" + " put one or a few entries on each line",
                        lineNumber,
                        MAX_LINE));
            }
            line.append((char) c);
            c = read();
        }
        if (c == '\r') {
            mark(1);
            if (read() != '\n') reset();
        }
        return line.toString();
    }
}
