package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.ExcludedHosts;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.ReverseResolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.BannerMix;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.LabTls;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** scan --tls and --resolve-names, the same under every strategy; --exclude-hosts as a target filter. */
@Timeout(180)
@Tag("slow")
class AnsweredPortsTest {
    static final InetAddress LOOPBACK = InetAddress.ofLiteral("127.0.0.1");

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static LabHttpServer https;
    static LabHttpServer http;
    static TcpLab ssh;
    static int closed;

    @BeforeAll
    static void start() throws Exception {
        certs = new TestCertificates(dir);
        https = LabHttpServer.builder()
                .tls(LabTls.fromPkcs12(certs.selfSigned.p12(), TestCertificates.PASSWORD))
                .start();
        http = LabHttpServer.start();
        ssh = TcpLab.start(1, BannerMix.SSH);
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            closed = s.getLocalPort(); // ours, now closed: the connect is refused
        }
    }

    @AfterAll
    static void stop() throws Exception {
        https.close();
        http.close();
        ssh.close();
    }

    @Test
    void openPortsShowTheirCertificatesAndAnsweringAddressesTheirNames() throws Exception {
        List<Endpoint> targets = List.of(
                new Endpoint("127.0.0.1", LOOPBACK, https.port()),
                new Endpoint("127.0.0.1", LOOPBACK, http.port()),
                new Endpoint("127.0.0.1", LOOPBACK, ssh.ports().getFirst()),
                new Endpoint("127.0.0.1", LOOPBACK, closed),
                new Endpoint("no-such-host.invalid", null, 443, "unknown_host"));
        Instant notAfter = certs.selfSigned.opensslNotAfter();
        for (Strategy strategy : Strategy.values()) {
            Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();
            ReverseResolver names = address -> {
                lookups.computeIfAbsent(address.getHostAddress(), a -> new AtomicInteger())
                        .incrementAndGet();
                return address.isLoopbackAddress() ? "lab.test" : null; // a test's own resolver: no DNS query
            };
            Map<Integer, TcpResult> got = new TreeMap<>();
            Scan.tcp(
                            FaultsTest.listOf(targets),
                            new TcpProbeConfig(Duration.ofSeconds(2), 0, true, Duration.ofMillis(300)),
                            new ScanSettings(strategy, 4, 2),
                            new AnsweredPorts(Duration.ofSeconds(3), names))
                    .run(r -> got.put(r.port(), r));
            String as = strategy + " " + got;
            assertThat(got).as(as).hasSize(5);
            CertificateInfo c = got.get(https.port()).certificate();
            assertThat(c).as(as).isNotNull();
            assertThat(c.subject()).as(as).isEqualTo("CN=localhost");
            assertThat(c.trusted()).as(as).isFalse(); // self-signed: not in the JDK's trust store
            assertThat(c.notAfter()).as(as).isEqualTo(notAfter);
            assertThat(c.daysLeft()).as(as).isEqualTo(CertificateInfo.daysLeft(notAfter, Instant.now()));
            assertThat(got.get(http.port()).certificate()).as(as).isNull();
            assertThat(got.get(ssh.ports().getFirst()).certificate()).as(as).isNull();
            assertThat(got.get(ssh.ports().getFirst()).banner()).as(as).startsWith("SSH-");
            assertThat(got.get(closed).state()).as(as).isEqualTo(TcpState.CLOSED);
            for (int port : List.of(https.port(), http.port(), ssh.ports().getFirst(), closed)) {
                assertThat(got.get(port).name()).as(as).isEqualTo("lab.test");
            }
            assertThat(got.get(443).name()).as(as).isNull();
            assertThat(got.get(443).certificate()).as(as).isNull();
            assertThat(lookups).as(as).containsOnlyKeys("127.0.0.1");
            assertThat(lookups.get("127.0.0.1").get()).as(as).isEqualTo(1);
        }
    }

    @Test
    void withoutAskingNothingIsLookedUpOrHandshaken() throws Exception {
        Map<Integer, TcpResult> got = new TreeMap<>();
        Scan.tcp(
                        FaultsTest.listOf(List.of(new Endpoint("127.0.0.1", LOOPBACK, https.port()))),
                        TcpProbeConfig.defaults(),
                        new ScanSettings(Strategy.NIO, 1, 1))
                .run(r -> got.put(r.port(), r));
        assertThat(got.get(https.port()).certificate()).isNull();
        assertThat(got.get(https.port()).name()).isNull();
    }

    @Test
    void excludedHostsAreLeftOutWhateverTheirSpelling() {
        HostSpec hosts = HostSpec.parse("127.0.0.1-4,localhost,::1");
        PortSpec ports = PortSpec.parse("22,80");
        TcpTargets all = new TcpTargets(hosts, ports, host -> LOOPBACK); // never queried for a real name
        ExcludedHosts left =
                new ExcludedHosts(all, hosts, ports.count(), HostSpec.parse("127.0.0.2-3,LOCALHOST,0:0:0:0:0:0:0:1"));
        List<String> seen = new ArrayList<>();
        left.forEach(e -> seen.add(e.host() + ":" + e.port()));
        assertThat(seen).containsExactly("127.0.0.1:22", "127.0.0.1:80", "127.0.0.4:22", "127.0.0.4:80");
        assertThat(left.count()).isEqualTo(4);
    }
}
