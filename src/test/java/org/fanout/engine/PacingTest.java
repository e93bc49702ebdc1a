package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * --rate paces probes evenly under every strategy: the scan takes as long as the rate says, with
 * no bursts, and over seconds the rate is what was asked, within 5%.
 */
@Tag("slow")
@Timeout(60)
class PacingTest {
    @ParameterizedTest
    @EnumSource(
            value = Strategy.class,
            names = {"SERIAL", "POOL", "VIRTUAL", "NIO"})
    void probesArePacedEvenly(Strategy strategy) throws Exception {
        int n = 60;
        double rate = 200; // one every 5 ms: the whole scan at least 295 ms
        List<Integer> free = TcpLab.freeEphemeralPorts(n);
        var ports = PortSpec.of(free.stream().mapToInt(Integer::intValue).toArray());
        var scan = Scan.tcp(
                        new TcpTargets(HostSpec.parse("127.0.0.1"), ports, Resolver.system()),
                        new TcpProbeConfig(Duration.ofSeconds(1), 0, false, Duration.ofMillis(50)),
                        new ScanSettings(strategy, 1000, 1))
                .pacedAt(rate);
        List<Long> times = new ArrayList<>();
        long start = System.nanoTime();
        scan.run(r -> times.add(System.nanoTime() - start));
        assertThat(times).hasSize(n);
        assertThat(times.getLast()).as("whole scan, ns").isGreaterThanOrEqualTo((long) ((n - 1) / rate * 1e9 * 0.95));
        // No burst: in any 25 ms window at most a few more than the 5 the rate allows.
        for (int i = 0; i + 10 < times.size(); i++) {
            assertThat(times.get(i + 10) - times.get(i))
                    .as("11 results within 25 ms at " + i)
                    .isGreaterThan(25_000_000L);
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aRateOf800PerSecondHoldsWithinFivePercent(Strategy strategy) throws Exception {
        assertRateHolds(strategy, 800, 4000);
    }

    /**
     * Scans {@code n} closed loopback ports at {@code rate} and measures results per second over the
     * middle half of the scan (worker processes take a second to start).
     */
    private static void assertRateHolds(Strategy strategy, double rate, int n) throws Exception {
        Set<Integer> listening = ListeningPorts.now();
        List<Integer> closed = new ArrayList<>();
        for (int p = 1025; closed.size() < n; p++) {
            if (!listening.contains(p)) closed.add(p);
        }
        var ports = PortSpec.of(closed.stream().mapToInt(Integer::intValue).toArray());
        var scan = Scan.tcp(
                        new TcpTargets(HostSpec.parse("127.0.0.1"), ports, Resolver.system()),
                        new TcpProbeConfig(Duration.ofSeconds(1), 0, false, Duration.ofMillis(50)),
                        new ScanSettings(strategy, 64, 2))
                .pacedAt(rate);
        List<Long> times = new ArrayList<>();
        scan.run(r -> times.add(System.nanoTime()));
        assertThat(times).hasSize(n);
        double measured = (n / 2) / ((times.get(3 * n / 4) - times.get(n / 4)) / 1e9);
        assertThat(measured)
                .as(strategy + " at " + rate + "/s gave " + Math.round(measured) + "/s")
                .isBetween(rate * 0.95, rate * 1.05);
    }
}
