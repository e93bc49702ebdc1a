package org.fanout.engine.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.BannerMix;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Comparisons on real loopback sockets against the lab: what each run measures, and that it is right. */
@Tag("slow")
@Timeout(120)
class ComparisonTest {
    static final HttpProbeConfig HEAD = new HttpProbeConfig("HEAD", Duration.ofSeconds(5), true, 10, 0);

    static Scan<?, ?> http(LabHttpServer lab, String pattern, ScanSettings settings) {
        return Scan.http(UrlSource.pattern(lab.baseUrl() + pattern), HEAD, Resolver.system(), settings);
    }

    /** Records what the listener hears, checking that current() is the scan being run. */
    static final class Recorder implements Comparison.Listener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<CompareRun> runs = new CopyOnWriteArrayList<>();
        Comparison comparison;

        @Override
        public void warmingUp(Strategy strategy, Scan<?, ?> scan) {
            assertThat(comparison.current()).isSameAs(scan);
            events.add("warm-up " + strategy.label());
        }

        @Override
        public void runStarted(Strategy strategy, int threads, Scan<?, ?> scan) {
            assertThat(comparison.current()).isSameAs(scan);
            assertThat(scan.settings().strategy()).isEqualTo(strategy);
            assertThat(scan.settings().threads()).isEqualTo(threads);
            events.add("start " + strategy.label() + " " + threads);
        }

