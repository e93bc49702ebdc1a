package org.fanout.ui.common;

import java.util.Locale;

/** Short, human texts for numbers and times shown in the window. */
public final class Formats {
    private Formats() {}

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** A count and its noun, singular for one: "1 row", "2,048 rows" (every noun shown takes an s). */
    public static String count(long n, String noun) {
        return count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    public static String rate(double perSecond) {
        if (perSecond >= 100) return String.format(Locale.ROOT, "%,.0f/s", perSecond);
        return String.format(Locale.ROOT, "%.1f/s", perSecond);
    }

    /**
     * An elapsed time as the status bar shows it, and the seconds that text says: the rate beside
     * it divides by these, so that "1,000" in "0.5 s" reads "2,000/s" (the time was rounded to
     * whole seconds, "0:01", while the rate used the exact time).
     */
    public record Elapsed(String text, double seconds) {
        /** {@code done} checks over {@link #seconds}, or "—" while no time shows. */
        public String rate(long done) {
            return seconds > 0 ? Formats.rate(done / seconds) : "—";
        }
    }

    /** "35 ms" under a second, "12.3 s" under a minute, then 1:02 or 1:02:03 ("—" when unknown, negative). */
    public static Elapsed elapsed(long nanos) {
        if (nanos < 0) return new Elapsed("—", 0);
        if (nanos < 999_500_000L) {
            long ms = Math.round(nanos / 1e6);
            return new Elapsed(ms + " ms", ms / 1e3);
        }
        if (nanos < 59_950_000_000L) {
            long tenths = Math.round(nanos / 1e8);
            return new Elapsed(String.format(Locale.ROOT, "%.1f s", tenths / 10.0), tenths / 10.0);
        }
        long s = (nanos + 500_000_000L) / 1_000_000_000L;
        return new Elapsed(clock(nanos), s);
    }

    /** 0:07, 1:02:03, or "—" for an unknown (negative) time. */
    public static String clock(long nanos) {
        if (nanos < 0) return "—";
        long s = (nanos + 500_000_000L) / 1_000_000_000L;
        long h = s / 3600;
        long m = s / 60 % 60;
        long sec = s % 60;
        return h > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec)
                : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    public static String millis(long nanos) {
        if (nanos < 0) return "";
        double ms = nanos / 1e6;
        return ms < 10
                ? String.format(Locale.ROOT, "%.2f ms", ms)
                : ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%,.0f ms", ms);
    }
}
