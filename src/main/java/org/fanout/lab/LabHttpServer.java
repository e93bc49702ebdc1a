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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 */
public final class LabHttpServer implements AutoCloseable {
    static final int BIG_HEADER_BYTES = 1 << 20;
    private static final int MAX_BODY = 8 << 20;
    private static final int MAX_REDIRECT = 1000;
    private static final int GARBAGE_BYTES = 256;
    private static final int GONE_DECLARED = 1024;
    private static final int GONE_SENT = 100;
    private static final long LINGER_MS = 1000;

    private final ServerSocket server;
    private final Builder config;
    private final DefaultPlanner planner;
    private final Workers workers = new Workers("fanout-lab-http-");
    private final LongAdder requests = new LongAdder();
    private final LongAdder connections = new LongAdder();

    private LabHttpServer(ServerSocket server, Builder config) {
        this.server = server;
        this.config = config;
        this.planner = new DefaultPlanner(config.seed, config.statusMix,
                config.latencyMin.toMillis(), config.latencyMax.toMillis(),
                config.resetShare, config.slowShare, config.slowDelay.toMillis());
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

        private Builder() {
        }

        /** 0 (the default) lets the OS choose. */
        /** The loopback address to bind (default 127.0.0.1); anything else is refused. */
        public Builder address(InetAddress address) {
            this.address = TcpLab.requireLoopback(address);
            return this;
        }

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
                throw new IllegalArgumentException("reset share + slow share must not exceed 1: "
                        + resetShare + " + " + slowShare);
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
        return (config.tls != null ? "https" : "http") + "://" + TcpLab.hostLiteral(server.getInetAddress()) + ":" + port();
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
        StringBuilder sb = new StringBuilder("HTTP lab server at ").append(baseUrl())
                .append(": latency ").append(latency)
                .append(", status mix ").append(config.statusMix);
        if (config.resetShare > 0) {
            sb.append(", reset ").append(percent(config.resetShare));
        }
        if (config.slowShare > 0) {
            sb.append(", slow ").append(percent(config.slowShare))
                    .append(" (+").append(Durations.format(config.slowDelay)).append(')');
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
        workers.register(server);
        workers.start("accept-" + port(), this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isClosed() || workers.isClosed()) {
                    return;
                }
                try {
                    Workers.sleep(10); // e.g. too many open files: back off, then go on
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            connections.increment();
            if (!workers.register(socket) || !workers.start("conn", () -> serve(socket))) {
                Workers.closeQuietly(socket);
            }
        }
    }

    private void serve(Socket plain) {
        try (plain; Socket socket = config.tls == null ? plain : LabTls.serverSide(config.tls, plain)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) config.keepAliveTimeout.toMillis());
            InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 16384);
            boolean open = true;
            while (open && !workers.isClosed()) {
                HttpRequestHead request;
                try {
                    request = HttpRequestHead.read(in);
                } catch (HttpRequestHead.BadRequest bad) {
                    sendError(out, bad.status(), bad.getMessage());
                    lingeringClose(socket, in);
                    return;
                }
                if (request == null) {
                    return;
                }
                requests.increment();
                int bodyProblem = skipBody(in, request);
                if (bodyProblem != 0) {
                    sendError(out, bodyProblem, bodyProblem == 413 ? "request body too large" : "bad request body");
                    lingeringClose(socket, in);
                    return;
                }
                open = dispatch(socket, in, out, request);
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

    /** Discards the request body; returns 0, or the error status to answer. */
    private static int skipBody(InputStream in, HttpRequestHead request) throws IOException {
        String te = request.header("transfer-encoding");
        if (te != null) {
            if (!te.toLowerCase(Locale.ROOT).strip().endsWith("chunked")) {
                return 400;
            }
            return skipChunked(in);
        }
        String cl = request.header("content-length");
        if (cl == null) {
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
            return 400;
        }
        if (length < 0) {
            return 400;
        }
        if (length > MAX_BODY) {
            return 413;
        }
        in.skipNBytes(length);
        return 0;
    }

    private static int skipChunked(InputStream in) throws IOException {
        long total = 0;
        while (true) {
            String sizeLine = HttpRequestHead.readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                return 400;
            }
            if (size < 0) {
                return 400;
            }
            total += size;
            if (total > MAX_BODY) {
                return 413;
            }
            if (size == 0) {
                String trailer;
                do {
                    trailer = HttpRequestHead.readLine(in);
                } while (trailer != null && !trailer.isEmpty());
                return 0;
            }
            in.skipNBytes(size);
            HttpRequestHead.readLine(in); // the CR LF after the chunk data
        }
    }

