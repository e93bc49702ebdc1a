package org.fanout.engine.probe;

/** What every probe result offers to counters, charts and exporters, whatever its kind. */
public sealed interface ProbeResult permits TcpResult, HttpResult {
    /**
     * The bucket this result is counted in: a TCP state ({@code open}...), or an HTTP status
     * code ({@code 200}) or, where no response came, the error kind ({@code timeout}).
     */
    String outcome();

    /** Time from the start of the (last) attempt to its outcome, in nanoseconds; -1 if none. */
    long latencyNanos();

    /** A short machine-readable error kind, or null when the probe succeeded. */
    String error();

    /** A key identifying the target, used to skip targets already done when resuming. */
    String targetKey();

    default double latencyMillis() {
        return latencyNanos() < 0 ? -1 : latencyNanos() / 1_000_000.0;
    }
}
