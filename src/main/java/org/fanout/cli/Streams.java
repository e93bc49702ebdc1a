package org.fanout.cli;

import java.io.Console;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI's handles on stdout and the terminal. */
final class Streams {
    private Streams() {}

    /**
     * stdout for a result writer. A {@link PrintStream} swallows write errors ({@code > /dev/full},
     * a closed stdout, a pipe's reader gone), so every flush asks it whether one happened and throws
     * if so ({@link Stdout#check}). Closing the writer flushes but leaves stdout open.
     */
    static Writer checked(PrintStream out) {
        return new Writer() {
            private final Writer encoder = new OutputStreamWriter(out, StandardCharsets.UTF_8);

            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                encoder.write(buffer, offset, length);
            }

            @Override
            public void write(String s, int offset, int length) throws IOException {
                encoder.write(s, offset, length);
            }

            @Override
            public void flush() throws IOException {
                encoder.flush();
                Stdout.check(out);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /**
     * A progress bar only where a person watches: stdin, stdout and stderr on a terminal, and not
     * asked away. Linux's /proc answers first: where any of the three is plainly a file or a pipe
     * (a script, a benchmark) there is no bar, and {@link System#console()}, which takes a fresh
     * JVM ~15 ms to set up, is never asked.
     */
    static boolean progressWanted(boolean noProgress) {
        if (noProgress) return false;
        for (int fd = 0; fd <= 2; fd++) {
            String target = descriptorTarget(fd);
            if (target != null && !isTerminal(target)) return false;
        }
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    private static boolean isTerminal(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    /**
     * What this process's descriptor {@code fd} is open on, as Linux's /proc names it (a path,
     * {@code pipe:[…]}, {@code socket:[…]}); null where that is not known (not Linux).
     */
    static String descriptorTarget(int fd) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /**
     * Rows for a terminal that also shows the progress bar (on stderr): each row first clears the
     * bar's line, so the row starts at the margin instead of after the bar's text; the bar draws
     * itself again below at its next tick.
     */
    static Writer besideProgressBar(Writer rows, PrintStream bar) {
        return new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                bar.print("\r\033[K");
                bar.flush();
                rows.write(buffer, offset, length);
            }

            @Override
            public void flush() throws IOException {
                rows.flush();
            }

            @Override
            public void close() throws IOException {
                rows.close();
            }
        };
    }
}
