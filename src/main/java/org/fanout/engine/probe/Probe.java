package org.fanout.engine.probe;

/**
 * A blocking check of one target: the caller's thread does the I/O and waits for it. Every
 * probe has its own deadline, so {@link #check} always returns within roughly the timeout.
 */
public interface Probe<T, R extends ProbeResult> {
    /** Checks {@code target} once (retries are the strategies' business, through {@link #retryable}). */
    R check(T target) throws InterruptedException;

    /** Whether a result is worth another attempt (a timeout may be a dropped packet; a refusal is final). */
    boolean retryable(R result);

    /** The result reported for a target whose task was abandoned at its deadline or on cancel. */
    R abandoned(T target, long elapsedNanos);

    /** Closes every socket the probe has open, waking threads blocked on them (cancel). */
    default void abort() {}

    /** Closes what the probe keeps between checks (idle keep-alive connections) once a scan ends. */
    default void release() {}

    /**
     * Closes the sockets {@code owner} holds in any probe, so a thread blocked past its task's
     * deadline (a platform thread in a read ignores interrupts) is woken without touching others.
     */
    static void closeSocketsOf(Thread owner) {
        LiveSockets.closeOwnedBy(owner);
    }
}
