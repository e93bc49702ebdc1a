package org.fanout.engine;

import java.util.Map;

/**
 * A consistent-enough snapshot of a scan's counters, cheap to take from any thread.
 *
 * @param total    targets the scan will check
 * @param done     results delivered so far
 * @param outcomes results by {@code ProbeResult.outcome()} (TCP state,
 *                 HTTP status code or error kind); its categories are the status tiles' counts
 * @param errors   results by the error they carry (a filtered port's timeout too, unlike
 *                 {@code ProbeResult.errorKind()})
 * @param elapsedNanos time since the scan started
 * @param workersDied {@code process} strategy workers that died mid-scan (their targets were
 *                    retried elsewhere, or reported with error {@code worker_died})
 */
public record ScanProgress(
        long total,
        long done,
        Map<String, Long> outcomes,
        Map<String, Long> errors,
        long elapsedNanos,
        int workersDied) {
    public ScanProgress(
            long total, long done, Map<String, Long> outcomes, Map<String, Long> errors, long elapsedNanos) {
        this(total, done, outcomes, errors, elapsedNanos, 0);
    }

    public double fraction() {
        return total <= 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }

    public double ratePerSecond() {
        return elapsedNanos <= 0 ? 0 : done * 1e9 / elapsedNanos;
    }

    /** Estimated nanoseconds left at the current rate, or -1 when there is no rate yet. */
    public long etaNanos() {
        double rate = ratePerSecond();
        return rate <= 0 ? -1 : (long) ((total - done) / rate * 1e9);
    }

    public long count(String outcome) {
        return outcomes.getOrDefault(outcome, 0L);
    }
}
