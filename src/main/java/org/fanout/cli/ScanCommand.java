package org.fanout.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import org.fanout.engine.Scan;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.target.Endpoint;
import org.fanout.engine.target.HostSpec;
import org.fanout.engine.target.PortSpec;
import org.fanout.engine.target.Resolver;
import org.fanout.engine.target.TargetSyntaxException;
import org.fanout.engine.target.TcpTargets;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResultWriters;
import org.fanout.export.ResumeReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true,
        description = "TCP connect scan of hosts x ports.",
        footer = {"", "Examples:",
                "  fanout scan --hosts 127.0.0.1 --ports 1-1024 --open-only",
                "  fanout scan --hosts 127.0.0.0/24 --ports ssh,telnet --threads 1000 --output ports.csv",
                "  fanout scan --hosts localhost --ports top100 --banner --format json"})
final class ScanCommand implements Callable<Integer> {
    /** Far past any sensible scan; a typo like 127.0.0.0/8 x all stops here instead of running for days. */
    static final long MAX_TARGETS = 1L << 32;

    static final class Hosts {
        @Option(names = "--hosts", paramLabel = "H[,H...]", required = true,
                description = "Names, IPv4/IPv6, CIDR (127.0.0.0/24), ranges (127.0.0.1-20).")
        String hosts;

        @Option(names = "--hosts-file", paramLabel = "FILE", required = true,
                description = "Hosts, one or more per line; # starts a comment.")
        Path hostsFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Hosts hosts;

    @Option(names = {"-p", "--ports"}, paramLabel = "P", defaultValue = "top100",
            description = "Ports: 22,80,8000-8100, names (ssh,telnet,http), top100 or all (default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = "--exclude-ports", paramLabel = "P", description = "Ports to leave out, same syntax.")
    String excludePorts;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "1s", converter = Converters.DurationConverter.class,
            description = "Connect deadline; past it a port is filtered (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0", description = "Extra attempts for filtered/error ports, 0-10.")
    int retries;

    @Option(names = "--banner", description = "Read the first line each open port announces (ssh, telnet...).")
    boolean banner;

    @Option(names = "--banner-timeout", paramLabel = "D", defaultValue = "500ms", converter = Converters.DurationConverter.class,
            description = "How long to wait for a banner (default: ${DEFAULT-VALUE}).")
    Duration bannerTimeout;

    @Option(names = "--open-only", description = "Write only open ports (the summary still counts all).")
    boolean openOnly;

    @Mixin
    ConcurrencyOptions concurrency = new ConcurrencyOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final PrintStream out;
    private final PrintStream err;

    ScanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (retries < 0 || retries > 10) throw new UserError("--retries must be 0-10, got " + retries);
        output.check();
        TcpTargets targets = targets();
        TcpProbeConfig config = new TcpProbeConfig(timeout, retries, banner, bannerTimeout);
        Scan<Endpoint, TcpResult> scan = Scan.tcp(targets, config, concurrency.settings(true));
        ResultWriter<TcpResult> writer;
        if (output.output == null) {
            writer = ResultWriters.tcp(output.format(), Streams.unclosable(out), true, false);
        } else {
            if (output.resume) scan = scan.skipping(ResumeReader.doneKeys(output.output, ResultKind.TCP));
            writer = ResultWriters.openTcp(output.output, output.format(), output.resume);
        }
        return ScanSession.run(scan, writer, r -> !openOnly || r.state() == TcpState.OPEN, "ports",
                Streams.progressWanted(output), err);
    }

    private TcpTargets targets() {
        HostSpec hostSpec = hosts.hosts != null
                ? parse("--hosts", () -> HostSpec.parse(hosts.hosts))
                : parse("--hosts-file", () -> HostSpec.fromFile(hosts.hostsFile));
        PortSpec portSpec = parse("--ports", () -> PortSpec.parse(ports));
        if (excludePorts != null) portSpec = portSpec.minus(parse("--exclude-ports", () -> PortSpec.parse(excludePorts)));
        if (portSpec.isEmpty()) throw new UserError("--exclude-ports leaves no port to scan");
        long total = hostSpec.count() * portSpec.count();
        if (total > MAX_TARGETS) {
            throw new UserError("too many targets: " + hostSpec.count() + " hosts x " + portSpec.count() + " ports = "
                    + total + " (at most " + MAX_TARGETS + "); narrow --hosts or --ports");
        }
        return new TcpTargets(hostSpec, portSpec, Resolver.system());
    }

    static <T> T parse(String option, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (TargetSyntaxException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }

    static Set<String> none() {
        return Set.of();
    }
}
