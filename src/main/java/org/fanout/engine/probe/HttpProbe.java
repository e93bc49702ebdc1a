package org.fanout.engine.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.fanout.engine.inputs.Resolver;

/**
 * A blocking HTTP/1.1 health check on a plain socket, as the seeds' {@code http.client} threads
 * do it: the caller's thread waits on every read. The response is read by
 * {@link HttpResponseParser}, the same code as the non-blocking engine's, to its end (a body up
 * to {@link HttpResponseParser#MAX_BODY_DRAIN}), and a connection is kept for the next request
 * only when nothing is left unread on it.
 */
public final class HttpProbe implements Probe<URI, HttpResult> {
    private final HttpProbeConfig config;
    private final Resolver resolver;
    private final LiveSockets live = new LiveSockets();
    private final IdleConnections idle = new IdleConnections();
    private final TlsTrust trust;

    public HttpProbe(HttpProbeConfig config, Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
        this.trust = TlsTrust.of(config.trustFile(), config.insecure());
    }

    public HttpProbeConfig config() {
        return config;
    }

    @Override
    public HttpResult check(URI url) throws InterruptedException {
        if (HttpSteps.isTls(url)) trust.warmUp(); // the JVM's one-time TLS set-up is not this check's latency
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        URI current = url;
        String method = config.method();
        int redirects = 0;
        try {
            while (true) {
                HttpSteps.Answer answer = exchange(method, current, deadline);
                if (HttpSteps.headRefused(method, answer.status())) {
                    method = "GET";
                    answer = exchange(method, current, deadline);
                }
                if (config.followRedirects() && HttpSteps.isRedirect(answer.status())) {
                    URI next = HttpSteps.redirectTarget(current, answer.location());
                    if (next != null) {
                        if (++redirects > config.maxRedirects()) {
                            return new HttpResult(
                                    url.toString(),
                                    0,
                                    System.nanoTime() - start,
                                    current.toString(),
                                    -1,
                                    ErrorKinds.TOO_MANY_REDIRECTS,
                                    null,
                                    null,
                                    null,
                                    answer.certificate());
                        }
                        current = next;
                        continue;
                    }
                }
                return answer.result(url, System.nanoTime() - start, current);
            }
        } catch (IOException | RuntimeException e) {
            if (Thread.interrupted()) throw new InterruptedException("check cancelled");
            return HttpSteps.failure(url, System.nanoTime() - start, e);
        }
    }

    private HttpSteps.Answer exchange(String method, URI uri, long deadline) throws IOException {
        String host = HttpSteps.hostOf(uri);
        int port = HttpSteps.defaultPort(uri);
        String origin = HttpSteps.originOf(uri);
        byte[] request = HttpSteps.request(method, uri);
        Socket reused = idle.take(origin);
        if (reused != null) {
            try {
                return send(reused, true, request, method, origin, deadline);
            } catch (StaleConnection stale) {
                // The server closed it while it sat idle: ask again on a new connection.
            }
        }
        InetAddress address = resolver.resolve(host);
        Socket plain = new Socket();
        try {
            live.add(plain);
            plain.connect(new InetSocketAddress(address, port), remainingMillis(deadline));
            Socket socket = HttpSteps.isTls(uri) ? startTls(plain, host, port, deadline) : plain;
            return send(socket, false, request, method, origin, deadline);
        } catch (IOException | RuntimeException e) {
            IdleConnections.closeQuietly(plain);
            throw e;
        } finally {
            live.remove(plain);
        }
    }

    /** The server closed a connection before answering on it; on a reused one, retry afresh. */
    private static final class StaleConnection extends IOException {
        StaleConnection() {
            super("connection closed before any response byte", null);
        }
    }

    /** One request on {@code socket}; keeps it for reuse where the response allows, else closes it. */
    private HttpSteps.Answer send(
            Socket socket, boolean reused, byte[] request, String method, String origin, long deadline)
            throws IOException {
        live.add(socket);
        boolean keep = false;
        HttpResponseParser parser = HttpSteps.parser(method, config);
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            keep = read(socket, parser, deadline);
            CertificateInfo certificate = socket instanceof SSLSocket tls
                    ? (CertificateInfo) tls.getSession().getValue(CERTIFICATE)
                    : null;
            return HttpSteps.Answer.of(parser, keep, certificate, config.title());
        } catch (EOFException | SocketException e) {
            if (reused
                    && parser.nothingReceived()
                    && (e instanceof EOFException || isBrokenBeforeReply((SocketException) e))) {
                throw new StaleConnection();
            }
            throw e;
        } finally {
            live.remove(socket);
            if (keep) idle.give(origin, socket);
            else IdleConnections.closeQuietly(socket);
        }
    }

    /**
     * Feeds {@code parser} until the response is answered, re-arming the read timeout from the
     * deadline; true when the connection may carry another request (nothing left unread).
     */
    static final int READ_FIRST_BYTES = 1024;

    static final int READ_MAX_BYTES = 8192;

    private static boolean read(Socket s, HttpResponseParser parser, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        // Most answers (a HEAD, a redirect, a short page) fit in 1 KB; the buffer grows for longer
        // ones. A fixed 8 KB was a third of the bytes an HTTP job allocated, and with 1000 requests
        // in flight most of its live heap.
        byte[] buf = new byte[READ_FIRST_BYTES];
        boolean leftover = false;
        while (!parser.answered()) {
            s.setSoTimeout(remainingMillis(deadline));
            int n = in.read(buf);
            if (n < 0) {
                parser.endOfInput();
                return false;
            }
            ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
            parser.feed(chunk);
            leftover = chunk.hasRemaining();
            if (n == buf.length && buf.length < READ_MAX_BYTES) buf = new byte[READ_MAX_BYTES];
        }
        return parser.reusable() && !leftover && in.available() == 0;
    }

    private static boolean isBrokenBeforeReply(SocketException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("broken pipe") || m.contains("connection reset");
    }

    @Override
    public void abort() {
        live.abort();
        idle.closeAll();
    }

    @Override
    public void release() {
        idle.closeAll();
    }

    /** Where a connection's certificate is kept, so a reused connection reports it too. */
    private static final String CERTIFICATE = "org.fanout.certificate";

    private Socket startTls(Socket plain, String host, int port, long deadline) throws IOException {
        TlsTrust.Handshake handshake = trust.handshake();
        SSLSocket tls = (SSLSocket) handshake.context().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters params = tls.getSSLParameters();
        HttpSteps.tlsParameters(params, host);
        tls.setSSLParameters(params);
        tls.setSoTimeout(remainingMillis(deadline));
        try {
            tls.startHandshake();
        } catch (SSLException e) {
            throw new TlsHandshakeFailed(e, handshake.seen(null));
        }
        SSLSession session = tls.getSession();
        CertificateInfo certificate = handshake.seen(session);
        if (certificate != null) session.putValue(CERTIFICATE, certificate);
        return tls;
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) throw new SocketTimeoutException("deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    public boolean retryable(HttpResult result) {
        return HttpSteps.retryable(result);
    }

    @Override
    public HttpResult abandoned(URI target, long elapsedNanos) {
        return new HttpResult(target.toString(), 0, elapsedNanos, null, -1, ErrorKinds.TIMEOUT);
    }
}
