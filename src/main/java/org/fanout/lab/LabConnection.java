package org.fanout.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * One connection of the lab's HTTP server (after any TLS handshake) and the ways it can be
 * answered or ended: a reply, an error, a reset, a hold, a lingering close.
 */
final class LabConnection {
    private static final long LINGER_MS = 1000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    LabConnection(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    OutputStream out() {
        return out;
    }

    /** Answers {@code status} with its short text body; returns whether the connection stays open. */
    boolean respond(HttpRequestHead request, int status, List<String> extra, boolean keepAlive) throws IOException {
        return respond(request, status, extra, LabReplies.bodyFor(status), keepAlive);
    }

    boolean respond(HttpRequestHead request, int status, List<String> extra, byte[] body, boolean keepAlive)
            throws IOException {
        boolean noBody = status == 204 || status == 304;
        out.write(LabReplies.head(status, extra, noBody ? -1 : body.length, keepAlive, request.version()));
        if (!request.isHead() && !noBody) {
            out.write(body);
        }
        out.flush();
        if (!keepAlive) {
            lingeringClose();
        }
        return keepAlive;
    }

    /** 400 for a special path with a bad argument, saying why. */
    boolean badPath(HttpRequestHead request, String why) throws IOException {
        byte[] body = ("400 Bad Request: " + why + "\n").getBytes(StandardCharsets.UTF_8);
        return respond(request, 400, List.of(), body, request.keepAlive());
    }

    /** Answers a request that could not be read, saying why (the caller then closes). */
    void sendError(int status, String why) throws IOException {
        byte[] body = (status + " " + LabReplies.reason(status) + ": " + why + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(LabReplies.head(status, List.of(), body.length, false, "HTTP/1.1"));
        out.write(body);
        out.flush();
    }

    /** Closes with RST: SO_LINGER 0 makes close() abort the connection. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Reads and discards until the client closes, the server closes, or {@code maxHold} passes. */
    void hold(Duration maxHold) throws IOException {
        discardUntil(System.nanoTime() + maxHold.toNanos());
    }

    private void discardUntil(long deadline) throws IOException {
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
    void lingeringClose() {
        try {
            socket.shutdownOutput();
            discardUntil(System.nanoTime() + LINGER_MS * 1_000_000);
        } catch (IOException ignored) {
            // the peer is gone already
        } finally {
            Workers.closeQuietly(socket);
        }
    }
}
