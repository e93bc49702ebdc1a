package org.fanout.engine.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.Services;

/** A blocking TCP connect probe: the seeds' {@code check_a_port}, with a state instead of a bool. */
public final class TcpConnectProbe implements Probe<Endpoint, TcpResult> {
    private final TcpProbeConfig config;
    private final LiveSockets live = new LiveSockets();

    public TcpConnectProbe(TcpProbeConfig config) {
        this.config = config;
    }

    public TcpProbeConfig config() {
        return config;
    }

    @Override
    public TcpResult check(Endpoint target) throws InterruptedException {
        TcpResult undialable = undialable(target);
        if (undialable != null) return undialable;
        long start = System.nanoTime();
        Socket socket = new Socket();
        try (socket) {
            live.add(socket);
            socket.connect(new InetSocketAddress(target.address(), target.port()), timeoutMillis(config.timeout()));
            long latency = System.nanoTime() - start;
            if (isSelfConnect(socket.getLocalAddress(), socket.getLocalPort(), target)) {
                return refused(target, latency);
            }
            String banner = config.banner() ? readBanner(socket) : null;
            return result(target, TcpState.OPEN, latency, banner, null);
        } catch (IOException e) {
            if (Thread.interrupted()) throw new InterruptedException("probe cancelled");
            return failed(target, e, System.nanoTime() - start);
        } finally {
            live.remove(socket);
        }
    }

    @Override
    public void abort() {
        live.abort();
    }

    /**
     * The first line the server sends within the banner timeout, or what of it arrived by then: a
     * server dripping a byte at a time gets one deadline for the whole line, not one per read, so
     * its port is {@code open} in time, as under nio.
     */
    private String readBanner(Socket socket) {
        long deadline = System.nanoTime() + config.bannerTimeout().toNanos();
        byte[] buf = new byte[TcpProbeConfig.BANNER_MAX_BYTES];
        int n = 0;
        try {
            InputStream in = socket.getInputStream();
            while (n < buf.length) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000)));
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) break;
                n += r;
                if (Banners.hasLineEnd(buf, n)) break;
            }
        } catch (IOException silentResetOrClosed) {
            // whatever arrived before is the banner
        }
        return Banners.firstLine(buf, n);
    }

    /**
     * A target no connect can be made to: an unresolved host, or a port no one can listen on
     * (Linux answers a connect to port 0 with a refusal, which would wrongly read as closed).
     */
    static TcpResult undialable(Endpoint target) {
        if (target.address() == null) return result(target, TcpState.ERROR, -1, null, target.resolveError());
        if (target.port() < 1 || target.port() > 65535)
            return result(target, TcpState.ERROR, -1, null, ErrorKinds.INVALID_PORT);
        return null;
    }

    /** Maps a failed connect to a state; shared with the non-blocking scanner so both agree. */
    static TcpResult failed(Endpoint target, IOException e, long latency) {
        TcpState state;
        String error;
        if (e instanceof SocketTimeoutException) {
            state = TcpState.FILTERED;
            error = "timeout";
        } else if (e instanceof NoRouteToHostException) {
            state = TcpState.ERROR;
            error = "unreachable";
        } else if (e instanceof ConnectException && isRefusal(e)) {
            return refused(target, latency);
        } else {
            state = TcpState.ERROR;
            error = ErrorKinds.ofSocketFailure(e);
        }
        return new TcpResult(
                target.host(), target.ip(), target.port(), Services.nameOf(target.port()), state, latency, null, error);
    }

    /** A refused connect: the port is closed. */
    static TcpResult refused(Endpoint target, long latency) {
        return result(target, TcpState.CLOSED, latency, null, null);
    }

    private static boolean isRefusal(IOException e) {
        return e.getMessage() == null || ErrorKinds.mentions(e, "refused");
    }

    static TcpResult result(Endpoint t, TcpState state, long latency, String banner, String error) {
        return new TcpResult(t.host(), t.ip(), t.port(), Services.nameOf(t.port()), state, latency, banner, error);
    }

    /** The result decided without any I/O, or null when the target must be dialled. */
    public TcpResult precheck(Endpoint target) {
        return undialable(target);
    }

    @Override
    public boolean retryable(TcpResult result) {
        return result.state() == TcpState.FILTERED
                || (result.state() == TcpState.ERROR
                        && !ErrorKinds.UNKNOWN_HOST.equals(result.error())
                        && !ErrorKinds.INVALID_PORT.equals(result.error()));
    }

    @Override
    public TcpResult abandoned(Endpoint target, long elapsedNanos) {
        return result(target, TcpState.FILTERED, elapsedNanos, null, "timeout");
    }

    /**
     * A connect to an unlistened loopback port in the ephemeral range can meet itself: the kernel
     * picks that very port as our source and the SYNs cross (TCP simultaneous open). Nothing
     * listens there, so it is reported closed, as a full-range scan must.
     */
    static boolean isSelfConnect(InetAddress local, int localPort, Endpoint target) {
        return localPort == target.port() && local != null && local.equals(target.address());
    }

    static int timeoutMillis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
