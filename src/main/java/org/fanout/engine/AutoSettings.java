package org.fanout.engine;

import org.fanout.engine.strategy.Strategy;

/**
 * What {@code --strategy auto} and {@code --threads auto} choose, and what the app starts with:
 * the fastest settings measured in bench/ (RESULTS.md) on each kind of job.
 * <ul>
 *   <li>TCP: {@code nio}, an event loop per core, 2000 sockets in flight — a full loopback range
 *       in about a second; more in flight only queues in the kernel.</li>
 *   <li>HTTP: {@code nio}, 1000 requests in flight on one selector with keep-alive connections
 *       — on the seeds' 17,576-URL job half the CPU of {@code virtual} (whose every blocking read
 *       copies the thread's stack into the heap) at a lower wall time and peak memory; level with
 *       it on TLS, where the handshakes dominate.</li>
 * </ul>
 * The count is further capped by the open-file limit and by the number of targets.
 */
public final class AutoSettings {
    private AutoSettings() {}

    /** The strategy for a TCP ({@code tcp}) or HTTP job: {@code nio} for both, as measured today. */
    public static Strategy strategy(boolean tcp) {
        return Strategy.NIO;
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
