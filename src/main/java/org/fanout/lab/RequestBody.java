package org.fanout.lab;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads and discards a request body ({@code Content-Length} or chunked), with a size cap, so
 * the next request on a keep-alive connection starts where it should; the lab never uses a body.
 */
final class RequestBody {
    private static final int MAX_BODY = 8 << 20;

    private RequestBody() {}

    /** Discards the request body; returns 0, or the error status to answer. */
    static int skip(InputStream in, HttpRequestHead request) throws IOException {
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
}
