package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
        Process p = CliProcess.startWithJvm(dir, null, List.of("-Xlog:class+load=info:file=" + log), args);
        assertThat(p.waitFor(50, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isZero();
        return Files.readAllLines(log);
    }

    /**
     * A scan with {@code --output} looks for a shard manifest beside its file; where there is none
     * it must not make jackson-databind's mapper (~280 classes, ~0.15 CPU-s of a one-port scan here).
     */
    @Test
    void aScanIntoAFileWithoutAManifestLeavesJacksonDatabindAlone() throws Exception {
        String[] scanOfAClosedPort = {
            "scan",
            "--hosts",
            "127.0.0.1",
            "--ports",
            Integer.toString(TcpLab.freeEphemeralPorts(1).getFirst()),
            "--no-history"
        };
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

    /** {@code --version} builds the top command's model in code: no annotation is read, so no proxy class is made. */
    @Test
    void theVersionReadsNoAnnotation() throws Exception {
        List<String> loaded = classesLoadedBy("--version");
        assertThat(loaded).anyMatch(line -> line.contains(" org.fanout.cli.FanoutCommand "));
        assertThat(loaded).noneMatch(line -> line.contains("$Proxy"));
    }
}
