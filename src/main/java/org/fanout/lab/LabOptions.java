package org.fanout.lab;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Lab} starts.
 *
 * @param tcpCount   TCP listeners on OS-chosen ports, kinds cycling through
 *                   {@link BannerMix#MIXED} (0-1024)
 * @param httpPort   the HTTP server's port, 0 = OS-chosen
 * @param latency    the default paths' latency (the centre when {@code spread} is set)
 * @param spread     0 for a fixed latency; otherwise latency is uniform in
 *                   {@code max(0, latency - spread) .. latency + spread}
 * @param statusMix  the default paths' status mix
 * @param resetShare share (0..1) of default-path requests answered with a reset
 * @param slowShare  share (0..1) of default-path requests that wait {@code slowDelay} more
 * @param slowDelay  the extra wait of slow replies
 * @param seed       seeds the default paths' draws
 * @param filtered   whether to add one full-backlog port whose connects time out
 * @param address    the loopback address everything binds (127.0.0.1 or ::1; nothing else)
 * @param firstTcpPort 0 for OS-chosen TCP ports, else the listeners take
 *                   {@code firstTcpPort .. firstTcpPort + tcpCount - 1}
 * @param alsoIpv6   with {@code address} 127.0.0.1: the TCP listeners and HTTP server also
 *                   listen on ::1 at the same ports
 */
public record LabOptions(
        int tcpCount,
        int httpPort,
        Duration latency,
        Duration spread,
        StatusMix statusMix,
        double resetShare,
        double slowShare,
        Duration slowDelay,
        long seed,
        boolean filtered,
        InetAddress address,
        int firstTcpPort,
        boolean alsoIpv6) {
    /** The status mix of {@link #defaults()}. */
    public static final String DEFAULT_STATUS_MIX = "200:90,404:5,500:3,301:2";

    public LabOptions {
        if (tcpCount < 0 || tcpCount > 1024) {
            throw new IllegalArgumentException("TCP listener count must be 0-1024: " + tcpCount);
        }
        TcpLab.checkPort(httpPort);
        TcpLab.requireLoopback(address);
        TcpLab.checkPort(firstTcpPort);
        if (alsoIpv6 && !(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("listening on both 127.0.0.1 and ::1 starts from 127.0.0.1");
        }
        if (firstTcpPort > 0 && firstTcpPort + tcpCount - 1 > 65535) {
            throw new IllegalArgumentException(
                    "TCP ports " + firstTcpPort + "-" + (firstTcpPort + tcpCount - 1) + " go past 65535");
        }
        Durations.requireNonNegative(latency, "latency");
        Durations.requireNonNegative(spread, "latency spread");
        Durations.requireNonNegative(slowDelay, "slow delay");
        Objects.requireNonNull(statusMix, "status mix");
        if (!(resetShare >= 0 && resetShare <= 1)
                || !(slowShare >= 0 && slowShare <= 1)
                || resetShare + slowShare > 1.0 + 1e-9) {
            throw new IllegalArgumentException("reset share and slow share must be 0..1 and add up to at most 1: "
                    + resetShare + ", " + slowShare);
        }
    }

    /** On 127.0.0.1 with OS-chosen TCP ports. */
    public LabOptions(
            int tcpCount,
            int httpPort,
            Duration latency,
            Duration spread,
            StatusMix statusMix,
            double resetShare,
            double slowShare,
            Duration slowDelay,
            long seed,
            boolean filtered) {
        this(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                InetAddress.getLoopbackAddress(),
                0,
                false);
    }

    /** 4 TCP listeners, HTTP on any port, 50 ms latency, a realistic status mix, no faults, seed 1. */
    public static LabOptions defaults() {
        return new LabOptions(
                4,
                0,
                Duration.ofMillis(50),
                Duration.ZERO,
                StatusMix.parse(DEFAULT_STATUS_MIX),
                0,
                0,
                Duration.ofSeconds(5),
                1,
                true);
    }

    public LabOptions withTcpCount(int n) {
        return new LabOptions(
                n,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    public LabOptions withHttpPort(int port) {
        return new LabOptions(
                tcpCount,
                port,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    public LabOptions withLatency(Duration l, Duration s) {
        return new LabOptions(
                tcpCount,
                httpPort,
                l,
                s,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    public LabOptions withStatusMix(StatusMix mix) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                mix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    public LabOptions withFaults(double reset, double slow, Duration delay) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                reset,
                slow,
                delay,
                seed,
                filtered,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    public LabOptions withSeed(long s) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                s,
                filtered,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    public LabOptions withFiltered(boolean f) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                f,
                address,
                firstTcpPort,
                alsoIpv6);
    }

    /** Binds {@code a} (a loopback address) instead. */
    public LabOptions withAddress(InetAddress a) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                a,
                firstTcpPort,
                alsoIpv6);
    }

    /** Also listens on ::1 at the same ports (the address must be 127.0.0.1). */
    public LabOptions withAlsoIpv6(boolean also) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                address,
                firstTcpPort,
                also);
    }

    /** TCP listeners on {@code first ..} (0 = OS-chosen ports). */
    public LabOptions withFirstTcpPort(int first) {
        return new LabOptions(
                tcpCount,
                httpPort,
                latency,
                spread,
                statusMix,
                resetShare,
                slowShare,
                slowDelay,
                seed,
                filtered,
                address,
                first,
                alsoIpv6);
    }

    /** The TCP listeners' ports as asked: 0 each for OS-chosen ones. */
    List<Integer> tcpPorts() {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < tcpCount; i++) {
            ports.add(firstTcpPort == 0 ? 0 : firstTcpPort + i);
        }
        return ports;
    }

    /** The lower end of the latency range. */
    Duration latencyMin() {
        Duration min = latency.minus(spread);
        return min.isNegative() ? Duration.ZERO : min;
    }

    /** The upper end of the latency range. */
    Duration latencyMax() {
        return latency.plus(spread);
    }
}
