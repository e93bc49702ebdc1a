package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.Lab;
import org.fanout.lab.LabOptions;
import org.fanout.lab.StatusMix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks that Fanout works on this machine: starts its own loopback lab and scans it with every
 * strategy, TCP and HTTP. Touches nothing but the ports it opened.
 */
@Command(
        name = "selftest",
        mixinStandardHelpOptions = true,
        description = "Check that Fanout works here: scan a loopback lab of its own with every strategy.")
final class SelfTestCommand implements Callable<Integer> {
    @Option(names = "--quiet", description = "Print only failures.")
    boolean quiet;

    private final PrintStream out;

    SelfTestCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        LabOptions options = LabOptions.defaults()
                .withTcpCount(4)
                .withHttpPort(0)
                .withLatency(Duration.ZERO, Duration.ZERO)
                .withStatusMix(StatusMix.parse("200:1"));
        int failures = 0;
        try (Lab lab = Lab.start(options)) {
            int closed = freedPort();
            StringBuilder ports = new StringBuilder(Integer.toString(closed));
            lab.tcp().ports().forEach(p -> ports.append(',').append(p));
            List<String> urls = List.of(
                    lab.http().baseUrl() + "/status/200",
                    lab.http().baseUrl() + "/redirect/2",
                    lab.http().baseUrl() + "/status/404");
            for (Strategy s : Strategy.values()) {
                ScanSettings settings = new ScanSettings(s, 8, 1);
                Scan<Endpoint, TcpResult> tcp = Scan.tcp(
                        new TcpTargets(
                                HostSpec.parse("127.0.0.1"), PortSpec.parse(ports.toString()), Resolver.system()),
                        new TcpProbeConfig(Duration.ofSeconds(2), 0, true, Duration.ofMillis(300)),
                        settings);
                Map<String, Long> states = new TreeMap<>();
                tcp.run(r -> states.merge(r.outcome(), 1L, Long::sum));
                failures += report("tcp  " + s.label(), states, Map.of("open", 4L, "closed", 1L));
                Scan<URI, HttpResult> http = Scan.http(
                        UrlSource.of(urls),
                        new HttpProbeConfig("HEAD", Duration.ofSeconds(2), true, 5, 0),
                        Resolver.system(),
                        settings);
                Map<String, Long> statuses = new TreeMap<>();
                http.run(r -> statuses.merge(r.outcome(), 1L, Long::sum));
                failures += report("http " + s.label(), statuses, Map.of("200", 2L, "404", 1L));
            }
        }
        if (!quiet || failures > 0)
            out.println(failures == 0 ? "selftest: all strategies ok" : "selftest: " + failures + " failed");
        return failures == 0 ? 0 : FanoutCommand.FAILURE;
    }

    private int report(String what, Map<String, Long> got, Map<String, Long> want) {
        boolean ok = got.equals(new TreeMap<>(want));
        if (!quiet || !ok)
            out.println((ok ? "ok    " : "FAIL  ") + what + "  " + got
                    + (ok ? "" : " (expected " + new TreeMap<>(want) + ")"));
        return ok ? 0 : 1;
    }

    private static int freedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
