package org.fanout.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Set;

/**
 * The process's standard output as {@code System.out} is, but remembering why a write failed: a
 * {@link PrintStream} keeps only that one did, and a reader that went away
 * ({@code fanout scan … | head}) ends a command quietly, where a full disk is an error.
 */
final class Stdout extends PrintStream {
    /**
     * What the JDK's write on a pipe nobody reads any more says, in English: {@code strerror(EPIPE)}
     * on Linux and macOS; Windows' two for a closed pipe's other end. The JVM ignores SIGPIPE; on
     * Linux the descriptor itself tells ({@link #isPipeOrSocket}), in any language.
     */
    private static final Set<String> READER_GONE =
            Set.of("Broken pipe", "The pipe is being closed", "The pipe has been ended");

    private final Remembering remembering;

    private Stdout(Remembering remembering, Charset charset) {
        super(new BufferedOutputStream(remembering, 8192), true, charset);
        this.remembering = remembering;
    }

    /** A new stdout in {@code System.out}'s charset, also installed as {@code System.out} (which the exit flushes). */
    static PrintStream install() {
        Stdout out = new Stdout(new Remembering(new FileOutputStream(FileDescriptor.out)), System.out.charset());
        System.out.flush();
        System.setOut(out);
        return out;
    }

    /**
     * Throws if anything written to {@code out} so far failed (flushing it first): {@link ReaderGone}
     * when the reader of a pipe went away, else an error that says why where it is known.
     */
    static void check(PrintStream out) throws IOException {
        if (!out.checkError()) return;
        IOException why = out instanceof Stdout s ? s.remembering.failure : null;
        if (why != null && (READER_GONE.contains(why.getMessage()) || isPipeOrSocket(1))) throw new ReaderGone(why);
        throw new IOException(
                "standard output refused the write"
                        + (why != null && why.getMessage() != null
                                ? " (" + why.getMessage() + ")"
                                : " (full, closed, or a broken pipe)"),
                why);
    }

    /**
     * Whether descriptor {@code fd} is a pipe or a socket (Linux, from /proc): a write to one fails
     * only when its reader has gone, whatever language the system's message is in (a German
     * system says "Datenübergabe unterbrochen" for a broken pipe).
     */
    static boolean isPipeOrSocket(int fd) {
        String target = Streams.descriptorTarget(fd);
        return target != null && (target.startsWith("pipe:") || target.startsWith("socket:"));
    }

    /** Whether {@code e} or a cause of it is a {@link ReaderGone}. */
    static boolean readerGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ReaderGone) return true;
        }
        return false;
    }

    /** Standard output is a pipe whose reader has closed it: nobody wants the rest. */
    static final class ReaderGone extends IOException {
        ReaderGone(IOException cause) {
            super("standard output's reader has gone", cause);
        }
    }

    /** Passes every write through, keeping the last failure's exception. */
    private static final class Remembering extends FilterOutputStream {
        private volatile IOException failure;

        Remembering(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
