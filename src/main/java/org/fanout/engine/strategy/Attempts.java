package org.fanout.engine.strategy;

import java.util.function.BooleanSupplier;
import org.fanout.engine.probe.Probe;
import org.fanout.engine.probe.ProbeResult;

/** Retries a blocking probe where its result says another attempt may help. */
final class Attempts {
    private Attempts() {}

    /** Checks {@code target}, making no further attempt once {@code overdue} says its time is up. */
    static <T, R extends ProbeResult> R check(Probe<T, R> probe, T target, int retries, BooleanSupplier overdue)
            throws InterruptedException {
        R result = probe.check(target);
        for (int i = 0; i < retries && probe.retryable(result) && !overdue.getAsBoolean(); i++) {
            result = probe.check(target);
        }
        return result;
    }
}
