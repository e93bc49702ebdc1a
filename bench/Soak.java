import java.io.File;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
import org.fanout.lab.Lab;
import org.fanout.lab.LabOptions;
import org.fanout.lab.StatusMix;

/**
 * Soak: one JVM scans its own loopback lab again and again (TCP and HTTP, every strategy, with
 * resets, slow replies and a full-backlog port among the targets) and shows that threads, open
 * files and heap stay flat. Run by bench/soak.sh; exits 1 if any of them grew.
 */
public class Soak {
    public static void main(String[] args) throws Exception {
        Duration length = Duration.parse(args.length > 0 ? args[0] : "PT10M");
        LabOptions options = LabOptions.defaults()
                .withTcpCount(16)
                .withLatency(Duration.ofMillis(5), Duration.ofMillis(5))
                .withStatusMix(StatusMix.parse("200:80,404:10,500:5,301:5"))
                .withFaults(0.02, 0.01, Duration.ofSeconds(2));
        try (Lab lab = Lab.start(options)) {
            System.out.println(lab.describe());
            String ports = lab.tcp().ports().stream()
                            .map(String::valueOf)
                            .reduce((a, b) -> a + "," + b)
                            .orElseThrow() + "," + lab.filteredPort() + ",1-500";
            List<Strategy> strategies =
                    List.of(Strategy.POOL, Strategy.VIRTUAL, Strategy.NIO, Strategy.PROCESS, Strategy.SERIAL);
            long end = System.nanoTime() + length.toNanos();
            // Each strategy holds a different number of descriptors: compare it with itself.
            java.util.Map<Strategy, long[]> first = new java.util.EnumMap<>(Strategy.class);
            java.util.Map<Strategy, long[]> last = new java.util.EnumMap<>(Strategy.class);
            System.out.println("round  strategy  tcp/s     http/s   threads  open_fds  heap_mb");
            for (int round = 1; System.nanoTime() < end; round++) {
                Strategy s = strategies.get(round % strategies.size());
                int threads = s == Strategy.SERIAL ? 1 : 200;
                var tcp = Scan.tcp(
                        new TcpTargets(HostSpec.parse("127.0.0.1"), PortSpec.parse(ports), Resolver.system()),
                        new TcpProbeConfig(Duration.ofMillis(300), 0, true, Duration.ofMillis(100)),
                        new ScanSettings(s, threads, 2));
                tcp.run(r -> {});
                int urls = s == Strategy.SERIAL ? 50 : 2000;
                var http = Scan.http(
                        UrlSource.pattern(lab.http().baseUrl() + "/soak" + round + "/{a-z}{a-z}{a-z}"),
                        new HttpProbeConfig("HEAD", Duration.ofSeconds(1), true, 5, 0),
                        Resolver.system(),
                        new ScanSettings(s, threads, 2));
                long[] seen = {0};
                Thread watcher = Thread.ofPlatform().daemon().start(() -> {
                    while (seen[0] < urls) Thread.onSpinWait();
                });
                http.run(r -> {
                    if (++seen[0] >= urls) http.cancel(); // a bounded slice of the 17,576, and cancel exercised too
                });
                watcher.join(2000);
                System.gc();
                Thread.sleep(200);
                long[] now = {
                    Thread.activeCount(),
                    openFds(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20
                };
                if (round > strategies.size()) first.putIfAbsent(s, now); // after one warm-up round each
                last.put(s, now);
                System.out.printf(
                        Locale.ROOT,
                        "%5d  %-8s  %7.0f  %7.0f  %7d  %8d  %7d%n",
                        round,
                        s.label(),
                        tcp.progress().ratePerSecond(),
                        http.progress().ratePerSecond(),
                        now[0],
                        now[1],
                        now[2]);
            }
            if (first.size() < strategies.size()) {
                System.out.println("too short to judge: run for longer");
                return;
            }
            boolean flat = true;
            for (Strategy s : strategies) {
                long[] a = first.get(s);
                long[] b = last.get(s);
                boolean ok = b[0] <= a[0] + 4 && b[1] <= a[1] + 16 && b[2] <= Math.max(a[2] * 2, a[2] + 32);
                flat &= ok;
                System.out.printf(
                        "%-8s threads %d -> %d, open files %d -> %d, heap %d MB -> %d MB: %s%n",
                        s.label(), a[0], b[0], a[1], b[1], a[2], b[2], ok ? "flat" : "GREW");
            }
            if (!flat) System.exit(1);
        }
    }

    static long openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
