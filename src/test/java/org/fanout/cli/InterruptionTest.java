package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.fanout.Await;
import org.fanout.engine.ListeningPorts;
import org.fanout.export.ResultKind;
import org.fanout.export.ResumeReader;
import org.fanout.lab.BannerMix;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No result lost: kill -9 and --resume, Ctrl-C, and a tight open-file limit, on a real process. */
@Tag("slow")
@Timeout(120)
class InterruptionTest {
    @TempDir
    Path dir;

    static final String URLS = "/{a-t}{a-y}"; // 500 URLs

    static List<String> urlsAndStatuses(Path csv) throws Exception {
        return ScanOutputTest.readCsv(csv).stream()
                .map(r -> r.get("url") + " " + r.get("status"))
                .sorted()
                .toList();
    }

    static void waitForLines(Path file, int lines, Duration max) throws Exception {
        Await.until(
                "more than " + lines + " lines in " + file,
                max,
                () -> Files.exists(file) && Files.readAllLines(file).size() > lines);
    }

    @Test
    void killNineLosesNothingAndResumeFinishesWithoutDuplicates() throws Exception {
        try (LabHttpServer server = LabHttpServer.builder()
                .port(0)
                .latency(Duration.ofMillis(40))
                .statusMix("200:80,404:20")
                .start()) {
            String pattern = server.baseUrl() + URLS;
            Path whole = dir.resolve("whole.csv");
            Process uninterrupted = CliProcess.start(
                    dir, null, "http", "--pattern", pattern, "--threads", "50", "-o", whole.toString());
            assertThat(uninterrupted.waitFor()).isZero();

            Path killed = dir.resolve("killed.csv");
            Process p = CliProcess.start(
                    dir, null, "http", "--pattern", pattern, "--threads", "5", "-o", killed.toString());
            waitForLines(killed, 60, Duration.ofSeconds(20));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, nothing
            p.waitFor(10, TimeUnit.SECONDS);
            long written = ResumeReader.doneKeys(killed, ResultKind.HTTP).size();
            assertThat(written).isBetween(60L, 499L);

            Process resumed = CliProcess.start(
                    dir, null, "http", "--pattern", pattern, "--threads", "50", "-o", killed.toString(), "--resume");
            assertThat(resumed.waitFor()).as(CliProcess.stderr(dir)).isZero();
            assertThat(CliProcess.stderr(dir)).contains("fanout: " + (500 - written) + " URLs");
            List<String> after = urlsAndStatuses(killed);
            assertThat(after).doesNotHaveDuplicates().hasSize(500).isEqualTo(urlsAndStatuses(whole));
        }
    }

    @Test
    void ctrlCStopsPromptlyWithACompleteFileAndStatus130() throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ofMillis(200)).start()) {
            Path out = dir.resolve("partial.csv");
            Process p = CliProcess.start(
                    dir, null, "http", "--pattern", server.baseUrl() + URLS, "--threads", "10", "-o", out.toString());
            waitForLines(out, 20, Duration.ofSeconds(20));
            long sent = System.nanoTime();
            assertThat(CliProcess.signal(p, "INT")).isTrue();
            assertThat(p.waitFor(5, TimeUnit.SECONDS))
                    .as("still running after Ctrl-C")
                    .isTrue();
            assertThat((System.nanoTime() - sent) / 1_000_000).as("ms to stop").isLessThan(2000);
            assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isEqualTo(130);
            String err = CliProcess.stderr(dir);
            assertThat(err).contains("fanout: interrupted after");
            String text = Files.readString(out);
            assertThat(text).endsWith("\r\n"); // no partial last line
            List<CSVRecord> rows = ScanOutputTest.readCsv(out);
            assertThat(rows.size()).isBetween(20, 499);
            assertThat(err).contains("interrupted after " + rows.size() + " of 500");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"virtual", "nio"})
    void aHundredThousandThreadsUnderATightFileLimitCapItselfAndAgree(String strategy) throws Exception {
        try (TcpLab lab = TcpLab.start(3, BannerMix.SILENT)) {
            // 1-3000 less whatever this machine already listens on there: ports the test did not open are never probed
            List<Integer> others =
                    ListeningPorts.now().stream().filter(port -> port <= 3000).toList();
            String ports = ScanOutputTest.portList(lab) + ",1-3000";
            String[] exclude = others.isEmpty()
                    ? new String[0]
                    : new String[] {
                        "--exclude-ports",
                        String.join(",", others.stream().map(String::valueOf).toList())
                    };
            // the same targets twice: with more threads than the file limit allows, then with a few
            String[] job =
                    HistoryCliTest.concat(new String[] {"scan", "--hosts", "127.0.0.1", "--ports", ports}, exclude);
            Path capped = dir.resolve("capped.csv");
            Process p = CliProcess.start(
                    dir,
                    "ulimit -n 256;",
                    HistoryCliTest.concat(job, "--threads", "100000", "--strategy", strategy, "-o", capped.toString()));
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).contains("capped").doesNotContainIgnoringCase("too many open files");
            Path modest = dir.resolve("modest.csv");
            assertThat(CliRunner.run(HistoryCliTest.concat(job, "--threads", "20", "-o", modest.toString()))
                            .status())
                    .isZero();
            assertThat(states(capped)).isEqualTo(states(modest)).hasSize(3000 - others.size() + 3);
        }
    }

    static List<String> states(Path csv) throws Exception {
        return ScanOutputTest.readCsv(csv).stream()
                .map(r -> r.get("port") + " " + r.get("state") + " " + r.get("error"))
                .sorted()
                .toList();
    }
}
