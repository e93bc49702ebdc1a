package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanout.export.Columns;
import org.fanout.lab.BannerMix;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code fanout compare} end to end, against the lab on loopback. */
@Tag("slow")
@Timeout(120)
class CompareCommandTest {
    static LabHttpServer slow;
    static LabHttpServer fast;

    @TempDir
    Path dir;

    @BeforeAll
    static void startLabs() throws Exception {
        slow = LabHttpServer.builder().latency(Duration.ofMillis(50)).start();
        fast = LabHttpServer.start();
    }

    @AfterAll
    static void stopLabs() {
        slow.close();
        fast.close();
    }

    static List<CSVRecord> csv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.parse(in).getRecords();
        }
    }

    static String cell(CSVRecord row, String column) {
        return row.get(Columns.COMPARE.indexOf(column));
    }

    @Test
    void httpAtFiftyThreadsIsTwentyTimesOneThreadWithCsvTableAndChart() throws Exception {
        Path out = dir.resolve("compare.csv");
        Path png = dir.resolve("compare.png");
        // {a-d}{a-y}: 100 URLs at 50 ms each
        CliRunner r = CliRunner.run(
                "compare",
                "--threads",
                "1,50",
                "--strategies",
                "pool",
                "--output",
                out.toString(),
                "--chart",
                png.toString(),
                "http",
                "--pattern",
                slow.baseUrl() + "/{a-d}{a-y}");
        assertThat(r.status()).as(r.err()).isZero();

        List<CSVRecord> rows = csv(out);
        assertThat(rows.getFirst().toList()).isEqualTo(Columns.COMPARE);
        assertThat(rows).hasSize(3);
        assertThat(Files.readString(out)).startsWith("\"strategy\",\"threads\",\"targets\"");
        CSVRecord one = rows.get(1);
        CSVRecord fifty = rows.get(2);
        assertThat(cell(one, "strategy")).isEqualTo("pool");
        assertThat(cell(one, "threads")).isEqualTo("1");
        assertThat(cell(fifty, "threads")).isEqualTo("50");
        assertThat(cell(one, "targets")).isEqualTo("100");
        assertThat(cell(fifty, "targets")).isEqualTo("100");
        double slowRate = Double.parseDouble(cell(one, "throughput_per_s"));
        double fastRate = Double.parseDouble(cell(fifty, "throughput_per_s"));
        assertThat(fastRate).as("throughput at 50 threads vs 1").isGreaterThanOrEqualTo(20 * slowRate);
        assertThat(Double.parseDouble(cell(one, "wall_ms"))).isGreaterThanOrEqualTo(5000);
        assertThat(Integer.parseInt(cell(fifty, "peak_threads"))).isGreaterThanOrEqualTo(50);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(600);

        List<String> table = r.out().lines().toList();
        assertThat(table).hasSize(3);
        assertThat(table.get(0))
                .startsWith("strategy")
                .contains("threads", "wall_ms", "per_second", "cpu_user_ms", "speedup");
        assertThat(table.get(1)).startsWith("pool").endsWith("1.0x");
        assertThat(table.get(2)).startsWith("pool").contains(" 50 ", " 100 ");
        // aligned: every row is as wide as the header
        assertThat(table)
                .allSatisfy(line -> assertThat(line).hasSize(table.get(0).length()));
        assertThat(r.err()).contains("fanout: 2 runs of 100 URLs", "fastest pool x 50", "the slowest (pool x 1");
    }

    @Test
    void compareOptionsWorkBeforeAndAfterTheJobName() throws Exception {
        String pattern = fast.baseUrl() + "/{a-e}{a-e}";
        Path before = dir.resolve("before.csv");
        Path after = dir.resolve("after.csv");
        Path mixed = dir.resolve("mixed.csv");
        CliRunner a = CliRunner.run(
                "compare",
                "--threads",
                "2,4",
                "--strategies",
                "virtual,nio",
                "--no-warmup",
                "--output",
                before.toString(),
                "http",
                "--pattern",
                pattern);
        CliRunner b = CliRunner.run(
                "compare",
                "http",
                "--pattern",
                pattern,
                "--threads",
                "2,4",
                "--strategies",
                "virtual,nio",
                "--no-warmup",
                "--output",
                after.toString());
        CliRunner c = CliRunner.run(
                "compare",
                "--strategies",
                "virtual,nio",
                "--no-warmup",
                "http",
                "--threads",
                "4,2",
                "--pattern",
                pattern,
                "-o",
                mixed.toString());
        for (CliRunner r : List.of(a, b, c)) assertThat(r.status()).as(r.err()).isZero();
        for (Path p : List.of(before, after, mixed)) {
            List<CSVRecord> rows = csv(p);
            assertThat(rows).hasSize(5);
            assertThat(rows.stream().skip(1).map(x -> x.get(0) + " " + x.get(1) + " " + x.get(2)))
                    .as(p.getFileName().toString())
                    .containsExactly("virtual 2 25", "virtual 4 25", "nio 2 25", "nio 4 25");
        }
        assertThat(a.err()).doesNotContain("warm-up");
    }

    @Test
    void duplicatesAreDroppedAndThreadCountsSorted() throws Exception {
        Path out = dir.resolve("dups.csv");
        CliRunner r = CliRunner.run(
                "compare",
                "--threads",
                "8,1,8",
                "--strategies",
                "pool,pool",
                "--no-warmup",
                "--output",
                out.toString(),
                "http",
                "--pattern",
                fast.baseUrl() + "/{a-j}");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(csv(out).stream().skip(1).map(x -> x.get(0) + " " + x.get(1)))
                .containsExactly("pool 1", "pool 8");
    }

    @Test
    void tcpScanAndProcessWorkersTheirSplitShown() throws Exception {
        try (TcpLab lab = TcpLab.start(4, BannerMix.SILENT)) {
            String ports =
                    String.join(",", lab.ports().stream().map(String::valueOf).toList());
            Path out = dir.resolve("tcp.csv");
            CliRunner r = CliRunner.run(
                    "compare",
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    ports,
                    "--threads",
                    "1,4",
                    "--strategies",
                    "nio,process",
                    "--workers",
                    "2",
                    "--output",
                    out.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(csv(out).stream().skip(1).map(x -> x.get(0) + " " + x.get(1) + " " + x.get(2)))
                    .containsExactly("nio 1 4", "nio 4 4", "process 1 4", "process 4 4");
            // the table shows the process split: workers x threads per worker
            assertThat(r.out()).contains("process 1x1 ", "process 2x2 ");
        }
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("0", new String[] {"compare", "--threads", "0", "http", "http://127.0.0.1/"}),
                Arguments.of("100001", new String[] {"compare", "--threads", "1,100001", "http", "http://127.0.0.1/"}),
                Arguments.of(
                        "thread count", new String[] {"compare", "--threads", "1,,10", "http", "http://127.0.0.1/"}),
                Arguments.of("many", new String[] {"compare", "http", "http://127.0.0.1/", "--threads", "many"}),
                Arguments.of(
                        "unknown strategy",
                        new String[] {"compare", "--strategies", "pool,turbo", "http", "http://127.0.0.1/"}),
                Arguments.of(
                        "unknown strategy",
                        new String[] {"compare", "http", "--strategies", "auto", "http://127.0.0.1/"}),
                Arguments.of("--workers", new String[] {"compare", "--workers", "0", "http", "http://127.0.0.1/"}),
                Arguments.of("--workers", new String[] {"compare", "http", "http://127.0.0.1/", "--workers", "257"}),
                Arguments.of("scan or http", new String[] {"compare", "--threads", "1,10"}),
                Arguments.of("--pattern", new String[] {"compare", "http", "--pattern", "http://127.0.0.1/{z-a}"}),
                Arguments.of("no URLs", new String[] {"compare", "http"}),
                Arguments.of("--ports", new String[] {"compare", "scan", "--hosts", "127.0.0.1", "--ports", "70000"}),
                Arguments.of(
                        "does not exist",
                        new String[] {"compare", "--output", "/nonexistent/dir/c.csv", "http", "http://127.0.0.1/"}),
                Arguments.of(
                        "does not exist",
                        new String[] {"compare", "--chart", "/nonexistent/dir/c.png", "http", "http://127.0.0.1/"}));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInputs")
    void badInputIsOneErrorLineAndExitTwo(String mentions, String[] args) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String[] lines = r.err().strip().split("\\R");
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines[0]).startsWith("error: ").containsIgnoringCase(mentions);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpNamesTheJobs() {
        CliRunner r = CliRunner.run("compare", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--threads", "--strategies", "--workers", "--chart", "scan", "http");
    }
}
