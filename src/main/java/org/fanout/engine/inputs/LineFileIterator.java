package org.fanout.engine.inputs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Reads a target file (hosts or URLs) line by line, parsing each line only when its targets are
 * needed, so memory stays bounded whatever the file's size. The file is open from construction
 * until the last line is read (or reading fails); a bad line is reported as "line N: ...".
 */
final class LineFileIterator<T> implements Iterator<T> {
    private final Path file;
    private final String what;
    private final Function<String, Iterator<T>> targetsOnLine;
    private BufferedReader reader;
    private int lineNumber;
    private Iterator<T> current = Collections.emptyIterator();

    /**
     * @param what          the kind of file, for messages ("hosts file", "URL file")
     * @param targetsOnLine the targets one line holds (none for a blank line or a comment);
     *                      throws {@link TargetSyntaxException} for a malformed line
     */
    LineFileIterator(Path file, String what, Function<String, Iterator<T>> targetsOnLine) {
        this.file = file;
        this.what = what;
        this.targetsOnLine = targetsOnLine;
        try {
            this.reader = Syntax.openText(file);
        } catch (IOException e) {
            throw Syntax.cannotRead(file, what, e);
        }
    }

    @Override
    public boolean hasNext() {
        while (!current.hasNext()) {
            if (reader == null) {
                return false;
            }
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                close();
                throw Syntax.cannotRead(file, what, e);
            }
            if (line == null) {
                close();
                return false;
            }
            lineNumber++;
            try {
                current = targetsOnLine.apply(line);
            } catch (TargetSyntaxException e) {
                close();
                throw Syntax.onLine(lineNumber, e);
            }
        }
        return true;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    private void close() {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (IOException ignored) {
            // nothing more to read either way
        } finally {
            reader = null;
        }
    }
}
