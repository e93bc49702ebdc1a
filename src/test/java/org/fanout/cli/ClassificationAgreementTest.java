package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javafx.scene.chart.XYChart;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.BannerMix;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.TcpLab;
import org.fanout.ui.charts.ChartsViewModel;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.DirectUiExecutor;
import org.fanout.ui.fx.Ending;
import org.fanout.ui.results.ResultsViewModel;
import org.fanout.ui.status.StatusViewModel;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One real mixed scan on loopback, counted four ways that must agree: the CLI's summary line,
 * the app's status tiles, its charts (states or status codes, and errors by kind) and its
 * table's state filter. Each place reads the results' one classification; a place that counts
 * by a rule of its own shows here as a category whose numbers differ.
 */
@Timeout(120)
class ClassificationAgreementTest {
    /** Knows only loopback addresses; any name is unknown, and no DNS query leaves the machine. */
    private static final Resolver LOCAL_ONLY = host -> {
        InetAddress literal = Resolver.literal(host);
        if (literal != null) return literal;
        throw new UnknownHostException(host);
    };

    private static final String NOWHERE = "no-such-host.invalid";

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void tcpStatesAgreeEverywhere(Strategy strategy) throws Exception {
        try (TcpLab open = TcpLab.start(3, BannerMix.SILENT);
                FullBacklogListener filtered = TcpLab.fullBacklogListener()) {
            // freed while the listeners hold theirs: a port freed before could be one of them (CI found it)
            List<Integer> closed = TcpLab.freeEphemeralPorts(4);
            List<Integer> ports = new ArrayList<>(open.ports());
            ports.addAll(closed);
            ports.add(filtered.port());
            Scan<Endpoint, TcpResult> scan = Scan.tcp(
                    new TcpTargets(HostSpec.parse("127.0.0.1," + NOWHERE), PortSpec.parse(join(ports)), LOCAL_ONLY),
                    new TcpProbeConfig(Duration.ofMillis(500), 0, false, Duration.ofMillis(100)),
                    new ScanSettings(strategy, 8, 2));
            List<ProbeResult> results = Collections.synchronizedList(new ArrayList<>());
            scan.run(results::add);

            // what the scan must have found: 127.0.0.1's three kinds of port, and every port of the unknown host an
            // error
            Map<String, Long> want = Map.of("open", 3L, "closed", 4L, "filtered", 1L, "error", 8L);
            Map<String, Long> errorKinds = Map.of("unknown_host", 8L);
            assertAgreement(ScanMode.TCP, scan, "ports", List.copyOf(results), want, errorKinds);
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void httpStatusClassesAgreeEverywhere(Strategy strategy) throws Exception {
        try (LabHttpServer lab =
                        LabHttpServer.builder().port(0).latency(Duration.ZERO).start();
                OddStatuses odd = new OddStatuses()) {
            int closedPort = TcpLab.freeEphemeralPorts(1).getFirst(); // while the servers hold theirs
            String base = lab.baseUrl();
            List<String> urls = List.of(
                    odd.url(101),
                    base + "/status/200",
                    base + "/status/204",
                    base + "/status/304",
                    base + "/status/404",
                    base + "/status/418",
                    base + "/status/500",
                    base + "/status/503",
                    odd.url(799),
                    "http://127.0.0.1:" + closedPort + "/",
                    base + "/reset",
                    base + "/garbage",
                    base + "/silent",
                    base + "/redirect-loop",
                    "http://" + NOWHERE + "/");
            Scan<URI, HttpResult> scan = Scan.http(
                    UrlSource.of(urls),
                    new HttpProbeConfig("GET", Duration.ofSeconds(1), true, 3, 0),
                    LOCAL_ONLY,
                    new ScanSettings(strategy, 8, 2));
            List<ProbeResult> results = Collections.synchronizedList(new ArrayList<>());
            scan.run(results::add);

            Map<String, Long> want = Map.of("1xx", 1L, "2xx", 2L, "3xx", 1L, "4xx", 2L, "5xx", 2L, "errors", 7L);
            // a status past 5xx is an answer, but counted with the errors, under its code
            Map<String, Long> errorKinds = Map.of(
                    "799",
                    1L,
                    "connection_refused",
                    1L,
                    "connection_reset",
                    1L,
                    "protocol",
                    1L,
                    "timeout",
                    1L,
                    "too_many_redirects",
                    1L,
                    "unknown_host",
                    1L);
            assertAgreement(ScanMode.HTTP, scan, "URLs", List.copyOf(results), want, errorKinds);
        }
    }

    private static void assertAgreement(
            ScanMode mode,
            Scan<?, ?> scan,
            String noun,
            List<ProbeResult> results,
            Map<String, Long> want,
            Map<String, Long> errorKinds) {
        Function<String, String> categoryOf =
                mode == ScanMode.TCP ? TcpResult::categoryOfOutcome : HttpResult::categoryOfOutcome;
        List<String> categories = mode == ScanMode.TCP ? TcpResult.CATEGORIES : HttpResult.CATEGORIES;
        String errorCategory = mode == ScanMode.TCP ? "error" : HttpResult.ERRORS;
        String why = results.toString();
        ScanProgress progress = scan.progress();

        // the results themselves
        assertThat(tally(results, ProbeResult::category)).as(why).isEqualTo(want);
        assertThat(tally(results.stream().filter(r -> r.errorKind() != null).toList(), ProbeResult::errorKind))
                .as(why)
                .isEqualTo(errorKinds);

        // the CLI's summary line: outcome counts, summed by category
        String summary = ScanSession.summary(scan, noun, false);
        Map<String, Long> cli = new TreeMap<>();
        summaryCounts(summary).forEach((outcome, n) -> cli.merge(categoryOf.apply(outcome), n, Long::sum));
        assertThat(cli).as(summary).isEqualTo(want);

        // the status tiles (TCP's "error" state has the tile "errors")
        StatusViewModel status = new StatusViewModel();
        status.reset(mode, progress.total());
        status.ended(Ending.FINISHED, progress, null);
        List<String> tiles = mode == ScanMode.TCP ? StatusViewModel.TCP_KEYS : StatusViewModel.HTTP_KEYS;
        assertThat(tiles).hasSameSizeAs(categories);
        for (int i = 0; i < categories.size(); i++) {
            assertThat(status.count(tiles.get(i)))
                    .as("tile " + tiles.get(i))
                    .isEqualTo(want.getOrDefault(categories.get(i), 0L));
        }

        // the charts: the outcome bars by category, and "Errors by kind" against the errors tile
        ChartsViewModel charts = new ChartsViewModel();
        charts.reset(mode);
        charts.update(results, progress);
        charts.finish(progress);
        Map<String, Long> bars = new TreeMap<>();
        for (XYChart.Data<String, Number> d : charts.getOutcomes().getData()) {
            if (d.getYValue().longValue() > 0)
                bars.merge(categoryOf.apply(d.getXValue()), d.getYValue().longValue(), Long::sum);
        }
        assertThat(bars).as("outcome bars " + charts.getOutcomes().getData()).isEqualTo(want);
        Map<String, Long> errorBars = new TreeMap<>();
        for (XYChart.Data<String, Number> d : charts.getErrors().getData())
            errorBars.put(d.getXValue(), d.getYValue().longValue());
        assertThat(errorBars).isEqualTo(errorKinds);
        assertThat(errorBars.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(want.get(errorCategory));

        // the table's state filter: one value per category, showing exactly that category's rows
        ResultsViewModel table = new ResultsViewModel(new DirectUiExecutor());
        table.reset(mode);
        table.addAll(results);
        assertThat(table.getStateFilters()).containsExactlyElementsOf(withAll(categories));
        for (String category : categories) {
            table.setStateFilter(category);
            assertThat((long) table.getShownCount())
                    .as("filter " + category)
                    .isEqualTo(want.getOrDefault(category, 0L));
        }
        table.setStateFilter(ResultsViewModel.ALL);
        assertThat(table.getShownCount()).isEqualTo(results.size());
    }

    private static Map<String, Long> tally(List<ProbeResult> results, Function<ProbeResult, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        for (ProbeResult r : results) counts.merge(key.apply(r), 1L, Long::sum);
        return counts;
    }

    /** {@code ...nio x 8: closed 4, open 3} as outcome -> count (outcomes hold no ": " or ", "). */
    private static Map<String, Long> summaryCounts(String summary) {
        Map<String, Long> counts = new TreeMap<>();
        for (String pair :
                summary.substring(summary.lastIndexOf(": ") + 2).strip().split(", ")) {
            int space = pair.lastIndexOf(' ');
            counts.put(pair.substring(0, space), Long.parseLong(pair.substring(space + 1)));
        }
        return counts;
    }

    private static List<String> withAll(List<String> categories) {
        List<String> all = new ArrayList<>();
        all.add(ResultsViewModel.ALL);
        all.addAll(categories);
        return all;
    }

    private static String join(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }

    /** Answers {@code GET /{code}} with that bare status (the lab serves only 200-599), then closes. */
    private static final class OddStatuses implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));

        OddStatuses() throws IOException {
            Thread.ofVirtual().name("odd-statuses").start(this::serve);
        }

        String url(int status) {
            return "http://127.0.0.1:" + listener.getLocalPort() + "/" + status;
        }

        private void serve() {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    s.setSoTimeout(5_000);
                    String status = requestPath(s.getInputStream()).substring(1);
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 " + status + " Odd\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    // closed, or a client gone: the next one
                }
            }
        }

        /** Reads the request head; returns its path. */
        private static String requestPath(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) throw new IOException("request cut short");
                head.append((char) b);
            }
            return head.toString().split(" ", 3)[1];
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
