package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Predicate;
import org.fanout.engine.Scan;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResumeReader;
import picocli.CommandLine.Option;

/** Where results go and in what form: shared by scan and http. */
final class OutputOptions {
    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Write results to FILE as they arrive (default: stdout).")
    Path output;

    @Option(
            names = "--format",
            paramLabel = "F",
            description = "csv, json (one object per line) or text (default: text on stdout, else from the file name).")
    String format;

    @Option(
            names = "--resume",
            description = "Continue a scan whose --output file was cut short: skip what it holds, append the rest.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    OutputFormat format() {
        return formatOf(format, output);
    }

    /** The one reading of {@code --format}: a bad name is a user error. */
    static OutputFormat parseFormat(String format) {
        try {
            return OutputFormat.parse(format);
        } catch (IllegalArgumentException e) {
            throw new UserError("--format: " + e.getMessage());
        }
    }

    /** {@code --format} if given, else from the file's name, else text (for stdout). */
    static OutputFormat formatOf(String format, Path file) {
        if (format != null) return parseFormat(format);
        return file == null ? OutputFormat.TEXT : OutputFormat.fromFileName(file);
    }

    /** Checks the output before anything is opened; {@code inputs} are the files the job reads (null: none). */
    void check(Path... inputs) {
        if (resume && output == null) throw new UserError("--resume needs --output FILE: the file to continue");
        if (resume && format() == OutputFormat.TEXT) {
            throw new UserError("--resume needs a CSV or JSON lines --output: a text table cannot be read back");
        }
        if (output != null) {
            notAnInput("--output", output, inputs);
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new UserError("--output: directory " + dir + " does not exist");
            }
            if (Files.isDirectory(output)) throw new UserError("--output: " + output + " is a directory");
        }
    }

    /**
     * Refuses an output that is one of the inputs (the same path, a symbolic or hard link to it):
     * opening it for writing would empty the user's list before a line of it was read.
     */
    static void notAnInput(String option, Path out, Path... inputs) {
        if (out == null) return;
        for (Path in : inputs) {
            if (in == null) continue;
            // the same name (a file not made yet: the history's), or the same file under another (links)
            boolean same =
                    out.toAbsolutePath().normalize().equals(in.toAbsolutePath().normalize());
            try {
                same |= Files.exists(out) && Files.exists(in) && Files.isSameFile(out, in);
            } catch (IOException | SecurityException e) {
                // unreadable: the names decide
            }
            if (same) {
                throw new UserError(option + " " + out + " is the file " + in
                        + " this command reads or writes too: writing there would destroy it; choose another file");
            }
        }
    }

    /** Writes one kind of result to a stream (stdout). */
    @FunctionalInterface
    interface StreamWriters<R extends ProbeResult> {
        ResultWriter<R> open(OutputFormat format, Writer out, boolean headerNeeded, boolean flushEachResult)
                throws IOException;
    }

    /** Writes one kind of result to a file, new or (resuming) appended to. */
    @FunctionalInterface
    interface FileWriters<R extends ProbeResult> {
        ResultWriter<R> open(Path file, OutputFormat format, boolean append) throws IOException;
    }

    /**
     * Writes a scan's results to its {@code --output} file: a new one ({@code resumedKeys} null),
     * or with {@code --resume} appended to one that holds the results of {@code resumedKeys}.
     * {@link #run} reads those keys once and hands the same set on (the history finds the run
     * that wrote the file by them): a file of millions of results is neither read for them again
     * nor held twice.
     */
    @FunctionalInterface
    interface ScanFileWriters<R extends ProbeResult> {
        ResultWriter<R> open(Path file, OutputFormat format, Set<String> resumedKeys) throws IOException;
    }

    /**
     * Runs {@code scan} into the chosen output: stdout, or a file written as results arrive; with
     * {@code --resume}, only the targets the file does not hold yet, appended to it.
     */
    <R extends ProbeResult> int run(
            Scan<?, R> scan,
            ResultKind kind,
            StreamWriters<R> toStream,
            ScanFileWriters<R> toFile,
            Predicate<R> keep,
            String noun,
            PrintStream out,
            PrintStream err)
            throws IOException, InterruptedException {
        ResultWriter<R> writer;
        if (output == null) {
            Writer rows = Streams.checked(out);
            if (Streams.progressWanted(noProgress))
                rows = Streams.besideProgressBar(rows, err); // one terminal for both
            writer = toStream.open(format(), rows, true, true); // each row reaches a pipe as it completes
        } else {
            Set<String> done = null;
            if (resume) {
                done = ResumeReader.doneKeys(output, kind);
                scan = scan.skipping(done);
                if (scan.skippedOutsideJob() > 0) {
                    throw new UserError("--resume: " + output + " holds " + scan.skippedOutsideJob() + " of "
                            + done.size() + " results that are not part of this job: it is the output of another"
                            + " scan; resume with that scan's options, or write to a new file");
                }
                if (!done.isEmpty() && scan.progress().total() == 0) {
                    err.println("fanout: nothing left to scan: " + output + " already holds all " + done.size() + " "
                            + noun);
                    return 0;
                }
            }
            writer = toFile.open(output, format(), done);
        }
        return ScanSession.run(scan, writer, keep, noun, Streams.progressWanted(noProgress), err);
    }
}
