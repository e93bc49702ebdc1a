package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The summary line and the progress bar say what was scanned, in readable English. */
@Timeout(60)
class ScanSummaryTest {
    @TempDir
    Path dir;

    @Test
    void oneHostOnePortIsSingularAndTheHostsAreCounted() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        CliRunner one = CliRunner.run(
                "scan",
                "--hosts",
                "127.0.0.1",
                "--ports",
                Integer.toString(closed),
                "--output",
                dir.resolve("one.csv").toString());
        assertThat(one.status()).as(one.err()).isZero();
        assertThat(one.err())
                .startsWith("fanout: 1 port in ")
                .contains(", 1 host x 1 port, ")
                .doesNotContain("1 ports");

        List<Integer> ports = TcpLab.freeEphemeralPorts(3);
        String list = ports.stream()
                .map(String::valueOf)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        CliRunner many = CliRunner.run(
                "scan",
                "--hosts",
                "127.0.0.1,127.0.0.2,127.0.0.1",
                "--ports",
                list,
                "--output",
                dir.resolve("many.csv").toString());
        assertThat(many.status()).as(many.err()).isZero();
        assertThat(many.err())
                .startsWith("fanout: 6 ports in ")
                .contains(", 2 hosts x 3 ports, ")
                .contains("closed 6");
        assertThat(Files.readAllLines(dir.resolve("many.csv")))
                .as("each host once")
                .hasSize(7);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Strategy.class)
    void ipv6LoopbackIsScannedOnceAndWrittenCompressed(Strategy strategy) throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        Path csv = dir.resolve(strategy.label() + ".csv");
        Path json = dir.resolve(strategy.label() + ".jsonl");
        String[] common = {
            "scan",
            "--hosts",
            "::1,[::1],0:0:0:0:0:0:0:1,127.0.0.1,127.0.0.1",
            "--ports",
            Integer.toString(closed),
            "--strategy",
            strategy.label(),
            "--workers",
            "1"
        };
        CliRunner r = CliRunner.run(concat(common, "--output", csv.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllLines(csv))
                .hasSize(3)
                .anyMatch(l -> l.startsWith("\"::1\",\"::1\","))
                .noneMatch(l -> l.contains("0:0:0"));
        assertThat(r.err()).contains("2 hosts x 1 port");
        CliRunner j = CliRunner.run(concat(common, "--output", json.toString()));
        assertThat(j.status()).as(j.err()).isZero();
        assertThat(Files.readString(json)).contains("\"ip\":\"::1\"").doesNotContain("0:0:0");
        CliRunner text = CliRunner.run(concat(common, "--format", "text"));
        assertThat(text.out()).contains(" ::1 ").doesNotContain("0:0:0");
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void oneUrlIsSingular() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        CliRunner r = CliRunner.run(
                "http",
                "http://127.0.0.1:" + closed + "/",
                "--output",
                dir.resolve("u.csv").toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).startsWith("fanout: 1 URL in ").doesNotContain("1 URLs");
    }

    @Test
    void progressCountsStandApartAndTheLastFrameShowsTheFinalCounts() throws Exception {
        List<Integer> ports = TcpLab.freeEphemeralPorts(24);
        String list = ports.stream()
                .map(String::valueOf)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        Scan<Endpoint, TcpResult> scan = Scan.tcp(
                new TcpTargets(HostSpec.parse("127.0.0.1"), PortSpec.parse(list), Resolver.system()),
                new TcpProbeConfig(Duration.ofSeconds(2), 0, false, Duration.ofMillis(100)),
                new ScanSettings(Strategy.POOL, 4));
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(terminal, true, StandardCharsets.UTF_8);
        ProgressBar bar = ScanSession.progressBar(scan, "ports", err);
        scan.run(r -> {});
        ScanSession.finish(bar, scan);
        String[] frames = terminal.toString(StandardCharsets.UTF_8).split("[\r\n]+");
        String last = frames[frames.length - 1].strip();
        assertThat(last).contains("24/24").endsWith(" closed 24").doesNotContainPattern("/s\\S*closed");
    }
}
