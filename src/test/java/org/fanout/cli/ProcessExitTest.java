package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessExit#end}, in a JVM of its own: a success returns from {@code main} only when no
 * non-daemon thread is left (the JVM would wait for one for good), the status is the process's
 * either way, and shutdown hooks run on both paths.
 */
@Timeout(60)
class ProcessExitTest {
    @TempDir
    Path dir;

    /** Test main: a shutdown hook that writes {@code args[0]}, optionally a thread that never ends, then end(status). */
    public static final class Ending {
        public static void main(String[] args) throws Exception {
            Path hookRan = Path.of(args[0]);
            int status = Integer.parseInt(args[1]);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    Files.writeString(hookRan, "ran");
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            }));
            if (args[2].equals("lingering")) {
                Thread lingering = new Thread(() -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                lingering.setDaemon(false);
                lingering.start();
            }
            System.out.println("ending " + status);
            ProcessExit.end(status);
        }
    }

    @Test
    void aSuccessReturnsFromMainAndRunsTheHooks() throws Exception {
        assertThat(end(0, "alone")).isZero();
        assertThat(dir.resolve("hook")).hasContent("ran");
    }

    @Test
    void aSuccessWithANonDaemonThreadLeftStillEnds() throws Exception {
        assertThat(end(0, "lingering")).isZero();
        assertThat(dir.resolve("hook")).hasContent("ran");
    }

    @Test
    void aFailureEndsWithItsStatus() throws Exception {
        assertThat(end(2, "alone")).isEqualTo(2);
        assertThat(end(1, "lingering")).isEqualTo(1);
        assertThat(dir.resolve("hook")).hasContent("ran");
    }

    private int end(int status, String threads) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        Ending.class.getName(),
                        dir.resolve("hook").toString(),
                        Integer.toString(status),
                        threads))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("did not end (status " + status + ", " + threads + ")");
        }
        assertThat(Files.readString(dir.resolve("out.txt"))).startsWith("ending " + status);
        return p.exitValue();
    }
}
