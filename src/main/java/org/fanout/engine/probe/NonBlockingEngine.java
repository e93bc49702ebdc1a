package org.fanout.engine.probe;

import java.util.Iterator;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;

/** Checks targets with non-blocking I/O from the calling thread (the {@code nio} strategy). */
public interface NonBlockingEngine<T, R extends ProbeResult> {
    /**
     * Checks every target, at most {@code concurrency} in flight, handing each result to
     * {@code emit} one at a time, on the calling thread or, with many in flight, a helper loop's
     * ({@link EventLoops}). Returns when all are done or {@code cancel} is set.
     */
    void run(Iterator<T> targets, int concurrency, Consumer<R> emit, Cancellation cancel) throws InterruptedException;
}
