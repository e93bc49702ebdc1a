package org.fanout.cli;

/**
 * Ctrl-C during a scan: instead of the JVM dying mid-write, the scan is cancelled, the output
 * is closed whole, the summary printed, and the exit status is 130 (128 + SIGINT).
 */
@SuppressWarnings("sunapi")
final class Interrupts {
    private Interrupts() {
    }

    /** Installs {@code action} for SIGINT; returns the previous handler to restore. */
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