        @Override
        public void runFinished(CompareRun run) {
            runs.add(run);
            events.add("done " + run.strategy().label() + " " + run.threads());
        }
    }

    @Test
    void fiftyThreadsBeatOneThreadTwentyFoldAgainstFiftyMillisecondLatency() throws Exception {
        try (LabHttpServer lab =
                LabHttpServer.builder().latency(Duration.ofMillis(50)).start()) {
            // {a-d}{a-y}: 100 URLs, 5 s at one thread
            Comparison c =
                    new Comparison(s -> http(lab, "/{a-d}{a-y}", s), List.of(Strategy.POOL), List.of(50, 1), 0, true);
            Recorder rec = new Recorder();
            rec.comparison = c;
            List<CompareRun> runs = c.run(rec);

            assertThat(runs).isEqualTo(rec.runs).hasSize(2);
            assertThat(rec.events)
                    .containsExactly("warm-up pool", "start pool 1", "done pool 1", "start pool 50", "done pool 50");
            CompareRun one = runs.get(0);
            CompareRun fifty = runs.get(1);
            assertThat(one.threads()).isEqualTo(1);
            assertThat(fifty.threads()).isEqualTo(50);
            for (CompareRun r : runs) {
                assertThat(r.strategy()).isEqualTo(Strategy.POOL);
                assertThat(r.targets()).isEqualTo(100);
                assertThat(r.throughputPerSecond())
                        .isCloseTo(
                                r.targets() * 1000.0 / r.wallMs(),
                                org.assertj.core.data.Percentage.withPercentage(0.01));
                assertThat(r.cpuUserMs()).isNotNegative();
                assertThat(r.cpuSysMs()).isNotNegative();
                assertThat(r.peakHeapMb()).isPositive();
            }
            // One thread waits out every 50 ms reply in turn.
            assertThat(one.wallMs()).isGreaterThanOrEqualTo(100 * 50.0);
            assertThat(fifty.throughputPerSecond()).isGreaterThanOrEqualTo(20 * one.throughputPerSecond());
            // A pool of 50 is 50 platform threads, alive at once.
            assertThat(fifty.peakThreads()).isGreaterThanOrEqualTo(50);
            assertThat(one.peakThreads()).isLessThan(fifty.peakThreads());
            assertThat(c.current()).isNull();
        }
    }

    @Test
    void everyStrategyWarmsUpAndRunsWithExactCounts() throws Exception {
        try (LabHttpServer lab = LabHttpServer.start()) {
            // 26 x 26 = 676 URLs: more than a warm-up pass takes, so each pass is cut short
            Comparison c = new Comparison(
                    s -> http(lab, "/{a-z}{a-z}", s), List.of(Strategy.values()), List.of(4, 16), 2, true);
            Recorder rec = new Recorder();
            rec.comparison = c;
            List<CompareRun> runs = c.run(rec);

            assertThat(runs).hasSize(Strategy.values().length * 2 - 1); // serial runs once, at 1 thread
            assertThat(rec.events.stream().filter(e -> e.startsWith("warm-up")).toList())
                    .containsExactly(
                            "warm-up serial", "warm-up pool", "warm-up virtual", "warm-up nio", "warm-up process");
            for (CompareRun r : runs) assertThat(r.targets()).as(r.toString()).isEqualTo(676);
            CompareRun process = runs.stream()
                    .filter(r -> r.strategy() == Strategy.PROCESS && r.threads() == 16)
                    .findFirst()
                    .orElseThrow();
            // Two worker JVMs have a dozen or more threads each; they are counted too.
            assertThat(process.peakThreads()).isGreaterThan(runs.getFirst().peakThreads() + 16);
        }
    }

    @Test
    void serialRunsOnceAtOneThreadWhateverTheThreadCounts() throws Exception {
        try (LabHttpServer lab = LabHttpServer.start()) {
            Comparison c = new Comparison(
                    s -> http(lab, "/{a-e}", s),
                    List.of(Strategy.SERIAL, Strategy.POOL),
                    List.of(1000, 10, 100),
                    0,
                    true);
            assertThat(c.runCount()).isEqualTo(4);
            assertThat(c.threadCountsFor(Strategy.SERIAL)).containsExactly(1);
            Recorder rec = new Recorder();
            rec.comparison = c;
            List<CompareRun> runs = c.run(rec);
            assertThat(runs)
                    .extracting(r -> r.strategy().label() + " " + r.threads())
                    .containsExactly("serial 1", "pool 10", "pool 100", "pool 1000");
            assertThat(rec.events.stream().filter(e -> e.contains("serial")))
                    .containsExactly("warm-up serial", "start serial 1", "done serial 1");
        }
    }

    @Test
    void countsStayExactAtTenThousandThreads() throws Exception {
        try (TcpLab lab = TcpLab.start(3, BannerMix.SILENT)) {
            StringBuilder ports = new StringBuilder();
            for (int p : lab.ports()) ports.append(p).append(',');
            // 200 closed ports freed a moment ago, not 1-200: ports this machine's services may listen on are never
            // probed
            ports.append(String.join(
                    ",",
                    TcpLab.freeEphemeralPorts(200).stream().map(String::valueOf).toList()));
            // 32 loopback hosts x 203 ports = 6,496 targets; connects only, nothing is sent
            var config = new TcpProbeConfig(Duration.ofSeconds(3), 1, false, Duration.ofMillis(50));
            Comparison c = new Comparison(
                    s -> Scan.tcp(
                            new TcpTargets(
                                    HostSpec.parse("127.0.0.0/27"),
                                    PortSpec.parse(ports.toString()),
                                    Resolver.system()),
                            config,
                            s),
                    List.of(Strategy.VIRTUAL, Strategy.NIO),
                    List.of(10_000, 100),
                    0,
                    false);
            List<CompareRun> runs = c.run(run -> {});
            assertThat(runs).extracting(CompareRun::threads).containsExactly(100, 10_000, 100, 10_000);
            for (CompareRun r : runs) assertThat(r.targets()).as(r.toString()).isEqualTo(32L * 203);
        }
    }

    @Test
    void cancelStopsTheRunningScanAndStartsNoOther() throws Exception {
        try (LabHttpServer lab =
                LabHttpServer.builder().latency(Duration.ofMillis(50)).start()) {
            Comparison c = new Comparison(
                    s -> http(lab, "/{a-z}{a-z}", s),
                    List.of(Strategy.POOL, Strategy.VIRTUAL),
                    List.of(1, 2),
                    0,
                    false);
            List<String> started = new CopyOnWriteArrayList<>();
            Thread canceller = Thread.ofPlatform().start(() -> {
                try {
                    while (c.current() == null || c.current().progress().done() < 3) Thread.sleep(10);
                    c.cancel();
                } catch (InterruptedException ignored) {
                    // test over
                }
            });
            long t0 = System.nanoTime();
            List<CompareRun> runs = c.run(new Comparison.Listener() {
                @Override
                public void runStarted(Strategy strategy, int threads, Scan<?, ?> scan) {
                    started.add(strategy.label() + " " + threads);
                }

                @Override
                public void runFinished(CompareRun run) {
                    throw new AssertionError("a cancelled run is not reported: " + run);
                }
            });
            canceller.join(5000);
            // 676 URLs at one thread would take 34 s
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(runs).isEmpty();
            assertThat(started).containsExactly("pool 1");
            assertThat(c.isCancelled()).isTrue();
            assertThat(c.current()).isNull();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }

    @Test
    void choicesAreCleanedAndChecked() {
        Comparison c = new Comparison(
                s -> null, List.of(Strategy.NIO, Strategy.POOL, Strategy.NIO), List.of(100, 1, 10, 100), 4, true);
        assertThat(c.strategies()).containsExactly(Strategy.NIO, Strategy.POOL);
        assertThat(c.threadCounts()).containsExactly(1, 10, 100);
        assertThat(c.runCount()).isEqualTo(6);
        assertThat(c.settings(Strategy.PROCESS, 100)).isEqualTo(new ScanSettings(Strategy.PROCESS, 100, 4));
        assertThat(c.label(Strategy.PROCESS, 100)).isEqualTo("process 4x25");
        assertThat(c.label(Strategy.PROCESS, 10)).isEqualTo("process 4x2-3");
        assertThat(c.label(Strategy.PROCESS, 2)).isEqualTo("process 2x1");
        assertThat(c.workersFor(Strategy.POOL, 100)).isZero();
        assertThat(c.label(Strategy.POOL, 100)).isEqualTo("pool");

        assertThatThrownBy(() -> new Comparison(s -> null, List.of(), List.of(1), 0, true))
                .hasMessageContaining("strategy");
        assertThatThrownBy(() -> new Comparison(s -> null, List.of(Strategy.POOL), List.of(), 0, true))
                .hasMessageContaining("thread count");
        assertThatThrownBy(() -> new Comparison(s -> null, List.of(Strategy.POOL), List.of(0), 0, true))
                .hasMessageContaining("1-100000");
        assertThatThrownBy(() -> new Comparison(s -> null, List.of(Strategy.POOL), List.of(100_001), 0, true))
                .hasMessageContaining("1-100000");
        assertThatThrownBy(() -> new Comparison(s -> null, List.of(Strategy.POOL), List.of(1), 257, true))
                .hasMessageContaining("workers");
    }

    @Test
    void runsOnlyOnce() throws Exception {
        try (LabHttpServer lab = LabHttpServer.start()) {
            Comparison c = new Comparison(s -> http(lab, "/{a-c}", s), List.of(Strategy.VIRTUAL), List.of(2), 0, false);
            assertThat(c.run(r -> {})).hasSize(1);
            assertThatThrownBy(() -> c.run(r -> {})).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void procStatFieldsAreCountedFromTheLastParenthesis() {
        String line = "4242 (a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 40 7 3 20 0 33 0 1000 1 1";
        CpuClock.Sample s = CpuClock.parseStat(line);
        assertThat(s.userNanos()).isEqualTo((250 + 7) * CpuClock.NANOS_PER_TICK);
        assertThat(s.sysNanos()).isEqualTo((40 + 3) * CpuClock.NANOS_PER_TICK);
        assertThat(CpuClock.threadsInStat(line)).isEqualTo(33);
        assertThat(CpuClock.threadsInStat("garbage")).isZero();
    }

    @Test
    void cpuClockAdvancesWithWork() {
        var bean = ManagementFactory.getThreadMXBean();
        CpuClock clock = new CpuClock();
        CpuClock.Sample before = clock.now();
        long threadBefore = bean.getCurrentThreadCpuTime();
        long x = 0;
        // spin until this thread alone has used 300 ms of CPU, however busy the machine is
        for (int i = 0; i < 1_000_000_000 && bean.getCurrentThreadCpuTime() - threadBefore < 300_000_000L; i++) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        CpuClock.Sample used = clock.now().minus(before);
        assertThat(x).isNotNegative();
        // the process clock counts in 10 ms ticks and includes every thread of this JVM
        assertThat(used.userNanos() + used.sysNanos()).isGreaterThanOrEqualTo(280_000_000L);
    }
}
