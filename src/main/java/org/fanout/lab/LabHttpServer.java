package org.fanout.lab;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 server on raw sockets, bound to 127.0.0.1, with chosen latency, status codes
 * and faults, so HTTP checks can be tested and compared without touching anyone's network.
 *
 * <p>One virtual thread accepts, and one virtual thread serves each connection, so latency and
 * fault waits park cheaply instead of holding platform threads; the listen backlog defaults to
 * 4096, and thousands of concurrent connections are fine. Keep-alive is the HTTP/1.1 default
 * ({@code Connection: close} is honoured; HTTP/1.0 keeps the connection only when asked).
 * GET and HEAD are served; HEAD gets the headers, including the Content-Length, that GET would
 * get, and no body. Other methods get 405 with {@code Allow: GET, HEAD}. Request bodies are
 * read and discarded ({@code Content-Length} up to 8 MiB, or chunked); a larger body gets 413.
 * A malformed request gets 400 (431 for an over-long line or too many headers) and a close.
 *
 * <h2>Paths</h2>
 * <table>
 * <caption>Behaviour by path (routing ignores the query string unless stated)</caption>
 * <tr><th>path</th><th>behaviour</th></tr>
 * <tr><td>{@code /status/{code}}</td><td>that status (200-599) with a short text body; 3xx codes
 *     carry {@code Location: /status/200}; 204 and 304 have no body</td></tr>
 * <tr><td>{@code /redirect/{n}}</td><td>n &gt; 0: 301 with {@code Location: /redirect/{n-1}};
 *     n = 0: 200 (n at most 1000)</td></tr>
 * <tr><td>{@code /redirect-to?url=/path}</td><td>302 to that relative location (must begin
 *     with a single '/'; anything else is 400)</td></tr>
 * <tr><td>{@code /redirect-loop}</td><td>302 with {@code Location: /redirect-loop}, forever</td></tr>
 * <tr><td>{@code /slow/{ms}}</td><td>waits ms (at most the max hold) before the headers, then 200</td></tr>
 * <tr><td>{@code /reset}</td><td>reads the request, then closes with a TCP RST
 *     ({@code SO_LINGER 0}) before any response byte</td></tr>
 * <tr><td>{@code /silent}</td><td>reads the request and never answers; holds the connection
 *     until the client closes, the server closes, or the max hold (default 60 s) passes</td></tr>
 * <tr><td>{@code /drip}</td><td>200 whose status line and headers are sent one byte per drip
 *     interval (default 1 s), then a short body; then closes</td></tr>
 * <tr><td>{@code /garbage}</td><td>256 bytes that are not HTTP (the first is 0x00), then closes</td></tr>
 * <tr><td>{@code /big-header}</td><td>200 with one header line {@code X-Fanout-Big: xxx...}
 *     whose value is 1 MiB (1,048,576 bytes)</td></tr>
 * <tr><td>{@code /head-refused}</td><td>HEAD: 405 with {@code Allow: GET}; GET: 200</td></tr>
 * <tr><td>{@code /gone-after-headers}</td><td>200 with {@code Content-Length: 1024}, then 100
 *     body bytes, then a close (a truncated body); HEAD gets the headers only</td></tr>
 * <tr><td>anything else ({@code /}, {@code /abc}...)</td><td>the default behaviour: waits the
 *     configured latency (fixed, or uniform in min..max), then answers a status drawn from the
 *     status mix (a 3xx carries {@code Location: /status/200}); a share of requests is reset
 *     instead (after the latency), and a share is slow (latency + slow delay, then the drawn
 *     status). Every draw comes from a hash of the seed and the request target (path and
 *     query), never from order or timing, so the same URL gets the same outcome and latency
 *     from any server with the same settings, however it is scanned.</td></tr>
 * </table>
 *
 * <p>{@link #close()} stops accepting, closes every live connection, wakes every waiting
 * handler and joins them; it returns in well under a second.
 *
 * <p>This class accepts connections and reads requests; {@code LabHttpPaths} decides what each
 * path does, {@code LabConnection} answers or ends a connection, {@code LabReplies} writes the
 * status line and headers, and {@code RequestBody} discards request bodies.
 */
public final class LabHttpServer implements AutoCloseable {
    private final ServerSocket server;
    private final Builder config;
    private final LabHttpPaths paths;
    private final Workers workers = new Workers("fanout-lab-http-");
    private final LongAdder requests = new LongAdder();
    private final LongAdder connections = new LongAdder();

    private LabHttpServer(ServerSocket server, Builder config) {
        this.server = server;
        this.config = config;
        DefaultPlanner planner = new DefaultPlanner(
                config.seed,
                config.statusMix,
                config.latencyMin.toMillis(),
                config.latencyMax.toMillis(),
                config.resetShare,
                config.slowShare,
                config.slowDelay.toMillis());
        this.paths = new LabHttpPaths(planner, config.maxHold, config.dripInterval);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A server on an OS-chosen port with the defaults: no latency, every default path 200. */
    public static LabHttpServer start() throws IOException {
        return builder().start();
    }

    /** Settings for a {@link LabHttpServer}; every setter validates at once. */
    public static final class Builder {
        private int port;
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int backlog = 4096;
        private Duration latencyMin = Duration.ZERO;
        private Duration latencyMax = Duration.ZERO;
        private StatusMix statusMix = StatusMix.ALL_OK;
        private double resetShare;
        private double slowShare;
        private Duration slowDelay = Duration.ofSeconds(5);
        private long seed = 1;
        private Duration keepAliveTimeout = Duration.ofSeconds(10);
        private Duration maxHold = Duration.ofSeconds(60);
        private Duration dripInterval = Duration.ofSeconds(1);
        private SSLContext tls;

        private Builder() {}

        /** The loopback address to bind (default 127.0.0.1); anything else is refused. */
        public Builder address(InetAddress address) {
            this.address = TcpLab.requireLoopback(address);
            return this;
        }

        /** 0 (the default) lets the OS choose. */
        public Builder port(int port) {
            TcpLab.checkPort(port);
            this.port = port;
            return this;
        }

        /** Listen backlog, 1-65535 (default 4096; the kernel caps it at net.core.somaxconn). */
        public Builder backlog(int backlog) {
            if (backlog < 1 || backlog > 65535) {
                throw new IllegalArgumentException("backlog must be 1-65535: " + backlog);
            }
            this.backlog = backlog;
            return this;
        }

        /** A fixed latency for default paths. */
        public Builder latency(Duration latency) {
            return latencySpread(latency, latency);
        }

        /** A latency uniform in {@code min..max} (inclusive, millisecond steps) for default paths. */
        public Builder latencySpread(Duration min, Duration max) {
            Durations.requireNonNegative(min, "minimum latency");
            Durations.requireNonNegative(max, "maximum latency");
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("minimum latency " + Durations.format(min)
                        + " is above maximum latency " + Durations.format(max));
            }
            requireAtMostHour(max, "latency");
            this.latencyMin = min;
            this.latencyMax = max;
            return this;
        }

        /** Parses a mix like {@code 200:90,404:5,500:3,301:2}; see {@link StatusMix#parse}. */
        public Builder statusMix(String mix) {
            return statusMix(StatusMix.parse(mix));
        }

        public Builder statusMix(StatusMix mix) {
            this.statusMix = Objects.requireNonNull(mix, "status mix");
            return this;
        }

        /** The share (0..1) of default-path requests answered with a reset. */
        public Builder resetShare(double share) {
            this.resetShare = share(share, "reset share");
            return this;
        }

        /** The share (0..1) of default-path requests that wait an extra {@code delay}. */
        public Builder slowShare(double share, Duration delay) {
            Durations.requireNonNegative(delay, "slow delay");
            requireAtMostHour(delay, "slow delay");
            this.slowShare = share(share, "slow share");
            this.slowDelay = delay;
            return this;
        }

        /** Seeds the default behaviour's draws (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How long an idle keep-alive connection is kept (default 10 s). */
        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = positive(timeout, "keep-alive timeout");
            return this;
        }

        /** The longest {@code /silent} holds a connection and {@code /slow/{ms}} may wait (default 60 s). */
        public Builder maxHold(Duration maxHold) {
            this.maxHold = positive(maxHold, "max hold");
            return this;
        }

        /** The pause after each byte of {@code /drip}'s head (default 1 s). */
        public Builder dripInterval(Duration interval) {
            Durations.requireNonNegative(interval, "drip interval");
            requireAtMostHour(interval, "drip interval");
            this.dripInterval = interval;
            return this;
        }

        /**
         * Serves HTTPS: every connection starts with a TLS handshake as the server of
         * {@code context} (its key manager holds the certificate to present; see {@link LabTls}).
         */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Binds 127.0.0.1 and starts serving. */
        public LabHttpServer start() throws IOException {
            if (resetShare + slowShare > 1.0 + 1e-9) {
                throw new IllegalArgumentException(
                        "reset share + slow share must not exceed 1: " + resetShare + " + " + slowShare);
            }
            Builder frozen = copy();
            ServerSocket socket = TcpLab.bindLoopback(address, port, backlog);
            LabHttpServer s = new LabHttpServer(socket, frozen);
            s.startAccepting();
            return s;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.port = port;
            b.address = address;
            b.backlog = backlog;
            b.latencyMin = latencyMin;
            b.latencyMax = latencyMax;
            b.statusMix = statusMix;
            b.resetShare = resetShare;
            b.slowShare = slowShare;
            b.slowDelay = slowDelay;
            b.seed = seed;
            b.keepAliveTimeout = keepAliveTimeout;
            b.maxHold = maxHold;
            b.dripInterval = dripInterval;
            b.tls = tls;
            return b;
        }

        private static double share(double share, String what) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException(what + " must be between 0 and 1: " + share);
            }
            return share;
        }

        private static Duration positive(Duration d, String what) {
            Durations.requireNonNegative(d, what);
            if (d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            requireAtMostHour(d, what);
            return d;
        }

        private static void requireAtMostHour(Duration d, String what) {
            if (d.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(what + " must be at most 1 hour: " + d);
            }
        }
    }

    // ---------------------------------------------------------------- accessors

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}, or {@code https://} when serving TLS (no trailing slash). */
    public String baseUrl() {
        return (config.tls != null ? "https" : "http") + "://" + TcpLab.hostLiteral(server.getInetAddress()) + ":"
                + port();
    }

    /** Requests whose head was read, over all connections. */
    public long requestsServed() {
        return requests.sum();
    }

    /** Connections accepted so far. */
    public long connectionsAccepted() {
        return connections.sum();
    }

    /** Connections currently open. */
    public int openConnections() {
        return Math.max(0, workers.openResources() - 1);
    }

    /** Server threads (the accept loop and connection handlers) still running; 0 after close. */
    public int activeThreads() {
        return workers.aliveThreads();
    }

    public long seed() {
        return config.seed;
    }

    public StatusMix statusMix() {
        return config.statusMix;
    }

    /** One line: base URL, latency, status mix, fault shares and seed. */
    public String describe() {
        String latency = config.latencyMin.equals(config.latencyMax)
                ? Durations.format(config.latencyMin)
                : Durations.format(config.latencyMin) + ".." + Durations.format(config.latencyMax);
        StringBuilder sb = new StringBuilder("HTTP lab server at ")
                .append(baseUrl())
                .append(": latency ")
                .append(latency)
                .append(", status mix ")
                .append(config.statusMix);
        if (config.resetShare > 0) {
            sb.append(", reset ").append(percent(config.resetShare));
        }
        if (config.slowShare > 0) {
            sb.append(", slow ")
                    .append(percent(config.slowShare))
                    .append(" (+")
                    .append(Durations.format(config.slowDelay))
                    .append(')');
        }
        return sb.append(", seed ").append(config.seed).toString();
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    /** Stops accepting, closes every live connection, and joins the server's threads. */
    @Override
    public void close() {
        workers.close(Duration.ofMillis(900), server);
    }

    // ---------------------------------------------------------------- serving

    private void startAccepting() {
        workers.acceptAll(server, connections, this::serve);
    }

    private void serve(Socket plain) {
        try (plain;
                Socket socket = config.tls == null ? plain : LabTls.serverSide(config.tls, plain)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) config.keepAliveTimeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            LabConnection connection = new LabConnection(socket, in, out);
            boolean open = true;
            while (open && !workers.isClosed()) {
                HttpRequestHead request;
                try {
                    request = HttpRequestHead.read(in);
                } catch (HttpRequestHead.BadRequest bad) {
                    connection.sendError(bad.status(), bad.getMessage());
                    connection.lingeringClose();
                    return;
                }
                if (request == null) {
                    return;
                }
                requests.increment();
                int bodyProblem = RequestBody.skip(in, request);
                if (bodyProblem != 0) {
                    connection.sendError(
                            bodyProblem, bodyProblem == 413 ? "request body too large" : "bad request body");
                    connection.lingeringClose();
                    return;
                }
                open = paths.dispatch(connection, request);
            }
        } catch (SocketTimeoutException | EOFException e) {
            // idle keep-alive connection, or the client left mid-request
        } catch (IOException e) {
            // reset by the client, or closed by close()
        } catch (InterruptedException e) {
            // close() woke a waiting handler
        } finally {
            workers.unregister(plain);
        }
    }

    @Override
    public String toString() {
        return "LabHttpServer[" + baseUrl() + "]";
    }
}
