package org.fanout.engine.strategy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.Services;
import org.fanout.engine.probe.AsyncHttpProbe;
import org.fanout.engine.probe.ErrorKinds;
import org.fanout.engine.probe.HttpProbe;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.NioTcpEngine;
import org.fanout.engine.probe.NonBlockingEngine;
import org.fanout.engine.probe.Probe;
import org.fanout.engine.probe.TcpConnectProbe;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;

/** The two kinds of scan job, TCP connect and HTTP check, with their process wire formats. */
public final class Jobs {
    private Jobs() {}

    public static ScanJob<Endpoint, TcpResult> tcp(TcpProbeConfig config) {
        return new TcpJob(config);
    }

    public static ScanJob<URI, HttpResult> http(HttpProbeConfig config, Resolver resolver) {
        return new HttpJob(config, cachingOnce(resolver));
    }

    static WireFormat<Endpoint, TcpResult> tcpWire() {
        return new TcpJob(TcpProbeConfig.defaults());
    }

    static WireFormat<URI, HttpResult> httpWire() {
        return new HttpJob(HttpProbeConfig.defaults(), Resolver.system());
    }

    /** Each host is looked up once per scan, however many URLs name it. */
    static Resolver cachingOnce(Resolver resolver) {
        Map<String, Object> cache = new ConcurrentHashMap<>();
        return host -> {
            Object v = cache.computeIfAbsent(host, h -> {
                try {
                    return resolver.resolve(h);
                } catch (UnknownHostException e) {
                    return e;
                }
            });
            if (v instanceof UnknownHostException e) throw e;
            return (InetAddress) v;
        };
    }

    private static final class TcpJob implements ScanJob<Endpoint, TcpResult>, WireFormat<Endpoint, TcpResult> {
        private final TcpProbeConfig config;
        private final TcpConnectProbe probe;

        TcpJob(TcpProbeConfig config) {
            this.config = config;
            this.probe = new TcpConnectProbe(config);
        }

        @Override
        public Probe<Endpoint, TcpResult> probe() {
            return probe;
        }

        @Override
        public NonBlockingEngine<Endpoint, TcpResult> nonBlocking() {
            return new NioTcpEngine(config);
        }

        @Override
        public WireFormat<Endpoint, TcpResult> wire() {
            return this;
        }

        @Override
        public String keyOf(Endpoint t) {
            return TcpResult.key(t.host(), t.port());
        }

        @Override
        public Duration worstCasePerTarget() {
            return config.worstCase();
        }

        @Override
        public TcpResult precheck(Endpoint t) {
            return probe.precheck(t);
        }

        @Override
        public TcpResult failed(Endpoint t, String error) {
            return new TcpResult(
                    t.host(), t.ip(), t.port(), Services.nameOf(t.port()), TcpState.ERROR, -1, null, error);
        }

        @Override
        public String kind() {
            return "tcp";
        }

        @Override
        public String probeArgs() {
            return config.timeout().toNanos() + "," + config.retries() + "," + config.banner() + ","
                    + config.bannerTimeout().toNanos();
        }

        @Override
        public String encodeTarget(Endpoint t) {
            return Wire.join(t.host(), t.ip(), t.port());
        }

        @Override
        public String encodeResult(TcpResult r) {
            return Wire.join(CertificateWire.append(
                    new Object[] {
                        r.host(),
                        r.ip(),
                        r.port(),
                        r.service(),
                        r.state().label(),
                        r.latencyNanos(),
                        r.banner(),
                        r.error(),
                        r.name()
                    },
                    r.certificate()));
        }

        @Override
        public TcpResult decodeResult(String line) {
            String[] f = Wire.split(line);
            return new TcpResult(
                    f[0],
                    f[1],
                    Integer.parseInt(f[2]),
                    f[3],
                    TcpState.fromLabel(f[4]),
                    Long.parseLong(f[5]),
                    f[6],
                    f[7],
                    CertificateWire.read(f, 9),
                    f[8]);
        }

        @Override
        public WorkerSide<Endpoint, TcpResult> workerSide(String probeArgs) {
            String[] a = probeArgs.split(",");
            TcpConnectProbe workerProbe = new TcpConnectProbe(new TcpProbeConfig(
                    Duration.ofNanos(Long.parseLong(a[0])),
                    Integer.parseInt(a[1]),
                    Boolean.parseBoolean(a[2]),
                    Duration.ofNanos(Long.parseLong(a[3]))));
            return new WorkerSide<>() {
                @Override
                public Endpoint decodeTarget(String line) {
                    String[] f = Wire.split(line);
                    return new Endpoint(f[0], InetAddress.ofLiteral(f[1]), Integer.parseInt(f[2]));
                }

                @Override
                public Probe<Endpoint, TcpResult> probe() {
                    return workerProbe;
                }

                @Override
                public Endpoint ownLoopbackTarget(int port) {
                    return new Endpoint("127.0.0.1", InetAddress.ofLiteral("127.0.0.1"), port);
                }
            };
        }
    }

