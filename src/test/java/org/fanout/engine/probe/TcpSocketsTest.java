package org.fanout.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.lab.BannerMix;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The nio strategy's two kinds of TCP sockets, Linux's own calls and the JDK's channels, report the
 * same result for every kind of loopback port: open with each banner, silent, closed, filtered
 * (a full backlog), on IPv4 and IPv6, at a concurrency that keeps many connects in flight.
 */
@Timeout(60)
class TcpSocketsTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @Test
    void linuxCallsAreUsedWhereTheyCanBe() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")), "Linux x86-64/AArch64");
        // the tests run with --enable-native-access=ALL-UNNAMED, as ./fanout and the packaged launchers do
        assertThat(LinuxTcpSockets.AVAILABLE)
                .as("the nio strategy would fall back to the JDK's channels everywhere")
                .isTrue();
    }

    @Test
    void bothKindsReportTheSameResultForEveryKindOfPort() throws Exception {
        assumeTrue(LinuxTcpSockets.AVAILABLE, "Linux sockets through FFM");
        try (TcpLab lab = TcpLab.start(8, BannerMix.MIXED);
                FullBacklogListener filtered = FullBacklogListener.open()) {
            List<Integer> closed = TcpLab.freeEphemeralPorts(200); // while the listeners hold theirs
            List<Endpoint> targets = new ArrayList<>();
            for (int port : lab.ports()) targets.add(new Endpoint("127.0.0.1", LOOPBACK, port));
            for (int port : closed) targets.add(new Endpoint("127.0.0.1", LOOPBACK, port));
            targets.add(new Endpoint("127.0.0.1", LOOPBACK, filtered.port()));
            InetAddress v6 = ipv6Loopback();
            if (v6 != null) {
                for (int port : closed.subList(0, 50)) targets.add(new Endpoint("::1", v6, port));
            }
            TcpProbeConfig config = new TcpProbeConfig(Duration.ofMillis(700), 0, true, Duration.ofMillis(700));

            Map<String, String> linux = run(new NioTcpEngine(config, LinuxTcpSockets::new), targets);
            Map<String, String> jdk = run(new NioTcpEngine(config, JdkTcpSockets::new), targets);

            assertThat(linux).isEqualTo(jdk).hasSize(targets.size());
            for (int port : lab.ports()) {
                String banner = lab.banners().get(port);
                String expected = "open " + (banner == null || banner.isEmpty() ? null : banner.strip()) + " null";
                assertThat(linux.get("127.0.0.1:" + port)).isEqualTo(expected);
            }
            for (int port : closed) assertThat(linux.get("127.0.0.1:" + port)).isEqualTo("closed null null");
            assertThat(linux.get("127.0.0.1:" + filtered.port())).isEqualTo("filtered null timeout");
            if (v6 != null) assertThat(linux.get("::1:" + closed.getFirst())).isEqualTo("closed null null");
        }
    }

    @Test
    void aCancelEndsTheLinuxLoopWhileItWaits() throws Exception {
        assumeTrue(LinuxTcpSockets.AVAILABLE, "Linux sockets through FFM");
        try (FullBacklogListener filtered = FullBacklogListener.open()) {
            List<Endpoint> targets = List.of(new Endpoint("127.0.0.1", LOOPBACK, filtered.port()));
            TcpProbeConfig config = new TcpProbeConfig(Duration.ofSeconds(30), 0, false, Duration.ofMillis(500));
            Cancellation cancel = new Cancellation();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException ignored) {
                    return;
                }
                cancel.cancel();
            });
            long start = System.nanoTime();
            List<TcpResult> results = new ArrayList<>();
            new NioTcpEngine(config, LinuxTcpSockets::new).run(targets.iterator(), 10, results::add, cancel);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("ms until the loop saw the cancel").isBetween(250L, 2_000L);
            assertThat(results).isEmpty(); // a probe the cancel cut short is not an answer
        }
    }

    /**
     * A refused loopback socket is connected again to the next target (Linux leaves it
     * unconnected): one at a time, closed ports of both families between open ones and a full
     * backlog, so that every open port, the filtered one and every IPv6 port is dialled on a socket
     * that was just refused, and the answers must still be the JDK's. Without the reuse a socket is
     * made per target; a leaked spare shows in the count of this process's descriptors.
     */
    @Test
    void aRefusedSocketIsConnectedAgainToTheNextTarget() throws Exception {
        assumeTrue(LinuxTcpSockets.AVAILABLE, "Linux sockets through FFM");
        LinuxTcpSockets[] linuxSockets = {null};
        Map<String, String> linux;
        List<Integer> closed;
        int open = 0;
        int filteredPort;
        try (TcpLab lab = TcpLab.start(8, BannerMix.MIXED);
                FullBacklogListener filtered = FullBacklogListener.open()) {
            filteredPort = filtered.port();
            closed = TcpLab.freeEphemeralPorts(400);
            InetAddress v6 = ipv6Loopback();
            List<Endpoint> targets = new ArrayList<>();
            for (int i = 0; i < closed.size(); i++) {
                targets.add(new Endpoint("127.0.0.1", LOOPBACK, closed.get(i)));
                if (v6 != null && i % 5 == 0) targets.add(new Endpoint("::1", v6, closed.get(i)));
                if (i % 50 == 49)
                    targets.add(new Endpoint("127.0.0.1", LOOPBACK, lab.ports().get(open++)));
                if (i == 100) targets.add(new Endpoint("127.0.0.1", LOOPBACK, filteredPort));
            }
            TcpProbeConfig config = new TcpProbeConfig(Duration.ofMillis(700), 0, true, Duration.ofMillis(700));

            long descriptors = openDescriptors();
            linux = run(new NioTcpEngine(config, () -> linuxSockets[0] = new LinuxTcpSockets()), targets, 1);
            long deadline = System.nanoTime() + 5_000_000_000L; // the lab closes what it accepted on its own threads
            while (openDescriptors() != descriptors && System.nanoTime() < deadline) Thread.sleep(20);
            assertThat(openDescriptors()).as("descriptors after the run").isEqualTo(descriptors);
            Map<String, String> jdk = run(new NioTcpEngine(config, JdkTcpSockets::new), targets, 1);
            assertThat(linux).isEqualTo(jdk).hasSize(targets.size());
        }
        assertThat(linux.values().stream().filter(v -> v.startsWith("open")).count())
                .isEqualTo(open);
        for (int port : closed) assertThat(linux.get("127.0.0.1:" + port)).isEqualTo("closed null null");
        assertThat(linux.get("127.0.0.1:" + filteredPort)).isEqualTo("filtered null timeout");
        // one per family, one after each open and the filtered port (closed); a rare self-connect takes one too
        assertThat(linuxSockets[0].socketsMade).as("sockets made").isBetween(2L, open + 3L + 3L);
    }

    private static long openDescriptors() throws Exception {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static Map<String, String> run(NioTcpEngine engine, List<Endpoint> targets) throws Exception {
        return run(engine, targets, 64);
    }

    private static Map<String, String> run(NioTcpEngine engine, List<Endpoint> targets, int concurrency)
            throws Exception {
        Map<String, String> byTarget = new TreeMap<>();
        engine.run(
                targets.iterator(),
                concurrency,
                r -> {
                    String previous = byTarget.put(
                            r.host() + ":" + r.port(), r.state().label() + " " + r.banner() + " " + r.error());
                    assertThat(previous)
                            .as("a second result for " + r.host() + ":" + r.port())
                            .isNull();
                },
                new Cancellation());
        return byTarget;
    }

    /** ::1 where this machine has it (a namespace with only loopback up usually does). */
    private static InetAddress ipv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            InetAddress v6 = InetAddress.getByName("::1");
            s.bind(new InetSocketAddress(v6, 0));
            return v6 instanceof Inet6Address ? v6 : null;
        } catch (Exception e) {
            return null;
        }
    }
}
