package org.fanout.engine;

import org.fanout.engine.strategy.Strategy;

/**
 * What {@code --strategy auto} and {@code --threads auto} choose, and what the app starts with:
 * the fastest settings measured in bench/ (RESULTS.md) on each kind of job.
 * <ul>
 *   <li>TCP: {@code nio}, an event loop per core, 2000 sockets in flight — a full loopback range
 *       in about a second; more in flight only queues in the kernel.</li>
 *   <li>HTTP: {@code virtual}, 1000 virtual threads on keep-alive connections — 0.28x the
 *       seeds' Python pool on the 17,576-URL job, ahead of {@code nio} (the JDK's asynchronous
 *       client costs 2.7x the CPU) and {@code pool} (1000 platform threads).</li>
 * </ul>
 * The count is further capped by the open-file limit and by the number of targets.
 */
public final class AutoSettings {
    private AutoSettings() {}

    public static Strategy strategy(boolean tcp) {
        return tcp ? Strategy.NIO : Strategy.VIRTUAL;
    }

    public static int threads(Strategy strategy, boolean tcp) {
        return switch (strategy) {
            case SERIAL -> 1;
            case POOL -> tcp ? 256 : 200;
            case VIRTUAL, NIO -> tcp ? 2000 : 1000;
            case PROCESS -> tcp ? 512 : 400;
        };
    }
}