    private static final class HttpJob implements ScanJob<URI, HttpResult>, WireFormat<URI, HttpResult> {
        private final HttpProbeConfig config;
        private final Resolver resolver;
        private final HttpProbe probe;

        HttpJob(HttpProbeConfig config, Resolver resolver) {
            this.config = config;
            this.resolver = resolver;
            this.probe = new HttpProbe(config, resolver);
        }

        @Override
        public Probe<URI, HttpResult> probe() {
            return probe;
        }

        @Override
        public NonBlockingEngine<URI, HttpResult> nonBlocking() {
            return new AsyncHttpProbe(config, resolver);
        }

        @Override
        public WireFormat<URI, HttpResult> wire() {
            return this;
        }

        @Override
        public String keyOf(URI t) {
            return t.toString();
        }

        @Override
        public Duration worstCasePerTarget() {
            return config.worstCase();
        }

        @Override
        public HttpResult precheck(URI t) {
            try {
                resolver.resolve(hostOf(t));
                return null;
            } catch (UnknownHostException e) {
                return new HttpResult(t.toString(), 0, -1, null, -1, ErrorKinds.UNKNOWN_HOST);
            }
        }

        @Override
        public HttpResult failed(URI t, String error) {
            return new HttpResult(t.toString(), 0, -1, null, -1, error);
        }

        @Override
        public String kind() {
            return "http";
        }

        @Override
        public String probeArgs() {
            return config.method() + "," + config.timeout().toNanos() + "," + config.followRedirects() + ","
                    + config.maxRedirects() + "," + config.retries() + "," + config.insecure() + "," + config.title()
                    + ","
                    + (config.trustFile() == null ? "" : config.trustFile()); // last: a path may hold commas
        }

        /** The worker is told the address too, so it never looks the host up again. */
        @Override
        public String encodeTarget(URI t) {
            String ip;
            try {
                ip = resolver.resolve(hostOf(t)).getHostAddress();
            } catch (UnknownHostException e) {
                ip = null;
            }
            return Wire.join(t.toString(), ip);
        }

        @Override
        public String encodeResult(HttpResult r) {
            return Wire.join(CertificateWire.append(
                    new Object[] {
                        r.url(),
                        r.status(),
                        r.latencyNanos(),
                        r.finalUrl(),
                        r.contentLength(),
                        r.error(),
                        r.httpVersion(),
                        r.server(),
                        r.title()
                    },
                    r.certificate()));
        }

        @Override
        public HttpResult decodeResult(String line) {
            String[] f = Wire.split(line);
            return new HttpResult(
                    f[0],
                    Integer.parseInt(f[1]),
                    Long.parseLong(f[2]),
                    f[3],
                    Long.parseLong(f[4]),
                    f[5],
                    f[6],
                    f[7],
                    f[8],
                    CertificateWire.read(f, 9));
        }

        @Override
        public WorkerSide<URI, HttpResult> workerSide(String probeArgs) {
            String[] a = probeArgs.split(",", 8);
            HttpProbeConfig c = new HttpProbeConfig(
                    a[0],
                    Duration.ofNanos(Long.parseLong(a[1])),
                    Boolean.parseBoolean(a[2]),
                    Integer.parseInt(a[3]),
                    Integer.parseInt(a[4]),
                    Boolean.parseBoolean(a[5]),
                    Boolean.parseBoolean(a[6]),
                    a[7].isEmpty() ? null : Path.of(a[7]));
            Map<String, InetAddress> told = new ConcurrentHashMap<>();
            Resolver system = cachingOnce(Resolver.system());
            HttpProbe workerProbe = new HttpProbe(c, host -> {
                InetAddress known = told.get(host);
                return known != null ? known : system.resolve(host); // only for hosts reached by redirect
            });
            return new WorkerSide<>() {
                @Override
                public URI decodeTarget(String line) {
                    String[] f = Wire.split(line);
                    URI uri = URI.create(f[0]);
                    if (f[1] != null) told.put(hostOf(uri), InetAddress.ofLiteral(f[1]));
                    return uri;
                }

                @Override
                public Probe<URI, HttpResult> probe() {
                    return workerProbe;
                }

                @Override
                public URI ownLoopbackTarget(int port) {
                    told.put("127.0.0.1", InetAddress.ofLiteral("127.0.0.1"));
                    return URI.create("http://127.0.0.1:" + port + "/");
                }
            };
        }

        private static String hostOf(URI uri) {
            String h = uri.getHost();
            return h != null && h.startsWith("[") ? h.substring(1, h.length() - 1) : String.valueOf(h);
        }
    }
}
