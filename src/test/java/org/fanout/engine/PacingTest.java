package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.fanout.Await;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

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
            names = {"SERIAL", "POOL", "VIRTUAL", "NIO", "PROCESS"})
    void probesArePacedEvenly(Strategy strategy) throws Exception {
        int n = 60;
        var run = pacedScan(strategy, n, clock -> {});
        // The pacer keeps to a schedule from the scan's start: a first connect that is late
        // (classes loading) is caught up at two thirds of the interval, so the whole scan, not
        // the first to the last connect, is what the rate bounds.
        long lastConnect = run.arrivals().stream()
                .mapToLong(AcceptClock.Arrival::notAfter)
                .max()
                .orElseThrow();
        assertThat(lastConnect - run.start())
                .as("start to the last connect (at the latest), ns")
                .isGreaterThanOrEqualTo((long) ((n - 1) / RATE * 1e9 * 0.95));
        assertNoBurst(run.arrivals());
    }

    /**
     * Virtual threads that cannot run yet (every carrier busy) must not start their probes in a
     * burst once they can: the schedule is for connects, not for tasks handed over.
     */
    @Test
    void virtualThreadsHeldBackByBusyCarriersStillConnectSpaced() throws Exception {
        var run = pacedScan(Strategy.VIRTUAL, 30, clock -> occupyCarriers(Duration.ofMillis(80)));
        assertNoBurst(run.arrivals());
    }

    /**
     * A worker JVM that stops a while (a busy machine; here SIGSTOP, 250 ms) must not start in a
     * burst what was handed to it meanwhile: the parent draws only what the workers have started.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void workerProcessesStoppedAWhileStillConnectSpaced(int workers) throws Exception {
        var stopped = new java.util.concurrent.CompletableFuture<Integer>(); // connects before the stop
        var run = pacedScan(new ScanSettings(Strategy.PROCESS, 1000, workers), 80, clock -> Thread.ofVirtual()
                .start(() -> {
                    try {
                        // Once targets are flowing to the workers: ten have connected.
                        Await.atMost(
                                Duration.ofSeconds(20), () -> clock.arrivals().size() >= 10);
                        List<ProcessHandle> stopping = ProcessHandle.current()
                                .children()
                                .filter(p -> p.info().command().orElse("").endsWith("/java")) // its workers
                                .limit(1) // of two, one: a start by the other says nothing of it
                                .toList();
                        int before = clock.arrivals().size();
                        signal("STOP", stopping);
                        Thread.sleep(250); // 50 more targets fall due meanwhile
                        signal("CONT", stopping);
                        stopped.complete(stopping.isEmpty() ? -1 : before);
                    } catch (Throwable e) {
                        stopped.completeExceptionally(e);
                    }
                }));
        // The workers were stopped while the scan had a good part still to go.
        assertThat(stopped.get(10, java.util.concurrent.TimeUnit.SECONDS)).isBetween(10, 20);
        assertNoBurst(run.arrivals());
    }

    /**
     * A paced process scan whose caller interrupts it while the feeder waits for a start (its worker
     * stopped) leaves no thread of its own running: the feeder once spun there for ever.
     */
    @Test
    void aPacedProcessScanInterruptedLeavesNoFeederBehind() throws Exception {
        Set<Integer> listening = ListeningPorts.now();
        List<Integer> closed = new ArrayList<>();
        for (int p = 1025; closed.size() < 400; p++) {
            if (!listening.contains(p)) closed.add(p);
        }
        var scan = pacedLoopbackScan(closed, new ScanSettings(Strategy.PROCESS, 64, 1), RATE);
        var results = new java.util.concurrent.atomic.AtomicInteger();
        Thread driver = Thread.ofPlatform().start(() -> {
            try {
                scan.run(r -> results.incrementAndGet());
            } catch (Exception interrupted) {
                // expected
            }
        });
        Await.until("ten results", Duration.ofSeconds(20), () -> results.get() >= 10);
        signal(
                "STOP",
                ProcessHandle.current()
                        .children()
                        .filter(p -> p.info().command().orElse("").endsWith("/java"))
                        .toList());
        Thread.sleep(100); // the feeder now waits for a start that cannot come
        driver.interrupt(); // the scan ends without a cancel; its worker is killed
        driver.join(10_000);
        Await.until("the feeder thread ended", Duration.ofSeconds(3), () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("fanout-feeder")));
    }

    /** Sends signal {@code name} to {@code processes} (this JVM's own children). */
    private static void signal(String name, List<ProcessHandle> processes) throws Exception {
        List<String> kill = new ArrayList<>(List.of("kill", "-" + name));
        processes.forEach(p -> kill.add(Long.toString(p.pid())));
        assertThat(new ProcessBuilder(kill).start().waitFor())
                .as("kill -" + name)
                .isZero();
    }

    private static final double RATE = 200; // one every 5 ms

    /** When a paced scan started, and when each of its connects arrived. */
    private record PacedRun(long start, List<AcceptClock.Arrival> arrivals) {}

    /** Scans {@code n} loopback listeners at {@link #RATE}, {@code beforeRun} just before it starts. */
    private static PacedRun pacedScan(Strategy strategy, int n, Consumer<AcceptClock> beforeRun) throws Exception {
        return pacedScan(new ScanSettings(strategy, 1000, 1), n, beforeRun);
    }

    private static PacedRun pacedScan(ScanSettings settings, int n, Consumer<AcceptClock> beforeRun) throws Exception {
        // A clock that stalls accepts what arrived meanwhile in one go, and its spans then reach
        // back past the stall, so a burst within it would go unseen: such a run is done again.
        for (int attempt = 0; attempt < 3; attempt++) {
            PacedRun run = pacedScanOnce(settings, n, beforeRun);
            long alone = run.arrivals().stream()
                    .collect(Collectors.groupingBy(AcceptClock.Arrival::notBefore, Collectors.counting()))
                    .values()
                    .stream()
                    .filter(together -> together == 1)
                    .count();
            if (alone > n * 2L / 3) return run;
        }
        // A burst looks the same to the clock: it fails here, not unseen.
        throw new AssertionError("most connects were accepted together in three runs: a burst, or a stalled clock");
    }

    private static PacedRun pacedScanOnce(ScanSettings settings, int n, Consumer<AcceptClock> beforeRun)
            throws Exception {
        try (var clock = new AcceptClock(n)) {
            var scan = pacedLoopbackScan(clock.ports(), settings, RATE);
            List<Object> results = new ArrayList<>();
            beforeRun.accept(clock);
            long start = System.nanoTime();
            scan.run(results::add);
            assertThat(results).hasSize(n);
            // The listeners' thread may note the last connects just after the scan returns.
            Await.atMost(Duration.ofSeconds(5), () -> clock.arrivals().size() >= n);
            // When the connects arrived, not when their results came back: a stall of the
            // consumer or of the scan's threads delivers results together without any burst of
            // probes on the wire.
            List<AcceptClock.Arrival> arrivals = clock.arrivals();
            assertThat(arrivals).as("connections accepted").hasSize(n);
            return new PacedRun(start, arrivals);
        }
    }

    /**
     * No burst: no 25 ms window holds more than a few more connects than the 5 the rate allows
     * (the pacer catching up after a stall still spaces starts by two thirds of the interval).
     * Only connects that certainly arrived in the window count: the clock that noted them may
     * have stalled too, and a batch it accepted late is no burst on the wire.
     */
    private static void assertNoBurst(List<AcceptClock.Arrival> arrivals) {
        long window = 25_000_000L;
        for (var first : arrivals) {
            long from = first.notBefore();
            long within = arrivals.stream()
                    .filter(a -> a.notBefore() >= from && a.notAfter() <= from + window)
                    .count();
            assertThat(within)
                    .as(() -> "connects certainly within 25 ms of "
                            + (from - arrivals.getFirst().notBefore()) / 1000
                            + " us; each arrival's span, ms from there: "
                            + arrivals.stream()
                                    .map(a -> "%.1f..%.1f"
                                            .formatted((a.notBefore() - from) / 1e6, (a.notAfter() - from) / 1e6))
                                    .toList())
                    .isLessThanOrEqualTo(10);
        }
    }

    /** Keeps every carrier of the virtual-thread scheduler spinning for {@code busy}, from now. */
    private static void occupyCarriers(Duration busy) {
        int carriers = Integer.getInteger(
                "jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
        long until = System.nanoTime() + busy.toNanos();
        var running = new CountDownLatch(carriers);
        for (int i = 0; i < carriers; i++) {
            Thread.ofVirtual().start(() -> {
                running.countDown();
                while (System.nanoTime() - until < 0) Thread.onSpinWait(); // never yields its carrier
            });
        }
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void aRateOf800PerSecondHoldsWithinFivePercent(Strategy strategy) throws Exception {
        assertRateHolds(strategy, 800, 4000);
    }

    /**
     * Scans {@code n} closed loopback ports at {@code rate} and measures results per second from the
     * tenth to the last: the schedule starts at the first target drawn (after worker processes have
     * started), and a scan that fell behind a while (a cold worker's first probes, a busy machine)
     * catches up at one and a half times the rate, so a part of it may run faster; by a tenth of
     * the way a start's lateness is made up, and from there to the end the rate holds.
     */
    private static void assertRateHolds(Strategy strategy, double rate, int n) throws Exception {
        Set<Integer> listening = ListeningPorts.now();
        List<Integer> closed = new ArrayList<>();
        for (int p = 1025; closed.size() < n; p++) {
            if (!listening.contains(p)) closed.add(p);
        }
        var scan = pacedLoopbackScan(closed, new ScanSettings(strategy, 64, 2), rate);
        List<Long> times = new ArrayList<>();
        scan.run(r -> times.add(System.nanoTime()));
        assertThat(times).hasSize(n);
        double measured = (n - 1 - n / 10) / ((times.getLast() - times.get(n / 10)) / 1e9);
        assertThat(measured)
                .as(strategy + " at " + rate + "/s gave " + Math.round(measured) + "/s")
                .isBetween(rate * 0.95, rate * 1.05);
    }

    /** A TCP scan of {@code ports} on 127.0.0.1 at {@code rate}: one attempt each, a second at most. */
    private static Scan<Endpoint, TcpResult> pacedLoopbackScan(
            List<Integer> ports, ScanSettings settings, double rate) {
        return Scan.tcp(
                        new TcpTargets(
                                HostSpec.parse("127.0.0.1"),
                                PortSpec.of(ports.stream()
                                        .mapToInt(Integer::intValue)
                                        .toArray()),
                                Resolver.system()),
                        new TcpProbeConfig(Duration.ofSeconds(1), 0, false, Duration.ofMillis(50)),
                        settings)
                .pacedAt(rate);
    }
}
