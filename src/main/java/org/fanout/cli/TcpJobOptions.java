package org.fanout.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.fanout.engine.AnsweredPorts;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.ExcludedHosts;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.ReverseResolver;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.inputs.TargetSyntaxException;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.job.TcpJobSpec;
import org.fanout.engine.probe.TcpProbeConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What a TCP scan checks and how each probe behaves: shared by {@code scan} and {@code compare scan}. */
final class TcpJobOptions {
    static final class Hosts {
        @Option(
                names = "--hosts",
                paramLabel = "H[,H...]",
                required = true,
                description = "Names, IPv4/IPv6, CIDR (127.0.0.0/24), ranges (127.0.0.1-20).")
        String hosts;

        @Option(
                names = "--hosts-file",
                paramLabel = "FILE",
                required = true,
                description = "Hosts, one or more per line; # starts a comment.")
        Path hostsFile;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Hosts hosts;

    @Option(
            names = {"-p", "--ports"},
            paramLabel = "P",
            defaultValue = JobDefaults.PORTS,
            description = "Ports: 22,80,8000-8100, names (ssh,telnet,http), top100 or all (default: ${DEFAULT-VALUE}).")
    String ports;

    @Option(names = "--exclude-ports", paramLabel = "P", description = "Ports to leave out, same syntax.")
    String excludePorts;

    @Option(
            names = "--timeout",
            paramLabel = "D",
            defaultValue = JobDefaults.TCP_TIMEOUT,
            converter = Converters.TimeoutConverter.class,
            description = "Connect deadline; past it a port is filtered (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = JobDefaults.RETRIES,
            description = "Extra attempts for filtered/error ports, 0-10.")
    int retries;

    @Option(names = "--banner", description = "Read the first line each open port announces (ssh, telnet...).")
    boolean banner;

    @Option(
            names = "--banner-timeout",
            paramLabel = "D",
            defaultValue = JobDefaults.BANNER_TIMEOUT,
            converter = Converters.TimeoutConverter.class,
            description = "How long to wait for a banner (default: ${DEFAULT-VALUE}).")
    Duration bannerTimeout;

    @Mixin
    OrderOptions order = new OrderOptions();

    @Option(
            names = "--exclude-hosts",
            paramLabel = "H[,H...]",
            description = "Hosts to leave out, same syntax as --hosts.")
    String excludeHosts;

    @Option(
            names = "--exclude-hosts-file",
            paramLabel = "FILE",
            description = "Hosts to leave out, one or more per line.")
    Path excludeHostsFile;

    @Option(names = "--tls", description = "Ask each open port for its TLS certificate (after any banner).")
    boolean tls;

    @Option(
            names = "--tls-timeout",
            paramLabel = "D",
            defaultValue = JobDefaults.TLS_TIMEOUT,
            converter = Converters.TimeoutConverter.class,
            description = "Deadline of each TLS handshake (default: ${DEFAULT-VALUE}).")
    Duration tlsTimeout;

    @Mixin
    TrustStoreOptions trust = new TrustStoreOptions();

    @Option(
            names = "--resolve-names",
            description = "Look up the name of each address that answered (reverse DNS; "
                    + "for other than loopback the query leaves this machine).")
    boolean resolveNames;

    /** Parses and checks everything into the job, at this concurrency; bad input becomes a {@link UserError}. */
    TcpJobSpec spec(Concurrency concurrency) {
        parse("--retries", () -> JobInputs.retries(retries));
        parse("--tls-timeout", () -> JobInputs.positive(tlsTimeout));
        if (!tls && trust.trustStore != null) throw new UserError("--trust-store needs --tls");
        AnsweredPorts after = new AnsweredPorts(
                tls ? tlsTimeout : null, resolveNames ? ReverseResolver.system() : null, tls ? trust.pemFile() : null);
        return new TcpJobSpec(
                order.apply(targets()),
                new TcpProbeConfig(timeout, retries, banner, bannerTimeout),
                after,
                concurrency);
    }

    /** The targets as text, equal for equal jobs (set by {@link #scan}): what shard manifests compare. */
    String identity;

    private TargetSource<Endpoint> targets() {
        TcpTargets all = allTargets();
        if (excludeHosts == null && excludeHostsFile == null) return all;
        HostSpec excluded = excludeHosts != null ? parse("--exclude-hosts", () -> HostSpec.parse(excludeHosts)) : null;
        if (excludeHostsFile != null) {
            HostSpec fromFile = parse("--exclude-hosts-file", () -> HostSpec.fromFile(excludeHostsFile));
            excluded = excluded == null ? fromFile : HostSpec.concat(excluded, fromFile);
        }
        HostSpec exclude = excluded;
        identity += " exclude=" + (excludeHosts != null ? excludeHosts.strip() : "")
                + (excludeHostsFile != null ? "," + OrderOptions.contentOf(excludeHostsFile) : "");
        return parse(
                "--exclude-hosts",
                () -> new ExcludedHosts(all, all.hosts(), all.ports().count(), exclude));
    }

    private TcpTargets allTargets() {
        HostSpec hostSpec = hosts.hosts != null
                ? parse("--hosts", () -> HostSpec.parse(hosts.hosts))
                : parse("--hosts-file", () -> HostSpec.fromFile(hosts.hostsFile));
        PortSpec portSpec = parse("--ports", () -> PortSpec.parse(ports));
        if (excludePorts != null)
            portSpec = portSpec.minus(parse("--exclude-ports", () -> PortSpec.parse(excludePorts)));
        PortSpec wanted = portSpec;
        TcpTargets targets = parse(
                excludePorts != null && portSpec.isEmpty() ? "--exclude-ports" : "--hosts",
                () -> JobInputs.tcpTargets(hostSpec, wanted, Resolver.system()));
        identity = "tcp hosts=" + (hosts.hosts != null ? hosts.hosts.strip() : OrderOptions.contentOf(hosts.hostsFile))
                + " ports=" + portSpec;
        return targets;
    }

    /** Runs a parser or check ({@code engine.inputs}, {@link JobInputs}), naming the option in its error. */
    static <T> T parse(String option, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (TargetSyntaxException e) {
            // a message that already names what it is about ("URL 'ftp://…': …") is not prefixed again
            String why = e.getMessage();
            throw new UserError(why.startsWith(option + " ") ? why : option + ": " + why);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage();
            throw new UserError(why.startsWith("must ") ? option + " " + why : option + ": " + why);
        }
    }
}
