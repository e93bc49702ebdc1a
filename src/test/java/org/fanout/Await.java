package org.fanout;

import java.time.Duration;

/**
 * The tests' one polling helper: checks a condition every {@value #POLL_MS} ms until it holds
 * or a deadline passes. Deadlines are generous (the guarantee, not a benchmark): the machine
 * running the suite may be loaded.
 */
public final class Await {
    /** Milliseconds between checks. */
    public static final long POLL_MS = 20;

    /** A condition that may throw (reading a file, a process, the FX thread). */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {}

    /** Waits until {@code condition} holds; fails with an AssertionError if it does not within {@code limit}. */
    public static void until(Duration limit, Condition condition) throws Exception {
        until("condition", limit, condition);
    }

    /** As {@link #until(Duration, Condition)}; the failure names {@code what}. */
    public static void until(String what, Duration limit, Condition condition) throws Exception {
        if (!atMost(limit, condition)) throw new AssertionError(what + " not met within " + limit);
    }

    /**
     * Waits until {@code condition} holds or {@code limit} passes; returns whether it held (for a
     * caller whose own assertions, after the wait, say what went wrong).
     */
    public static boolean atMost(Duration limit, Condition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.holds()) return true;
            if (System.nanoTime() - deadline > 0) return false;
            Thread.sleep(POLL_MS);
        }
    }
}
