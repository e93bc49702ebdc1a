// Run by bench/gui-responsiveness.sh (single-file source launch against the built jar).
// Opens the real Fanout window, streams results into it and records how long the FX thread was
// unavailable: the longest gap between two pulses (AnimationTimer) and the longest delay of a
// Platform.runLater ping posted every 10 ms. Prints one "key=value ..." line per phase.
//
// Phases (one JVM):
//   first-fill          the first 20,000 made-up TCP results into the fresh window (cold code,
//                       table cells and charts built for the first time)
//   synthetic-unsorted  480,000 more, 10,000 per 75 ms hand-off (the adapter's cadence; the
//                       producer runs at nice 19 like a scan's threads)
//   sort-switch         a click on "Port" with 500,000 rows in the table
//   synthetic-sorted    500,000 more rows merged into the sorted table
//   filter-switch       state filter "open" over 1,000,000 rows, then back to all
//   heap                heap used by 1,000,000 rows in the table (after GC, against the empty window)
//   scan-unsorted       a real connect scan of 127.0.0.1, every port but those listening at start
//   scan-sorted         the same scan with the table sorted by port, descending
//   scan-hosts          one port (the first not listening) of 127.0.0.0/16: 65,536 hosts, a row
//                       each in the host view's aggregation as well as in the table
//
// Safety: only loopback is scanned (127.0.0.1, and 127.0.0.0/16 on one port); ports listening when
// the run starts (EXCLUDE, from ss, on any address) are left out; banner grabbing is off, so
// nothing is ever read from or sent to any port.

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.main.FanoutWindow;
import org.fanout.ui.main.MainViewModel;
import org.fanout.ui.results.ResultsViewModel;

public class GuiResponsiveness {
    static final int ROWS = 1_000_000;
    static final int BATCH = 10_000;
    /** The first rows after the window opened: cells, CSS and charts are built, code is cold. */
    static final int FIRST = 20_000;

    static final boolean DEBUG = Boolean.getBoolean("debug");
    static MainViewModel vm;
    static FanoutWindow window;

    /** Watches the FX thread: longest pulse gap and longest runLater ping delay since reset. */
    static final class Watch {
        final AtomicLong maxPing = new AtomicLong();
        volatile long maxGap;
        long lastPulse;
        volatile boolean on = true;
        final AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (lastPulse != 0) maxGap = Math.max(maxGap, now - lastPulse);
                if (DEBUG && lastPulse != 0 && now - lastPulse > 30_000_000L) {
                    System.err.printf(
                            Locale.ROOT,
                            "  gap %.1f ms ending at uptime %.3f s%n",
                            (now - lastPulse) / 1e6,
                            ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
                }
                lastPulse = now;
            }
        };

