package org.fanout.cli;

import java.nio.file.Path;
import org.fanout.export.OutputFormat;
import picocli.CommandLine.Option;

/** Where results go and in what form: shared by scan and http. */
final class OutputOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write results to FILE as they arrive (default: stdout).")
    Path output;

    @Option(names = "--format", paramLabel = "F", description = "csv, json (one object per line) or text (default: text on stdout, else from the file name).")
    String format;

    @Option(names = "--resume", description = "Continue a scan whose --output file was cut short: skip what it holds, append the rest.")
    boolean resume;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    OutputFormat format() {
        if (format != null) {
            try {
                return OutputFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new UserError("--format: " + e.getMessage());
            }
        }
        return output == null ? OutputFormat.TEXT : OutputFormat.fromFileName(output);
    }

    void check() {
        if (resume && output == null) throw new UserError("--resume needs --output FILE: the file to continue");
        if (output != null) {
            Path dir = output.toAbsolutePath().getParent();
            if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
                throw new UserError("--output: directory " + dir + " does not exist");
            }
            if (java.nio.file.Files.isDirectory(output)) throw new UserError("--output: " + output + " is a directory");
        }
    }
}
