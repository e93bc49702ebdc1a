package org.fanout.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port that looks {@code filtered}: a listener with backlog 1 that never accepts,
 * whose accept queue is filled with connections this object makes and holds itself. Linux
 * then drops further SYNs, so a client's connect times out instead of being refused.
 *
 * <p>What was measured on the development box (Linux 6.18, {@code net.ipv4.tcp_syncookies=1},
 * {@code somaxconn=4096}): with backlog 1 the first <em>two</em> connects complete (the kernel
 * queues backlog + 1 before it counts the queue as full), and every later connect with a
 * 300 ms timeout times out. SYN cookies do not rescue those SYNs: the kernel checks the
 * <em>accept</em> queue before it considers cookies (which only relieve the SYN queue) and
 * drops the SYN when the accept queue is full. Note that Java turns a backlog below 1 into 50,
 * so backlog 1 is the smallest usable value. Rather than rely on the exact count, {@link #open}
 * connects until one connect times out (at most {@value #MAX_FILL} attempts of
 * {@value #PROBE_TIMEOUT_MS} ms), which proves the queue is full, and fails otherwise.
 *
 * <p>Everything stays on 127.0.0.1; {@link #close} releases the port and the held connections.
 */
public final class FullBacklogListener implements AutoCloseable {
    static final int MAX_FILL = 16;
    static final int PROBE_TIMEOUT_MS = 150;

    private final ServerSocket server;
    private final List<Socket> held;

    private FullBacklogListener(ServerSocket server, List<Socket> held) {
        this.server = server;
        this.held = held;
    }

    /** Binds 127.0.0.1 on an OS-chosen port and fills its backlog. */
    public static FullBacklogListener open() throws IOException {
        return open(0);
    }

    /** Binds 127.0.0.1:{@code port} (0 = OS-chosen) and fills its backlog. */
    public static FullBacklogListener open(int port) throws IOException {
        return open(InetAddress.getLoopbackAddress(), port);
    }

    /** Binds {@code loopback}:{@code port} (a loopback address, else refused) and fills its backlog. */
    public static FullBacklogListener open(InetAddress loopback, int port) throws IOException {
        TcpLab.requireLoopback(loopback);
        TcpLab.checkPort(port);
        ServerSocket server = TcpLab.bindLoopback(loopback, port, 1);
        List<Socket> held = new ArrayList<>();
        try {
            InetSocketAddress target = new InetSocketAddress(loopback, server.getLocalPort());
            for (int i = 0; i < MAX_FILL; i++) {
                Socket s = new Socket();
                try {
                    s.connect(target, PROBE_TIMEOUT_MS);
                    held.add(s);
                } catch (SocketTimeoutException full) {
                    s.close();
                    if (held.isEmpty()) {
                        throw new IOException("the first connect to a fresh listener timed out");
                    }
                    return new FullBacklogListener(server, List.copyOf(held));
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
            }
            throw new IOException("backlog of 127.0.0.1:" + server.getLocalPort() + " did not fill after " + MAX_FILL
                    + " connections");
        } catch (IOException | RuntimeException e) {
            held.forEach(Workers::closeQuietly);
            Workers.closeQuietly(server);
            throw e;
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** How many connections this object holds in the accept queue (2 on Linux). */
    public int heldConnections() {
        return held.size();
    }

    /** The listening socket; it never accepts. */
    public ServerSocket serverSocket() {
        return server;
    }

    @Override
    public void close() {
        held.forEach(Workers::closeQuietly);
        Workers.closeQuietly(server);
    }

    @Override
    public String toString() {
        return "FullBacklogListener[127.0.0.1:" + port() + ", held=" + held.size() + "]";
    }
}
