package org.fanout.lab;

import java.time.Duration;
import java.util.Objects;

/** Short, human-readable durations for descriptions: {@code 50ms}, {@code 2s}, {@code 1.5s}. */
final class Durations {
    private Durations() {}

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000 || ms % 100 != 0) {
            return ms + "ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return (ms / 1000) + "." + (ms % 1000) / 100 + "s";
    }

    static Duration requireNonNegative(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " must not be negative: " + d);
        }
        return d;
    }
}