        void start() {
            fx(timer::start);
            Thread pinger = new Thread(
                    () -> {
                        while (on) {
                            long posted = System.nanoTime();
                            Platform.runLater(() -> maxPing.accumulateAndGet(System.nanoTime() - posted, Math::max));
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "ping");
            pinger.setDaemon(true);
            pinger.start();
        }

        void reset() {
            fx(() -> {
                maxGap = 0;
                lastPulse = 0;
                maxPing.set(0);
            });
        }

        String report(String phase, long wallNanos, String extra) {
            fx(() -> {}); // let queued pings land
            return String.format(
                    Locale.ROOT,
                    "phase=%s wall_ms=%d max_pulse_gap_ms=%.1f max_ping_ms=%.1f%s",
                    phase,
                    wallNanos / 1_000_000,
                    maxGap / 1e6,
                    maxPing.get() / 1e6,
                    extra);
        }
    }

    public static void main(String[] args) throws Exception {
        String exclude = System.getProperty("exclude", "");
        boolean scan = !"false".equals(System.getProperty("scan"));
        CountDownLatch up = new CountDownLatch(1);
        Platform.startup(up::countDown);
        up.await();
        fx(() -> {
            vm = new MainViewModel(null);
            window = FanoutWindow.create(vm, null);
            Stage stage = new Stage();
            stage.setScene(window.scene());
            stage.show();
        });
        Watch watch = new Watch();
        watch.start();
        Thread.sleep(1500); // window settled, JIT warmed a little
        long heapEmpty = usedHeapAfterGc();

        // ---- synthetic: 1M rows, half unsorted, then sorted by port ----
        TableView<?> table = fxGet(() -> (TableView<?>) window.scene().lookup("#resultsTable"));
        watch.reset();
        long t0 = System.nanoTime();
        stream(0, FIRST);
        waitFor(() -> !vm.getResults().isSettling());
        System.out.println(watch.report("first-fill", System.nanoTime() - t0, ""));

        watch.reset();
        t0 = System.nanoTime();
        stream(FIRST, ROWS / 2);
        waitFor(() -> !vm.getResults().isSettling());
        System.out.println(watch.report("synthetic-unsorted", System.nanoTime() - t0, ""));

        watch.reset();
        t0 = System.nanoTime();
        fx(() -> sortBy(table, 2, TableColumn.SortType.ASCENDING));
        waitFor(() -> !vm.getResults().isSettling());
        System.out.println(watch.report("sort-switch", System.nanoTime() - t0, ""));

        watch.reset();
        t0 = System.nanoTime();
        stream(ROWS / 2, ROWS);
        waitFor(() -> !vm.getResults().isSettling());
        System.out.println(watch.report(
                "synthetic-sorted",
                System.nanoTime() - t0,
                " rows=" + fxGet(() -> table.getItems().size())));

        watch.reset();
        t0 = System.nanoTime();
        fx(() -> vm.getResults().setStateFilter("open"));
        waitFor(() -> !vm.getResults().isSettling());
        int open = fxGet(() -> table.getItems().size());
        fx(() -> vm.getResults().setStateFilter(ResultsViewModel.ALL));
        waitFor(() -> !vm.getResults().isSettling());
        System.out.println(watch.report("filter-switch", System.nanoTime() - t0, " open_rows=" + open));

        long heapFull = usedHeapAfterGc();
        System.out.printf(
                Locale.ROOT,
                "phase=heap rows=%d heap_rows_mb=%.1f bytes_per_row=%.0f%n",
                fxGet(() -> vm.getResults().getRowCount()),
                (heapFull - heapEmpty) / 1048576.0,
                (double) (heapFull - heapEmpty) / ROWS);

        // ---- a real scan of 127.0.0.1 ----
        if (scan) {
            String ports = portsExcept(exclude);
            scanPhase(watch, table, "scan-unsorted", "127.0.0.1", 1, ports, false);
            scanPhase(watch, table, "scan-sorted", "127.0.0.1", 1, ports, true);
            // one port of 65,536 loopback addresses: a row per host in the host view's aggregation
            String port = ports.split("[-,]")[0];
            scanPhase(watch, table, "scan-hosts", "127.0.0.0/16", 65_536, port, false);
        }
        watch.on = false;
        Platform.exit();
        System.exit(0);
    }

    /** Streams rows [from, to) as FxScanAdapter does: a producer fills a lock-free queue, a 75 ms pulse hands it over. */
    static void stream(int from, int to) throws InterruptedException {
        java.util.concurrent.ConcurrentLinkedQueue<ProbeResult> queue =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        int[] done = {from};
        CountDownLatch finished = new CountDownLatch(1);
        Timeline[] pulse = new Timeline[1];
        fx(() -> {
            pulse[0] = new Timeline(new KeyFrame(Duration.millis(75), e -> {
                List<ProbeResult> batch = new ArrayList<>();
                for (ProbeResult r; batch.size() < 50_000 && (r = queue.poll()) != null; ) batch.add(r);
                done[0] += batch.size();
                ScanProgress p = new ScanProgress(
                        ROWS,
                        done[0],
                        Map.of("open", (long) done[0] / 100, "closed", (long) done[0] - done[0] / 100),
                        Map.of(),
                        System.nanoTime() - start);
                long a = System.nanoTime();
                vm.getResults().addAll(batch);
                long b = System.nanoTime();
                vm.getStatus().update(p);
                vm.getCharts().update(batch, p);
                long c = System.nanoTime();
                if (DEBUG && c - a > 15_000_000L) {
                    System.err.printf(
                            Locale.ROOT,
                            "  batch of %d: table %.1f ms, status+charts %.1f ms at uptime %.3f s%n",
                            batch.size(),
                            (b - a) / 1e6,
                            (c - b) / 1e6,
                            ManagementFactory.getRuntimeMXBean().getUptime() / 1e3);
                }
                if (done[0] >= to) {
                    pulse[0].stop();
                    finished.countDown();
                }
            }));
            pulse[0].setCycleCount(Timeline.INDEFINITE);
            pulse[0].play();
        });
        // producer: BATCH rows per 75 ms on average, in 25 ms steps, at the priority FxScanAdapter
        // gives a scan's threads (nice 19 on Linux)
        lowerPriority();
        long next = System.nanoTime();
        for (int i = from; i < to; ) {
            int n = Math.min(BATCH / 3, to - i);
            List<ProbeResult> chunk = new ArrayList<>(n);
            for (int j = 0; j < n; j++) chunk.add(row(i + j));
            queue.addAll(chunk);
            i += n;
            next += 25_000_000L;
            long wait = next - System.nanoTime();
            if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        if (!finished.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("stream did not finish");
    }

    /** setpriority(PRIO_PROCESS, 0, 19): this thread only, as org.fanout.ui.fx.BackgroundPriority does for a scan. */
    static void lowerPriority() {
        try {
            var linker = java.lang.foreign.Linker.nativeLinker();
            var f = linker.defaultLookup().find("setpriority").orElseThrow();
            var h = linker.downcallHandle(
                    f,
                    java.lang.foreign.FunctionDescriptor.of(
                            java.lang.foreign.ValueLayout.JAVA_INT,
                            java.lang.foreign.ValueLayout.JAVA_INT,
                            java.lang.foreign.ValueLayout.JAVA_INT,
                            java.lang.foreign.ValueLayout.JAVA_INT));
            int rc = (int) h.invokeExact(0, 0, 19);
        } catch (Throwable e) {
            // not Linux: run at normal priority
        }
    }

    static TcpResult row(int i) {
        String ip = "127." + ((i >> 16) & 0x0f) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
        boolean open = i % 100 == 0;
        return new TcpResult(
                ip,
                ip,
                1 + (int) ((i * 2654435761L) & 0xffff) % 65535,
                "",
                open ? TcpState.OPEN : TcpState.CLOSED,
                50_000 + i % 1000,
                open ? "SSH-2.0-Lab" : null,
                null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void sortBy(TableView table, int column, TableColumn.SortType type) {
        TableColumn col = (TableColumn) table.getColumns().get(column);
        col.setSortType(type);
        table.getSortOrder().setAll(List.of(col));
    }

    /**
     * One real scan from the form, the table sorted by port (descending) or not; with more than one
     * host the host view is shown instead (View → By host, as a user who wants it would) and the
     * phase ends when it shows all {@code hostCount} hosts, else when the table has settled. Prints
     * its line.
     */
    static void scanPhase(
            Watch watch, TableView<?> table, String name, String hosts, int hostCount, String ports, boolean sorted)
            throws Exception {
        boolean byHost = hostCount > 1; // the host view publishes only while on screen
        fx(() -> {
            table.getSortOrder().clear();
            vm.getResults().setByHost(byHost);
            vm.getForm().setMode(ScanMode.TCP);
            vm.getForm().setHosts(hosts);
            vm.getForm().setPorts(ports);
            vm.getForm().setBanner(false);
            vm.getForm().setTimeout("1s");
        });
        watch.reset();
        long t0 = System.nanoTime();
        boolean started = fxGet(() -> {
            long a = System.nanoTime();
            boolean ok = vm.start();
            if (DEBUG)
                System.err.printf(
                        Locale.ROOT, "  start() took %.1f ms on the FX thread%n", (System.nanoTime() - a) / 1e6);
            return ok;
        });
        if (!started)
            throw new IllegalStateException(
                    "scan did not start: " + fxGet(() -> vm.getForm().getSummary()));
        if (sorted) fx(() -> sortBy(table, 2, TableColumn.SortType.DESCENDING));
        if (DEBUG) {
            Thread.sleep(400);
            System.err.println("  threads by nice value mid-scan: " + niceCounts());
        }
        waitFor(() -> vm.getLastEnding() != null && !vm.isRunning());
        waitFor(() -> !vm.getResults().isSettling());
        if (byHost) waitFor(() -> fxGet(() -> vm.getHosts().getRows().size()) == hostCount);
        long targets = fxGet(() -> vm.getStatus().getTotal());
        System.out.println(watch.report(
                name,
                System.nanoTime() - t0,
                " targets=" + targets + " rows="
                        + fxGet(() -> table.getItems().size())
                        + " host_rows=" + fxGet(() -> vm.getHosts().getRows().size())
                        + " open=" + fxGet(() -> vm.getStatus().count("open"))
                        + " ending=" + fxGet(vm::getLastEnding)));
    }

    /** 1-65535 as ranges, leaving out the given comma-separated ports. */
    static String portsExcept(String exclude) {
        TreeSet<Integer> skip = new TreeSet<>();
        for (String p : exclude.split(",")) if (!p.isBlank()) skip.add(Integer.parseInt(p.strip()));
        StringBuilder sb = new StringBuilder();
        int start = 1;
        for (int p : skip) {
            if (p > start)
                sb.append(sb.isEmpty() ? "" : ",").append(p - 1 == start ? "" + start : start + "-" + (p - 1));
            start = Math.max(start, p + 1);
        }
        if (start <= 65535) sb.append(sb.isEmpty() ? "" : ",").append(start == 65535 ? "65535" : start + "-65535");
        return sb.toString();
    }

    /** nice value -> number of this process's threads (Linux /proc), for checking the scan's workers run niced. */
    static Map<Integer, Integer> niceCounts() {
        Map<Integer, Integer> counts = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (var t : tasks.toList()) {
                try {
                    String stat = java.nio.file.Files.readString(t.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    counts.merge(Integer.parseInt(f[16]), 1, Integer::sum);
                } catch (java.io.IOException | RuntimeException ignored) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException e) {
            return Map.of();
        }
        return counts;
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!fxGet(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting");
            Thread.sleep(20);
        }
    }

    static void fx(Runnable r) {
        fxGet(() -> {
            r.run();
            return null;
        });
    }

    static <T> T fxGet(java.util.concurrent.Callable<T> c) {
        if (Platform.isFxApplicationThread()) {
            try {
                return c.call();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        try {
            return f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }
}
