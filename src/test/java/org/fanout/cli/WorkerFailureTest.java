package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fanout.Await;
import org.fanout.lab.BannerMix;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker JVMs that cannot start: one clear error line saying why, exit status 1, nothing hangs.
 * Worker JVMs that die mid-scan: their targets are checked by another, every target gets exactly
 * one real result, and the summary says a worker died.
 */
@Tag("slow")
@Timeout(120)
class WorkerFailureTest {
    @Test
    void aWorkerThatCannotStartIsReportedWithItsReason() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        String classPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", "/nonexistent/fanout.jar"); // workers inherit it
        CliRunner r;
        try {
            r = CliRunner.run(
                    "scan", "--hosts", "127.0.0.1", "--ports", Integer.toString(closed), "--strategy", "process");
        } finally {
            System.setProperty("java.class.path", classPath);
        }
        assertThat(r.status()).isEqualTo(FanoutCommand.FAILURE);
        String[] lines = r.err().strip().split("\\R");
        assertThat(lines).hasSize(1);
        assertThat(lines[0])
                .startsWith("error: cannot run worker processes: a worker process failed to start: ")
                .contains("ProcessWorker");
    }

    /** This JVM's children before the scan under test started. */
    private Set<Long> before = Set.of();

    @Test
    void aKilledWorkersTargetsAreCheckedByTheOtherAndTheSummarySaysSo(@TempDir Path dir) throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ofMillis(150)).start()) {
            Path out = dir.resolve("out.csv");
            Set<Long> before = workers();
            this.before = before;
            CliRunner[] result = new CliRunner[1];
            // 3,000 URLs at 150 ms each on 2 x 50 threads: about 5 s, each worker holding ~150 at any time.
            Thread cli = Thread.ofPlatform()
                    .start(() -> result[0] = CliRunner.run(
                            "http",
                            "--pattern",
                            server.baseUrl() + "/{0-2}{0-9}{0-9}{0-9}",
                            "--strategy",
                            "process",
                            "--workers",
                            "2",
                            "--threads",
                            "100",
                            "--timeout",
                            "5s",
                            "--no-progress",
                            "--output",
                            out.toString()));
            Await.atMost(Duration.ofSeconds(30), () -> server.requestsServed() >= 400);
            List<ProcessHandle> mine = ProcessHandle.current()
                    .children()
                    .filter(p -> !before.contains(p.pid()))
                    .toList();
            assertThat(mine).as("worker processes").hasSize(2);
            mine.getFirst().destroyForcibly(); // SIGKILL, mid-scan
            cli.join(Duration.ofSeconds(60));
            assertThat(cli.isAlive()).isFalse();
            CliRunner r = result[0];
            assertThat(r.err()).contains("fanout: 1 worker died");
            assertThat(r.status()).as(r.err()).isZero(); // nothing was lost: the other worker took them
            List<String> rows = Files.readAllLines(out).stream()
                    .skip(1)
                    .map(row -> row.replace("\"", ""))
                    .toList();
            Map<String, Long> perUrl =
                    rows.stream().collect(Collectors.groupingBy(row -> row.split(",")[0], Collectors.counting()));
            assertThat(perUrl).hasSize(3000);
            assertThat(perUrl.values()).allMatch(n -> n == 1);
            Map<String, Long> statuses = new HashMap<>();
            rows.forEach(row -> statuses.merge(row.split(",", -1)[1] + "/" + row.split(",", -1)[5], 1L, Long::sum));
            assertThat(statuses).as("status/error counts").hasSize(1);
            assertThat(statuses).containsOnlyKeys("200/"); // none timeout, none worker_died
        }
        // the scan's own workers (not other tests' processes): gone once the JDK has reaped them
        Await.atMost(Duration.ofSeconds(10), () -> workersAlive() == 0);
        assertThat(workersAlive()).as("worker processes left").isZero();
    }

    /**
     * {@code --threads 100000} under {@code ulimit -n 256}: each worker caps its pool by its own
     * limits, so the scan gives the same answer as 20 threads, with no "too many open files".
     */
    @Test
    void processRespectsTheOpenFileLimit(@TempDir Path dir) throws Exception {
        List<Integer> free = TcpLab.freeEphemeralPorts(1000);
        // 300 silent listeners each hold a socket for the banner wait: more at once than one
        // worker's 256 files.
        try (TcpLab lab = TcpLab.onPorts(
                BannerMix.SILENT,
                free.subList(0, 300).stream().mapToInt(Integer::intValue).toArray())) {
            String ports = free.stream().map(String::valueOf).collect(Collectors.joining(","));
            String[] scan = {
                "scan",
                "--hosts",
                "127.0.0.1",
                "--ports",
                ports,
                "--strategy",
                "process",
                "--workers",
                "1",
                "--timeout",
                "2s",
                "--banner",
                "--banner-timeout",
                "500ms",
                "--no-progress",
                "--output"
            };
            Path limited = dir.resolve("limited.csv");
            Process p =
                    CliProcess.start(dir, "ulimit -n 256;", concat(scan, limited.toString(), "--threads", "100000"));
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err.toLowerCase(Locale.ROOT))
                    .doesNotContain("too many open files")
                    .doesNotContain("worker died");
            Path plain = dir.resolve("plain.csv");
            CliRunner r = CliRunner.run(concat(scan, plain.toString(), "--threads", "20"));
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(portStates(limited)).hasSize(1000).isEqualTo(portStates(plain));
            assertThat(portStates(limited).values()).containsOnly("open", "closed");
        }
    }

    private static String[] concat(String[] a, String... b) {
        return Stream.concat(Arrays.stream(a), Arrays.stream(b)).toArray(String[]::new);
    }

    /** Port to state (and error, if any) from a scan's CSV. */
    private static Map<String, String> portStates(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.getFirst().replace("\"", "").split(","));
        int port = header.indexOf("port");
        int state = header.indexOf("state");
        int error = header.indexOf("error");
        Map<String, String> out = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.replace("\"", "").split(",", -1);
            out.put(f[port], f[state] + (f[error].isEmpty() ? "" : " " + f[error]));
        }
        return out;
    }

    private static Set<Long> workers() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /** Children of this JVM alive now that were not before the scan. */
    private long workersAlive() {
        return ProcessHandle.current()
                .children()
                .filter(p -> !before.contains(p.pid()))
                .filter(ProcessHandle::isAlive)
                .count();
    }
}
