package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.HttpJobSpec;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.TcpJobSpec;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.Columns;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.compare.CompareViewModel;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.form.ScanFormViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The same job typed into the CLI and into the app's form is the same {@link org.fanout.engine.job.JobSpec}:
 * the same targets, probe settings (banner wait and redirects included) and concurrency, from one
 * set of defaults; and {@code compare --threads} reads thread lists as the Compare window does.
 */
@Timeout(120)
class JobSpecParityTest {
    @TempDir
    Path dir;

    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream());

    private static ScanCommand scanCommand(String... args) {
        ScanCommand c = new ScanCommand(NOWHERE, NOWHERE);
        new CommandLine(c).parseArgs(args);
        return c;
    }

    private static HttpCommand httpCommand(String... args) {
        HttpCommand c = new HttpCommand(NOWHERE, NOWHERE);
        new CommandLine(c).parseArgs(args);
        return c;
    }

    private static TcpJobSpec cliTcp(String... args) {
        ScanCommand c = scanCommand(args);
        return c.job.spec(c.concurrency.concurrency());
    }

    private static ScanFormViewModel tcpForm(String hosts, String ports, String timeout) {
        ScanFormViewModel f = new ScanFormViewModel();
        f.setMode(ScanMode.TCP);
        f.setHosts(hosts);
        f.setPorts(ports);
        f.setTimeout(timeout);
        assertThat(f.isValid()).as(f.getSummary()).isTrue();
        return f;
    }

    @Test
    void theCliOptionsAndTheFormStartFromTheSameDefaults() {
        CommandLine scan = new CommandLine(new ScanCommand(NOWHERE, NOWHERE));
        CommandLine http = new CommandLine(new HttpCommand(NOWHERE, NOWHERE));
        assertThat(scan.getCommandSpec().findOption("--timeout").defaultValue())
                .isEqualTo(JobDefaults.TCP_TIMEOUT)
                .isEqualTo(ScanFormViewModel.DEFAULT_TIMEOUT);
        assertThat(http.getCommandSpec().findOption("--timeout").defaultValue())
                .isEqualTo(JobDefaults.HTTP_TIMEOUT)
                .isEqualTo(ScanFormViewModel.DEFAULT_HTTP_TIMEOUT);
        assertThat(scan.getCommandSpec().findOption("--banner-timeout").defaultValue())
                .isEqualTo(JobDefaults.BANNER_TIMEOUT);
        assertThat(scan.getCommandSpec().findOption("--tls-timeout").defaultValue())
                .isEqualTo(JobDefaults.TLS_TIMEOUT);
        assertThat(http.getCommandSpec().findOption("--max-redirects").defaultValue())
                .isEqualTo(JobDefaults.MAX_REDIRECTS);
        assertThat(http.getCommandSpec().findOption("--method").defaultValue())
                .isEqualTo(JobDefaults.METHOD)
                .isEqualTo(new ScanFormViewModel().getMethod());
        assertThat(CompareViewModel.DEFAULT_THREADS).isEqualTo(JobDefaults.COMPARE_THREADS);

        // untouched, the CLI and the form probe alike (banner wait, TLS deadline, redirects, retries)
        ScanFormViewModel form = tcpForm("127.0.0.1", "22", JobDefaults.TCP_TIMEOUT);
        form.setBanner(true);
        form.tlsProperty().set(true);
        TcpJobSpec app = (TcpJobSpec) CompareJob.of(form).spec();
        TcpJobSpec cli = cliTcp("--hosts", "127.0.0.1", "--ports", "22", "--banner", "--tls");
        assertThat(app.probe()).isEqualTo(cli.probe());
        assertThat(app.after().tlsTimeout()).isEqualTo(cli.after().tlsTimeout()).isEqualTo(JobDefaults.tlsTimeout());
    }

    @Test
    void aTcpJobTypedIntoTheFormIsTheCliJob() {
        ScanFormViewModel form = tcpForm("127.0.0.1-3, 127.0.0.9", "22,80-82,ssh", "300ms");
        form.setRetries(2);
        form.setBanner(true);
        form.tlsProperty().set(true);
        form.setStrategy(Strategy.POOL);
        form.setThreads(50);
        TcpJobSpec app = (TcpJobSpec) CompareJob.of(form).spec();
        TcpJobSpec cli = cliTcp(
                "--hosts",
                "127.0.0.1-3, 127.0.0.9",
                "--ports",
                "22,80-82,ssh",
                "--timeout",
                "300ms",
                "--retries",
                "2",
                "--banner",
                "--tls",
                "--order",
                "sequential",
                "--strategy",
                "pool",
                "--threads",
                "50");
        // the banner wait is the CLI's, not min(timeout, 500 ms)
        assertThat(app.probe()).isEqualTo(cli.probe());
        assertThat(app.probe().bannerTimeout()).isEqualTo(JobDefaults.bannerTimeout());
        assertThat(app.after().tlsTimeout()).isEqualTo(cli.after().tlsTimeout());
        assertThat(app.after().names()).isNull();
        assertThat(app.concurrency())
                .isEqualTo(cli.concurrency())
                .isEqualTo(new Concurrency(Strategy.POOL, 50, null, 0));
        assertThat(endpoints(app)).isEqualTo(endpoints(cli)).hasSize(4 * 4);
        // hosts and ports are parsed once: what Start scans is what validation parsed
        assertThat(app.targets()).isSameAs(form.parsedTcpTargets());
    }

    @Test
    void anHttpJobTypedIntoTheFormIsTheCliJob() {
        ScanFormViewModel form = new ScanFormViewModel();
        form.setMode(ScanMode.HTTP);
        form.setPattern("http://127.0.0.1:9/{a-c}{1-2}");
        form.setTimeout("2s");
        form.setMethod("GET");
        form.setRetries(1);
        form.insecureProperty().set(true);
        form.titleProperty().set(true);
        form.setStrategy(Strategy.NIO);
        form.setThreads(7);
        assertThat(form.isValid()).as(form.getSummary()).isTrue();
        HttpJobSpec app = (HttpJobSpec) CompareJob.of(form).spec();
        HttpCommand c = httpCommand(
                "--pattern",
                "http://127.0.0.1:9/{a-c}{1-2}",
                "--timeout",
                "2s",
                "--method",
                "get",
                "--retries",
                "1",
                "-k",
                "--title",
                "--order",
                "sequential",
                "--strategy",
                "nio",
                "--threads",
                "7");
        HttpJobSpec cli = c.job.spec(c.concurrency.concurrency());
        // redirects: followed, 10 hops, as the CLI's defaults
        assertThat(app.probe()).isEqualTo(cli.probe());
        assertThat(app.probe().followRedirects()).isTrue();
        assertThat(app.probe().maxRedirects()).isEqualTo(JobDefaults.maxRedirects());
        assertThat(app.concurrency()).isEqualTo(cli.concurrency());
        assertThat(list(app.targets())).isEqualTo(list(cli.targets())).hasSize(6);
        assertThat(app.targets()).isSameAs(form.parsedUrls());
    }

    /** The two specs scan alike, on real sockets, under every strategy. */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void theFormsJobAndTheCliJobFindTheSame(Strategy strategy) throws Exception {
        try (TcpLab lab = TcpLab.start(4, BannerMix.MIXED)) {
            String ports =
                    String.join(",", lab.ports().stream().map(String::valueOf).toList());
            ScanFormViewModel form = tcpForm("127.0.0.1", ports, "2s");
            form.setBanner(true);
            TcpJobSpec app = (TcpJobSpec) CompareJob.of(form).spec();
            TcpJobSpec cli = cliTcp("--hosts", "127.0.0.1", "--ports", ports, "--timeout", "2s", "--banner");
            ScanSettings settings = new ScanSettings(strategy, 4, 2);
            List<String> fromApp = findings(app, settings);
            assertThat(fromApp).isEqualTo(findings(cli, settings)).hasSize(4);
            assertThat(fromApp).allMatch(s -> s.contains(" open "));
            assertThat(fromApp.stream().filter(s -> !s.endsWith(" null"))).hasSize(3); // ssh, telnet, ftp announce
        }
    }

    private static List<String> findings(TcpJobSpec spec, ScanSettings settings) throws InterruptedException {
        List<TcpResult> results = new ArrayList<>();
        spec.toScan(settings).run(results::add);
        return results.stream()
                .sorted(Comparator.comparingInt(TcpResult::port))
                .map(r -> r.port() + " " + r.state().name().toLowerCase(Locale.ROOT) + " " + r.banner())
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1k, 2000", "1000 2000", "2_000;1k", "1, 10, 100", "0", "1,,10", "many", "100001", " , "})
    void compareThreadsAcceptsWhatTheCompareWindowAccepts(String text) {
        boolean app;
        try {
            CompareViewModel.parseThreadCounts(text);
            app = true;
        } catch (IllegalArgumentException e) {
            app = false;
        }
        boolean cli;
        try {
            new Converters.ThreadListConverter().convert(text);
            cli = true;
        } catch (CommandLine.TypeConversionException e) {
            cli = false;
        }
        assertThat(cli).as(text).isEqualTo(app);
    }

    @Test
    void compareRunsAThreadListWrittenAsTheAppTakesIt() throws Exception {
        try (TcpLab lab = TcpLab.start(2, BannerMix.SILENT)) {
            String ports =
                    String.join(",", lab.ports().stream().map(String::valueOf).toList());
            Path out = dir.resolve("compare.csv");
            CliRunner r = CliRunner.run(
                    "compare",
                    "--threads",
                    "1k, 2000",
                    "--strategies",
                    "virtual",
                    "--no-warmup",
                    "--output",
                    out.toString(),
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    ports);
            assertThat(r.status()).as(r.err()).isZero();
            List<CSVRecord> rows;
            try (var in = Files.newBufferedReader(out)) {
                rows = CSVFormat.RFC4180.parse(in).getRecords();
            }
            assertThat(rows.stream().skip(1).map(x -> x.get(Columns.COMPARE.indexOf("threads"))))
                    .containsExactly("1000", "2000");
        }
        assertThatThrownBy(() -> new Converters.ThreadListConverter().convert("1,,10"))
                .hasMessageContaining("thread count");
    }

    private static List<String> endpoints(TcpJobSpec spec) {
        return StreamSupport.stream(spec.targets().spliterator(), false)
                .map(Endpoint::toString)
                .toList();
    }

    private static List<String> list(Iterable<?> targets) {
        return StreamSupport.stream(targets.spliterator(), false)
                .map(String::valueOf)
                .toList();
    }
}