    /** Serves one request; returns whether the connection may carry another. */
    private boolean dispatch(Socket socket, InputStream in, OutputStream out, HttpRequestHead request)
            throws IOException, InterruptedException {
        boolean head = request.isHead();
        boolean keepAlive = request.keepAlive();
        if (!head && !request.method().equals("GET")) {
            return respond(socket, in, out, request, 405, List.of("Allow: GET, HEAD"), keepAlive);
        }
        String path = request.path();
        switch (path) {
            case "/redirect-loop" -> {
                return respond(socket, in, out, request, 302, List.of("Location: /redirect-loop"), keepAlive);
            }
            case "/redirect-to" -> {
                String location = queryParam(request.query(), "url");
                if (location == null || !location.startsWith("/") || location.startsWith("//")
                        || location.chars().anyMatch(c -> c < 33 || c > 126)) {
                    return badPath(socket, in, out, request, "redirect-to needs url=/relative/path");
                }
                return respond(socket, in, out, request, 302, List.of("Location: " + location), keepAlive);
            }
            case "/reset" -> {
                reset(socket);
                return false;
            }
            case "/silent" -> {
                hold(socket, in);
                return false;
            }
            case "/drip" -> {
                drip(socket, in, out, head);
                return false;
            }
            case "/garbage" -> {
                out.write(garbage());
                out.flush();
                lingeringClose(socket, in);
                return false;
            }
            case "/big-header" -> {
                return respond(socket, in, out, request, 200, List.of(BigHeader.LINE), keepAlive);
            }
            case "/head-refused" -> {
                return head
                        ? respond(socket, in, out, request, 405, List.of("Allow: GET"), keepAlive)
                        : respond(socket, in, out, request, 200, List.of(), keepAlive);
            }
            case "/gone-after-headers" -> {
                goneAfterHeaders(socket, in, out, head);
                return false;
            }
            default -> {
                // the prefixed paths below, or the default behaviour
            }
        }
        if (path.startsWith("/status/")) {
            int code = number(path.substring("/status/".length()));
            if (code < 200 || code > 599) {
                return badPath(socket, in, out, request, "status must be 200-599");
            }
            List<String> extra = isRedirect(code) ? List.of("Location: /status/200") : List.of();
            return respond(socket, in, out, request, code, extra, keepAlive);
        }
        if (path.startsWith("/redirect/")) {
            int n = number(path.substring("/redirect/".length()));
            if (n < 0 || n > MAX_REDIRECT) {
                return badPath(socket, in, out, request, "redirect count must be 0-" + MAX_REDIRECT);
            }
            return n == 0
                    ? respond(socket, in, out, request, 200, List.of(), keepAlive)
                    : respond(socket, in, out, request, 301, List.of("Location: /redirect/" + (n - 1)), keepAlive);
        }
        if (path.startsWith("/slow/")) {
            int ms = number(path.substring("/slow/".length()));
            if (ms < 0 || ms > config.maxHold.toMillis()) {
                return badPath(socket, in, out, request, "slow needs 0-" + config.maxHold.toMillis() + " ms");
            }
            Workers.sleep(ms);
            return respond(socket, in, out, request, 200, List.of(), keepAlive);
        }
        return defaultBehaviour(socket, in, out, request, keepAlive);
    }

    private boolean defaultBehaviour(Socket socket, InputStream in, OutputStream out, HttpRequestHead request,
                                     boolean keepAlive) throws IOException, InterruptedException {
        DefaultPlanner.Plan plan = planner.plan(request.target());
        Workers.sleep(plan.delayMillis());
        if (plan.kind() == DefaultPlanner.Kind.RESET) {
            reset(socket);
            return false;
        }
        int status = plan.status();
        List<String> extra = isRedirect(status) ? List.of("Location: /status/200") : List.of();
        return respond(socket, in, out, request, status, extra, keepAlive);
    }

    private boolean badPath(Socket socket, InputStream in, OutputStream out, HttpRequestHead request,
                            String why) throws IOException {
        byte[] body = ("400 Bad Request: " + why + "\n").getBytes(StandardCharsets.UTF_8);
        return respond(socket, in, out, request, 400, List.of(), body, request.keepAlive());
    }

    private boolean respond(Socket socket, InputStream in, OutputStream out, HttpRequestHead request,
                            int status, List<String> extra, boolean keepAlive) throws IOException {
        return respond(socket, in, out, request, status, extra, bodyFor(status), keepAlive);
    }

    private boolean respond(Socket socket, InputStream in, OutputStream out, HttpRequestHead request,
                            int status, List<String> extra, byte[] body, boolean keepAlive) throws IOException {
        boolean noBody = status == 204 || status == 304;
        out.write(head(status, extra, noBody ? -1 : body.length, keepAlive, request.version()));
        if (!request.isHead() && !noBody) {
            out.write(body);
        }
        out.flush();
        if (!keepAlive) {
            lingeringClose(socket, in);
        }
        return keepAlive;
    }

