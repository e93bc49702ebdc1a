package org.fanout.ui.charts;

import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.form.ScanFormViewModel;

/**
 * The heading of the main window's saved chart PNG: what was scanned and when, e.g.
 * "Fanout — TCP connect · 127.0.0.1 × 1-1024 · 1,024 targets — 2026-11-30 12:20", so a
 * picture passed around still says what it shows.
 */
public final class ChartTitle {
    /** Hosts, ports or a pattern longer than this are cut (with an ellipsis): the title is one line. */
    static final int MAX_PART = 40;

    private ChartTitle() {}

    /** The form's job, in the words of the title (call when the scan starts). */
    public static String job(ScanFormViewModel form) {
        if (form.getMode() == ScanMode.TCP) {
            return "TCP connect · " + part(form.getHosts()) + " × " + part(form.getPorts()) + " · "
                    + Formats.count(form.getTargetCount(), "target");
        }
        String pattern = form.getPattern() == null ? "" : form.getPattern().strip();
        return "HTTP " + form.getMethod() + " · " + (pattern.isEmpty() ? "" : part(pattern) + " = ")
                + Formats.count(form.getTargetCount(), "URL");
    }

    /** The whole title: {@code job} (blank: none) and {@code when} (null: unknown). */
    public static String title(String job, TemporalAccessor when) {
        StringBuilder sb = new StringBuilder("Fanout");
        if (job != null && !job.isBlank()) sb.append(" — ").append(job);
        if (when != null)
            sb.append(" — ")
                    .append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
                            .format(when));
        return sb.toString();
    }

    /** A form field on one line, cut to {@link #MAX_PART} characters. */
    static String part(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_PART ? line : line.substring(0, MAX_PART - 1) + "…";
    }
}
