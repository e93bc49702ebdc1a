package org.fanout.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Ends the command-line process. HotSpot's exit waits up to 300 ms for threads in native code,
 * and after any virtual-thread socket I/O the JDK's poller thread always is (parked in
 * epoll_wait): a fixed 0.3 s on every HTTP check. Where the launcher allows it
 * ({@code -Dfanout.fastExit=true}), the process ends with libc's {@code _exit} once every output
 * is flushed and closed; otherwise, and wherever that is not available, with {@link System#exit}.
 */
public final class ProcessExit {
    static final String PROPERTY = "fanout.fastExit";

    private ProcessExit() {
    }

    public static void exit(int status) {
        System.out.flush();
        System.err.flush();
        if (Boolean.getBoolean(PROPERTY)) {
            try {
                Optional<MethodHandle> exit = Linker.nativeLinker().defaultLookup().find("_exit").map(address ->
                        Linker.nativeLinker().downcallHandle(address, FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT)));
                if (exit.isPresent()) exit.get().invokeExact(status);
            } catch (Throwable unavailable) {
                // not on this platform, or native access refused: the ordinary way below
            }
        }
        System.exit(status);
    }
}
