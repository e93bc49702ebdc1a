package org.fanout.lab;

import java.nio.charset.StandardCharsets;

/**
 * Decides, from a seed and the request target alone, what the lab server does for a path that
 * has no fixed behaviour. Nothing else goes in (no clock, no counter, no order of arrival), so
 * two scans of the same URLs against servers with the same settings see the same outcomes,
 * whatever their order and concurrency.
 */
final class DefaultPlanner {
    enum Kind {
        RESPOND,
        SLOW,
        RESET
    }

    /** What to do: wait {@code delayMillis}, then answer {@code status} (or reset). */
    record Plan(Kind kind, int status, long delayMillis) {}

    private final long seed;
    private final StatusMix mix;
    private final long latencyMinMs;
    private final long latencyMaxMs;
    private final double resetShare;
    private final double slowShare;
    private final long slowDelayMs;

    DefaultPlanner(
            long seed,
            StatusMix mix,
            long latencyMinMs,
            long latencyMaxMs,
            double resetShare,
            double slowShare,
            long slowDelayMs) {
        this.seed = seed;
        this.mix = mix;
        this.latencyMinMs = latencyMinMs;
        this.latencyMaxMs = latencyMaxMs;
        this.resetShare = resetShare;
        this.slowShare = slowShare;
        this.slowDelayMs = slowDelayMs;
    }

    Plan plan(String target) {
        long state = seed ^ fnv1a64(target);
        state += GOLDEN;
        double faultDraw = unit(mix64(state));
        state += GOLDEN;
        double statusDraw = unit(mix64(state));
        state += GOLDEN;
        double latencyDraw = unit(mix64(state));

        long latency = latencyMinMs + (long) Math.floor(latencyDraw * (latencyMaxMs - latencyMinMs + 1));
        latency = Math.min(latency, latencyMaxMs);
        int status = mix.pick(statusDraw);
        if (faultDraw < resetShare) {
            return new Plan(Kind.RESET, 0, latency);
        }
        if (faultDraw < resetShare + slowShare) {
            return new Plan(Kind.SLOW, status, latency + slowDelayMs);
        }
        return new Plan(Kind.RESPOND, status, latency);
    }

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64's finaliser: a fixed, well-mixed 64-bit permutation. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The top 53 bits as a double in [0, 1). */
    static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** FNV-1a over the UTF-8 bytes: stable across JVMs, unlike identity hashes. */
    static long fnv1a64(String s) {
        long h = 0xCBF29CE484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
