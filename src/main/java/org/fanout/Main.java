package org.fanout;

import org.fanout.cli.FanoutCommand;

/** {@code ./fanout}: with no arguments the desktop app, otherwise the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // With no arguments, the window; System.exit also ends JavaFX's threads once it closes.
        System.exit(FanoutCommand.execute(args.length == 0 ? new String[] {"gui"} : args));
    }
}
