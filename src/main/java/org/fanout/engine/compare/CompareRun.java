package org.fanout.engine.compare;

import org.fanout.engine.strategy.Strategy;

/**
 * One finished run of a {@link Comparison}: the data of one row of the {@code compare} CSV
 * ({@code strategy,threads,targets,wall_ms,throughput_per_s,cpu_user_ms,cpu_sys_ms,peak_threads,peak_heap_mb}).
 *
 * @param strategy            the strategy used
 * @param threads             the thread count asked for (for {@code process}, the total across
 *                            worker processes); the concurrency actually used may be lower when
 *                            there are fewer targets or the machine caps it
 * @param targets             results delivered (every target once: the scan's exact counter)
 * @param wallMs              wall-clock time of the run, in milliseconds
 * @param throughputPerSecond targets per second of wall time
 * @param cpuUserMs           user CPU time of this process and of its child processes (the
 *                            {@code process} strategy's workers) during the run, milliseconds
 * @param cpuSysMs            system CPU time, likewise; 0 where the OS does not tell them apart
 * @param peakThreads         the most live platform threads at once: this JVM's (virtual threads
 *                            are not threads here, only their carriers are), plus for {@code process}
 *                            the sampled peak of all threads of the worker JVMs together
 * @param peakHeapMb          the most heap in use in this JVM during the run (sampled every 10 ms
 *                            after a GC at its start), MiB; worker JVMs' heaps are not included
 */
public record CompareRun(
        Strategy strategy,
        int threads,
        long targets,
        double wallMs,
        double throughputPerSecond,
        long cpuUserMs,
        long cpuSysMs,
        int peakThreads,
        double peakHeapMb) {
    /** CPU time used per target, in microseconds (user + sys), or 0 with no targets. */
    public double cpuMicrosPerTarget() {
        return targets == 0 ? 0 : (cpuUserMs + cpuSysMs) * 1000.0 / targets;
    }
}
