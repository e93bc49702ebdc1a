package org.fanout.export;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The complete records of a result file, and cutting off what follows them.
 *
 * <p>A killed scan may leave a last record cut short. Only <em>complete</em> records count: in
 * CSV, records ended by a line break outside quotes (so line breaks inside a quoted cell are
 * handled); in JSON lines, lines ended by {@code \n}. {@link ResumeReader} reads only the
 * complete records, and {@link #truncatePartialLastLine} cuts off the rest before appending.
 * Both use the same rule, so a result counted as done is never the one cut off.
 */
final class CompleteRecords {
    private static final int BOM_LENGTH = 3;
    /** More unterminated data than this at the end is corruption, not a record cut short. */
    static final long MAX_PARTIAL_RECORD = 1 << 20;

    /** How records end: CSV (a line break outside quotes) or lines (any line break). */
    enum Layout {
        CSV,
        LINES
    }

    private CompleteRecords() {}

    /** Whether the file's last byte is a line feed; false for a missing or empty file. */
    static boolean endsWithNewline(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                return false;
            }
            var last = ByteBuffer.allocate(1);
            channel.read(last, size - 1);
            return last.get(0) == '\n';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * The length in bytes of the complete records at the start of the file (see the class
     * comment); the file's size if it has no partial last record, 0 for a missing file.
     */
    static long completeLength(Path file) throws IOException {
        return completeLength(file, isJsonLines(file) ? Layout.LINES : Layout.CSV);
    }

    /**
     * Cuts a partial last record off the file, so that appending starts on a fresh record.
     * Does nothing to a missing file or one that ends with a complete record.
     *
     * @return whether anything was cut
     * @throws IllegalArgumentException if more than a record's worth (1 MiB) would be cut: an
     *                                  unbalanced quote far back means a damaged file, and
     *                                  cutting it would destroy results
     */
    static boolean truncatePartialLastLine(Path file) throws IOException {
        return truncateTo(file, completeLength(file));
    }

    /** Cuts the file back to its last complete line (any text file, quotes ignored). */
    static boolean truncatePartialLine(Path file) throws IOException {
        return truncateTo(file, completeLength(file, Layout.LINES));
    }

    /** The file's complete records, to read (what follows them is never read). */
    static InputStream open(Path file, Layout layout) throws IOException {
        long length = completeLength(file, layout);
        return new Limited(Files.newInputStream(file), length);
    }

    static boolean isJsonLines(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(BOM_LENGTH + 1);
            int start = head.length >= BOM_LENGTH
                            && (head[0] & 0xFF) == 0xEF
                            && (head[1] & 0xFF) == 0xBB
                            && (head[2] & 0xFF) == 0xBF
                    ? BOM_LENGTH
                    : 0;
            return head.length > start && head[start] == '{';
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Scans the file once: the offset just after the last line feed that ends a record. In CSV,
     * a line feed inside a quoted cell ends nothing; {@code ""} inside quotes toggles twice, so
     * counting quotes is enough. Quote and line feed are ASCII, so bytes can be scanned
     * directly in UTF-8.
     */
    static long completeLength(Path file, Layout layout) throws IOException {
        long complete = 0;
        long completeLines = 0;
        long lines = 0;
        long position = 0;
        boolean quoted = false;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b == '"' && layout == Layout.CSV) {
                        quoted = !quoted;
                    } else if (b == '\n') {
                        lines++;
                        if (!quoted) {
                            complete = position + i + 1;
                            completeLines = lines;
                        }
                    }
                }
                position += n;
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (layout == Layout.CSV && position > complete) {
            refuseRecordsAfterTheEnd(file, complete, completeLines + 1);
        }
        return complete;
    }

    /**
     * An unmatched quote makes everything after it one unfinished cell. After a kill -9 that is
     * the last record, cut short; but if whole records follow (a line break, then a quoted
     * first cell: every Fanout cell is quoted, inner quotes doubled), a line in the middle is
     * damaged, and treating the rest as a partial record would silently drop every record after it.
     */
    private static void refuseRecordsAfterTheEnd(Path file, long from, long line) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            in.skipNBytes(from);
            int previous = -1;
            int beforePrevious = -1;
            long followingLines = -1; // the first line feed ends the damaged line itself
            boolean recordStarts = false;
            for (int b; (b = in.read()) >= 0; ) {
                if (b == '\n') followingLines++;
                if (beforePrevious == '\n' && previous == '"' && b != '"' && b != ',') recordStarts = true;
                beforePrevious = previous;
                previous = b;
            }
            if (recordStarts) {
                throw new IllegalArgumentException(file + " line " + line + ": a record that never ends (a quote"
                        + " left open), and " + followingLines + " more lines after it that would be lost; the file is"
                        + " damaged there: repair or delete that line, then --resume again");
            }
        }
    }

    private static boolean truncateTo(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            long size = channel.size();
            if (size <= length) {
                return false;
            }
            if (size - length > MAX_PARTIAL_RECORD) {
                throw new IllegalArgumentException(file + " ends with " + (size - length)
                        + " bytes that do not form a complete record; it looks damaged, so it is left as it is");
            }
            channel.truncate(length);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Reads at most {@code remaining} bytes of the stream. */
    private static final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long limit) {
            super(new BufferedInputStream(in, 1 << 16));
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, remaining));
            remaining -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
