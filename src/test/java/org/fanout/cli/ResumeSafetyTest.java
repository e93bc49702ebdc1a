package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fanout.engine.probe.HttpResult;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriters;
import org.fanout.lab.LabHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** --resume never silently drops results or mixes jobs; a huge input line is an error, not a dead thread. */
@Timeout(120)
class ResumeSafetyTest {
    @TempDir
    Path dir;

    private Path results(String base, int from, int to) throws Exception {
        Path file = dir.resolve("results.csv");
        try (var w = ResultWriters.openHttp(file, OutputFormat.CSV, false)) {
            for (int i = from; i <= to; i++) w.write(new HttpResult(base + "/" + i, 200, 1_000_000, null, 0, null));
        }
        return file;
    }

    @Test
    void aDamagedLineInTheMiddleIsRefusedByNumberAndNothingIsCut() throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ZERO).start()) {
            Path file = results(server.baseUrl(), 1, 3000);
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            lines.set(1233, lines.get(1233).substring(0, 20)); // line 1234 cut in half: an unmatched quote
            Files.writeString(file, String.join("\r\n", lines) + "\r\n");
            byte[] before = Files.readAllBytes(file);
            CliRunner r = CliRunner.run(
                    "http", "--pattern", server.baseUrl() + "/{1-3000}", "-o", file.toString(), "--resume");
            assertThat(r.status()).as(r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(r.err()).startsWith("error: " + file + " line 1234: ");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    @Test
    void aDamagedLastLineIsRepairedSilently() throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ZERO).start()) {
            Path file = results(server.baseUrl(), 1, 40);
            Files.writeString(file, "\"" + server.baseUrl() + "/41\",\"2", StandardOpenOption.APPEND);
            CliRunner r =
                    CliRunner.run("http", "--pattern", server.baseUrl() + "/{1-50}", "-o", file.toString(), "--resume");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(ScanOutputTest.readCsv(file)).hasSize(50);
        }
    }

    @Test
    void aFileOfAnotherJobIsRefusedAndAFinishedOneLeftAlone() throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ZERO).start()) {
            String base = server.baseUrl();
            Path other = results(base + "/other", 1, 100);
            byte[] before = Files.readAllBytes(other);
            CliRunner r = CliRunner.run("http", "--pattern", base + "/{1-50}", "-o", other.toString(), "--resume");
            assertThat(r.status()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: --resume: ").contains("not part of this job");
            assertThat(r.err().lines().toList()).hasSize(1);
            assertThat(Files.readAllBytes(other)).isEqualTo(before);

            Path finished = results(base, 1, 50);
            before = Files.readAllBytes(finished);
            CliRunner done =
                    CliRunner.run("http", "--pattern", base + "/{1-50}", "-o", finished.toString(), "--resume");
            assertThat(done.status()).as(done.err()).isZero();
            assertThat(done.err()).contains("nothing left to scan");
            assertThat(Files.readAllBytes(finished)).isEqualTo(before);
        }
    }

    @Test
    void aTenMegabyteLineIsAnErrorNotAnOutOfMemoryOrAnEmptyScan() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Path hosts = dir.resolve("hosts.txt");
            Files.writeString(hosts, "127.0.0.1 ".repeat(1_000_000) + "\n");
            Process scan = CliProcess.startWithJvm(
                    dir,
                    null,
                    List.of("-Xmx64m"),
                    "scan",
                    "--hosts-file",
                    hosts.toString(),
                    "--ports",
                    String.valueOf(open.getLocalPort()),
                    "--strategy",
                    "nio");
            assertThat(scan.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(scan.exitValue()).as(err).isEqualTo(2);
            assertThat(err)
                    .startsWith("error: --hosts-file: ")
                    .contains("line 1 is longer than")
                    .doesNotContain("\tat ");

            Path urls = dir.resolve("urls.txt");
            Files.writeString(urls, "http://127.0.0.1:" + open.getLocalPort() + "/" + "a".repeat(10_000_000) + "\n");
            Process http = CliProcess.startWithJvm(dir, null, List.of("-Xmx64m"), "http", "--input", urls.toString());
            assertThat(http.waitFor(60, TimeUnit.SECONDS)).isTrue();
            err = CliProcess.stderr(dir);
            assertThat(http.exitValue()).as(err).isEqualTo(2);
            assertThat(err)
                    .startsWith("error: --input: ")
                    .contains("line 1 is longer than")
                    .doesNotContain("\tat ");
        }
    }
}
