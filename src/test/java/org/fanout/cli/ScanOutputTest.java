package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanout.lab.BannerMix;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's outputs as scripts read them: exact CSV columns, JSON lines, banners, summary, resume. */
@Timeout(60)
class ScanOutputTest {
    @TempDir
    Path dir;

    static List<CSVRecord> readCsv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)
                    .getRecords();
        }
    }

    static String portList(TcpLab lab, int... extra) {
        TreeSet<Integer> ports = new TreeSet<>(lab.ports());
        for (int p : extra) ports.add(p);
        return ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Test
    void tcpCsvHasTheContractColumnsAndBanners() throws Exception {
        try (TcpLab lab = TcpLab.start(4, BannerMix.MIXED)) {
            int closed = TcpLab.freeEphemeralPorts(1).getFirst();
            Path csv = dir.resolve("ports.csv");
            CliRunner r = CliRunner.run(
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    portList(lab, closed),
                    "--banner",
                    "--output",
                    csv.toString(),
                    "--threads",
                    "16");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(Files.readAllLines(csv).getFirst())
                    .isEqualTo(
                            "\"host\",\"ip\",\"port\",\"service\",\"state\",\"latency_ms\",\"banner\",\"error\",\"tls_version\",\"cert_subject\",\"cert_issuer\",\"cert_sans\",\"cert_not_after\",\"cert_days_left\",\"cert_trusted\",\"name\"");
            List<CSVRecord> rows = readCsv(csv);
            assertThat(rows).hasSize(5);
            for (CSVRecord row : rows) {
                int port = Integer.parseInt(row.get("port"));
                assertThat(row.get("state")).isEqualTo(port == closed ? "closed" : "open");
                if (port != closed) {
                    String banner = lab.banners().get(port).strip();
                    assertThat(row.get("banner")).isEqualTo(banner);
                }
            }
            assertThat(r.err())
                    .startsWith("fanout: 5 ports in ")
                    .contains("open 4")
                    .contains("closed 1");
        }
    }

    @Test
    void openOnlyAndJsonLines() throws Exception {
        try (TcpLab lab = TcpLab.start(2, BannerMix.SILENT)) {
            int closed = TcpLab.freeEphemeralPorts(1).getFirst();
            CliRunner r = CliRunner.run(
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    portList(lab, closed),
                    "--open-only",
                    "--format",
                    "json",
                    "--strategy",
                    "pool",
                    "--threads",
                    "4");
            assertThat(r.status()).as(r.err()).isZero();
            ObjectMapper json = new ObjectMapper();
            Set<Integer> ports = new TreeSet<>();
            for (String line : r.out().strip().split("\n")) {
                JsonNode node = json.readTree(line);
                assertThat(node.get("state").asText()).isEqualTo("open");
                ports.add(node.get("port").asInt());
            }
            assertThat(ports).isEqualTo(new TreeSet<>(lab.ports()));
        }
    }

    @Test
    void resumeFinishesACutShortFileWithNoDuplicatesAndNothingMissing() throws Exception {
        try (TcpLab lab = TcpLab.start(3, BannerMix.SILENT)) {
            // 300 closed ports freed a moment ago, not 1-300: ports this machine's services may listen on are never
            // probed
            String ports = portList(lab) + ","
                    + String.join(
                            ",",
                            TcpLab.freeEphemeralPorts(300).stream()
                                    .map(String::valueOf)
                                    .toList());
            Path whole = dir.resolve("whole.csv");
            assertThat(CliRunner.run("scan", "--hosts", "127.0.0.1", "--ports", ports, "-o", whole.toString())
                            .status())
                    .isZero();
            List<String> lines = Files.readAllLines(whole);
            // A scan killed after 100 results, in the middle of writing the 101st line.
            Path cut = dir.resolve("cut.csv");
            Files.writeString(
                    cut,
                    String.join("\r\n", lines.subList(0, 101)) + "\r\n"
                            + lines.get(101).substring(0, 9));
            CliRunner r =
                    CliRunner.run("scan", "--hosts", "127.0.0.1", "--ports", ports, "-o", cut.toString(), "--resume");
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.err()).contains("fanout: " + (lines.size() - 1 - 100) + " ports");
            List<String> keysCut = readCsv(cut).stream()
                    .map(x -> x.get("host") + ":" + x.get("port") + ":" + x.get("state"))
                    .sorted()
                    .toList();
            List<String> keysWhole = readCsv(whole).stream()
                    .map(x -> x.get("host") + ":" + x.get("port") + ":" + x.get("state"))
                    .sorted()
                    .toList();
            assertThat(keysCut).isEqualTo(keysWhole).doesNotHaveDuplicates();
        }
    }

    @Test
    void httpCsvColumnsAndStatuses() throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ZERO).start()) {
            Path csv = dir.resolve("http.csv");
            CliRunner r = CliRunner.run(
                    "http",
                    server.baseUrl() + "/status/200",
                    server.baseUrl() + "/redirect/2",
                    server.baseUrl() + "/status/404",
                    "-o",
                    csv.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(Files.readAllLines(csv).getFirst())
                    .isEqualTo(
                            "\"url\",\"status\",\"latency_ms\",\"final_url\",\"content_length\",\"error\",\"http_version\",\"server\",\"title\",\"tls_version\",\"cert_subject\",\"cert_issuer\",\"cert_sans\",\"cert_not_after\",\"cert_days_left\",\"cert_trusted\"");
            assertThat(readCsv(csv))
                    .extracting(x -> x.get("url").substring(server.baseUrl().length()) + " " + x.get("status") + " "
                            + x.get("final_url").substring(server.baseUrl().length()))
                    .containsExactlyInAnyOrder(
                            "/status/200 200 /status/200",
                            "/redirect/2 200 /redirect/0",
                            "/status/404 404 /status/404");
            assertThat(r.err()).contains("200 2").contains("404 1");
        }
    }

    @Test
    void versionAndHelp() {
        CliRunner v = CliRunner.run("--version");
        assertThat(v.status()).isZero();
        assertThat(v.out()).startsWith("Fanout ");
        CliRunner h = CliRunner.run("scan", "--help");
        assertThat(h.status()).isZero();
        assertThat(h.out())
                .contains("--hosts")
                .contains("--ports")
                .contains("--strategy")
                .contains("127.0.0.1");
    }
}
