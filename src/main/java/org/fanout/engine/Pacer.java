package org.fanout.engine;

import java.util.Iterator;
import java.util.concurrent.locks.LockSupport;
import org.fanout.engine.flow.Paced;

/**
 * Paces target starts evenly at a fixed rate, for scanning gently: the n-th target is due at
 * start + n / rate, so over seconds the rate is exactly what was asked. A consumer a little late
 * (timers and selectors overshoot by tens of microseconds, a whole interval at 20,000/s) takes
 * the targets now due at once; one that stalled longer (a busy machine) catches up at most half
 * as fast again as the rate, never in a burst; one more than {@link #CATCH_UP_NANOS} behind
 * earns nothing: the schedule restarts from now.
 *
 * <p>Catch-up gaps are counted from when each target actually went, less how late this machine's
 * timer usually wakes a parked thread. That allowance is learnt as the scan goes (a high quantile
 * of the wakes seen), because it differs tenfold between machines: a fixed guess too small for a
 * busy VM made every catch-up gap longer than the interval at a few thousand per second, and the
 * scan never caught up.
 */
final class Pacer<T> implements Iterator<T>, Paced {
    /** Lateness taken back at once: a timer's overshoot, not a burst. */
    static final long SLACK_NANOS = 2_000_000;
    /** How late a parked thread is taken to wake before any wake has been seen. */
    static final long INITIAL_TIMER_ALLOWANCE_NANOS = 250_000;
    /** The most a late wake is ever excused: beyond this it is a stall, not a timer's overshoot. */
    static final long MAX_TIMER_ALLOWANCE_NANOS = 1_000_000;

    private static final long MIN_TIMER_ALLOWANCE_NANOS = 20_000;
    /**
     * How far ahead targets may be handed to a worker process unstarted: a round trip to one and
     * back takes milliseconds on a busy machine, and waiting it out for every target left a
     * paced process scan behind its schedule at a few hundred per second.
     */
    static final long HAND_OVER_NANOS = 10_000_000;
    /** The longest stall still caught up. */
    static final long CATCH_UP_NANOS = 1_000_000_000L;

    private final Iterator<T> source;
    private final long intervalNanos;
    private final long catchUpIntervalNanos;
    private boolean started; // the schedule starts at the first draw: worker processes take a while to start
    private long next; // when the next target is due on the schedule
    private long fast; // when it is due on the catch-up schedule, 1.5 times as fast
    private long timerAllowance = INITIAL_TIMER_ALLOWANCE_NANOS; // how late parked wakes come, 9 in 10

    Pacer(Iterator<T> source, double perSecond) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be positive");
        this.source = source;
        this.intervalNanos = Math.max(1, (long) (1e9 / perSecond));
        this.catchUpIntervalNanos = Math.max(1, intervalNanos * 2 / 3);
    }

    /** When the next target may start, given the time now. */
    private long dueAt(long now) {
        if (!started) return now;
        if (now - next > CATCH_UP_NANOS) return now; // the schedule restarts from now
        if (now - next <= SLACK_NANOS) return next;
        return Math.max(fast, now - SLACK_NANOS); // the catch-up schedule has the same slack, no more
    }

    @Override
    public long nanosUntilNext() {
        long now = System.nanoTime();
        return Math.max(0, dueAt(now) - now);
    }

    @Override
    public int mayWaitUnstarted() {
        return (int) Math.max(2, HAND_OVER_NANOS / intervalNanos);
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public T next() {
        long now = System.nanoTime();
        if (!started || now - next > CATCH_UP_NANOS) next = now; // first, or fell far behind: no credit
        started = true;
        long due = dueAt(now);
        boolean parked = false;
        while (due - System.nanoTime() > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(due - System.nanoTime());
            parked = true;
        }
        long went = System.nanoTime();
        if (parked) timerAllowance = learnTimerAllowance(timerAllowance, went - due);
        // From when this target actually goes, not when it was due: a thread that woke late (a busy
        // machine) must not start the next one right behind it. A timer's usual overshoot is not
        // lateness: counted in, the catch-up gaps grow longer than the interval itself.
        fast = Math.max(due, went - timerAllowance) + catchUpIntervalNanos;
        next += intervalNanos;
        return source.next();
    }

    /**
     * Moves the allowance towards the 90th percentile of wake lateness: up an eighth when a wake
     * comes later, down a seventy-second when earlier, so it settles where one wake in ten exceeds
     * it, and a single stall moves it little. Returns the allowance after a wake {@code late}.
     */
    static long learnTimerAllowance(long allowance, long late) {
        long moved = late > allowance ? allowance + allowance / 8 : allowance - allowance / 72;
        return Math.clamp(moved, MIN_TIMER_ALLOWANCE_NANOS, MAX_TIMER_ALLOWANCE_NANOS);
    }
}
