package org.fanout.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the command line as a separate JVM, as a user's shell would, so it can be signalled or killed. */
final class CliProcess {
    private CliProcess() {}

    /**
     * Run before the JVM, so Ctrl-C, SIGTERM and SIGHUP reach it as they reach a program started at a
     * terminal: a test run in the background (or under nohup) ignores SIGINT (or SIGHUP), the JVM
     * inherits that, and a JVM never handles a stop signal that was ignored when it started.
     */
    private static final String DEFAULT_SIGNALS = "env --default-signal=HUP,INT,TERM";

    /** Starts {@code org.fanout.Main args} under {@code bash -c}, optionally with a shell prefix (e.g. {@code ulimit -n 256;}). */
    static Process start(Path dir, String shellPrefix, String... args) throws IOException {
        return startWithJvm(dir, shellPrefix, List.of(), args);
    }

    /** As {@link #start}, with extra JVM options (e.g. a small -Xmx to prove memory stays bounded). */
    static Process startWithJvm(Path dir, String shellPrefix, List<String> jvmOptions, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                quote(java), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED"));
        jvmOptions.forEach(o -> cmd.add(quote(o)));
        cmd.addAll(List.of("-cp", quote(System.getProperty("java.class.path")), "org.fanout.Main"));
        for (String a : args) cmd.add(quote(a));
        // exec: the JVM becomes the shell's process, so signals reach it directly.
        String line = (shellPrefix == null ? "" : shellPrefix + " ") + "exec " + DEFAULT_SIGNALS + " "
                + String.join(" ", cmd);
        return new ProcessBuilder("bash", "-c", line)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    /** As {@link #start}, with stdout a pipe the test reads ({@link Process#getInputStream}), as {@code fanout ... | cmd}. */
    static Process startPiped(Path dir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(DEFAULT_SIGNALS.split(" ")));
        cmd.addAll(List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.fanout.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile())
                .start();
    }

    static String stderr(Path dir) throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    static boolean signal(Process p, String name) throws IOException, InterruptedException {
        return new ProcessBuilder("kill", "-" + name, Long.toString(p.pid()))
                        .redirectErrorStream(true)
                        .redirectOutput(new File("/dev/null"))
                        .start()
                        .waitFor()
                == 0;
    }
}
