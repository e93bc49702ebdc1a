package org.fanout.export;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.probe.CertificateInfo;
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
    /** The certificate columns, appended to both kinds. */
    public static final List<String> CERTIFICATE = List.of(
            "tls_version",
            "cert_subject",
            "cert_issuer",
            "cert_sans",
            "cert_not_after",
            "cert_days_left",
            "cert_trusted");
    /** The TCP columns before the certificate's were added: files written then are still read. */
    public static final List<String> TCP_BEFORE_TLS =
            List.of("host", "ip", "port", "service", "state", "latency_ms", "banner", "error");

    public static final List<String> TCP = concat(TCP_BEFORE_TLS, CERTIFICATE, List.of("name"));
    /** The HTTP columns before version, server, title and certificate were added: still read. */
    public static final List<String> HTTP_BEFORE_TLS =
            List.of("url", "status", "latency_ms", "final_url", "content_length", "error");

    public static final List<String> HTTP =
            concat(HTTP_BEFORE_TLS, List.of("http_version", "server", "title"), CERTIFICATE);
    public static final List<String> COMPARE = List.of(
            "strategy",
            "threads",
            "targets",
            "wall_ms",
            "throughput_per_s",
            "cpu_user_ms",
            "cpu_sys_ms",
            "peak_threads",
            "peak_heap_mb");

    /** Columns whose CSV cells are already control-escaped (text a server chose): not to be escaped twice. */
    public static final Set<String> ESCAPED =
            Set.of("banner", "server", "title", "cert_subject", "cert_issuer", "cert_sans", "name");

    private Columns() {}

    // A plain copy, not a stream: this runs for every row written (its stream showed in the scan's profile).
    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        int size = 0;
        for (List<String> part : parts) size += part.size();
        List<String> cells = new ArrayList<>(size);
        for (List<String> part : parts) cells.addAll(part);
        return Collections.unmodifiableList(cells);
    }

    /** The CSV cells of a TCP result, in the order of {@link #TCP}, safe for spreadsheets. */
    public static List<String> tcpRow(TcpResult r) {
        return concat(
                List.of(
                        CellSafety.neutralise(r.host()),
                        CellSafety.neutralise(r.ip()),
                        Integer.toString(r.port()),
                        CellSafety.neutralise(r.service()),
                        r.state() == null ? "" : r.state().label(),
                        latencyMillis(r.latencyNanos()),
                        CellSafety.neutralise(CellSafety.escapeControls(r.banner())),
                        CellSafety.neutralise(r.error())),
                certificateRow(r.certificate()),
                List.of(remote(r.name())));
    }

    /** The CSV cells of an HTTP result, in the order of {@link #HTTP}, safe for spreadsheets. */
    public static List<String> httpRow(HttpResult r) {
        return concat(
                List.of(
                        CellSafety.neutralise(r.url()),
                        status(r.status()),
                        latencyMillis(r.latencyNanos()),
                        CellSafety.neutralise(r.finalUrl()),
                        contentLength(r.contentLength()),
                        CellSafety.neutralise(r.error()),
                        text(r.httpVersion()),
                        remote(r.server()),
                        remote(r.title())),
                certificateRow(r.certificate()));
    }

    /** Text a server chose (banner, Server header, title): control-escaped, then neutralised. */
    private static String remote(String s) {
        return CellSafety.neutralise(CellSafety.escapeControls(s));
    }

    private static List<String> certificateRow(CertificateInfo c) {
        List<String> v = certificateValues(c);
        return List.of(v.get(0), remote(v.get(1)), remote(v.get(2)), remote(v.get(3)), v.get(4), v.get(5), v.get(6));
    }

    /** The certificate's cells: all empty without one; the instant in ISO-8601 (UTC, to the second). */
    static List<String> certificateValues(CertificateInfo c) {
        if (c == null) return Arrays.asList("", "", "", "", "", "", "");
        return Arrays.asList(
                text(c.tlsVersion()),
                text(c.subject()),
                text(c.issuer()),
                text(c.sans()),
                c.notAfter().toString(),
                Long.toString(c.daysLeft()),
                Boolean.toString(c.trusted()));
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
        return concat(
                Arrays.asList(
                        text(r.host()),
                        text(r.ip()),
                        Integer.toString(r.port()),
                        text(r.service()),
                        r.state() == null ? "" : r.state().label(),
                        latencyMillis(r.latencyNanos()),
                        text(r.banner()),
                        text(r.error())),
                certificateValues(r.certificate()),
                Arrays.asList(text(r.name())));
    }

    /** The plain cells of an HTTP result: formatted as in CSV, but neither neutralised nor escaped. */
    static List<String> httpValues(HttpResult r) {
        return concat(
                Arrays.asList(
                        text(r.url()),
                        status(r.status()),
                        latencyMillis(r.latencyNanos()),
                        text(r.finalUrl()),
                        contentLength(r.contentLength()),
                        text(r.error()),
                        text(r.httpVersion()),
                        text(r.server()),
                        text(r.title())),
                certificateValues(r.certificate()));
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
        StringBuilder cell = new StringBuilder(24)
                .append(millis)
                .append('.')
                .append((char) ('0' + fraction / 100))
                .append((char) ('0' + fraction / 10 % 10))
                .append((char) ('0' + fraction % 10));
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
        return new BigDecimal(cell.strip())
                .movePointRight(6)
                .setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
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
