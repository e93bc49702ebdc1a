package org.fanout.engine.strategy;

import java.time.Duration;
import org.fanout.engine.probe.NonBlockingEngine;
import org.fanout.engine.probe.Probe;
import org.fanout.engine.probe.ProbeResult;

/**
 * Everything a strategy needs to check one kind of target, whichever way it spreads the work:
 * a blocking probe for threads, a non-blocking engine for the event loop, and a wire format
 * for worker processes.
 */
public interface ScanJob<T, R extends ProbeResult> {
    Probe<T, R> probe();

    NonBlockingEngine<T, R> nonBlocking();

    WireFormat<T, R> wire();

    /** The key a result of this target will carry (to skip targets already done). */
    String keyOf(T target);

    /**
     * A result decided without any I/O (an unresolvable host), or null where the target must be
     * probed. Strategies that ship targets elsewhere use it so nothing is resolved twice.
     */
    R precheck(T target);

    /** The result for a target no probe could run on, with the named error (e.g. a worker died). */
    R failed(T target, String error);

    /** The longest one target can take, retries included; past it (plus slack) it is abandoned. */
    Duration worstCasePerTarget();
}
