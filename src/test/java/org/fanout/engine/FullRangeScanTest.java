package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A full 1-65535 scan of 127.0.0.1 reports exactly the open ports that exist, no more and no
 * fewer, under every strategy. Listeners sit low and in the ephemeral range (where a scan can
 * meet its own source port); ports others listen on are excluded, never probed.
 */
@Tag("slow")
@Timeout(300)
class FullRangeScanTest {
    static TcpLab lab;
    static Set<Integer> ours;

    @BeforeAll
    static void openListeners() throws Exception {
        List<Integer> ephemeral = TcpLab.freeEphemeralPorts(6);
        Set<Integer> wanted = new TreeSet<>(ephemeral);
        for (int p = 1500; wanted.size() < 9 && p < 1600; p++) {
            if (!ListeningPorts.now().contains(p)) wanted.add(p);
        }
        lab = TcpLab.onPorts(
                BannerMix.SILENT, wanted.stream().mapToInt(Integer::intValue).toArray());
        ours = new TreeSet<>(lab.ports());
    }

    @AfterAll
    static void close() {
        lab.close();
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void findsExactlyTheOpenPorts(Strategy strategy) throws Exception {
        Set<Integer> others = new HashSet<>(ListeningPorts.now());
        others.removeAll(ours);
        PortSpec ports = PortSpec.parse("all");
        if (!others.isEmpty())
            ports = ports.minus(
                    PortSpec.of(others.stream().mapToInt(Integer::intValue).toArray()));
        TcpTargets targets = new TcpTargets(HostSpec.parse("127.0.0.1"), ports, Resolver.system());
        int threads = strategy == Strategy.SERIAL ? 1 : 512;
        Scan<?, TcpResult> scan = Scan.tcp(
                targets,
                new TcpProbeConfig(Duration.ofSeconds(2), 1, false, Duration.ofMillis(100)),
                new ScanSettings(strategy, threads, 2));
        Set<Integer> open = new TreeSet<>();
        long[] results = {0};
        scan.run(r -> {
            results[0]++;
            if (r.state() == TcpState.OPEN) open.add(r.port());
        });
        assertThat(results[0]).isEqualTo(ports.count());
        assertThat(scan.progress().count("open"))
                .as("counters agree with results")
                .isEqualTo(open.size());
        assertThat(scan.progress().count("closed")).isEqualTo(ports.count() - open.size());
        // On a shared machine another program may start listening mid-scan: not ours, not counted.
        Set<Integer> appeared = new HashSet<>(ListeningPorts.now());
        appeared.removeAll(ours);
        appeared.removeAll(others);
        open.removeAll(appeared);
        assertThat(open).isEqualTo(ours);
    }

    /**
     * With --banner, a connect that met itself (source port = target port) waits for a banner
     * that never comes; it must still be told apart from an open port. The ephemeral range is
     * scanned twice, since a self-connect happens about once per pass over it. (Serial and
     * process run the very probe pool and virtual run.)
     */
    @ParameterizedTest
    @EnumSource(
            value = Strategy.class,
            names = {"POOL", "VIRTUAL", "NIO"})
    void withBannersTheEphemeralRangeHasNoPhantomOpenPorts(Strategy strategy) throws Exception {
        Set<Integer> others = new HashSet<>(ListeningPorts.now());
        others.removeAll(ours);
        PortSpec ports = PortSpec.parse("32768-60999");
        if (!others.isEmpty())
            ports = ports.minus(
                    PortSpec.of(others.stream().mapToInt(Integer::intValue).toArray()));
        Set<Integer> oursHere = new TreeSet<>(ours);
        oursHere.removeIf(p -> p < 32768 || p > 60999);
        for (int pass = 0; pass < 2; pass++) {
            TcpTargets targets = new TcpTargets(HostSpec.parse("127.0.0.1"), ports, Resolver.system());
            Scan<?, TcpResult> scan = Scan.tcp(
                    targets,
                    new TcpProbeConfig(Duration.ofSeconds(2), 0, true, Duration.ofMillis(200)),
                    new ScanSettings(strategy, 512, 2));
            Set<Integer> open = new TreeSet<>();
            scan.run(r -> {
                if (r.state() == TcpState.OPEN) open.add(r.port());
            });
            Set<Integer> appeared = new HashSet<>(ListeningPorts.now());
            appeared.removeAll(ours);
            appeared.removeAll(others);
            open.removeAll(appeared);
            assertThat(open).as(strategy + " open ports, pass " + pass).isEqualTo(oursHere);
        }
    }
}
