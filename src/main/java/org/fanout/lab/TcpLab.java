package org.fanout.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * TCP listeners on 127.0.0.1 for connect scans: some announce a banner on accept
 * ({@link ListenerKind}), others stay silent.
 *
 * <p>Each listener's accept loop and each accepted connection run on their own virtual thread.
 * A banner connection gets its banner, then a FIN (output shut down); the lab then reads and
 * discards whatever the client sends until the client closes or the idle time passes, and
 * closes. A silent connection is held the same way. So a connection lives at most the idle
 * time (default {@value #DEFAULT_IDLE_MS} ms), and a scanner's many connects never pile up.
 *
 * <p>{@link #close()} closes the listeners and every live connection and joins all threads
 * within a second. Never binds anything but the loopback address.
 */
public final class TcpLab implements AutoCloseable {
    static final int DEFAULT_IDLE_MS = 2000;
    private static final int MAX_DRAIN_BYTES = 64 * 1024;
    private static final int MAX_LISTENERS = 1024;

    /**
     * The ports {@link #freeEphemeralPorts} handed out in this process, which their callers mean to
     * stay closed: a listener bound here on port 0 never takes one. The OS may hand a freed port
     * out again, and a test whose lab got its own "closed" port found it open (CI, once).
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** How many OS-chosen ports a bind on port 0 passes over before it gives up: each is handed out. */
    private static final int PASS_OVER = 64;

    private final List<ServerSocket> servers;
    private final List<ListenerKind> kinds;
    private final Duration idleTimeout;
    private final Workers workers = new Workers("fanout-lab-tcp-");
    private final LongAdder accepted = new LongAdder();

    private TcpLab(List<ServerSocket> servers, List<ListenerKind> kinds, Duration idleTimeout) {
        this.servers = servers;
        this.kinds = kinds;
        this.idleTimeout = idleTimeout;
    }

    /** {@code count} listeners on OS-chosen ports, kinds handed out by {@code mix}. */
    public static TcpLab start(int count, BannerMix mix) throws IOException {
        if (count < 0 || count > MAX_LISTENERS) {
            throw new IllegalArgumentException("listener count must be 0.." + MAX_LISTENERS + ": " + count);
        }
        return open(Collections.nCopies(count, 0), mix, Duration.ofMillis(DEFAULT_IDLE_MS));
    }

    /** Listeners on the given ports (0 = OS-chosen), kinds from {@link BannerMix#MIXED}. */
    public static TcpLab onPorts(int... ports) throws IOException {
        return onPorts(BannerMix.MIXED, ports);
    }

    /** Listeners on the given ports (0 = OS-chosen), kinds handed out by {@code mix}. */
    public static TcpLab onPorts(BannerMix mix, int... ports) throws IOException {
        List<Integer> list = new ArrayList<>();
        for (int p : ports) {
            list.add(p);
        }
        return open(list, mix, Duration.ofMillis(DEFAULT_IDLE_MS));
    }

    /**
     * The general factory.
     *
     * @param ports       one entry per listener, 1-65535 or 0 for an OS-chosen port
     * @param mix         which kind each listener gets
     * @param idleTimeout the longest a connection is held (positive, at most 5 minutes)
     * @throws BindException when a port is taken (nothing stays open then)
     */
    public static TcpLab open(List<Integer> ports, BannerMix mix, Duration idleTimeout) throws IOException {
        return open(InetAddress.getLoopbackAddress(), ports, mix, idleTimeout);
    }

    /** As {@link #open(List, BannerMix, Duration)}, on {@code address} (a loopback address, else refused). */
    public static TcpLab open(InetAddress address, List<Integer> ports, BannerMix mix, Duration idleTimeout)
            throws IOException {
        requireLoopback(address);
        Objects.requireNonNull(mix, "mix");
        Durations.requireNonNegative(idleTimeout, "idle timeout");
        if (idleTimeout.isZero() || idleTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("idle timeout must be between 1ms and 5 minutes: " + idleTimeout);
        }
        if (ports.size() > MAX_LISTENERS) {
            throw new IllegalArgumentException("at most " + MAX_LISTENERS + " listeners: " + ports.size());
        }
        ports.forEach(TcpLab::checkPort);
        List<ServerSocket> servers = new ArrayList<>();
        List<ListenerKind> kinds = new ArrayList<>();
        try {
            for (int i = 0; i < ports.size(); i++) {
                servers.add(bindLoopback(address, ports.get(i), 128));
                kinds.add(mix.kindFor(i));
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(Workers::closeQuietly);
            throw e;
        }
        TcpLab lab = new TcpLab(List.copyOf(servers), List.copyOf(kinds), idleTimeout);
        lab.startAccepting();
        return lab;
    }

    /**
     * {@code n} distinct ports that were free a moment ago, chosen by the OS from its
     * ephemeral range (binds {@code n} loopback sockets on port 0 together, then closes them).
     * Another program may take one before you bind it; that is inherent to the idea.
     */
    public static List<Integer> freeEphemeralPorts(int n) throws IOException {
        if (n < 0 || n > MAX_LISTENERS) {
            throw new IllegalArgumentException("n must be 0.." + MAX_LISTENERS + ": " + n);
        }
        List<ServerSocket> probes = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                probes.add(bindLoopback(0, 1));
            }
            List<Integer> ports =
                    probes.stream().map(ServerSocket::getLocalPort).toList();
            HANDED_OUT.addAll(ports);
            return ports;
        } finally {
            probes.forEach(Workers::closeQuietly);
        }
    }

    /** A loopback port whose connects time out ({@code filtered}); see {@link FullBacklogListener}. */
    public static FullBacklogListener fullBacklogListener() throws IOException {
        return FullBacklogListener.open();
    }

    static ServerSocket bindLoopback(int port, int backlog) throws IOException {
        return bindLoopback(InetAddress.getLoopbackAddress(), port, backlog);
    }

    /** Binds a listener on {@code address}:{@code port}; on port 0, one the OS chose that no caller was handed as free. */
    static ServerSocket bindLoopback(InetAddress address, int port, int backlog) throws IOException {
        requireLoopback(address);
        List<ServerSocket> passedOver = new ArrayList<>(); // held open meanwhile, so the OS does not offer them again
        try {
            for (int attempt = 0; ; attempt++) {
                ServerSocket server = new ServerSocket();
                try {
                    server.setReuseAddress(true);
                    server.bind(new InetSocketAddress(address, port), backlog);
                } catch (IOException e) {
                    server.close();
                    throw e;
                }
                if (port != 0 || !HANDED_OUT.contains(server.getLocalPort()) || attempt >= PASS_OVER) return server;
                passedOver.add(server);
            }
        } finally {
            passedOver.forEach(Workers::closeQuietly);
        }
    }

    /** The lab only ever listens on loopback: anything else is refused before a socket is made. */
    static InetAddress requireLoopback(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException(
                    "the lab binds loopback addresses only (127.0.0.1 or ::1), not " + address.getHostAddress());
        }
        return address;
    }

    /** {@code 127.0.0.1} or {@code [::1]}: the host part of a URL or {@code host:port}. */
    static String hostLiteral(InetAddress address) {
        String text = address.getHostAddress();
        if (address instanceof Inet6Address) {
            int zone = text.indexOf('%');
            return "[" + (text.startsWith("0:0:0:0:0:0:0:1") ? "::1" : zone < 0 ? text : text.substring(0, zone)) + "]";
        }
        return text;
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535 (0 = any free port): " + port);
        }
    }

    private void startAccepting() {
        for (int i = 0; i < servers.size(); i++) {
            ListenerKind kind = kinds.get(i);
            workers.acceptAll(servers.get(i), accepted, socket -> serve(socket, kind));
        }
    }

    private void serve(Socket socket, ListenerKind kind) {
        try (socket) {
            long deadline = System.nanoTime() + idleTimeout.toNanos();
            if (kind != ListenerKind.SILENT) {
                OutputStream out = socket.getOutputStream();
                out.write(kind.bannerBytes());
                out.flush();
                socket.shutdownOutput();
            }
            drain(socket, deadline);
        } catch (IOException e) {
            // the client went away first: nothing to do
        } finally {
            workers.unregister(socket);
        }
    }

    /** Reads and discards until EOF, the deadline, or a byte cap, whichever comes first. */
    private static void drain(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        long total = 0;
        while (total < MAX_DRAIN_BYTES) {
            long leftMs = (deadline - System.nanoTime()) / 1_000_000;
            if (leftMs <= 0) {
                return;
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, leftMs));
            int n;
            try {
                n = in.read(buf);
            } catch (SocketTimeoutException idle) {
                return;
            }
            if (n < 0) {
                return;
            }
            total += n;
        }
    }

    /** The address every listener is bound to (127.0.0.1 when there are none). */
    public InetAddress address() {
        return servers.isEmpty()
                ? InetAddress.getLoopbackAddress()
                : servers.get(0).getInetAddress();
    }

    /** The listening ports, in creation order. */
    public List<Integer> ports() {
        return servers.stream().map(ServerSocket::getLocalPort).toList();
    }

    /** Port → banner text sent on accept ("" for silent listeners), in creation order. */
    public Map<Integer, String> banners() {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            map.put(servers.get(i).getLocalPort(), kinds.get(i).banner());
        }
        return Collections.unmodifiableMap(map);
    }

    /** Port → listener kind, in creation order. */
    public Map<Integer, ListenerKind> kinds() {
        Map<Integer, ListenerKind> map = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            map.put(servers.get(i).getLocalPort(), kinds.get(i));
        }
        return Collections.unmodifiableMap(map);
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Connections accepted so far, over all listeners. */
    public long connectionsAccepted() {
        return accepted.sum();
    }

    /** Connections currently held open by the lab. */
    public int openConnections() {
        return Math.max(0, workers.openResources() - servers.size());
    }

    /** Lab threads (accept loops and connection handlers) still running; 0 after close. */
    public int activeThreads() {
        return workers.aliveThreads();
    }

    /** One line per listener: {@code 127.0.0.1:PORT  ssh  "SSH-2.0-..."}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        String host =
                servers.isEmpty() ? "127.0.0.1" : hostLiteral(servers.get(0).getInetAddress());
        sb.append("TCP listeners on ")
                .append(host)
                .append(" (")
                .append(servers.size())
                .append("), idle close after ")
                .append(Durations.format(idleTimeout))
                .append('\n');
        for (int i = 0; i < servers.size(); i++) {
            ListenerKind kind = kinds.get(i);
            sb.append(String.format("  %s:%-5d  %-6s", host, servers.get(i).getLocalPort(), kind.label()));
            if (!kind.banner().isEmpty()) {
                sb.append("  \"")
                        .append(kind.banner().replace("\r", "\\r").replace("\n", "\\n"))
                        .append('"');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Closes listeners and live connections and joins all lab threads (within about 1 s). */
    @Override
    public void close() {
        workers.close(Duration.ofSeconds(1), servers.toArray(ServerSocket[]::new));
    }
}
