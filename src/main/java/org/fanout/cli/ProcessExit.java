package org.fanout.cli;

/**
 * Ends the command-line process once its streams are flushed. HotSpot's exit waits up to 300 ms
 * for threads in native code, and after any virtual-thread socket I/O the JDK's poller thread
 * always is (parked in epoll_wait): a fixed 0.3 s on every HTTP check. The launchers therefore
 * pass {@code -XX:UserThreadWaitAttemptsAtExit=0} (JDK 25), which drops that wait and nothing
 * else. That replaced libc's {@code _exit} through the FFM API, whose linking alone cost ~0.1 s of
 * every start-up, and which skipped what an ordinary exit does (a JFR recording's dump, for one).
 */
public final class ProcessExit {
    private ProcessExit() {}

    /**
     * Ends the process with {@code status}; the last thing {@code main} does. A success where only
     * daemon threads are left returns instead, and the JVM ends as {@code main} does, running the
     * same shutdown hooks. {@code System.exit} first logs the exit through {@code System.Logger}
     * (JDK 17+), whose first use looks for a {@code LoggerFinder} in every jar on the class path: it
     * opens all thirty of them, which the class-data archive otherwise spares a command (~20-40 ms
     * of each on a slow VM, bench/RESULTS.md).
     */
    public static void end(int status) {
        System.out.flush();
        System.err.flush();
        if (status == 0 && onlyDaemonsBeside(Thread.currentThread())) return;
        System.exit(status);
    }

    /** Whether every live platform thread but {@code self} is a daemon (the JVM waits for the others). */
    private static boolean onlyDaemonsBeside(Thread self) {
        ThreadGroup root = self.getThreadGroup();
        while (root.getParent() != null) root = root.getParent();
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        if (n == threads.length) return false; // more than counted: do not guess
        for (int i = 0; i < n; i++) {
            if (threads[i] != self && !threads[i].isDaemon() && threads[i].isAlive()) return false;
        }
        return true;
    }
}
