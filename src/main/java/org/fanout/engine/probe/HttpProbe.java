package org.fanout.engine.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.fanout.engine.target.Resolver;

/**
 * A blocking HTTP/1.1 health check on a plain socket, as the seeds' {@code http.client} threads
 * do it: one connection per request, the caller's thread waits on every read. Only the response
 * head is read, so a HEAD (or a GET whose body we do not need) costs one round trip.
 */
public final class HttpProbe implements Probe<URI, HttpResult> {
    private final HttpProbeConfig config;
    private final Resolver resolver;
    private final LiveSockets live = new LiveSockets();
    private final IdleConnections idle = new IdleConnections();

    public HttpProbe(HttpProbeConfig config, Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
    }

    public HttpProbeConfig config() {
        return config;
    }

    @Override
    public HttpResult check(URI url) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + config.timeout().toNanos();
        URI current = url;
        String method = config.method();
        int redirects = 0;
        try {
            while (true) {
                Head head = exchange(method, current, deadline);
                if (HttpSteps.headRefused(method, head.status)) {
                    method = "GET";
                    head = exchange(method, current, deadline);
                }
                if (config.followRedirects() && HttpSteps.isRedirect(head.status)) {
                    URI next = HttpSteps.redirectTarget(current, head.location);
                    if (next != null) {
                        if (++redirects > config.maxRedirects()) {
                            return new HttpResult(url.toString(), 0, System.nanoTime() - start, current.toString(), -1,
                                    ErrorKinds.TOO_MANY_REDIRECTS);
                        }
                        current = next;
                        continue;
                    }
                }
                return new HttpResult(url.toString(), head.status, System.nanoTime() - start, current.toString(),
                        head.contentLength, null);
            }
        } catch (IOException | RuntimeException e) {
            if (Thread.interrupted()) throw new InterruptedException("check cancelled");
            return new HttpResult(url.toString(), 0, System.nanoTime() - start, null, -1, ErrorKinds.ofHttpFailure(e));
        }
    }

    private record Head(int status, long contentLength, String location, boolean keepAlive) {
    }

    private Head exchange(String method, URI uri, long deadline) throws IOException {
        String host = HttpSteps.hostOf(uri);
        int port = HttpSteps.defaultPort(uri);
        String origin = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + host + ":" + port;
        byte[] request = request(method, uri, host).getBytes(StandardCharsets.ISO_8859_1);
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
            Socket socket = "https".equalsIgnoreCase(uri.getScheme()) ? startTls(plain, host, port, deadline) : plain;
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
    private Head send(Socket socket, boolean reused, byte[] request, String method, String origin, long deadline)
            throws IOException {
        live.add(socket);
        boolean keep = false;
        try {
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            Head head = readHead(socket, deadline);
            // Only a HEAD leaves nothing unread behind the head; a GET's body would have to be drained.
            keep = head.keepAlive && method.equals("HEAD");
            return head;
        } catch (java.io.EOFException | java.net.SocketException e) {
            if (reused && (e instanceof java.io.EOFException || isBrokenBeforeReply((java.net.SocketException) e))) {
                throw new StaleConnection();
            }
            throw e;
        } finally {
            live.remove(socket);
            if (keep) idle.give(origin, socket);
            else IdleConnections.closeQuietly(socket);
        }
    }

    private static boolean isBrokenBeforeReply(java.net.SocketException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
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

    private static Socket startTls(Socket plain, String host, int port, long deadline) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(plain, host, port, true);
        if (Resolver.literal(host) == null) {
            SSLParameters params = tls.getSSLParameters();
            params.setServerNames(java.util.List.of(new SNIHostName(host)));
            tls.setSSLParameters(params);
        }
        tls.setSoTimeout(remainingMillis(deadline));
        tls.startHandshake();
        return tls;
    }

    private static String request(String method, URI uri, String host) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        if (uri.getPort() > 0) hostHeader += ":" + uri.getPort();
        return method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: " + HttpProbeConfig.USER_AGENT
                + "\r\nAccept: */*\r\n\r\n"; // HTTP/1.1: the connection stays open unless either side says close
    }

    /** Reads up to the blank line that ends the head, re-arming the read timeout from the deadline. */
    private static Head readHead(Socket s, long deadline) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        int n = 0;
        while (true) {
            int end = headEnd(buf, n);
            if (end >= 0) {
                Head head = parseHead(new String(buf, 0, end, StandardCharsets.ISO_8859_1));
                // Bytes after the head (a body after all) would corrupt the next exchange: no reuse.
                return n == end + 4 ? head : new Head(head.status(), head.contentLength(), head.location(), false);
            }
            if (n == buf.length) {
                if (buf.length >= HttpProbeConfig.MAX_HEAD_BYTES) throw new ProtocolException("response head too large");
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            s.setSoTimeout(remainingMillis(deadline));
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                if (n == 0) throw new java.io.EOFException("connection closed before any response byte");
                throw new ProtocolException("connection closed inside the response head");
            }
            n += r;
            if (n >= 5 && !startsLikeHttp(buf)) throw new ProtocolException("not an HTTP response");
        }
    }

    private static boolean startsLikeHttp(byte[] b) {
        return b[0] == 'H' && b[1] == 'T' && b[2] == 'T' && b[3] == 'P' && b[4] == '/';
    }

    private static int headEnd(byte[] b, int n) {
        for (int i = 3; i < n; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') return i - 3;
        }
        return -1;
    }

    private static Head parseHead(String head) throws ProtocolException {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) throw new ProtocolException("invalid status line");
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new ProtocolException("invalid status code");
        }
        if (status < 100 || status > 999) throw new ProtocolException("invalid status code");
        long length = -1;
        String location = null;
        boolean keepAlive = statusLine[0].equals("HTTP/1.1");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) continue;
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                try {
                    length = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new ProtocolException("invalid Content-Length");
                }
            } else if (name.equals("location")) {
                location = value;
            } else if (name.equals("connection")) {
                String v = value.toLowerCase(Locale.ROOT);
                keepAlive = v.contains("keep-alive") || (keepAlive && !v.contains("close"));
            }
        }
        return new Head(status, length, location, keepAlive && status >= 200);
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) throw new SocketTimeoutException("deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    @Override
    public boolean retryable(HttpResult result) {
        return result.status() == 0 && !ErrorKinds.UNKNOWN_HOST.equals(result.error())
                && !ErrorKinds.TOO_MANY_REDIRECTS.equals(result.error()) && !ErrorKinds.PROTOCOL.equals(result.error());
    }

    @Override
    public HttpResult abandoned(URI target, long elapsedNanos) {
        return new HttpResult(target.toString(), 0, elapsedNanos, null, -1, ErrorKinds.TIMEOUT);
    }
}
