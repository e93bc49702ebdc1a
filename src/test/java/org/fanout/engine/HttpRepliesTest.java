package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanout.engine.ScriptedHttpServer.Reply;
import org.fanout.engine.ScriptedHttpServer.Then;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Five strategies, one answer: every reply a server can send, right or malformed, gets the same
 * (status, error) from serial, pool, virtual, nio and process, and that answer is the right one.
 * One thread per scan, so each URL runs after the one listed before it, on the connection it
 * left behind where that was reusable: a late body or an unasked response must not be blamed on
 * the next URL.
 */
@Timeout(180)
class HttpRepliesTest {
    static final String OK_EMPTY = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
    static final Map<String, Reply> SCRIPT = new LinkedHashMap<>();
    static final Map<String, String> HEAD_ROWS = new LinkedHashMap<>();
    static final Map<String, String> GET_ROWS = new LinkedHashMap<>();
    static ScriptedHttpServer server;

    static void row(Map<String, String> rows, String path, String expected, String reply, Then then) {
        rows.put(path, expected);
        SCRIPT.put(path, Reply.of(reply, then));
    }

    static {
        Map<String, String> h = HEAD_ROWS;
        SCRIPT.put("/ok", Reply.of(OK_EMPTY, Then.KEEP));
        // The table.
        row(h, "/lf-only-kept-open", "200", "HTTP/1.1 200 OK\nServer: t\n\n", Then.KEEP);
        row(h, "/status-line-100k", "protocol", "HTTP/1.1 200 " + "x".repeat(100_000) + "\r\n\r\n", Then.CLOSE);
        row(h, "/continue-then-204", "204", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", Then.KEEP);
        row(
                h,
                "/early-hints-then-200",
                "200",
                "HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\n" + OK_EMPTY,
                Then.KEEP);
        row(
                h,
                "/two-lengths",
                "protocol",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 10\r\n\r\n",
                Then.KEEP);
        row(
                h,
                "/huge-length",
                "protocol",
                "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
                Then.KEEP);
        row(h, "/rst-after-status", "connection_reset", "HTTP/1.1 200 OK\r\n", Then.RESET);
        row(h, "/k1-head-answered-with-body", "200", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", Then.KEEP);
        row(h, "/k1-next", "200", OK_EMPTY, Then.KEEP);
        row(
                h,
                "/k2-unasked-second-response",
                "200",
                OK_EMPTY + "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n",
                Then.KEEP);
        row(h, "/k2-next", "200", OK_EMPTY, Then.KEEP);
        row(h, "/negative-length", "protocol", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", Then.KEEP);
        row(
                h,
                "/redirect-to-port-0",
                "protocol",
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:0/ok\r\nContent-Length: 0\r\n\r\n",
                Then.KEEP);
        row(
                h,
                "/redirect-to-port-65536",
                "protocol",
                "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:65536/ok\r\nContent-Length: 0\r\n\r\n",
                Then.KEEP);
        row(
                h,
                "/a/redirect-with-dot-segments",
                "200",
                "HTTP/1.1 302 Found\r\nLocation: ../../../b/./../ok\r\nContent-Length: 0\r\n\r\n",
                Then.KEEP);
        // More a server can get wrong.
        row(h, "/header-without-colon", "protocol", "HTTP/1.1 200 OK\r\nBogus header line\r\n\r\n", Then.KEEP);
        row(h, "/space-before-colon", "protocol", "HTTP/1.1 200 OK\r\nServer : x\r\n\r\n", Then.KEEP);
        row(h, "/obs-fold", "200", "HTTP/1.1 200 OK\r\nX-Long: one\r\n  two\r\nContent-Length: 0\r\n\r\n", Then.KEEP);
        row(h, "/fold-before-any-header", "protocol", "HTTP/1.1 200 OK\r\n folded\r\n\r\n", Then.KEEP);
        row(h, "/status-999", "999", "HTTP/1.1 999 Request denied\r\nContent-Length: 0\r\n\r\n", Then.KEEP);
        row(h, "/status-abc", "protocol", "HTTP/1.1 abc OK\r\n\r\n", Then.KEEP);
        row(h, "/status-2000", "protocol", "HTTP/1.1 2000 OK\r\n\r\n", Then.KEEP);
        row(h, "/no-reason-phrase", "200", "HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n", Then.KEEP);
        row(
                h,
                "/transfer-encoding-and-length",
                "protocol",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
                Then.KEEP);
        row(h, "/nul-in-header", "protocol", "HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n", Then.KEEP);
        row(
                h,
                "/megabyte-header",
                "protocol",
                "HTTP/1.1 200 OK\r\nX-Big: " + "y".repeat(1 << 20) + "\r\n\r\n",
                Then.CLOSE);
        row(h, "/http-2-status-line", "protocol", "HTTP/2 200\r\n\r\n", Then.KEEP);
        row(h, "/not-http", "protocol", "SSH-2.0-OpenSSH_9.6\r\n", Then.KEEP);
        row(h, "/close-inside-head", "protocol", "HTTP/1.1 200 OK\r\nContent-Le", Then.CLOSE);
        row(h, "/close-before-any-byte", "connection_reset", "", Then.CLOSE);
        row(h, "/switching-protocols", "101", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n", Then.KEEP);
        row(h, "/endless-continue", "protocol", "HTTP/1.1 100 Continue\r\n\r\n".repeat(40), Then.KEEP);
        row(
                h,
                "/http-1.0-keep-alive",
                "200",
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
                Then.KEEP);
        row(h, "/last-ok", "200", OK_EMPTY, Then.KEEP);

        Map<String, String> g = GET_ROWS;
        row(g, "/g-lf-only", "200", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", Then.KEEP);
        row(
                g,
                "/g-chunked",
                "200",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n",
                Then.KEEP);
        row(g, "/g-after-chunked", "200", OK_EMPTY, Then.KEEP);
        row(
                g,
                "/g-chunked-bad-size",
                "protocol",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n",
                Then.KEEP);
        row(
                g,
                "/g-chunk-longer-than-size",
                "protocol",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n",
                Then.KEEP);
        row(
                g,
                "/g-chunk-size-overflow",
                "protocol",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\nhello\r\n0\r\n\r\n",
                Then.KEEP);
        row(
                g,
                "/g-chunked-not-last",
                "protocol",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
                Then.CLOSE);
        row(
                g,
                "/g-body-shorter-than-length",
                "protocol",
                "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello",
                Then.CLOSE);
        row(
                g,
                "/g-reset-inside-body",
                "connection_reset",
                "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello",
                Then.RESET);
        row(g, "/g-read-to-close", "200", "HTTP/1.0 200 OK\r\n\r\nthe body ends when the connection does", Then.CLOSE);
        row(g, "/g-unframed-kept-open", "timeout", "HTTP/1.1 200 OK\r\n\r\nno length, never closed", Then.KEEP);
        row(g, "/g-same-length-twice", "200", "HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\nhello", Then.KEEP);
        row(g, "/g-body-then-extra", "200", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA BYTES", Then.KEEP);
        row(g, "/g-after-extra", "200", OK_EMPTY, Then.KEEP);
        row(
                g,
                "/g-204-with-body",
                "204",
                "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n",
                Then.KEEP);
        row(g, "/g-after-204", "200", OK_EMPTY, Then.KEEP);
        row(g, "/g-gzip-to-close", "200", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nzzzz", Then.CLOSE);
        row(g, "/g-last-ok", "200", OK_EMPTY, Then.KEEP);
    }

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedHttpServer(SCRIPT);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** url -> strategy -> "status" or error kind (and the final URL where it is not the URL asked). */
    static Map<String, Map<Strategy, String>> answers(String method, Map<String, String> rows) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String path : rows.keySet()) urls.add(server.base() + path);
        Map<String, Map<Strategy, String>> table = new LinkedHashMap<>();
        for (String url : urls) table.put(url, new TreeMap<>());
        HttpProbeConfig config = new HttpProbeConfig(method, Duration.ofMillis(1500), true, 5, 0);
        for (Strategy strategy : Strategy.values()) {
            Scan<URI, HttpResult> scan =
                    Scan.http(UrlSource.of(urls), config, HttpChecksTest.LOCAL_ONLY, new ScanSettings(strategy, 1, 1));
            scan.run(r -> table.get(r.url()).put(strategy, answer(r)));
        }
        return table;
    }

    static String answer(HttpResult r) {
        String outcome = r.status() > 0 ? Integer.toString(r.status()) : r.error();
        return r.finalUrl() != null && !r.finalUrl().equals(r.url()) ? outcome + " at " + r.finalUrl() : outcome;
    }

    static void assertOneRightAnswer(String method, Map<String, String> rows) throws Exception {
        Map<String, Map<Strategy, String>> table = answers(method, rows);
        List<String> wrong = new ArrayList<>();
        rows.forEach((path, expected) -> {
            String want =
                    path.equals("/a/redirect-with-dot-segments") ? expected + " at " + server.base() + "/ok" : expected;
            Map<Strategy, String> got = table.get(server.base() + path);
            if (got.size() != Strategy.values().length || got.values().stream().anyMatch(a -> !a.equals(want))) {
                wrong.add(method + " " + path + ": want " + want + ", got " + got);
            }
        });
        assertThat(wrong)
                .as("replies answered differently by some strategy, or wrongly")
                .isEmpty();
    }

    @Test
    void headRepliesGetOneRightAnswerFromEveryStrategy() throws Exception {
        assertOneRightAnswer("HEAD", HEAD_ROWS);
    }

    @Test
    void getRepliesGetOneRightAnswerFromEveryStrategy() throws Exception {
        assertOneRightAnswer("GET", GET_ROWS);
    }
}
