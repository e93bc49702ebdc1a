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

    public static void exit(int status) {
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }
}
