package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.target.Endpoint;
import org.fanout.engine.target.TargetSource;
import org.fanout.engine.target.UrlSource;
import org.fanout.lab.BannerMix;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The worst of networks, against every strategy: each fault gets its own classified result, and
 * a scan of them all ends within its computed deadline (targets / threads x timeout x attempts,
 * plus slack) — it never hangs.
 */
@Timeout(120)
class FaultsTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static LabHttpServer http;
    static TcpLab silent;
    static FullBacklogListener backlog;

    @BeforeAll
    static void start() throws Exception {
        http = LabHttpServer.builder().port(0).latency(Duration.ZERO).dripInterval(Duration.ofMillis(400)).start();
        // Held well past the checks' 1.2 s deadline: a first TLS handshake in a loaded JVM can spend most of a
        // second making its ClientHello before it waits, and the hold must not end before the client gives up.
        silent = TcpLab.open(List.of(0), BannerMix.SILENT, Duration.ofSeconds(10));
        backlog = FullBacklogListener.open();
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        silent.close();
        backlog.close();
    }

    static <T> TargetSource<T> listOf(List<T> items) {
        return new TargetSource<>() {
            @Override public long count() { return items.size(); }
            @Override public Iterator<T> iterator() { return items.iterator(); }
        };
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void tcpFaults(Strategy strategy) throws Exception {
        List<Endpoint> targets = new ArrayList<>();
        targets.add(new Endpoint("127.0.0.1", LOOPBACK, backlog.port()));            // SYNs dropped
        targets.add(new Endpoint("127.0.0.1", LOOPBACK, silent.ports().getFirst())); // accepts, never speaks
        targets.add(new Endpoint("127.0.0.1", LOOPBACK, 0));                          // the OS refuses the port
        targets.add(new Endpoint("no-such-host.invalid", null, 80, "unknown_host"));   // test resolver said no
        Duration timeout = Duration.ofMillis(400);
        int retries = 1;
        var scan = Scan.tcp(listOf(targets), new TcpProbeConfig(timeout, retries, true, Duration.ofMillis(300)),
                new ScanSettings(strategy, 4, 2));
        Map<Integer, TcpResult> got = new TreeMap<>();
        long start = System.nanoTime();
        scan.run(r -> got.put(r.port(), r));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(got.get(backlog.port()).state()).isEqualTo(TcpState.FILTERED);
        assertThat(got.get(backlog.port()).error()).isEqualTo("timeout");
        TcpResult quiet = got.get(silent.ports().getFirst());
        assertThat(quiet.state()).isEqualTo(TcpState.OPEN);
        assertThat(quiet.banner()).isNull();
        assertThat(got.get(0).state()).isEqualTo(TcpState.ERROR);
        assertThat(got.get(0).error()).isEqualTo("invalid_port");
        assertThat(got.get(80).error()).isEqualTo("unknown_host");
        // One round of 4 targets on 4 threads: (400 ms + 300 ms banner) x 2 attempts, plus start-up slack.
        long deadline = (timeout.toMillis() + 300) * (retries + 1) + (strategy == Strategy.PROCESS ? 3000 : 1500);
        assertThat(tookMs).as("took " + tookMs + " ms").isLessThan(deadline);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void httpFaults(Strategy strategy) throws Exception {
        String base = http.baseUrl();
        String tlsToPlain = "https://127.0.0.1:" + http.port() + "/status/200";      // handshake fails
        String tlsStalls = "https://127.0.0.1:" + silent.ports().getFirst() + "/";     // handshake never answered
        Map<String, String> want = new TreeMap<>();
        want.put(base + "/silent", "timeout");
        want.put(base + "/drip", "timeout");
        want.put(base + "/reset", "connection_reset");
        want.put(base + "/garbage", "protocol");
        want.put(base + "/big-header", "protocol");
        want.put(base + "/redirect-loop", "too_many_redirects");
        want.put(tlsToPlain, "tls");
        want.put(tlsStalls, "timeout");
        Duration timeout = Duration.ofMillis(1200);
        var scan = Scan.http(UrlSource.of(List.copyOf(want.keySet())), new HttpProbeConfig("HEAD", timeout, true, 5, 0),
                HttpChecksTest.LOCAL_ONLY, new ScanSettings(strategy, 8, 2));
        Map<String, HttpResult> got = new TreeMap<>();
        long start = System.nanoTime();
        scan.run(r -> got.put(r.url(), r));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        want.forEach((url, error) -> {
            assertThat(got.get(url).status()).as(url).isZero();
            assertThat(got.get(url).error()).as(strategy + " " + url).isEqualTo(error);
        });
        int concurrency = scan.concurrency().concurrency();
        long threadsRounds = (want.size() + concurrency - 1) / concurrency;
        assertThat(tookMs).as("took " + tookMs + " ms").isLessThan(threadsRounds * timeout.toMillis() + (strategy == Strategy.PROCESS ? 3000 : 1500));
    }

}
