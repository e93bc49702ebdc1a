package org.fanout.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;

import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;

/**
 * The column contract of Fanout's result files (see DESIGN.md, "Command line"), and the one
 * place that turns a result into the cells of a row, so the CLI and the GUI export the same.
 *
 * <p>Cell rules: null text becomes ""; {@code latency_ms} has up to three decimals
 * ({@link #latencyMillis}) and is empty when unknown; an HTTP {@code status} of 0 and a
 * {@code content_length} of -1 are empty. In CSV rows ({@link #tcpRow}, {@link #httpRow}) text
 * that may come from the remote side or the user is {@linkplain CellSafety#neutralise
 * neutralised}, and the banner, the only raw bytes from the remote side, also has its control
 * characters {@linkplain CellSafety#escapeControls escaped}. Other raw line breaks stay as they
 * are: RFC 4180 quoting keeps them inside their cell.
 */
public final class Columns {
    public static final List<String> TCP =
            List.of("host", "ip", "port", "service", "state", "latency_ms", "banner", "error");
    public static final List<String> HTTP =
            List.of("url", "status", "latency_ms", "final_url", "content_length", "error");
    public static final List<String> COMPARE = List.of("strategy", "threads", "targets", "wall_ms",
            "throughput_per_s", "cpu_user_ms", "cpu_sys_ms", "peak_threads", "peak_heap_mb");

    private Columns() {
    }

    /** The CSV cells of a TCP result, in the order of {@link #TCP}, safe for spreadsheets. */
    public static List<String> tcpRow(TcpResult r) {
        return List.of(
                CellSafety.neutralise(r.host()),
                CellSafety.neutralise(r.ip()),
                Integer.toString(r.port()),
                CellSafety.neutralise(r.service()),
                r.state() == null ? "" : r.state().label(),
                latencyMillis(r.latencyNanos()),
                CellSafety.neutralise(CellSafety.escapeControls(r.banner())),
                CellSafety.neutralise(r.error()));
    }

    /** The CSV cells of an HTTP result, in the order of {@link #HTTP}, safe for spreadsheets. */
    public static List<String> httpRow(HttpResult r) {
        return List.of(
                CellSafety.neutralise(r.url()),
                status(r.status()),
                latencyMillis(r.latencyNanos()),
                CellSafety.neutralise(r.finalUrl()),
                contentLength(r.contentLength()),
                CellSafety.neutralise(r.error()));
    }

    /**
     * The cells of one compare run, in the order of {@link #COMPARE}: the strategy's name
     * ({@code process} whatever its worker split), counts and CPU milliseconds as integers, wall
     * time, throughput and heap with one decimal, '.' as decimal point whatever the locale.
     */
    public static List<String> compareRow(CompareRun r) {
        return List.of(
                r.strategy().label(),
                Integer.toString(r.threads()),
                Long.toString(r.targets()),
                oneDecimal(r.wallMs()),
                oneDecimal(r.throughputPerSecond()),
                Long.toString(r.cpuUserMs()),
                Long.toString(r.cpuSysMs()),
                Integer.toString(r.peakThreads()),
                oneDecimal(r.peakHeapMb()));
    }

    private static String oneDecimal(double value) {
        return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    /** The plain cells of a TCP result: formatted as in CSV, but neither neutralised nor escaped. */
    static List<String> tcpValues(TcpResult r) {
        return Arrays.asList(text(r.host()), text(r.ip()), Integer.toString(r.port()), text(r.service()),
                r.state() == null ? "" : r.state().label(), latencyMillis(r.latencyNanos()),
                text(r.banner()), text(r.error()));
    }

    /** The plain cells of an HTTP result: formatted as in CSV, but neither neutralised nor escaped. */
    static List<String> httpValues(HttpResult r) {
        return Arrays.asList(text(r.url()), status(r.status()), latencyMillis(r.latencyNanos()),
                text(r.finalUrl()), contentLength(r.contentLength()), text(r.error()));
    }

    /**
     * Nanoseconds as milliseconds with at most three decimals, no trailing zeros, no exponent,
     * '.' as decimal point whatever the locale: 412_000 → "0.412", 12_000_000 → "12". Negative
     * (unknown) → "".
     */
    public static String latencyMillis(long nanos) {
        if (nanos < 0) {
            return "";
        }
        // Rounded half up to whole microseconds, then "millis[.fraction]" without trailing zeros:
        // the digits BigDecimal gives, without its half a dozen objects per cell.
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        long millis = micros / 1000;
        int fraction = (int) (micros % 1000);
        if (fraction == 0) {
            return Long.toString(millis);
        }
        StringBuilder cell = new StringBuilder(24).append(millis).append('.').append((char) ('0' + fraction / 100))
                .append((char) ('0' + fraction / 10 % 10)).append((char) ('0' + fraction % 10));
        int end = cell.length();
        while (cell.charAt(end - 1) == '0') {
            end--;
        }
        cell.setLength(end);
        return cell.toString();
    }

    /** Parses a {@code latency_ms} cell back to nanoseconds (microsecond precision); "" → -1. */
    public static long parseLatencyMillis(String cell) {
        if (cell == null || cell.isBlank()) {
            return -1;
        }
        return new BigDecimal(cell.strip()).movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String status(int status) {
        return status > 0 ? Integer.toString(status) : "";
    }

    private static String contentLength(long length) {
        return length >= 0 ? Long.toString(length) : "";
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