    private static void sendError(OutputStream out, int status, String why) throws IOException {
        byte[] body = (status + " " + reason(status) + ": " + why + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(head(status, List.of(), body.length, false, "HTTP/1.1"));
        out.write(body);
        out.flush();
    }

    /** The status line and headers, ending with the blank line; contentLength -1 = none. */
    static byte[] head(int status, List<String> extra, long contentLength, boolean keepAlive, String requestVersion) {
        StringBuilder sb = new StringBuilder(128);
        sb.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        sb.append("Server: FanoutLab/1.0\r\n");
        for (String h : extra) {
            sb.append(h).append("\r\n");
        }
        if (contentLength >= 0) {
            sb.append("Content-Type: text/plain; charset=utf-8\r\n");
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        if (!keepAlive) {
            sb.append("Connection: close\r\n");
        } else if (requestVersion.equals("HTTP/1.0")) {
            sb.append("Connection: keep-alive\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bodyFor(int status) {
        return (status + " " + reason(status) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Closes with RST: SO_LINGER 0 makes close() abort the connection. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Reads and discards until the client closes, the server closes, or the max hold passes. */
    private void hold(Socket socket, InputStream in) throws IOException {
        long deadline = System.nanoTime() + config.maxHold.toNanos();
        discardUntil(socket, in, deadline);
    }

    private static void discardUntil(Socket socket, InputStream in, long deadline) throws IOException {
        byte[] buf = new byte[4096];
        while (true) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
            try {
                if (in.read(buf) < 0) {
                    return;
                }
            } catch (SocketTimeoutException timeUp) {
                return;
            }
        }
    }

    /**
     * Sends FIN, then reads what the client still sends until it closes (at most a second),
     * so a close never turns into an RST that could destroy the response in flight.
     */
    private static void lingeringClose(Socket socket, InputStream in) {
        try {
            socket.shutdownOutput();
            discardUntil(socket, in, System.nanoTime() + LINGER_MS * 1_000_000);
        } catch (IOException ignored) {
            // the peer is gone already
        } finally {
            Workers.closeQuietly(socket);
        }
    }

    private void drip(Socket socket, InputStream in, OutputStream out, boolean headOnly)
            throws IOException, InterruptedException {
        byte[] body = "drip done\n".getBytes(StandardCharsets.US_ASCII);
        byte[] head = head(200, List.of(), body.length, false, "HTTP/1.1");
        long pause = config.dripInterval.toMillis();
        for (byte b : head) {
            out.write(b);
            out.flush();
            Workers.sleep(pause);
        }
        if (!headOnly) {
            out.write(body);
            out.flush();
        }
        lingeringClose(socket, in);
    }

    private static void goneAfterHeaders(Socket socket, InputStream in, OutputStream out, boolean headOnly)
            throws IOException {
        out.write(head(200, List.of(), GONE_DECLARED, false, "HTTP/1.1"));
        if (!headOnly) {
            byte[] part = new byte[GONE_SENT];
            Arrays.fill(part, (byte) 'g');
            out.write(part);
        }
        out.flush();
        lingeringClose(socket, in);
    }

    /** Deterministic bytes that no HTTP parser accepts: starts with 0x00, never with "HTTP/". */
    static byte[] garbage() {
        byte[] bytes = new byte[GARBAGE_BYTES];
        long state = 0x5EED_6A2B_A6E5L;
        for (int i = 0; i < bytes.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            bytes[i] = (byte) DefaultPlanner.mix64(state);
        }
        bytes[0] = 0;
        return bytes;
    }

    /** A path segment as a non-negative int, or -1 if it is not one. */
    private static int number(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(segment);
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 418 -> "I'm a teapot";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 300 ? "Success" : status < 400 ? "Redirection"
                    : status < 500 ? "Client Error" : "Server Error";
        };
    }

    /** The 1 MiB header line, built once on first use. */
    private static final class BigHeader {
        static final String LINE = "X-Fanout-Big: " + "x".repeat(BIG_HEADER_BYTES);
    }

    @Override
    public String toString() {
        return "LabHttpServer[" + baseUrl() + "]";
    }

    /** The paths with a fixed behaviour, as listed in the class comment. */
    static final List<String> SPECIAL_PATHS = List.of("/status/{code}", "/redirect/{n}",
            "/redirect-to?url=/path", "/redirect-loop", "/slow/{ms}", "/reset", "/silent", "/drip",
            "/garbage", "/big-header", "/head-refused", "/gone-after-headers");
}
