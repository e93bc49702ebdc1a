package org.fanout;

import org.fanout.cli.Launch;
import org.fanout.cli.ProcessExit;

/** {@code ./fanout}: with no arguments the desktop app, otherwise the command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        // With no arguments, the window; ending also ends JavaFX's threads once it closes.
        ProcessExit.end(args.length == 0 ? Launch.app() : Launch.commandLine(args));
    }
}
