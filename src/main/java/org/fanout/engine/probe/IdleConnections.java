package org.fanout.engine.probe;

import java.io.IOException;
import java.net.Socket;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keep-alive connections waiting for their next request (only ones whose last response was read
 * to its framed end with nothing after it, and that never timed out), by origin ({@code scheme://host:port}).
 * Reusing one spares a TCP (and TLS) handshake on both sides: on a loopback HTTP check, most of
 * the work. Bounded per origin; everything is closed when the scan ends or is cancelled.
 */
final class IdleConnections {
    static final int MAX_PER_ORIGIN = 1024;
    private final Map<String, Idle> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One origin's idle connections; the count is kept beside them because a deque's size() walks it. */
    private record Idle(Deque<Socket> sockets, AtomicInteger count) {
        Idle() {
            this(new ConcurrentLinkedDeque<>(), new AtomicInteger());
        }

        Socket poll() {
            Socket s = sockets.pollFirst();
            if (s != null) count.decrementAndGet();
            return s;
        }
    }

    /**
     * A connection to reuse, most recently used first (least likely to have timed out), or null.
     * One on which bytes arrived while it sat idle (a late body, a response nobody asked for) is
     * closed instead: those bytes would be read as the answer to the next request.
     */
    Socket take(String origin) {
        Idle q = idle.get(origin);
        if (q == null) return null;
        for (Socket s = q.poll(); s != null; s = q.poll()) {
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
        Idle q = idle.computeIfAbsent(origin, k -> new Idle());
        if (closed) {
            closeQuietly(socket);
            return;
        }
        if (q.count().incrementAndGet() > MAX_PER_ORIGIN) {
            q.count().decrementAndGet();
            closeQuietly(socket);
            return;
        }
        q.sockets().addFirst(socket);
        if (closed) closeAll(); // closed meanwhile: don't leave this one behind
    }

    void closeAll() {
        closed = true;
        for (Idle q : idle.values()) {
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
