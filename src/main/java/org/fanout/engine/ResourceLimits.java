package org.fanout.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * What the machine allows: every socket in flight holds a file descriptor, so concurrency is
 * capped below the open-file limit instead of failing with "too many open files".
 */
public final class ResourceLimits {
    /** Descriptors left for the JVM itself, output files, the GUI and worker pipes. */
    static final int RESERVE = 96;
    /** Platform threads past this cost more than they give on any machine we target. */
    static final int MAX_PLATFORM_THREADS = 10_000;

    private ResourceLimits() {
    }

    /** The concurrency a scan may use and, if it is less than asked, why. */
    public record Cap(int concurrency, String reason) {
        public boolean capped() {
            return reason != null;
        }
    }

    public static Cap cap(Strategy strategy, int requested, long targets) {
        int c = requested;
        String reason = null;
        long free = freeDescriptors();
        if (strategy != Strategy.SERIAL && strategy != Strategy.PROCESS && free >= 0 && c > free) {
            c = (int) Math.max(1, free);
            reason = "open-file limit (ulimit -n)";
        }
        if (strategy == Strategy.POOL && c > MAX_PLATFORM_THREADS) {
            c = MAX_PLATFORM_THREADS;
            reason = "platform thread limit";
        }
        if (strategy == Strategy.SERIAL) c = 1;
        if (targets >= 0 && targets < c) c = (int) Math.max(1, targets); // more would only idle
        return new Cap(c, reason);
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
