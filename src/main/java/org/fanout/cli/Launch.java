package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import org.fanout.Version;

/**
 * How the process comes in ({@code org.fanout.Main}): the desktop app alone, the version alone, or
 * the command line. Nothing here touches picocli, so the first two never load its classes: they are
 * Java 5 class files, which neither a class-data archive nor an AOT cache holds, so every start
 * that loads one opens picocli's jar and reads, verifies and links them afresh.
 */
public final class Launch {
    private Launch() {}

    /** The desktop app with no options ({@code ./fanout} alone): what {@code gui} does, without picocli's model. */
    public static int app() {
        try {
            return new GuiCommand().call();
        } catch (RuntimeException e) {
            return FanoutCommand.internalFailure(e, System.err);
        }
    }

    /** Whether {@code args} are {@code --version} or {@code -V} and nothing else. */
    static boolean asksTheVersionAlone(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    /** Runs {@code args} with the process's stdout and stderr; returns the exit status. */
    public static int commandLine(String[] args) {
        PrintStream out = Stdout.install();
        int status;
        if (asksTheVersionAlone(args)) {
            out.println(Version.line()); // what picocli prints for it (SubcommandRegistrationTest)
            status = 0;
        } else {
            status = FanoutCommand.execute(args, out, System.err);
        }
        if (status != 0) return status;
        try { // what was printed without a check of its own (help, version, lists): a failed write is no success
            Stdout.check(out);
            return 0;
        } catch (Stdout.ReaderGone gone) {
            return FanoutCommand.READER_GONE;
        } catch (IOException e) {
            System.err.println("error: " + FanoutCommand.oneLine(e.getMessage()));
            return FanoutCommand.FAILURE;
        }
    }
}
