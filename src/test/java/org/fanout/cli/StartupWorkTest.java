package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a command does before its scan starts, read from the JVM's class-loading log rather than
 * timed: work a command does not need (a library made ready, a model read from annotations) is
 * tens of milliseconds of every start on a slow machine (bench/RESULTS.md measures them).
 */
@Timeout(60)
class StartupWorkTest {
    @TempDir
    Path dir;

    private List<String> classesLoadedBy(String... args) throws Exception {
        Path log = dir.resolve("classes.txt");
        // (class+init also logs each class's initialisation: a class loaded but never used is not)
        Process p =
                CliProcess.startWithJvm(dir, null, List.of("-Xlog:class+load=info,class+init=info:file=" + log), args);
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isZero();
        return Files.readAllLines(log);
    }

    /** A one-port scan of 127.0.0.1 without history; the port is one nothing listens on. */
    private static String[] scanOfAClosedPort() throws IOException {
        String port = Integer.toString(TcpLab.freeEphemeralPorts(1).getFirst());
        return new String[] {"scan", "--hosts", "127.0.0.1", "--ports", port, "--no-history"};
    }

    /**
     * A scan with {@code --output} looks for a shard manifest beside its file; where there is none
     * it must not make jackson-databind's mapper (~280 classes, ~0.15 CPU-s of a one-port scan here).
     */
    @Test
    void aScanIntoAFileWithoutAManifestLeavesJacksonDatabindAlone() throws Exception {
        String[] scanOfAClosedPort = scanOfAClosedPort();
        List<String> loaded = classesLoadedBy(HistoryCliTest.concat(
                scanOfAClosedPort, "--output", dir.resolve("out.csv").toString()));
        assertThat(loaded)
                .as("the manifest was looked for")
                .anyMatch(line -> line.contains(" org.fanout.export.ShardManifest "));
        assertThat(loaded).noneMatch(line -> line.contains(" com.fasterxml.jackson.databind."));

        List<String> sharded = classesLoadedBy(HistoryCliTest.concat(
                scanOfAClosedPort,
                "--shard",
                "1/1",
                "--seed",
                "7",
                "--output",
                dir.resolve("shard.csv").toString()));
        assertThat(sharded)
                .as("a shard writes its manifest with the mapper")
                .anyMatch(line -> line.contains(" com.fasterxml.jackson.databind.ObjectMapper "));
    }

    /**
     * Neither the start nor the end of a command searches every jar on the class path: picocli's
     * default factory for Groovy's {@code Closure} class (a {@code ClassNotFoundException}), and
     * {@code System.exit}'s logging of the exit for a {@code LoggerFinder} (a successful command
     * returns from {@code main} instead). With the class-data archive nothing else opens those jars
     * in a short command: ~20-40 ms of it on a slow VM.
     */
    @Test
    void aSuccessfulCommandSearchesNoJarForAClassOrALogger() throws Exception {
        String[] scanOfAClosedPort = scanOfAClosedPort();
        for (String[] command : List.of(new String[] {"scan", "--version"}, scanOfAClosedPort)) {
            List<String> log = classesLoadedBy(command);
            assertThat(log)
                    .as("%s: picocli's default factory was used", String.join(" ", command))
                    .anyMatch(line -> line.contains("Initializing 'picocli/CommandLine$DefaultFactory'"));
            assertThat(log)
                    .as(String.join(" ", command))
                    .noneMatch(line -> line.contains("Initializing 'java/lang/ClassNotFoundException'"))
                    .noneMatch(line -> line.contains("jdk.internal.logger.BootstrapLogger$DetectBackend"));
        }
    }

    /**
     * {@code --version} and {@code -V} alone are answered before picocli is touched: none of its
     * classes (Java 5 class files, which no class-data archive holds, read from their jar at every
     * start), not the top command, and no annotation read (each type read makes a proxy class).
     */
    @Test
    void theVersionAloneLoadsNoPicocliAndReadsNoAnnotation() throws Exception {
        for (String flag : List.of("--version", "-V")) {
            List<String> loaded = classesLoadedBy(flag);
            assertThat(loaded).as(flag).anyMatch(line -> line.contains(" org.fanout.cli.Launch "));
            assertThat(loaded)
                    .as(flag)
                    .noneMatch(line -> line.contains(" picocli."))
                    .noneMatch(line -> line.contains(" org.fanout.cli.FanoutCommand "))
                    .noneMatch(line -> line.contains("$Proxy"));
        }
    }
}
