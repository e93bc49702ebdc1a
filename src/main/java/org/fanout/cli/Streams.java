package org.fanout.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/** The CLI's handles on stdout and the terminal. */
final class Streams {
    private Streams() {
    }

    /** stdout for a result writer: closing the writer flushes but leaves stdout open. */
    static Writer unclosable(PrintStream out) {
        return new FilterWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** A progress bar only where a person watches: a terminal, and not asked away. */
    static boolean progressWanted(OutputOptions output) {
        if (output.noProgress) return false;
        java.io.Console console = System.console();
        return console != null && console.isTerminal();
    }
}
