package org.fanout.engine.probe;

/**
 * What every probe result offers to counters, charts and exporters, whatever its kind; and the
 * one classification of results ({@link #outcome}, {@link #category}, {@link #isAnswered},
 * {@link #errorKind}) that the CLI summary, the status tiles, the charts, the table's filter and
 * the history all count by.
 */
public sealed interface ProbeResult permits TcpResult, HttpResult {
    /** The kind named where a result is an error but carries none (or a blank one). */
    String UNKNOWN = "unknown";

    /**
     * The bucket this result is counted in: a TCP state ({@code open}...), or an HTTP status
     * code ({@code 200}) or, where no response came, the error kind ({@code timeout}); never null.
     */
    String outcome();

    /**
     * The coarse class a result is counted, shown and filtered under: the TCP state
     * ({@link TcpResult#CATEGORIES}), or the HTTP status class {@code 1xx}..{@code 5xx} or
     * {@link HttpResult#ERRORS} ({@link HttpResult#CATEGORIES}).
     */
    String category();

    /**
     * Whether the target answered (a TCP port open or closed, an HTTP response of any status):
     * only then is the latency a round trip, not a deadline or a give-up.
     */
    boolean isAnswered();

    /**
     * The kind this result counts under as an error, or null when it is none: TCP state
     * {@code error} and HTTP results in {@link HttpResult#ERRORS}. A {@code filtered}
     * port's timeout is a state of its own, not an error, and any 1xx-5xx status is a response.
     */
    String errorKind();

    /** Time from the start of the (last) attempt to its outcome, in nanoseconds; -1 if none. */
    long latencyNanos();

    /**
     * A short machine-readable error kind, or null when the probe succeeded. Not the same as
     * {@link #errorKind()}: a filtered port carries {@code timeout} here.
     */
    String error();

    /** A key identifying the target, used to skip targets already done when resuming. */
    String targetKey();

    default double latencyMillis() {
        return latencyNanos() < 0 ? -1 : latencyNanos() / 1_000_000.0;
    }
}
