package org.fanout.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lowest priority, read back from the kernel ({@code /proc}): for a lowered thread and the threads it starts. */
public class BackgroundPriorityTest {
    /** The nice value of a thread of this process, from field 19 of {@code /proc/self/task/TID/stat}. */
    private static int niceOf(Path taskStat) throws IOException {
        String stat = Files.readString(taskStat);
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]); // fields 3.. follow the name: state is 3, nice 19
    }

    public static int niceOfCurrentThread() throws IOException {
        return niceOf(Path.of("/proc/thread-self/stat"));
    }

    public static boolean linux() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    }

    @Test
    void threadsOfALoweringFactoryAndTheThreadsTheyStartRunAtTheLowestPriority() throws Exception {
        assumeTrue(linux(), "setpriority and /proc: Linux");
        int callers = niceOfCurrentThread();
        assumeTrue(callers < BackgroundPriority.NICE, "the tests already run at the lowest priority");
        AtomicInteger own = new AtomicInteger(-100);
        AtomicInteger child = new AtomicInteger(-100);
        ExecutorService lowered = Executors.newSingleThreadExecutor(
                BackgroundPriority.lowering(Thread.ofPlatform().factory()));
        try {
            lowered.submit(() -> {
                        own.set(niceOfCurrentThread());
                        Thread started = Thread.ofPlatform().start(() -> {
                            try {
                                child.set(niceOfCurrentThread());
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        });
                        started.join();
                        return null;
                    })
                    .get(10, TimeUnit.SECONDS);
        } finally {
            lowered.shutdown();
        }
        assertThat(own.get()).isEqualTo(BackgroundPriority.NICE);
        assertThat(child.get()).isEqualTo(BackgroundPriority.NICE);
        // and the caller's own priority is left alone
        assertThat(niceOfCurrentThread()).isEqualTo(callers);
    }
}
