package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.strategy.Strategy;

/** The table on stdout: fixed-width columns, so rows line up as they arrive one by one. */
final class CompareTable {
    private static final String[] HEADS = {
        "strategy",
        "threads",
        "targets",
        "wall_ms",
        "per_second",
        "cpu_user_ms",
        "cpu_sys_ms",
        "peak_threads",
        "peak_heap_mb",
        "speedup"
    };
    /** Room for values up to ~1,000,000 (wall ms: 16 minutes), so the rows stay aligned. */
    private static final int[] WIDTHS = {0, 7, 9, 11, 10, 11, 10, 12, 12, 7};

    private final Comparison comparison;
    private final PrintStream out;
    private final int strategyWidth;
    private double first = -1;

    CompareTable(Comparison comparison, PrintStream out) {
        this.comparison = comparison;
        this.out = out;
        int w = HEADS[0].length();
        for (Strategy s : comparison.strategies()) {
            for (int t : comparison.threadCounts())
                w = Math.max(w, comparison.label(s, t).length());
        }
        this.strategyWidth = w;
    }

    void header() {
        StringBuilder b = new StringBuilder(pad(HEADS[0], strategyWidth, true));
        for (int i = 1; i < HEADS.length; i++) b.append("  ").append(pad(HEADS[i], width(i), false));
        out.println(b);
        checked();
    }

    void row(CompareRun r) {
        if (first < 0) first = r.throughputPerSecond();
        String[] cells = {
            comparison.label(r.strategy(), r.threads()),
            String.format(Locale.ROOT, "%,d", r.threads()),
            String.format(Locale.ROOT, "%,d", r.targets()),
            String.format(Locale.ROOT, "%,.1f", r.wallMs()),
            String.format(Locale.ROOT, "%,.1f", r.throughputPerSecond()),
            String.format(Locale.ROOT, "%,d", r.cpuUserMs()),
            String.format(Locale.ROOT, "%,d", r.cpuSysMs()),
            String.format(Locale.ROOT, "%,d", r.peakThreads()),
            String.format(Locale.ROOT, "%,.1f", r.peakHeapMb()),
            first > 0 ? speedup(r.throughputPerSecond() / first) : "-"
        };
        StringBuilder b = new StringBuilder(pad(cells[0], strategyWidth, true));
        for (int i = 1; i < cells.length; i++) b.append("  ").append(pad(cells[i], width(i), false));
        out.println(b);
        checked();
    }

    /** A table that cannot be written is a failed comparison, not a silent one. */
    private void checked() {
        try {
            Stdout.check(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the table", e);
        }
    }

    private static int width(int column) {
        return Math.max(HEADS[column].length(), WIDTHS[column]);
    }

    private static String pad(String s, int width, boolean left) {
        if (s.length() >= width) return s;
        String fill = " ".repeat(width - s.length());
        return left ? s + fill : fill + s;
    }

    static String speedup(double x) {
        return String.format(Locale.ROOT, x >= 100 ? "%,.0fx" : "%.1fx", x);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%,.0f/s" : "%.1f/s", perSecond);
    }
}
