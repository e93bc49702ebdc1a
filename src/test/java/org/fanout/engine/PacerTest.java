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
        // draw has already passed, so the next would follow right behind it).
        for (int i = 1; i < went.length; i++) {
            assertThat(went[i] - went[i - 1]).as("gap before draw " + i).isGreaterThan(2_800_000L);
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
        long drawn = 1;
        while (System.nanoTime() - start < 1_000_000_000L) {
            pacer.next();
            drawn++;
        }
        double perSecond = drawn / ((System.nanoTime() - start) / 1e9);
        // The schedule holds over the second: the stall is caught up at 1.5 times the rate.
        assertThat(perSecond).as("draws per second at " + rate).isBetween(rate * 0.95, rate * 1.02);
    }
}
