package org.fanout.ui.fx;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

/**
 * Lowers the scheduling priority of the calling thread (Linux: {@code setpriority(PRIO_PROCESS,
 * 0, 19)}, the lowest priority, which on Linux applies to the calling thread only; threads it starts later inherit
 * it). The scan runs on such a thread, so its hundreds of busy worker threads yield the CPU to
 * the FX thread and the renderer: without it, on a two-core machine, a loopback scan left the
 * FX thread waiting 150 ms and more for a time slice. Raising niceness needs no privilege.
 * Elsewhere, or if the call is unavailable, it does nothing (Java thread priorities are
 * ignored by the JVM on Linux).
 */
public final class BackgroundPriority {
    /** The nice value background threads get (0 is normal, 19 the lowest priority). */
    public static final int NICE = 19;

    private static final int PRIO_PROCESS = 0;

    private BackgroundPriority() {}

    /**
     * The native call, linked when a thread first lowers itself, on that thread: linking it (FFM
     * spins a stub class) took ~40 ms, which the view models paid on the FX thread before the first
     * frame when they merely made their lowering thread factories.
     */
    private static final class Setpriority {
        static final Optional<MethodHandle> HANDLE = find();
    }

    private static Optional<MethodHandle> find() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) return Optional.empty();
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup()
                    .find("setpriority")
                    .map(addr -> linker.downcallHandle(
                            addr,
                            FunctionDescriptor.of(
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT,
                                    ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // native access not allowed or not supported: run at normal priority
        }
    }

    /**
     * Threads of {@code factory} that lower their own priority before they run anything (and so
     * do the threads they start).
     */
    public static ThreadFactory lowering(ThreadFactory factory) {
        return work -> factory.newThread(() -> {
            lowerCurrentThread();
            work.run();
        });
    }

    /** Lowers the calling thread's priority; returns whether it could. */
    public static boolean lowerCurrentThread() {
        Optional<MethodHandle> setpriority = Setpriority.HANDLE;
        if (setpriority.isEmpty()) return false;
        try {
            return (int) setpriority.get().invokeExact(PRIO_PROCESS, 0, NICE) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
