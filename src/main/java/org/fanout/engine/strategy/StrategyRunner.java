package org.fanout.engine.strategy;

import java.util.Iterator;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.probe.ProbeResult;

/** Runs a job's targets under one strategy, handing results to {@code emit} on the calling thread. */
public interface StrategyRunner {
    <T, R extends ProbeResult> void run(
            ScanJob<T, R> job, Iterator<T> targets, int retries, Consumer<R> emit, Cancellation cancel)
            throws InterruptedException;
}
