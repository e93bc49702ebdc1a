package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pacer's catch-up after a stall, on its own: no sockets, the draws' own times. */
class PacerTest {
    @Test
    void afterAStallDrawsAreSpacedByTwoThirdsOfTheIntervalFromWhenEachActuallyWent() throws Exception {
        var pacer = new Pacer<>(IntStream.range(0, 40).iterator(), 200); // one every 5 ms
        pacer.next();
        Thread.sleep(60); // a stall: twelve targets overdue
        long[] went = new long[12];
        for (int i = 0; i < went.length; i++) {
            pacer.next();
            went[i] = System.nanoTime();
        }
        // The first overdue target goes at once; each after it waits two thirds of an interval
        // (3.3 ms) from when the one before went, not from when that one was due (which a late
        // draw has already passed, so the next would follow right behind it), less at most the
        // allowance for a timer's overshoot.
        long leastGap = 5_000_000L * 2 / 3 - Pacer.MAX_TIMER_ALLOWANCE_NANOS - 100_000;
        for (int i = 1; i < went.length; i++) {
            assertThat(went[i] - went[i - 1]).as("gap before draw " + i).isGreaterThan(leastGap);
        }
        // It is catching up, not keeping to the rate: eleven gaps well under eleven intervals.
        assertThat(went[went.length - 1] - went[0]).isLessThan(11 * 5_000_000L);
    }

    @Test
    void aHighRateIsCaughtUpAfterAStall() throws Exception {
        double rate = 5000; // one every 200 us: a timer's overshoot is a good part of an interval
        var pacer = new Pacer<>(IntStream.iterate(0, i -> i + 1).iterator(), rate);
        long start = System.nanoTime();
        pacer.next();
        Thread.sleep(20); // a stall: a hundred targets overdue
        // How far behind the schedule each draw leaves the scan, in targets. Not the rate over the
        // second: a stall of this machine late in it (other work, a GC) would take it below any
        // bound without the pacer being at fault.
        int draws = 5000;
        double[] behind = new double[draws];
        long[] at = new long[draws];
        for (int i = 0; i < draws; i++) {
            pacer.next();
            at[i] = System.nanoTime() - start;
            behind[i] = at[i] / 1e9 * rate + 1 - (i + 2);
        }
        // Never ahead of the schedule, whatever the catching up.
        for (int i = 0; i < draws; i++) {
            assertThat(behind[i]).as("targets behind after draw " + i).isGreaterThan(-2.0);
        }
        // Caught up soon after the stall: at one and a half times the rate, 100 behind is 40 ms.
        int caughtUp = 0;
        while (caughtUp < draws && behind[caughtUp] > 10) caughtUp++;
        assertThat(caughtUp).as("draws until caught up").isLessThan(draws);
        assertThat(at[caughtUp]).as("caught up by, ns").isLessThan(250_000_000L);
        // And kept to it: a pacer whose catch-up is slower than the rate (timer overshoot counted as
        // lateness) stays behind for good; stalls of this machine put it behind only for a while.
        long onSchedule = java.util.Arrays.stream(behind, caughtUp, draws)
                .filter(b -> b <= 10)
                .count();
        assertThat(onSchedule)
                .as("draws on schedule of " + (draws - caughtUp))
                .isGreaterThan((draws - caughtUp) * 8L / 10);
    }

    @Test
    void theTimerAllowanceSettlesWhereOneWakeInTenIsLater() {
        var random = new java.util.Random(14);
        long allowance = Pacer.INITIAL_TIMER_ALLOWANCE_NANOS;
        // A busy VM: wakes 300 to 700 us late, evenly; nine in ten are within 660 us.
        for (int i = 0; i < 5000; i++) {
            allowance = Pacer.learnTimerAllowance(allowance, 300_000 + random.nextLong(400_000));
        }
        assertThat(allowance).isBetween(600_000L, 720_000L);
        // A quiet machine: 50 us, with a stall of 30 ms one wake in fifty.
        for (int i = 0; i < 5000; i++) {
            allowance = Pacer.learnTimerAllowance(allowance, i % 50 == 0 ? 30_000_000 : 50_000);
        }
        assertThat(allowance).isBetween(40_000L, 70_000L);
    }
}
