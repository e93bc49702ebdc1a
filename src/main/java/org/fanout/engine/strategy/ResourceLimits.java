package org.fanout.engine.strategy;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the machine allows: every socket in flight holds a file descriptor, so concurrency is
 * capped below the open-file limit instead of failing with "too many open files"; and every
 * thread counts against the user's process limit (ulimit -u), so threads and worker processes
 * are capped below it instead of dying for want of one.
 */
public final class ResourceLimits {
    /** Descriptors left for the JVM itself, output files, the GUI and worker pipes. */
    static final int RESERVE = 96;
    /** Platform threads past this cost more than they give on any machine we target. */
    static final int MAX_PLATFORM_THREADS = 10_000;
    /** Threads left for everything else the user runs, when the process limit is known. */
    static final int THREAD_RESERVE = 64;
    /** Threads a worker JVM starts besides its probe threads (GC, compiler, reader, writer...). */
    public static final int WORKER_JVM_THREADS = 24;

    private ResourceLimits() {}

    /** The concurrency a scan may use and, if it is less than asked, why. */
    public record Cap(int concurrency, String reason) {
        public boolean capped() {
            return reason != null;
        }
    }

    public static Cap cap(Strategy strategy, int requested, long targets) {
        int c = requested;
        String reason = null;
        long free = freeDescriptorsFromProc();
        if (strategy != Strategy.SERIAL && strategy != Strategy.PROCESS && free >= 0 && c > free) {
            c = (int) Math.max(1, free);
            reason = "open-file limit (ulimit -n)";
        }
        if (strategy == Strategy.POOL && c > MAX_PLATFORM_THREADS) {
            c = MAX_PLATFORM_THREADS;
            reason = "platform thread limit";
        }
        long threadsLeft = strategy == Strategy.POOL ? freeThreads() : -1;
        if (threadsLeft >= 0 && c > threadsLeft) {
            c = (int) threadsLeft;
            reason = "process limit (ulimit -u)";
        }
        if (strategy == Strategy.SERIAL) c = 1;
        if (targets >= 0 && targets < c) c = (int) Math.max(1, targets); // more would only idle
        return new Cap(c, reason);
    }

    /**
     * The probe threads a blocking worker (a {@code process} strategy worker JVM) may run here:
     * {@code requested}, capped by this process's free descriptors, the platform thread cap and
     * the threads the user may still start.
     */
    public static int blockingThreads(int requested) {
        long c = Math.min(requested, MAX_PLATFORM_THREADS);
        long fds = freeDescriptorsFromProc();
        if (fds >= 0) c = Math.min(c, fds);
        long threads = freeThreads();
        if (threads >= 0) c = Math.min(c, threads);
        return (int) Math.max(1, c);
    }

    /**
     * Threads (processes, to the kernel) this user may still start under {@code ulimit -u}, less
     * a reserve, counting every thread on the machine as the user's (an underestimate on a shared
     * machine); -1 when unlimited or the OS does not say (only Linux's /proc is read).
     */
    public static long freeThreads() {
        try {
            long limit = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (!line.startsWith("Max processes")) continue;
                String soft = line.substring("Max processes".length()).strip().split("\\s+")[0];
                if (!soft.equals("unlimited")) limit = Long.parseLong(soft);
            }
            if (limit < 0) return -1;
            // Threads running on the whole machine (loadavg's "running/total"): at least the
            // user's own, and one small file instead of a walk through every process.
            String total = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+")[3];
            long used = Long.parseLong(total.substring(total.indexOf('/') + 1));
            return Math.max(1, limit - used - THREAD_RESERVE);
        } catch (IOException | RuntimeException notLinux) {
            return -1;
        }
    }

    /**
     * As {@link #freeDescriptors}, from /proc where there is one: a JVM starts faster without JMX
     * (~50 classes, ~10 ms of every scan's start-up).
     */
    private static long freeDescriptorsFromProc() {
        try {
            long limit = -1;
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (!line.startsWith("Max open files")) continue;
                String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                if (!soft.equals("unlimited")) limit = Long.parseLong(soft);
            }
            String[] open = new File("/proc/self/fd").list();
            if (limit < 0 || open == null) return freeDescriptors();
            return Math.max(1, limit - open.length - RESERVE);
        } catch (IOException | RuntimeException notLinux) {
            return freeDescriptors();
        }
    }

    /** Descriptors this process can still open, less a reserve; -1 when the OS does not say. */
    public static long freeDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return Math.max(1, unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount() - RESERVE);
        }
        return -1;
    }
}
