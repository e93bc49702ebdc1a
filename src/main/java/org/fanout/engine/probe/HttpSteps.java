package org.fanout.engine.probe;

import java.net.ProtocolException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import org.fanout.engine.inputs.Resolver;

/**
 * The decisions of one HTTP check that do not depend on how the bytes travel, so the blocking
 * and the non-blocking engine follow redirects, fall back from HEAD and set up TLS identically.
 */
final class HttpSteps {
    private HttpSteps() {}

    /** A server that will not do HEAD says so with 405 or 501; then GET is asked instead. */
    static boolean headRefused(String method, int status) {
        return method.equals("HEAD") && (status == 405 || status == 501);
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Where a redirect leads (RFC 3986 section 5: resolved against {@code current}, dot segments
     * removed, fragment dropped), or null when the Location is missing, unparseable or not an
     * http(s) URL: then the redirect itself is the answer. A Location naming a port outside
     * 1-65535 is the server's error, a {@link ProtocolException}.
     */
    static URI redirectTarget(URI current, String location) throws ProtocolException {
        if (location == null || location.isBlank()) return null;
        URI next;
        try {
            next = current.resolve(location.strip());
        } catch (IllegalArgumentException badLocation) {
            return null;
        }
        String scheme = next.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
        if (next.getRawAuthority() == null) return null;
        if (next.getHost() == null)
            throw new ProtocolException("invalid host or port in redirect: " + next.getRawAuthority());
        if (next.getPort() == 0 || next.getPort() > 65535)
            throw new ProtocolException("redirect to port " + next.getPort());
        String path = removeDotSegments(next.getRawPath() == null ? "" : next.getRawPath());
        String query = next.getRawQuery() == null ? "" : "?" + next.getRawQuery();
        try {
            return new URI(scheme.toLowerCase(Locale.ROOT) + "://" + next.getRawAuthority() + path + query);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** RFC 3986 5.2.4: "." and ".." segments go, and ".." never climbs above the root. */
    static String removeDotSegments(String path) {
        StringBuilder out = new StringBuilder();
        String in = path;
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./") || in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../") || in.equals("/..")) {
                in = in.length() == 3 ? "/" : in.substring(3);
                out.setLength(Math.max(0, out.lastIndexOf("/")));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                if (next < 0) next = in.length();
                out.append(in, 0, next);
                in = in.substring(next);
            }
        }
        return out.toString();
    }

    static int defaultPort(URI uri) {
        if (uri.getPort() > 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    static String hostOf(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** {@code scheme://host:port}: connections are reused only within one origin. */
    static String originOf(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + hostOf(uri).toLowerCase(Locale.ROOT) + ":"
                + defaultPort(uri);
    }

    static boolean isTls(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** SNI for a host name, and the certificate must name the host (as curl and browsers insist). */
    static void tlsParameters(SSLParameters params, String host) {
        if (Resolver.literal(host) == null) params.setServerNames(List.of(new SNIHostName(host)));
        params.setEndpointIdentificationAlgorithm("HTTPS");
    }

    /** The request head: HTTP/1.1, so the connection stays open unless either side says close. */
    static byte[] request(String method, URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) path += "?" + uri.getRawQuery();
        String host = hostOf(uri);
        String hostHeader = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        if (uri.getPort() > 0) hostHeader += ":" + uri.getPort();
        return (method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: "
                        + HttpProbeConfig.USER_AGENT + "\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A retry can help only where no response came for a reason that may pass. */
    static boolean retryable(HttpResult result) {
        return result.status() == 0
                && !ErrorKinds.UNKNOWN_HOST.equals(result.error())
                && !ErrorKinds.TOO_MANY_REDIRECTS.equals(result.error())
                && !ErrorKinds.PROTOCOL.equals(result.error());
    }

    /** The answer a parsed final response gives the check (a redirect to follow, or the result). */
    record Answer(
            int status,
            long contentLength,
            String location,
            boolean reusable,
            String version,
            String server,
            String title,
            CertificateInfo certificate) {
        /** @param certificate what the connection's server presented (null for plain http) */
        static Answer of(HttpResponseParser p, boolean reusable, CertificateInfo certificate, boolean wantTitle) {
            String title = wantTitle ? Titles.of(p.body(), p.header("content-type")) : null;
            return new Answer(
                    p.status(),
                    p.contentLength(),
                    p.header("location"),
                    reusable,
                    p.version(),
                    p.header("server"),
                    title,
                    certificate);
        }

        HttpResult result(URI original, long latencyNanos, URI current) {
            return new HttpResult(
                    original.toString(),
                    status,
                    latencyNanos,
                    current.toString(),
                    contentLength,
                    null,
                    version,
                    server,
                    title,
                    certificate);
        }
    }

    /** A check that got no usable response; a TLS failure carries the certificate the server showed. */
    static HttpResult failure(URI original, long latencyNanos, Throwable e) {
        return new HttpResult(
                original.toString(),
                0,
                latencyNanos,
                null,
                -1,
                ErrorKinds.ofHttpFailure(e),
                null,
                null,
                null,
                TlsHandshakeFailed.certificateOf(e));
    }

    /** A parser for one request, keeping the body's start when the title is wanted. */
    static HttpResponseParser parser(String method, HttpProbeConfig config) {
        HttpResponseParser p = new HttpResponseParser(method.equals("HEAD"));
        if (config.title()) p.keepBody(HttpProbeConfig.TITLE_BODY_BYTES);
        return p;
    }
}
