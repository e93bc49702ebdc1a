package org.fanout.engine;

import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces target starts evenly at a fixed rate, for scanning gently: the n-th target is released
 * at start + n / rate. A consumer that wakes a little late (timers and selectors overshoot by
 * tens of microseconds, as long as a whole interval at 20,000/s) takes the targets now due, so
 * the rate holds (as does one briefly descheduled on a busy machine); one that fell behind by
 * more than {@link #CATCH_UP_NANOS} earns no burst later: the schedule restarts from now.
 */
final class Pacer<T> implements Iterator<T>, org.fanout.engine.strategy.Paced {
    /** How far behind its schedule a consumer may fall and still catch up. */
    static final long CATCH_UP_NANOS = 10_000_000;
    private final Iterator<T> source;
    private final long intervalNanos;
    private long next;

    Pacer(Iterator<T> source, double perSecond) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be positive");
        this.source = source;
        this.intervalNanos = Math.max(1, (long) (1e9 / perSecond));
        this.next = System.nanoTime();
    }

    @Override
    public long nanosUntilNext() {
        return Math.max(0, next - System.nanoTime());
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public T next() {
        long now = System.nanoTime();
        if (next - now > 0) {
            long wake = next;
            while (wake - System.nanoTime() > 0 && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(wake - System.nanoTime());
            }
        } else if (now - next > CATCH_UP_NANOS) {
            next = now; // fell far behind: carry no credit forward, so no burst follows
        }
        next += intervalNanos;
        return source.next();
    }
}
