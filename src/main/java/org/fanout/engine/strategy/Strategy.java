package org.fanout.engine.strategy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a scan spreads its work; each is one of the seeds' systems, made real in Java. */
public enum Strategy {
    /** A plain loop on one thread: the seeds' generator. */
    SERIAL,
    /** A fixed pool of platform threads driven through an ExecutorCompletionService (as_completed). */
    POOL,
    /** One virtual thread per task, bounded by a semaphore. */
    VIRTUAL,
    /** Non-blocking sockets on a selector (TCP), an asynchronous client (HTTP): the event loop. */
    NIO,
    /** Worker JVMs, each with its own thread pool, fed from a work queue behind a start barrier. */
    PROCESS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Strategy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown strategy '" + text + "' (expected one of "
                    + Arrays.stream(values()).map(Strategy::label).collect(Collectors.joining(", ")) + ")");
        }
    }
}
