package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seeds' shared-counter race must not exist: counts stay exact at 10,000 threads. */
@Timeout(120)
class CountersTest {
    @Test
    void countsAreExactAtTenThousandVirtualThreads() throws Exception {
        try (TcpLab lab = TcpLab.start(3, BannerMix.SILENT)) {
            int[] open = lab.ports().stream().mapToInt(Integer::intValue).toArray();
            // 64 loopback hosts x (3 open + 200 closed ports) = 12,992 targets
            StringBuilder ports = new StringBuilder();
            for (int p : open) ports.append(p).append(',');
            // 200 closed ports freed a moment ago, not 1-200: ports this machine's services may listen on are never
            // probed
            ports.append(String.join(
                    ",",
                    TcpLab.freeEphemeralPorts(200).stream().map(String::valueOf).toList()));
            var targets =
                    new TcpTargets(HostSpec.parse("127.0.0.0/26"), PortSpec.parse(ports.toString()), Resolver.system());
            var scan = Scan.tcp(
                    targets,
                    new TcpProbeConfig(Duration.ofSeconds(3), 1, false, Duration.ofMillis(50)),
                    new ScanSettings(Strategy.VIRTUAL, 10_000, 1));
            AtomicLong seen = new AtomicLong();
            AtomicLong seenOpen = new AtomicLong();
            scan.run(r -> {
                seen.incrementAndGet();
                if (r.state() == TcpState.OPEN) seenOpen.incrementAndGet();
            });
            ScanProgress p = scan.progress();
            assertThat(p.total()).isEqualTo(64L * 203);
            assertThat(p.done()).isEqualTo(seen.get()).isEqualTo(64L * 203);
            assertThat(p.outcomes().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(64L * 203);
            // Every 127.0.0.x address reaches the listeners bound to 127.0.0.1? No: only .1 does.
            assertThat(p.count("open")).isEqualTo(seenOpen.get()).isEqualTo(3);
        }
    }
}
