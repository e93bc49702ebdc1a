package org.fanout.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A whole practice lab on 127.0.0.1: a {@link TcpLab}, a {@link LabHttpServer}, and optionally a
 * {@link FullBacklogListener} (a port that looks {@code filtered}). {@code ./fanout lab} runs one
 * until interrupted; tests start one per class. {@link #close()} stops everything.
 */
public final class Lab implements AutoCloseable {
    private final LabOptions options;
    private final TcpLab tcp;
    private final LabHttpServer http;
    private final FullBacklogListener filtered;
    private final TcpLab tcp6;
    private final LabHttpServer http6;

    private Lab(
            LabOptions options,
            TcpLab tcp,
            LabHttpServer http,
            FullBacklogListener filtered,
            TcpLab tcp6,
            LabHttpServer http6) {
        this.options = options;
        this.tcp = tcp;
        this.http = http;
        this.filtered = filtered;
        this.tcp6 = tcp6;
        this.http6 = http6;
    }

    /** Starts everything {@code options} asks for; on failure nothing stays open. */
    public static Lab start(LabOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        TcpLab tcp = null;
        LabHttpServer http = null;
        FullBacklogListener filtered = null;
        TcpLab tcp6 = null;
        LabHttpServer http6 = null;
        try {
            tcp = TcpLab.open(
                    options.address(), options.tcpPorts(), BannerMix.MIXED, Duration.ofMillis(TcpLab.DEFAULT_IDLE_MS));
            http = startHttp(options, options.address(), options.httpPort());
            if (options.filtered()) {
                filtered = FullBacklogListener.open(options.address(), 0);
            }
            if (options.alsoIpv6()) {
                // the same ports on ::1, so one port list serves both families
                InetAddress v6 = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
                tcp6 = TcpLab.open(v6, tcp.ports(), BannerMix.MIXED, Duration.ofMillis(TcpLab.DEFAULT_IDLE_MS));
                http6 = startHttp(options, v6, http.port());
            }
            return new Lab(options, tcp, http, filtered, tcp6, http6);
        } catch (IOException | RuntimeException e) {
            if (http6 != null) {
                http6.close();
            }
            if (tcp6 != null) {
                tcp6.close();
            }
            if (filtered != null) {
                filtered.close();
            }
            if (http != null) {
                http.close();
            }
            if (tcp != null) {
                tcp.close();
            }
            throw e;
        }
    }

    /** An HTTP lab server on {@code address}:{@code port} with the options' latency, status mix and faults. */
    private static LabHttpServer startHttp(LabOptions options, InetAddress address, int port) throws IOException {
        return LabHttpServer.builder()
                .address(address)
                .port(port)
                .latencySpread(options.latencyMin(), options.latencyMax())
                .statusMix(options.statusMix())
                .resetShare(options.resetShare())
                .slowShare(options.slowShare(), options.slowDelay())
                .seed(options.seed())
                .start();
    }

    public LabOptions options() {
        return options;
    }

    public TcpLab tcp() {
        return tcp;
    }

    public LabHttpServer http() {
        return http;
    }

    /** The full-backlog port whose connects time out, or -1 when none was asked for. */
    public int filteredPort() {
        return filtered == null ? -1 : filtered.port();
    }

    /** Several lines: what runs where, and example commands against it (all 127.0.0.1). */
    public String describe() {
        String host = TcpLab.hostLiteral(options.address());
        StringBuilder sb =
                new StringBuilder("Fanout lab on loopback (" + host + (tcp6 != null ? " and [::1]" : "") + " only)\n");
        sb.append(tcp.describe());
        if (filtered != null) {
            sb.append("  ")
                    .append(host)
                    .append(':')
                    .append(filtered.port())
                    .append("  filtered (full backlog: connects time out)\n");
        }
        sb.append(http.describe()).append('\n');
        if (tcp6 != null) {
            sb.append("  the same TCP ports and HTTP server also on [::1]: ")
                    .append(http6.baseUrl())
                    .append('\n');
        }
        sb.append("  fixed paths: ")
                .append(String.join(" ", LabHttpPaths.SPECIAL_PATHS))
                .append('\n');
        sb.append("  any other path: the latency and status mix above, the same outcome every time\n");

        String base = http.baseUrl();
        List<Integer> tcpPorts = new ArrayList<>(tcp.ports());
        if (filtered != null) {
            tcpPorts.add(filtered.port());
        }
        sb.append("Try:\n");
        if (!tcpPorts.isEmpty()) {
            String ports = tcpPorts.stream().map(String::valueOf).collect(Collectors.joining(","));
            sb.append("  ./fanout scan --hosts "
                            + options.address().getHostAddress().replace("0:0:0:0:0:0:0:1", "::1") + " --ports ")
                    .append(ports)
                    .append(" --banner --timeout 300ms\n");
        }
        sb.append("  ./fanout http ")
                .append(base)
                .append("/status/200 ")
                .append(base)
                .append("/redirect/3 ")
                .append(base)
                .append("/reset\n");
        sb.append("  ./fanout http --pattern '").append(base).append("/{a-z}{a-z}' --threads 100\n");
        sb.append("  ./fanout compare --threads 1,10,100 --strategies pool,virtual,nio http --pattern '")
                .append(base)
                .append("/{a-z}{a-z}'\n");
        return sb.toString();
    }

    /** The HTTP server on ::1 when the lab listens on both families, else null. */
    public LabHttpServer httpIpv6() {
        return http6;
    }

    /** The TCP listeners on ::1 (the same ports as {@link #tcp()}) when on both families, else null. */
    public TcpLab tcpIpv6() {
        return tcp6;
    }

    /** Stops the HTTP server, the TCP listeners and the filtered port. */
    @Override
    public void close() {
        if (http6 != null) {
            http6.close();
        }
        if (tcp6 != null) {
            tcp6.close();
        }
        try {
            http.close();
        } finally {
            try {
                tcp.close();
            } finally {
                if (filtered != null) {
                    filtered.close();
                }
            }
        }
    }
}
