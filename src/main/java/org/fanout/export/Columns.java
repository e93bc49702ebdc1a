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

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        int size = 0;
        for (List<String> part : parts) size += part.size();
        List<String> cells = new ArrayList<>(size);
        for (List<String> part : parts) cells.addAll(part);
        return Collections.unmodifiableList(cells);
    }

    /**
     * Where a row's cells go, one at a time in column order: a writer appends each where it builds
     * its record, so writing a result makes no list, and no string for a number (hundreds of
     * thousands of rows a scan).
     */
    @FunctionalInterface
    public interface Cells {
        /** A cell of text, never null. */
        void text(String cell);

        /** A cell holding a whole number, in decimal. */
        default void number(long value) {
            text(Long.toString(value));
        }

        /** A latency cell, as {@link #latencyMillis} writes it. */
        default void latency(long nanos) {
            text(latencyMillis(nanos));
        }
    }

    /** The CSV cells of a TCP result, in the order of {@link #TCP}, safe for spreadsheets. */
    public static List<String> tcpRow(TcpResult r) {
        List<String> cells = new ArrayList<>(TCP.size());
        tcpRow(r, cells::add);
        return Collections.unmodifiableList(cells);
    }

    /** {@link #tcpRow(TcpResult)}, cell by cell. */
    public static void tcpRow(TcpResult r, Cells out) {
        out.text(CellSafety.neutralise(r.host()));
        out.text(CellSafety.neutralise(r.ip()));
        out.number(r.port());
        out.text(CellSafety.neutralise(r.service()));
        out.text(r.state() == null ? "" : r.state().label());
        out.latency(r.latencyNanos());
        out.text(remote(r.banner()));
        out.text(CellSafety.neutralise(r.error()));
        certificateRow(r.certificate(), out);
        out.text(remote(r.name()));
    }

    /** The CSV cells of an HTTP result, in the order of {@link #HTTP}, safe for spreadsheets. */
    public static List<String> httpRow(HttpResult r) {
        List<String> cells = new ArrayList<>(HTTP.size());
        httpRow(r, cells::add);
        return Collections.unmodifiableList(cells);
    }

    /** {@link #httpRow(HttpResult)}, cell by cell. */
    public static void httpRow(HttpResult r, Cells out) {
        out.text(CellSafety.neutralise(r.url()));
        out.text(status(r.status()));
        out.latency(r.latencyNanos());
        out.text(CellSafety.neutralise(r.finalUrl()));
        out.text(contentLength(r.contentLength()));
        out.text(CellSafety.neutralise(r.error()));
        out.text(text(r.httpVersion()));
        out.text(remote(r.server()));
        out.text(remote(r.title()));
        certificateRow(r.certificate(), out);
    }

    /** Text a server chose (banner, Server header, title). */
    private static String remote(String s) {
        return CellSafety.csvText(s);
    }

    private static void certificateRow(CertificateInfo c, Cells out) {
        if (c == null) { // most rows: seven empty cells, no list
            certificateValues(null, out);
            return;
        }
        List<String> v = certificateValues(c);
        out.text(v.get(0));
        out.text(remote(v.get(1)));
        out.text(remote(v.get(2)));
        out.text(remote(v.get(3)));
        out.text(v.get(4));
        out.text(v.get(5));
        out.text(v.get(6));
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

    /** The plain cells of a TCP result, cell by cell: formatted as in CSV, but neither neutralised nor escaped. */
    static void tcpValues(TcpResult r, Cells out) {
        out.text(text(r.host()));
        out.text(text(r.ip()));
        out.number(r.port());
        out.text(text(r.service()));
        out.text(r.state() == null ? "" : r.state().label());
        out.latency(r.latencyNanos());
        out.text(text(r.banner()));
        out.text(text(r.error()));
        certificateValues(r.certificate(), out);
        out.text(text(r.name()));
    }

    /** The plain cells of an HTTP result, cell by cell: formatted as in CSV, but neither neutralised nor escaped. */
    static void httpValues(HttpResult r, Cells out) {
        out.text(text(r.url()));
        out.text(status(r.status()));
        out.latency(r.latencyNanos());
        out.text(text(r.finalUrl()));
        out.text(contentLength(r.contentLength()));
        out.text(text(r.error()));
        out.text(text(r.httpVersion()));
        out.text(text(r.server()));
        out.text(text(r.title()));
        certificateValues(r.certificate(), out);
    }

    private static void certificateValues(CertificateInfo c, Cells out) {
        if (c == null) {
            for (int i = 0; i < CERTIFICATE.size(); i++) out.text("");
        } else {
            for (String v : certificateValues(c)) out.text(v);
        }
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
        char[] digits = new char[MAX_NUMBER_CHARS];
        return new String(digits, 0, putLatencyMillis(digits, 0, nanos));
    }

    /** The most chars {@link #putDecimal} or {@link #putLatencyMillis} put. */
    public static final int MAX_NUMBER_CHARS = 24;

    /**
     * Puts {@link #latencyMillis}'s chars into {@code to} at {@code at} (none when unknown); where
     * they end. {@code to} has room for {@link #MAX_NUMBER_CHARS} from {@code at}.
     */
    public static int putLatencyMillis(char[] to, int at, long nanos) {
        if (nanos < 0) {
            return at;
        }
        // Rounded half up to whole microseconds, then "millis[.fraction]" without trailing zeros:
        // the digits BigDecimal gives, without its half a dozen objects per cell.
        long micros = nanos / 1000 + (nanos % 1000 >= 500 ? 1 : 0);
        int end = putDecimal(to, at, micros / 1000);
        int fraction = (int) (micros % 1000);
        if (fraction == 0) {
            return end;
        }
        to[end++] = '.';
        for (int unit = 100; fraction > 0; unit /= 10) { // stops after the last digit that is not 0
            to[end++] = (char) ('0' + fraction / unit);
            fraction %= unit;
        }
        return end;
    }

    /** Puts {@code value} in decimal into {@code to} at {@code at}; where it ends. Room as {@link #putLatencyMillis}. */
    public static int putDecimal(char[] to, int at, long value) {
        if (value < 0) {
            String text = Long.toString(value); // never in a result's cells; kept right for any caller
            text.getChars(0, text.length(), to, at);
            return at + text.length();
        }
        int end = at + digits(value);
        for (int i = end - 1; i >= at; i--) {
            to[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return end;
    }

    private static int digits(long value) {
        int n = 1;
        for (long limit = 10; n < 19 && value >= limit; limit *= 10) n++;
        return n;
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
