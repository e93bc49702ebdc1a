package org.fanout.engine.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One daemon thread that, while a run is measured, samples every 10 ms the heap in use and
 * (when asked, for the {@code process} strategy) the threads of this process's children, and
 * keeps the peaks. It lives for the whole comparison, so it is the same one extra thread in
 * every run's thread count.
 */
final class Sampler implements AutoCloseable {
    static final long PERIOD_MILLIS = 10;
    private static final int CHILD_EVERY = 5; // children are listed every 50 ms: listing walks /proc

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong peakChildThreads = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean children;
    private final Thread thread;

    Sampler() {
        thread = Thread.ofPlatform().daemon().name("fanout-compare-sampler").start(this::loop);
    }

    /** Starts a measurement: peaks from now on, children's threads too when {@code children}. */
    void begin(boolean children) {
        peakHeap.set(memory.getHeapMemoryUsage().getUsed());
        peakChildThreads.set(0);
        this.children = children;
        measuring = true;
    }

    /** Ends a measurement, with one last heap sample. */
    void end() {
        measuring = false;
        sampleHeap();
    }

    long peakHeapBytes() {
        return peakHeap.get();
    }

    int peakChildThreads() {
        return (int) peakChildThreads.get();
    }

    private void loop() {
        long tick = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (measuring) {
                    sampleHeap();
                    if (children && tick++ % CHILD_EVERY == 0) sampleChildren();
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException closed) {
            // the comparison is over
        }
    }

    private void sampleHeap() {
        long used = memory.getHeapMemoryUsage().getUsed();
        peakHeap.accumulateAndGet(used, Math::max);
    }

    private void sampleChildren() {
        long sum = ProcessHandle.current()
                .children()
                .mapToLong(p -> threadsOf(p.pid()))
                .sum();
        peakChildThreads.accumulateAndGet(sum, Math::max);
    }

    private static int threadsOf(long pid) {
        try {
            return CpuClock.threadsInStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0; // not Linux, or the child has just exited
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
