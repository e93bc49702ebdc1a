package org.fanout.engine.strategy;

import org.fanout.engine.probe.Probe;
import org.fanout.engine.probe.ProbeResult;

/** Retries a blocking probe where its result says another attempt may help. */
final class Attempts {
    private Attempts() {
    }

    static <T, R extends ProbeResult> R check(Probe<T, R> probe, T target, int retries) throws InterruptedException {
        R result = probe.check(target);
        for (int i = 0; i < retries && probe.retryable(result); i++) {
            result = probe.check(target);
        }
        return result;
    }
}
