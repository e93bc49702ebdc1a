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
