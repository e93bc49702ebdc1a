package org.fanout.engine.inputs;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Where each target-holding line of a file starts, so that line k is read directly, without
 * reading the lines before it: 8 bytes per line, built lazily on the first lookup. Lines end at
 * {@code \n}, {@code \r} or {@code \r\n}, as {@link BufferedReader#readLine()} splits them
 * (neither byte occurs inside a UTF-8 sequence, so splitting bytes is splitting characters).
 */
final class LineIndex {
    /** Files with more target lines than this keep their written order: the index would cost over 32 MB. */
    static final long MAX_LINES = 4_000_000;

    private final Path file;
    private final Predicate<String> holdsTarget;
    private final String what;
    private volatile long[] offsets;

    LineIndex(Path file, Predicate<String> holdsTarget, String what) {
        this.file = file;
        this.holdsTarget = holdsTarget;
        this.what = what;
    }

    /** The text of the k-th (0-based) line that holds a target. */
    String line(long k) {
        long[] starts = offsets();
        if (k < 0 || k >= starts.length) {
            throw new IndexOutOfBoundsException("line " + k + " outside [0, " + starts.length + ")");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
            ByteBuffer buffer = ByteBuffer.allocate(512);
            long position = starts[(int) k];
            while (true) {
                buffer.clear();
                int n = channel.read(buffer, position);
                if (n <= 0) break;
                int end = 0;
                while (end < n && buffer.get(end) != '\n' && buffer.get(end) != '\r') end++;
                bytes.write(buffer.array(), 0, end);
                if (end < n) break;
                position += n;
            }
            return bytes.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw Syntax.cannotRead(file, what, e);
        }
    }

    private long[] offsets() {
        long[] starts = offsets;
        if (starts == null) {
            synchronized (this) {
                starts = offsets;
                if (starts == null) {
                    starts = build();
                    offsets = starts;
                }
            }
        }
        return starts;
    }

    private long[] build() {
        long[] starts = new long[1024];
        int count = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long position = 0;
            long lineStart = 0;
            boolean afterCr = false;
            for (int b; (b = in.read()) >= 0; position++) {
                if (b == '\n' && afterCr) { // the \n of \r\n: the line already ended
                    afterCr = false;
                    lineStart = position + 1;
                    continue;
                }
                afterCr = b == '\r';
                if (b == '\n' || b == '\r') {
                    if (holdsTarget.test(line.toString(StandardCharsets.UTF_8))) {
                        if (count == starts.length) starts = Arrays.copyOf(starts, count * 2);
                        starts[count++] = lineStart;
                    }
                    line.reset();
                    lineStart = position + 1;
                } else {
                    line.write(b);
                }
            }
            if (line.size() > 0 && holdsTarget.test(line.toString(StandardCharsets.UTF_8))) {
                if (count == starts.length) starts = Arrays.copyOf(starts, count + 1);
                starts[count++] = lineStart;
            }
        } catch (IOException e) {
            throw Syntax.cannotRead(file, what, e);
        }
        return Arrays.copyOf(starts, count);
    }
}
