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
     * How many targets may be handed on unstarted (to a worker process, through a pipe), two at
     * least: a burst of at most these few after a worker stalls, where waiting for each start
     * in turn would cost a round trip per target, slower than a high rate.
     */
    int mayWaitUnstarted();
}
