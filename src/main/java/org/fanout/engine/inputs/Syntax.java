package org.fanout.engine.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Shared helpers for building {@link TargetSyntaxException}s with consistent messages. */
final class Syntax {
    /** Longest token quoted verbatim in a message; longer ones are shortened. */
    private static final int MAX_QUOTED = 60;

    private Syntax() {}

    /** "what at position N" (or just "what" when position is -1), carrying input and position. */
    static TargetSyntaxException error(String what, String input, int position) {
        String message = position >= 0 ? what + " at position " + position : what;
        return new TargetSyntaxException(message, input, position);
    }

    /** Adds what one line of a target file holds to a running count (and checks the line). */
    @FunctionalInterface
    interface LineCounter {
        long add(String line, long totalSoFar);
    }

    /**
     * Reads a target file once, checking every line and counting what it holds; a bad line is
     * reported as "line N: ...", an unreadable file as "cannot read {@code what} ...".
     */
    static long countLines(Path file, String what, LineCounter counter) {
        long total = 0;
        try (BufferedReader reader = openText(file)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                try {
                    total = counter.add(line, total);
                } catch (TargetSyntaxException e) {
                    throw onLine(lineNumber, e);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw cannotRead(file, what, e);
        }
        return total;
    }

    /**
     * A UTF-8 target file, positioned past a byte order mark (U+FEFF) at its start: editors on
     * Windows write one, and it is no part of the first host or URL.
     */
    static BufferedReader openText(Path file) throws IOException {
        BufferedReader reader = BoundedLineReader.open(file);
        try {
            reader.mark(1);
            if (reader.read() != '\uFEFF') {
                reader.reset();
            }
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** "cannot read hosts file F: no such file" and the like. */
    static TargetSyntaxException cannotRead(Path file, String what, Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String reason = cause instanceof NoSuchFileException
                ? "no such file"
                : cause instanceof AccessDeniedException
                        ? "permission denied"
                        : cause instanceof CharacterCodingException
                                ? "not UTF-8 text"
                                : String.valueOf(cause.getMessage());
        return new TargetSyntaxException("cannot read " + what + " " + file + ": " + reason);
    }

    /** The same error, reported for line {@code lineNumber} (1-based) of a file. */
    static TargetSyntaxException onLine(int lineNumber, TargetSyntaxException e) {
        return new TargetSyntaxException("line " + lineNumber + ": " + e.getMessage(), e.input(), e.position());
    }

    /** A token in single quotes, shortened if very long, with control characters made visible. */
    static String quote(CharSequence token) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(token.length(), MAX_QUOTED);
        for (int i = 0; i < n; i++) {
            char c = token.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (token.length() > MAX_QUOTED) {
            sb.append("...");
        }
        return sb.append('\'').toString();
    }

    /** A single character in quotes, printable form. */
    static String quote(char c) {
        return quote(String.valueOf(c));
    }

    static boolean isSpace(char c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == '\r'
                || c == '\f'
                || c == 0x0B
                || Character.isWhitespace(c)
                || Character.isSpaceChar(c);
    }
}
