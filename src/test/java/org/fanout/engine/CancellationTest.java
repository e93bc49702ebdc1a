package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.fanout.Await;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cancelling a scan whose requests all hang stops it within a second, with no Fanout thread,
 * worker process or socket left behind; so does cancelling a scan of millions of loopback
 * targets whose every connect is refused at once.
 */
@Tag("slow")
@Timeout(60)
class CancellationTest {
    static LabHttpServer server;
    static LabHttpServer fastServer;

    @BeforeAll
    static void start() throws Exception {
        server = LabHttpServer.builder().port(0).latency(Duration.ofSeconds(30)).start();
        fastServer =
                LabHttpServer.builder().port(0).latency(Duration.ofMillis(2)).start();
    }

    @AfterAll
    static void stop() {
        fastServer.close();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void stopsWithinASecondAndLeavesNothingBehind(Strategy strategy) throws Exception {
        Set<String> threadsBefore = fanoutThreads();
        // 5000 URLs that each take 30 s: the scan would run for ages if cancel did not work.
        UrlSource urls = UrlSource.pattern(server.baseUrl() + "/{0-4}{0-9}{0-9}{0-9}");
        var config = new HttpProbeConfig("HEAD", Duration.ofSeconds(20), true, 5, 0);
        Scan<URI, HttpResult> scan = Scan.http(urls, config, Resolver.system(), new ScanSettings(strategy, 50, 2));
        AtomicLong results = new AtomicLong();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                scan.run(r -> results.incrementAndGet());
            } catch (InterruptedException ignored) {
                // cancelled
            }
        });
        waitFor(() -> server.openConnections() >= (strategy == Strategy.SERIAL ? 1 : 20), Duration.ofSeconds(20));
        long start = System.nanoTime();
        scan.cancel();
        runner.join(Duration.ofSeconds(5));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(runner.isAlive()).as("scan still running after cancel").isFalse();
        assertThat(tookMs).as("cancel took " + tookMs + " ms").isLessThan(1000);
        assertThat(scan.progress().done()).isLessThan(5000);
        // Our side: no client socket left established to the server (the server itself only
        // notices a closed client when its 30 s wait ends, so its own count says nothing here).
        waitFor(() -> ListeningPorts.establishedTo(server.port()) == 0, Duration.ofSeconds(3));
        assertThat(ListeningPorts.establishedTo(server.port()))
                .as("client sockets left open")
                .isZero();
        waitFor(() -> fanoutThreads().equals(threadsBefore), Duration.ofSeconds(3));
        assertThat(fanoutThreads()).as("threads left behind").isEqualTo(threadsBefore);
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .count())
                .as("worker processes left")
                .isZero();
    }

    /**
     * 127.0.0.0/8 on one port nothing listens on: 16.7 million targets, each refused inside
     * connect(), so a strategy that only looks for a cancel while it waits would never look.
     */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aTcpScanOfMillionsOfRefusedTargetsStopsWithinTwoSeconds(Strategy strategy) throws Exception {
        int port = TcpLab.freeEphemeralPorts(1).getFirst();
        var targets = new TcpTargets(HostSpec.parse("127.0.0.0/8"), PortSpec.of(port), Resolver.system());
        assertThat(targets.count()).isEqualTo(1L << 24);
        var scan = Scan.tcp(
                targets,
                new TcpProbeConfig(Duration.ofSeconds(1), 0, false, Duration.ofMillis(100)),
                new ScanSettings(strategy, strategy == Strategy.SERIAL ? 1 : 256, 2));
        AtomicLong results = new AtomicLong();
        AtomicLong notClosed = new AtomicLong();
        AtomicReference<String> odd = new AtomicReference<>();
        Thread runner = Thread.ofPlatform().start(() -> {
            try {
                scan.run(r -> {
                    results.incrementAndGet();
                    if (r.state() != TcpState.CLOSED) {
                        notClosed.incrementAndGet(); // e.g. a probe the cancel broke off, reported as filtered
                        odd.set(r + (scan.isCancelled() ? " after cancel" : ""));
                    }
                });
            } catch (InterruptedException ignored) {
                // cancelled
            }
        });
        waitFor(() -> results.get() >= 3000, Duration.ofSeconds(30));
        assertThat(results.get()).as("scan under way").isGreaterThanOrEqualTo(3000);
        long start = System.nanoTime();
        scan.cancel();
        runner.join(Duration.ofSeconds(10));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(runner.isAlive()).as("scan still running 10 s after cancel").isFalse();
        assertThat(tookMs).as("cancel took " + tookMs + " ms").isLessThan(2000);
        assertThat(scan.progress().done()).isLessThan(targets.count());
        assertThat(notClosed.get()).as("results other than closed, e.g. " + odd).isZero();
        waitFor(() -> ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive), Duration.ofSeconds(3));
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .count())
                .as("worker processes left")
                .isZero();
    }

    static Set<String> fanoutThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("fanout-") || n.startsWith("HttpClient"))
                .collect(Collectors.toSet());
    }

    /** Waits for {@code condition} at most {@code max}; the assertions after it say what failed. */
    static void waitFor(BooleanSupplier condition, Duration max) throws Exception {
        Await.atMost(max, condition::getAsBoolean);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aListenerMayCancelAndTheCallerIsNotLeftInterrupted(Strategy strategy) throws Exception {
        UrlSource urls = UrlSource.pattern(
                server.baseUrl().replace(":" + server.port(), ":" + fastServer.port()) + "/{a-z}{a-z}");
        var scan = Scan.http(
                urls,
                new HttpProbeConfig("HEAD", Duration.ofSeconds(5), true, 5, 0),
                Resolver.system(),
                new ScanSettings(strategy, 4, 2));
        AtomicLong results = new AtomicLong();
        scan.run(r -> {
            if (results.incrementAndGet() == 20) scan.cancel();
        });
        assertThat(Thread.currentThread().isInterrupted())
                .as("caller left interrupted")
                .isFalse();
        assertThat(results.get()).isBetween(20L, 675L);
        assertThat(scan.isCancelled()).isTrue();
    }
}
