package org.fanout.engine.flow;

/** Waiting for threads that must end before their owner goes on, whatever interrupts the wait. */
public final class Joining {
    private Joining() {}

    /**
     * Waits for every one of {@code threads} to end, even if this thread is interrupted meanwhile:
     * at each interrupt {@code onInterrupt} runs (to ask them to stop) and the wait goes on; the
     * interrupt is kept for the caller. Whether there was one.
     */
    public static boolean uninterruptibly(Iterable<Thread> threads, Runnable onInterrupt) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    onInterrupt.run();
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        return interrupted;
    }
}
