package org.fanout.lab;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed HTTP/1.x request line and header block, read byte by byte from a buffered stream
 * with hard limits (line length, header count), so a hostile or broken client cannot make the
 * lab server buffer without bound.
 *
 * @param method  e.g. GET (case kept as sent)
 * @param target  origin form, {@code /path?query} (an absolute-form target is reduced to it)
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers lower-case names → values (repeated headers joined with ", ")
 */
record HttpRequestHead(String method, String target, String version, Map<String, String> headers) {
    static final int MAX_LINE = 8192;
    static final int MAX_HEADERS = 100;

    /** The request could not be understood; answer 400 and close. */
    static final class BadRequest extends IOException {
        private final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Reads the next request head, or returns null on a clean EOF before any byte. */
    static HttpRequestHead read(InputStream in) throws IOException {
        if (in.markSupported()) {
            // A request starts with a method name; anything else (a TLS ClientHello starts with
            // 0x16) is answered at once instead of waiting for a line end that may never come.
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                return null;
            }
            if (first != '\r' && first != '\n' && !isTokenChar(first)) {
                throw new BadRequest(400, "not an HTTP request");
            }
            in.reset();
        }
        String requestLine = readLine(in);
        int blanks = 0;
        while (requestLine != null && requestLine.isEmpty() && blanks++ < 4) {
            requestLine = readLine(in); // tolerate stray CRLFs between requests (RFC 9112 §2.2)
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || !parts[0].chars().allMatch(HttpRequestHead::isTokenChar)) {
            throw new BadRequest(400, "malformed request line");
        }
        String version = parts[2];
        if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
            throw new BadRequest(version.startsWith("HTTP/") ? 505 : 400, "unsupported version " + version);
        }
        String target = originForm(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("connection closed inside the request head");
            }
            if (line.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                throw new BadRequest(431, "more than " + MAX_HEADERS + " header fields");
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new BadRequest(400, "malformed header line");
            }
            String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!name.chars().allMatch(HttpRequestHead::isTokenChar)) {
                throw new BadRequest(400, "malformed header name");
            }
            String value = line.substring(colon + 1).strip();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
        return new HttpRequestHead(parts[0], target, version, headers);
    }

    private static String originForm(String target) throws BadRequest {
        if (target.startsWith("/")) {
            return target;
        }
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            int slash = target.indexOf('/', target.indexOf("//") + 2);
            return slash < 0 ? "/" : target.substring(slash);
        }
        throw new BadRequest(400, "request target must be /path or an absolute URL");
    }

    private static boolean isTokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }

    /**
     * One line without its CR LF (a bare LF also ends a line), ISO-8859-1 decoded; null on EOF
     * before the first byte.
     */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new BadRequest(431, "line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** HTTP/1.1 keeps the connection unless told {@code close}; HTTP/1.0 only if told {@code keep-alive}. */
    boolean keepAlive() {
        String connection = header("connection");
        String c = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        if (version.equals("HTTP/1.0")) {
            return c.contains("keep-alive");
        }
        return !c.contains("close");
    }

    String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** The raw query string (after '?'), or "" if none. */
    String query() {
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }
}
