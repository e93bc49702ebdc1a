package org.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./fanout} finds its checkout however it is reached, and builds again when a source changed.
 * It runs neither readlink (unless reached through a symlink) nor find for that, to start each
 * command ~20 ms sooner (bench/RESULTS.md), so these are the cases those tools covered. Each run
 * has a PATH of its own that holds bash and readlink and nothing else: no Maven, so a launcher that decides
 * to build says so in one line instead of building.
 */
@Timeout(300)
class LauncherTest {
    private static final String NEEDS_MAVEN = "fanout: building needs Maven (apt-get install maven)";

    @TempDir
    Path dir;

    private Path checkout;
    private Path built;
    private Path tools;

    @BeforeEach
    void checkout() throws IOException {
        // a space and glob characters: the launcher's own expansions must take the path literally
        checkout = Files.createDirectories(dir.resolve("my [work] *").resolve("checkout"));
        Path target = TestCheckout.create(checkout);
        built = target.resolve(".built");
        setAge(built, -3600);
        // The command line's class-data archive is made by its first start (~8 s); a failed attempt
        // newer than the jar and the JVM is not made again.
        Files.write(target.resolve("fanout.jsa.failed"), new byte[0]);
        tools = Files.createDirectories(dir.resolve("tools"));
        for (String tool : List.of("bash", "readlink")) { // (the launcher starts with #!/usr/bin/env bash)
            Files.createSymbolicLink(tools.resolve(tool), Path.of(system(tool)));
        }
    }

    @Test
    void findsItsCheckoutThroughSymlinksAndRelativePaths() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("absolute"), checkout.resolve("fanout"));
        Files.createSymbolicLink(bin.resolve("relative"), bin.relativize(checkout.resolve("fanout")));
        Files.createSymbolicLink(bin.resolve("chained"), bin.resolve("relative"));

        assertThat(run(bin, "./absolute", "--version")).startsWith("Fanout ");
        assertThat(run(dir, "bin/relative", "--version")).startsWith("Fanout ");
        assertThat(run(bin, "./chained", "--version")).startsWith("Fanout ");
        assertThat(run(checkout, "./fanout", "--version")).startsWith("Fanout ");
        assertThat(run(bin, bin.relativize(checkout.resolve("fanout")).toString(), "--version"))
                .startsWith("Fanout ");
        assertThat(run(checkout, "././fanout", "--version")).startsWith("Fanout ");
        assertThat(run(dir, checkout.resolve("fanout").toString(), "--version")).startsWith("Fanout ");
        assertThat(run(checkout, system("bash"), "fanout", "--version")).startsWith("Fanout ");
    }

    /**
     * The app's AOT cache is kept only for the class path its mark holds, as a string
     * (LauncherAppCacheTest): however the app is reached, it is given the same, canonical one.
     */
    @Test
    void theAppIsGivenItsCanonicalClassPathHoweverItIsReached() throws Exception {
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("linked"), checkout);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        String jar = checkout.toRealPath().resolve("target/fanout-0.1.0.jar").toString();
        for (String launcher : List.of(
                linkedFolder.resolve("fanout").toString(),
                bin.relativize(checkout).resolve("fanout").toString(),
                checkout + "/./fanout",
                checkout + "//fanout")) {
            // (no display: the app says it cannot open its window, after the JVM listed its settings)
            String settings = run(bin, List.of("-XshowSettings:properties"), launcher);
            assertThat(settings)
                    .as(launcher)
                    .contains("java.class.path = " + jar + "\n")
                    .contains("error: cannot open the window");
        }
    }

    @Test
    void buildsAgainWhenAnySourceIsNewerThanTheBuild() throws Exception {
        Path deep = checkout.resolve("src/main/java/org/fanout/engine/probe/Deep.java");
        Path hidden = checkout.resolve("src/main/resources/org/fanout/.hidden");
        Path pom = checkout.resolve("pom.xml");
        for (Path source : List.of(deep, hidden, pom)) {
            Files.createDirectories(source.getParent());
            Files.write(source, new byte[0]);
            setAge(source, -7200);
        }
        try (Stream<Path> folders = Files.walk(checkout.resolve("src"))) { // (a new file makes its folder newer)
            for (Path folder : folders.filter(Files::isDirectory).toList()) setAge(folder, -7200);
        }
        assertThat(run(checkout, "./fanout", "--version"))
                .as("every source older")
                .startsWith("Fanout ");

        for (Path source : List.of(deep, hidden, pom)) {
            setAge(source, 0);
            assertThat(run(dir, checkout.resolve("fanout").toString(), "--version"))
                    .as("%s newer than the build", checkout.relativize(source))
                    .isEqualTo(NEEDS_MAVEN);
            setAge(source, -7200);
        }
        assertThat(run(checkout, "./fanout", "--version")).as("all older again").startsWith("Fanout ");

        Files.delete(built);
        assertThat(run(checkout, "./fanout", "--version")).as("never built").isEqualTo(NEEDS_MAVEN);
    }

    private static void setAge(Path file, long seconds) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(seconds)));
    }

    private static String system(String tool) {
        return Stream.of("/usr/bin/", "/bin/")
                .map(d -> d + tool)
                .filter(p -> Files.isExecutable(Path.of(p)))
                .findFirst()
                .orElseThrow();
    }

    /** Runs a command in {@code cwd} without a display; its output (stdout and stderr), stripped. */
    private String run(Path cwd, String... command) throws Exception {
        return run(cwd, List.of(), command);
    }

    /** The same, with {@code jvmOptions} for the JVM the launcher starts. */
    private String run(Path cwd, List<String> jvmOptions, String... command) throws Exception {
        Path out = dir.resolve("out.txt");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        var env = pb.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.remove("JAVA_HOME");
        env.put("FANOUT_JAVA_OPTS", String.join(" ", jvmOptions));
        env.put("PATH", tools.toString());
        env.put("HOME", dir.toString());
        env.put("FANOUT_JAVA", ProcessHandle.current().info().command().orElseThrow());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end: " + Files.readString(out));
        }
        return Files.readString(out).strip();
    }
}
