package org.fanout.engine.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Keep-alive connections waiting for their next request (only ones whose last response was read
 * to its framed end with nothing after it, and that never timed out), by origin ({@code scheme://host:port}).
 * Reusing one spares a TCP (and TLS) handshake on both sides: on a loopback HTTP check, most of
 * the work. Bounded per origin; everything is closed when the scan ends or is cancelled.
 */
final class IdleConnections {
    static final int MAX_PER_ORIGIN = 1024;
    private final Map<String, Deque<Socket>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * A connection to reuse, most recently used first (least likely to have timed out), or null.
     * One on which bytes arrived while it sat idle (a late body, a response nobody asked for) is
     * closed instead: those bytes would be read as the answer to the next request.
     */
    Socket take(String origin) {
        Deque<Socket> q = idle.get(origin);
        if (q == null) return null;
        for (Socket s = q.pollFirst(); s != null; s = q.pollFirst()) {
            if (!s.isClosed() && nothingUnread(s)) return s;
            closeQuietly(s);
        }
        return null;
    }

    private static boolean nothingUnread(Socket s) {
        try {
            return s.getInputStream().available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    void give(String origin, Socket socket) {
        Deque<Socket> q = idle.computeIfAbsent(origin, k -> new ConcurrentLinkedDeque<>());
        if (closed || q.size() >= MAX_PER_ORIGIN) {
            closeQuietly(socket);
            return;
        }
        q.addFirst(socket);
        if (closed) closeAll(); // closed meanwhile: don't leave this one behind
    }

    void closeAll() {
        closed = true;
        for (Deque<Socket> q : idle.values()) {
            for (Socket s = q.poll(); s != null; s = q.poll()) closeQuietly(s);
        }
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
