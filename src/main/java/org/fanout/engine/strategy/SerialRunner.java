package org.fanout.engine.strategy;

import java.util.Iterator;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.probe.ProbeResult;

/**
 * One target after another on the calling thread: the seeds' generator loop. Each target has
 * its deadline ({@link Deadlines}), so one dripping server cannot hold up the rest.
 */
public final class SerialRunner implements StrategyRunner {
    @Override
    public <T, R extends ProbeResult> void run(
            ScanJob<T, R> job, Iterator<T> targets, int retries, Consumer<R> emit, Cancellation cancel)
            throws InterruptedException {
        Thread self = Thread.currentThread();
        Runnable interrupt = self::interrupt;
        cancel.onCancel(interrupt);
        try (Deadlines deadlines = new Deadlines(job.worstCasePerTarget())) {
            while (targets.hasNext() && !cancel.isCancelled()) {
                emit.accept(deadlines.check(job.probe(), targets.next(), retries));
            }
        } catch (InterruptedException e) {
            if (!cancel.isCancelled()) throw e; // the cancel's own interrupt: stopped, as asked
        } finally {
            cancel.remove(interrupt);
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }
}
