package org.fanout;

import org.fanout.cli.FanoutCommand;

/** {@code ./fanout}: with no arguments the desktop app, otherwise the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int status = FanoutCommand.execute(args.length == 0 ? new String[] {"gui"} : args);
        if (status != 0 || args.length == 0 || !"gui".equals(args[0])) System.exit(status);
    }
}
