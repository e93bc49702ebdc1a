package org.fanout.cli;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ctrl-C during a scan: instead of the JVM dying mid-write, the scan is cancelled, the output
 * is closed whole, the summary printed, and the exit status is 130 (128 + SIGINT). SIGTERM
 * (kill, a service manager) and SIGHUP (the terminal closed) stop a run the same way.
 */
@SuppressWarnings("sunapi")
final class Interrupts {
    /** The signals that stop a scan or comparison as Ctrl-C does. */
    private static final List<String> STOPPING = List.of("INT", "TERM", "HUP");

    private Interrupts() {}

    /** Which signal stopped the run, if any, and the handlers it replaced. */
    static final class Stop {
        private final Map<sun.misc.Signal, sun.misc.SignalHandler> previous = new HashMap<>();
        private volatile int signal;

        boolean requested() {
            return signal != 0;
        }

        /** 128 + the signal's number, as a shell reports a process that signal ended. */
        int exitStatus() {
            return 128 + signal;
        }
    }

    /** Installs {@code action} for SIGINT, SIGTERM and SIGHUP; restore with {@link #restore(Stop)}. */
    static Stop onStop(Runnable action) {
        Stop stop = new Stop();
        for (String name : STOPPING) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                stop.previous.put(signal, sun.misc.Signal.handle(signal, sig -> {
                    if (stop.signal == 0) stop.signal = sig.getNumber();
                    action.run();
                }));
            } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
                // no such signal here (or the JVM reserves it): its default behaviour stays
            }
        }
        return stop;
    }

    static void restore(Stop stop) {
        stop.previous.forEach((signal, handler) -> {
            try {
                sun.misc.Signal.handle(signal, handler);
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
        });
    }

    /** Installs {@code action} for SIGINT only; returns the previous handler to restore. */
    static Object onCtrlC(Runnable action) {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> action.run());
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            return null; // no SIGINT here (or the JVM reserves it): the default behaviour stays
        }
    }

    static void restore(Object previous) {
        if (previous instanceof sun.misc.SignalHandler handler) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), handler);
            } catch (IllegalArgumentException ignored) {
                // nothing to restore
            }
        }
    }
}
