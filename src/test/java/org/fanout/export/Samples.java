package org.fanout.export;

import java.util.List;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;

/** Awkward results shared by the export tests. Every address is loopback. */
final class Samples {
    private Samples() {}

    static final TcpResult OPEN_SSH =
            new TcpResult("localhost", "127.0.0.1", 22, "ssh", TcpState.OPEN, 412_000, "SSH-2.0-OpenSSH_9.6", null);

    static List<TcpResult> tcp() {
        return List.of(
                OPEN_SSH,
                new TcpResult(
                        "127.0.0.1",
                        "127.0.0.1",
                        8080,
                        "http-alt",
                        TcpState.OPEN,
                        12_000_000,
                        "a,b \"quoted\" line1\nline2 ünï😀 日本",
                        null),
                new TcpResult("127.0.0.2", "127.0.0.2", 1, "", TcpState.CLOSED, 1_000, null, null),
                new TcpResult("127.0.0.3", "127.0.0.3", 65535, "", TcpState.FILTERED, 1_000_000_000, null, "timeout"),
                new TcpResult("bad,host\"name", "", 443, "https", TcpState.ERROR, -1, null, "unknown_host"),
                new TcpResult(
                        "127.0.0.1",
                        "127.0.0.1",
                        2000,
                        "=cmd",
                        TcpState.OPEN,
                        5_000,
                        "=HYPERLINK(\"http://127.0.0.1/\",\"click\")",
                        "+1"),
                new TcpResult("127.0.0.1", "127.0.0.1", 2001, "@x", TcpState.OPEN, 5_000, "-2", "@x"),
                new TcpResult(
                        "127.0.0.1",
                        "127.0.0.1",
                        2002,
                        "",
                        TcpState.OPEN,
                        5_000,
                        "\u001b[31mred\u001b[0m\0\u0007\r\n\\end",
                        "multi\nline"),
                new TcpResult("::1", "::1", 2003, "", TcpState.OPEN, 5_000, "\tindented", "\rcr"));
    }

    static List<HttpResult> http() {
        return List.of(
                new HttpResult("http://127.0.0.1:8080/", 200, 12_000_000, "http://127.0.0.1:8080/home", 512, null),
                new HttpResult(
                        "http://127.0.0.1:8080/a,b?q=\"x\"&y=ü日本",
                        404,
                        345_000,
                        "http://127.0.0.1:8080/a,b?q=\"x\"&y=ü日本",
                        -1,
                        null),
                new HttpResult("http://127.0.0.1:1/", 0, -1, null, -1, "connection_refused"),
                new HttpResult("http://localhost:9/slow", 0, 5_000_000_000L, null, -1, "timeout"),
                new HttpResult("http://127.0.0.1:8080/redirect", 302, 1_000, "=HYPERLINK(\"x\")", 0, "-2"),
                new HttpResult("http://127.0.0.1:8080/line\nbreak", 500, 1_000, "@x", 0, "+1"));
    }

    /** What a TCP result looks like after a trip through CSV: text neutralised, banner escaped. */
    static TcpResult afterCsv(TcpResult r) {
        return new TcpResult(
                CellSafety.neutralise(r.host()),
                CellSafety.neutralise(r.ip()),
                r.port(),
                CellSafety.neutralise(r.service()),
                r.state(),
                r.latencyNanos(),
                emptyToNull(CellSafety.neutralise(CellSafety.escapeControls(r.banner()))),
                emptyToNull(CellSafety.neutralise(r.error())));
    }

    static HttpResult afterCsv(HttpResult r) {
        return new HttpResult(
                CellSafety.neutralise(r.url()),
                r.status(),
                r.latencyNanos(),
                emptyToNull(CellSafety.neutralise(r.finalUrl())),
                r.contentLength(),
                emptyToNull(CellSafety.neutralise(r.error())));
    }

    /** What a TCP result looks like after a trip through JSON lines: only the banner escaped. */
    static TcpResult afterJson(TcpResult r) {
        return new TcpResult(
                r.host(),
                r.ip(),
                r.port(),
                r.service(),
                r.state(),
                r.latencyNanos(),
                r.banner() == null ? null : CellSafety.escapeControls(r.banner()),
                r.error());
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
