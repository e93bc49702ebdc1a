package org.fanout.engine.compare;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this process and by the children it has waited for.
 *
 * <p>On Linux it reads {@code /proc/self/stat}: {@code utime}, {@code stime} (this process) and
 * {@code cutime}, {@code cstime} (children that have exited and were reaped, as the
 * {@code process} strategy's worker JVMs are at the end of each run), all in clock ticks. The
 * tick is taken as 1/100 s ({@code CLK_TCK}, {@code USER_HZ}, is 100 on every mainstream Linux
 * build; Java cannot ask {@code sysconf} for it). Where {@code /proc} is missing, the JVM's
 * process CPU time (user + system together) is reported as user time and system time as 0.
 */
final class CpuClock {
    static final long NANOS_PER_TICK = 10_000_000L; // CLK_TCK = 100
    private static final Path STAT = Path.of("/proc/self/stat");

    /** CPU nanoseconds at one moment: user and system, this process and its reaped children. */
    record Sample(long userNanos, long sysNanos) {
        Sample minus(Sample earlier) {
            return new Sample(userNanos - earlier.userNanos, sysNanos - earlier.sysNanos);
        }
    }

    private final boolean proc;

    CpuClock() {
        this.proc = readProc() != null;
    }

    /** Whether user and system time are told apart (Linux {@code /proc}). */
    boolean splitsUserAndSystem() {
        return proc;
    }

    Sample now() {
        if (proc) {
            Sample s = readProc();
            if (s != null) return s;
        }
        return new Sample(jvmCpuNanos(), 0);
    }

    private static Sample readProc() {
        try {
            return parseStat(Files.readString(STAT));
        } catch (IOException | RuntimeException unavailable) {
            return null;
        }
    }

    /**
     * Parses a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and
     * may itself hold spaces or parentheses, so fields are counted from the last ')'.
     */
    static Sample parseStat(String line) {
        String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" +");
        // f[0] is field 3 (state); utime, stime, cutime, cstime are fields 14-17
        long utime = Long.parseLong(f[11]);
        long stime = Long.parseLong(f[12]);
        long cutime = Long.parseLong(f[13]);
        long cstime = Long.parseLong(f[14]);
        return new Sample((utime + cutime) * NANOS_PER_TICK, (stime + cstime) * NANOS_PER_TICK);
    }

    /** The number of threads in a {@code /proc/<pid>/stat} line (field 20), or 0 if unreadable. */
    static int threadsInStat(String line) {
        try {
            String[] f = line.substring(line.lastIndexOf(')') + 2).trim().split(" +");
            return Integer.parseInt(f[17]);
        } catch (RuntimeException unreadable) {
            return 0;
        }
    }

    private static long jvmCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long t = os.getProcessCpuTime();
            if (t >= 0) return t;
        }
        return 0;
    }
}
