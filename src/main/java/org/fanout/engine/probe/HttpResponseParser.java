package org.fanout.engine.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response from bytes fed in whatever pieces the network delivers: the blocking
 * probe feeds it what a stream read returned, the non-blocking engine what a selector woke it for,
 * so every strategy classifies a server's reply by this one piece of code.
 *
 * <p>Lenient where curl is (bare LF line ends, obs-fold, a status line without reason, any code
 * 100-999), strict where a wrong guess would misreport or desynchronise a kept-alive connection:
 * a head over {@link HttpProbeConfig#MAX_HEAD_BYTES}, a header line without a name and colon,
 * NUL or bare CR, a Content-Length that is not one non-negative decimal number, Transfer-Encoding
 * together with Content-Length, bad chunk framing, and a body cut short are all
 * {@link ProtocolException}s. Interim 1xx responses (except 101) are skipped. Bytes after the end
 * of the response are left unconsumed in the buffer, so the caller sees them.
 */
final class HttpResponseParser {
    /** Past this many 1xx interim responses the server is looping, not answering. */
    static final int MAX_INTERIM_RESPONSES = 16;
    /** A body past this is not read: the check has its answer, the connection is not kept. */
    static final long MAX_BODY_DRAIN = 1 << 20;

    private static final int MAX_CHUNK_LINE = 4096;
    private static final byte[] HTTP_SLASH = "HTTP/".getBytes(StandardCharsets.US_ASCII);

    private enum State {
        STATUS_LINE,
        HEADERS,
        BODY_LENGTH,
        CHUNK_SIZE,
        CHUNK_DATA,
        CHUNK_END,
        TRAILERS,
        BODY_TO_CLOSE,
        DONE
    }

    /** One header field as received (name in its original case, value trimmed, folds joined). */
    record Header(String name, String value) {}

    private final boolean headRequest;
    private State state = State.STATUS_LINE;
    private byte[] line = new byte[256];
    private int lineLength;
    private int headBytes;
    private int interimResponses;
    private long bytesSeen;
    private String version;
    private int status;
    private String reason;
    private final List<Header> headers = new ArrayList<>();
    private long contentLength = -1;
    private boolean keepAlive;
    private long remaining;
    private long bodyBytes;
    private byte[] body = new byte[0];
    private int bodyKept;
    private int keepLimit;

    /** @param headRequest the request was HEAD: the response has no body whatever its headers say */
    HttpResponseParser(boolean headRequest) {
        this.headRequest = headRequest;
    }

    /**
     * Consumes bytes from {@code in} up to the end of the response; anything after it stays in
     * {@code in} (position at the first byte that is not part of this response).
     */
    void feed(ByteBuffer in) throws ProtocolException {
        while (in.hasRemaining() && state != State.DONE) {
            switch (state) {
                case BODY_LENGTH, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, in.remaining());
                    keep(in, n);
                    in.position(in.position() + n);
                    remaining -= n;
                    bodyBytes += n;
                    bytesSeen += n;
                    if (remaining == 0) state = state == State.BODY_LENGTH ? State.DONE : State.CHUNK_END;
                }
                case BODY_TO_CLOSE -> {
                    keep(in, in.remaining());
                    bodyBytes += in.remaining();
                    bytesSeen += in.remaining();
                    in.position(in.limit());
                }
                default -> lineByte(in.get());
            }
        }
    }

    /** Keeps the first {@code limit} bytes of the final response's body (de-chunked) for {@link #body()}. */
    void keepBody(int limit) {
        keepLimit = limit;
    }

    /** The body bytes kept so far (at most the {@link #keepBody} limit; none unless asked). */
    byte[] body() {
        return Arrays.copyOf(body, bodyKept);
    }

    private void keep(ByteBuffer in, int n) {
        int take = Math.min(n, keepLimit - bodyKept);
        if (take <= 0) return;
        if (bodyKept + take > body.length)
            body = Arrays.copyOf(body, Math.min(keepLimit, Math.max(bodyKept + take, body.length * 2)));
        in.get(in.position(), body, bodyKept, take);
        bodyKept += take;
    }

    /** The connection delivered its last byte. */
    void endOfInput() throws IOException {
        switch (state) {
            case DONE -> {}
            case BODY_TO_CLOSE -> state = State.DONE;
            case STATUS_LINE, HEADERS -> {
                if (bytesSeen == 0) throw new EOFException("connection closed before any response byte");
                throw new ProtocolException("connection closed inside the response head");
            }
            default -> throw new ProtocolException("connection closed inside the response body");
        }
    }

    private void lineByte(byte b) throws ProtocolException {
        bytesSeen++;
        boolean inHead = state == State.STATUS_LINE || state == State.HEADERS || state == State.TRAILERS;
        if (inHead && ++headBytes > HttpProbeConfig.MAX_HEAD_BYTES)
            throw new ProtocolException("response head too large");
        if (!inHead && lineLength >= MAX_CHUNK_LINE) throw new ProtocolException("chunk size line too long");
        if (b == '\n') {
            int end = lineLength > 0 && line[lineLength - 1] == '\r' ? lineLength - 1 : lineLength;
            lineLength = 0;
            endOfLine(end);
            return;
        }
        if (state == State.STATUS_LINE && lineLength < HTTP_SLASH.length && b != HTTP_SLASH[lineLength]) {
            throw new ProtocolException("not an HTTP response");
        }
        if (state == State.CHUNK_END && b != '\r') throw new ProtocolException("chunk data longer than its size");
        if (lineLength == line.length) line = Arrays.copyOf(line, line.length * 2);
        line[lineLength++] = b;
    }

    private void endOfLine(int length) throws ProtocolException {
        for (int i = 0; i < length; i++) {
            if (line[i] == 0 || line[i] == '\r') throw new ProtocolException("NUL or bare CR in the response head");
        }
        String text = new String(line, 0, length, StandardCharsets.ISO_8859_1);
        switch (state) {
            case STATUS_LINE -> statusLine(text);
            case HEADERS -> {
                if (text.isEmpty()) endOfHead();
                else headerLine(text);
            }
            case CHUNK_SIZE -> chunkSize(text);
            case CHUNK_END -> {
                if (!text.isEmpty()) throw new ProtocolException("chunk data longer than its size");
                state = State.CHUNK_SIZE;
            }
            case TRAILERS -> {
                if (text.isEmpty()) state = State.DONE;
            }
            default -> throw new IllegalStateException(state.name());
        }
    }

    /** {@code HTTP/1.x SP 3DIGIT [SP reason]}. */
    private void statusLine(String text) throws ProtocolException {
        if (text.length() < 12
                || !Character.isDigit(text.charAt(5))
                || text.charAt(6) != '.'
                || !Character.isDigit(text.charAt(7))
                || text.charAt(8) != ' ') {
            throw new ProtocolException("invalid status line");
        }
        if (text.charAt(5) != '1') throw new ProtocolException("invalid status line: not HTTP/1.x");
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') throw new ProtocolException("invalid status code");
            code = code * 10 + (c - '0');
        }
        if (code < 100) throw new ProtocolException("invalid status code");
        if (text.length() > 12 && text.charAt(12) != ' ') throw new ProtocolException("invalid status code");
        version = text.substring(0, 8);
        status = code;
        reason = text.length() > 13 ? text.substring(13).strip() : "";
        headers.clear();
        state = State.HEADERS;
    }

    private void headerLine(String text) throws ProtocolException {
        char first = text.charAt(0);
        if (first == ' ' || first == '\t') { // obs-fold: a user agent replaces it with SP (RFC 9112 5.2)
            if (headers.isEmpty()) throw new ProtocolException("header continuation without a header");
            Header last = headers.removeLast();
            headers.add(new Header(last.name(), (last.value() + " " + text.strip()).strip()));
            return;
        }
        int colon = text.indexOf(':');
        if (colon <= 0) throw new ProtocolException("invalid header line");
        for (int i = 0; i < colon; i++) {
            if (!isTokenChar(text.charAt(i))) throw new ProtocolException("invalid header name");
        }
        headers.add(
                new Header(text.substring(0, colon), text.substring(colon + 1).strip()));
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** The blank line: an interim response starts over, a final one decides how its body is framed. */
    private void endOfHead() throws ProtocolException {
        if (status < 200 && status != 101) {
            if (++interimResponses > MAX_INTERIM_RESPONSES) throw new ProtocolException("too many interim responses");
            state = State.STATUS_LINE;
            return;
        }
        contentLength = framedLength();
        List<String> codings = tokens("transfer-encoding");
        boolean http11 = version.equals("HTTP/1.1");
        List<String> connection = tokens("connection");
        keepAlive = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        if (!codings.isEmpty() && contentLength >= 0) {
            throw new ProtocolException("both Transfer-Encoding and Content-Length"); // RFC 9112 6.3: smuggling
        }
        int chunked = Collections.frequency(codings, "chunked");
        if (chunked > 1 || (chunked == 1 && !codings.getLast().equals("chunked"))) {
            throw new ProtocolException("invalid Transfer-Encoding");
        }
        if (status == 101) keepAlive = false; // the connection now speaks another protocol
        if (headRequest || status == 101 || status == 204 || status == 304) {
            state = State.DONE;
        } else if (chunked == 1) {
            state = State.CHUNK_SIZE;
        } else if (!codings.isEmpty() || contentLength < 0) {
            keepAlive = false;
            state = State.BODY_TO_CLOSE;
        } else {
            remaining = contentLength;
            state = remaining == 0 ? State.DONE : State.BODY_LENGTH;
        }
    }

    /** One value, or a list of identical values (RFC 9110 8.6); anything else is an error. */
    private long framedLength() throws ProtocolException {
        long length = -1;
        for (String value : values("content-length")) {
            for (String part : value.split(",", -1)) {
                String digits = part.strip();
                if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new ProtocolException("invalid Content-Length");
                }
                long n = Long.parseLong(digits);
                if (length >= 0 && n != length) throw new ProtocolException("conflicting Content-Length");
                length = n;
            }
        }
        return length;
    }

    private void chunkSize(String text) throws ProtocolException {
        int i = 0;
        long size = 0;
        while (i < text.length() && Character.digit(text.charAt(i), 16) >= 0) {
            if (i == 15) throw new ProtocolException("chunk size too large");
            size = size * 16 + Character.digit(text.charAt(i), 16);
            i++;
        }
        String rest = text.substring(i).stripLeading();
        if (i == 0 || !(rest.isEmpty() || rest.startsWith(";"))) throw new ProtocolException("invalid chunk size");
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private List<String> values(String name) {
        List<String> out = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) out.add(h.value());
        }
        return out;
    }

    /** The comma-separated tokens of every {@code name} header, lower case. */
    private List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        for (String value : values(name)) {
            for (String t : value.split(",")) {
                if (!t.isBlank()) out.add(t.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The final response's head has been read: status, version and headers are known. */
    boolean headComplete() {
        return state != State.STATUS_LINE && state != State.HEADERS;
    }

    boolean complete() {
        return state == State.DONE;
    }

    /** The check has its answer: the whole response, or a head whose body is too long to bother with. */
    boolean answered() {
        return complete() || (headComplete() && bodyBytes > MAX_BODY_DRAIN);
    }

    /** The whole response was read, framed by its own length, and the server keeps the connection. */
    boolean reusable() {
        return complete() && keepAlive;
    }

    int status() {
        return status;
    }

    /** "HTTP/1.1" or "HTTP/1.0" as the status line said. */
    String version() {
        return version;
    }

    String reason() {
        return reason;
    }

    List<Header> headers() {
        return Collections.unmodifiableList(headers);
    }

    /** The first value of the header {@code name} (any case), or null. */
    String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value();
        }
        return null;
    }

    /** The final response's Content-Length, or -1 when it has none. */
    long contentLength() {
        return contentLength;
    }

    /** Not one byte of a response has come (a reused connection the server had closed). */
    boolean nothingReceived() {
        return bytesSeen == 0;
    }

    long bodyBytes() {
        return bodyBytes;
    }
}
