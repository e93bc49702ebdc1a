package org.fanout.engine.probe;

import java.time.Duration;

/**
 * How TCP connect probes behave.
 *
 * @param timeout       connect deadline; past it the port is {@code filtered}
 * @param retries       extra attempts for filtered/error results (0 = one attempt)
 * @param banner        read the first line the server sends after connecting
 * @param bannerTimeout how long to wait for that line
 */
public record TcpProbeConfig(Duration timeout, int retries, boolean banner, Duration bannerTimeout) {
    public static final int BANNER_MAX_BYTES = 512;

    public TcpProbeConfig {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (retries < 0 || retries > 10) throw new IllegalArgumentException("retries must be 0-10");
    }

    public static TcpProbeConfig defaults() {
        return new TcpProbeConfig(Duration.ofSeconds(1), 0, false, Duration.ofMillis(500));
    }

    /** Upper bound for one target's whole work: every attempt plus the banner wait. */
    public Duration worstCase() {
        Duration one = timeout.plus(banner ? bannerTimeout : Duration.ZERO);
        return one.multipliedBy(retries + 1L);
    }
}
