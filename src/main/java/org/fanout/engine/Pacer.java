package org.fanout.engine;

import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces target starts evenly at a fixed rate, for scanning gently: the n-th target is released
 * at start + n / rate, so there are no bursts, and a slow consumer does not earn a burst later
 * (the schedule never runs more than one interval ahead of now).
 */
final class Pacer<T> implements Iterator<T>, org.fanout.engine.strategy.Paced {
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
        } else {
            next = now; // fell behind: carry no credit forward, so no burst follows
        }
        next += intervalNanos;
        return source.next();
    }
}
