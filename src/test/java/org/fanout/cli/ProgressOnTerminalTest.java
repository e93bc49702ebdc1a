package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress bar appears where a person watches and nowhere else, with the command line on a
 * real pseudo-terminal (util-linux {@code script}): stdin, stdout and stderr on it draw the bar;
 * stderr or stdout sent to a file, or stdin from one, draw none (the bar would be garbage in a
 * log, and a script gets the rows alone).
 */
class ProgressOnTerminalTest {
    @TempDir
    Path dir;

    @Test
    void theBarIsDrawnOnATerminalOnly() throws Exception {
        assumeThat(Path.of("/usr/bin/script")).as("util-linux script").exists();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String scan = "scan --hosts 127.0.0.1 --ports " + listener.getLocalPort() + " --no-history";

            String onTerminal = onTerminal(scan, "");
            assertThat(onTerminal)
                    .contains("fanout: 1 port in")
                    .contains("ports 100%")
                    .contains("open 1");

            String errToFile = onTerminal(scan, " 2> err.txt");
            assertThat(errToFile).doesNotContain("100%");
            assertThat(Files.readString(dir.resolve("err.txt")))
                    .contains("fanout: 1 port in")
                    .doesNotContain("100%");

            String outToFile = onTerminal(scan, " > out.txt");
            assertThat(outToFile).contains("fanout: 1 port in").doesNotContain("100%");
            assertThat(Files.readString(dir.resolve("out.txt"))).contains("open");

            String inFromFile = onTerminal(scan, " < /dev/null");
            assertThat(inFromFile).contains("fanout: 1 port in").doesNotContain("100%");
        }
    }

    /** What the terminal showed while {@code args} ran on it, with the shell's {@code redirects}. */
    private String onTerminal(String args, String redirects) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String line = "exec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 --enable-native-access=ALL-UNNAMED"
                + " -cp '" + System.getProperty("java.class.path") + "' org.fanout.Main " + args + redirects;
        Path shown = dir.resolve("terminal.txt");
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", line, "/dev/null")
                .directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(shown.toFile())
                .redirectErrorStream(true)
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the scan on a terminal did not end within 60 s");
        }
        assertThat(p.exitValue()).as(Files.readString(shown)).isZero();
        return Files.readString(shown, StandardCharsets.UTF_8);
    }
}
