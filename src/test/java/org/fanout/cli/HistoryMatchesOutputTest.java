package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the history holds of a run is what its output holds, row for row: after Ctrl-C, and
 * after --resume finished what Ctrl-C cut short. Real processes, signals, sockets and SQLite files.
 */
@Tag("slow")
@Timeout(180)
class HistoryMatchesOutputTest {
    /** 512 targets: every loopback address of 127.0.0.0/23 at the one port the test opens. */
    static final String HOSTS = "127.0.0.0/23";

    static final int TARGETS = 512;

    @TempDir
    Path dir;

    String db() {
        return dir.resolve("history.db").toString();
    }

    /** The data rows of a CSV results file, sorted (a run's order of arrival is not the file's). */
    static List<String> rows(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }

    /** What {@code history show} gives back of run {@code id}, as {@link #rows}. */
    List<String> recorded(long id) throws Exception {
        Path back = dir.resolve("back-" + id + ".csv");
        CliRunner r = CliRunner.run("history", "show", Long.toString(id), "--db", db(), "-o", back.toString());
        assertThat(r.status()).as(r.err()).isZero();
        return rows(back);
    }

    /** The runs {@code fanout history --format csv} lists. */
    List<CSVRecord> listed() throws Exception {
        Path list = dir.resolve("history.csv");
        Files.writeString(
                list, CliRunner.run("history", "--db", db(), "--format", "csv").out());
        return ScanOutputTest.readCsv(list);
    }

    /** The row {@code fanout history --format csv} lists for run {@code id}. */
    CSVRecord listed(long id) throws Exception {
        return listed().stream()
                .filter(r -> r.get("id").equals(Long.toString(id)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("run " + id + " is not listed"));
    }

    /** Starts a paced scan of {@link #HOSTS} into {@code out} and stops it with Ctrl-C once it has written some. */
    void interruptedScan(String port, Path out, String... history) throws Exception {
        List<String> args = new ArrayList<>(List.of("scan", "--hosts", HOSTS, "--ports", port, "--rate", "200/s"));
        args.addAll(List.of(history));
        args.addAll(List.of("-o", out.toString()));
        Process p = CliProcess.start(dir, null, args.toArray(String[]::new));
        InterruptionTest.waitForLines(out, 40, Duration.ofSeconds(60));
        assertThat(CliProcess.signal(p, "INT")).isTrue();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isEqualTo(ScanSession.INTERRUPTED);
        assertThat(rows(out)).hasSizeBetween(40, TARGETS - 1);
    }

    CliRunner resume(String port, Path out) {
        return CliRunner.run("scan", "--hosts", HOSTS, "--ports", port, "--db", db(), "-o", out.toString(), "--resume");
    }

    /** A scan cut short without history and resumed with it: one complete run, of all the file holds. */
    @Test
    void aResumeRecordsWhatItsFileHeldBeforeAsOneCompleteRun() throws Exception {
        try (ServerSocket open = HistoryCliTest.listen(0)) {
            String port = Integer.toString(open.getLocalPort());
            Path out = dir.resolve("out.csv");
            interruptedScan(port, out, "--no-history");

            CliRunner r = resume(port, out);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(rows(out)).hasSize(TARGETS);
            assertThat(recorded(1)).isEqualTo(rows(out));
            assertThat(listed()).singleElement().satisfies(run -> {
                assertThat(run.get("results")).isEqualTo(Integer.toString(TARGETS));
                assertThat(run.get("complete")).isEqualTo("true");
            });
        }
    }

    /** Two files of one job cut short, one resumed: it continues the run that wrote it; the other run stays as it was. */
    @Test
    void aResumeContinuesTheRunThatWroteItsFile() throws Exception {
        try (ServerSocket open = HistoryCliTest.listen(0)) {
            String port = Integer.toString(open.getLocalPort());
            Path first = dir.resolve("first.csv");
            Path second = dir.resolve("second.csv");
            interruptedScan(port, first, "--db", db());
            interruptedScan(port, second, "--db", db());
            List<String> secondRecorded = recorded(2);
            assertThat(secondRecorded).isEqualTo(rows(second));

            CliRunner r = resume(port, first);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(rows(first)).hasSize(TARGETS);
            assertThat(recorded(1)).isEqualTo(rows(first));
            assertThat(listed(1).get("results")).isEqualTo(Integer.toString(TARGETS));
            assertThat(listed(1).get("complete")).isEqualTo("true");
            assertThat(recorded(2)).isEqualTo(secondRecorded);
            assertThat(listed(2).get("complete")).isEqualTo("false");
            assertThat(listed()).hasSize(2);
        }
    }

    /**
     * Ctrl-C while a result is on its way out: stdout is a pipe the test stops reading, so the
     * scan blocks writing a row when the signal comes, and finishes writing it once the test reads
     * on. That row, and every one before it, is in the history too; nothing else is.
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void ctrlCRecordsEveryResultTheOutputHoldsAndNoOther(Strategy strategy) throws Exception {
        try (ServerSocket open = HistoryCliTest.listen(0)) {
            Process p = CliProcess.startPiped(
                    dir,
                    "scan",
                    "--hosts",
                    "127.0.0.0/16",
                    "--ports",
                    Integer.toString(open.getLocalPort()),
                    "--strategy",
                    strategy.label(),
                    "--threads",
                    "16",
                    "--workers",
                    "2",
                    "--format",
                    "csv",
                    "--db",
                    db());
            List<String> written = new ArrayList<>();
            try (BufferedReader stdout =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(stdout.readLine()).as(CliProcess.stderr(dir)).startsWith("\"host\"");
                written.add(stdout.readLine()); // the scan is under way
                Thread.sleep(2000); // it fills the pipe meanwhile, and waits to write the next row
                assertThat(CliProcess.signal(p, "INT")).isTrue();
                Thread.sleep(1000); // the stop reaches every thread while that row waits
                for (String line = stdout.readLine(); line != null; line = stdout.readLine()) written.add(line);
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(p.exitValue()).as(err).isEqualTo(ScanSession.INTERRUPTED);

            assertThat(written).hasSizeBetween(2, 65_535);
            assertThat(recorded(1)).as(err).isEqualTo(written.stream().sorted().toList());
            CSVRecord run = listed(1);
            assertThat(run.get("results")).isEqualTo(Integer.toString(written.size()));
            assertThat(run.get("complete")).isEqualTo("false");
            assertThat(err).doesNotContain("error");
        }
    }
}
