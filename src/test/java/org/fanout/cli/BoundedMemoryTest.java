package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriters;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Targets stream: a million targets and a 100,000-line hosts file go through a JVM whose heap
 * could not hold them, and every result reaches the file.
 */
@Tag("slow")
@Timeout(300)
class BoundedMemoryTest {
    static final List<String> SMALL_HEAP = List.of("-Xmx48m", "-XX:+ExitOnOutOfMemoryError");

    @TempDir
    Path dir;

    static long countLines(Path file) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(file)) {
            return in.lines().count();
        }
    }

    @Test
    void aMillionTargetsInA48MegabyteHeap() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        Path out = dir.resolve("million.csv");
        // 127.0.0.0/12 is 1,048,576 loopback addresses: all answer locally.
        Process p = CliProcess.startWithJvm(
                dir,
                null,
                SMALL_HEAP,
                "scan",
                "--hosts",
                "127.0.0.0/12",
                "--ports",
                Integer.toString(closed),
                "--timeout",
                "2s",
                "-o",
                out.toString());
        assertThat(p.waitFor(280, TimeUnit.SECONDS)).as("finished").isTrue();
        String err = CliProcess.stderr(dir);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("fanout: 1048576 ports").contains("closed 1048576");
        assertThat(countLines(out)).isEqualTo(1_048_577);
    }

    /** A shard of a 16,777,216-target job (127.0.0.0/8 x 1 port): the permutation streams, nothing is listed. */
    @Test
    void aShardOfSixteenMillionTargetsInA48MegabyteHeap() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        Path out = dir.resolve("shard.csv");
        Process p = CliProcess.startWithJvm(
                dir,
                null,
                SMALL_HEAP,
                "scan",
                "--hosts",
                "127.0.0.0/8",
                "--ports",
                Integer.toString(closed),
                "--timeout",
                "2s",
                "--seed",
                "15",
                "--shard",
                "40/64",
                "-o",
                out.toString());
        assertThat(p.waitFor(280, TimeUnit.SECONDS)).as("finished").isTrue();
        String err = CliProcess.stderr(dir);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err)
                .contains("fanout: 262144 ports")
                .contains("closed 262144")
                .contains("seed 15, shard 40/64");
        assertThat(countLines(out)).isEqualTo(262_145);
    }

    /**
     * A resume with history holds the file's keys once, compactly: the scan and the history share
     * the one set read. Reading them again for the history while the first set was still held
     * made this run need 224-240 MB of heap; now it needs 184-192 (measured on a quiet machine; the
     * history's queue of results can add up to ~13 MB on a busy one).
     */
    @Test
    void resumingAMillionResultFileWithHistoryIn216Megabytes() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        Path out = dir.resolve("resumed.csv");
        try (var w = ResultWriters.openTcp(out, OutputFormat.CSV, false)) {
            for (int i = 0; i < 1_000_000; i++) {
                String host = "127." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255);
                w.write(new TcpResult(host, host, closed, "", TcpState.CLOSED, 1_000_000, null, null));
            }
        }
        Process p = CliProcess.startWithJvm(
                dir,
                null,
                List.of("-Xmx216m", "-XX:+ExitOnOutOfMemoryError"),
                "scan",
                "--hosts",
                "127.0.0.0/12",
                "--ports",
                Integer.toString(closed),
                "--order",
                "sequential",
                "--timeout",
                "2s",
                "--db",
                dir.resolve("h.db").toString(),
                "-o",
                out.toString(),
                "--resume");
        assertThat(p.waitFor(280, TimeUnit.SECONDS)).as("finished").isTrue();
        String err = CliProcess.stderr(dir);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("fanout: 48576 ports").doesNotContain("error:");
        assertThat(countLines(out)).isEqualTo(1_048_577);
    }

    @Test
    void aHundredThousandLineHostsFileInA48MegabyteHeap() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        Path hosts = dir.resolve("hosts.txt");
        try (BufferedWriter w = Files.newBufferedWriter(hosts)) {
            w.write("# 100,000 loopback hosts\n");
            for (int i = 0; i < 100_000; i++)
                w.write("127." + (1 + i / 65536) + "." + (i / 256 % 256) + "." + (i % 256) + "\n");
        }
        Path out = dir.resolve("hosts.csv");
        Process p = CliProcess.startWithJvm(
                dir,
                null,
                SMALL_HEAP,
                "scan",
                "--hosts-file",
                hosts.toString(),
                "--ports",
                Integer.toString(closed),
                "-o",
                out.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
        String err = CliProcess.stderr(dir);
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).contains("fanout: 100000 ports").contains("closed 100000");
        assertThat(countLines(out)).isEqualTo(100_001);
    }
}
