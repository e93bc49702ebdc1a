package org.fanout.engine.flow;

/**
 * Marks a target iterator that releases targets on a schedule: consumers must draw one target
 * at a time from it and start it before drawing the next (drawing a batch, or handing targets to
 * threads that may not run yet, would hold early targets back and then start them in a burst).
 */
public interface Paced {
    /** How long until the next target is due; an event loop selects that long instead of blocking in next(). */
    long nanosUntilNext();

    /**
     * How many targets may be handed on unstarted (to a worker process, through a pipe): as many as
     * fall due within the pacer's slack, which would go together anyway after a late wake, and
     * two at least. One at a time would wait a round trip per target (a millisecond or more on a
     * busy machine), which at a high rate left the scan behind its schedule again and again.
     */
    int mayWaitUnstarted();
}
