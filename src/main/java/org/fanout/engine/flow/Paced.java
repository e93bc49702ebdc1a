package org.fanout.engine.flow;

/**
 * Marks a target iterator that releases targets on a schedule: consumers must draw one target
 * at a time from it and start it before drawing the next (drawing a batch, or handing targets to
 * threads that may not run yet, would hold early targets back and then start them in a burst).
 */
public interface Paced {
    /** How long until the next target is due; an event loop selects that long instead of blocking in next(). */
    long nanosUntilNext();
}
