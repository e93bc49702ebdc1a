package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fanout.engine.ScriptedHttpServer.Reply;
import org.fanout.engine.ScriptedHttpServer.Then;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.Columns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Page titles, Server headers and HTTP versions: the same from every strategy, charsets honoured. */
@Timeout(180)
@Tag("slow")
class TitlesTest {
    static final Map<String, Reply> SCRIPT = new LinkedHashMap<>();
    /** path -> expected title (null: no title). */
    static final Map<String, String> TITLES = new LinkedHashMap<>();

    static ScriptedHttpServer server;

    static void page(String path, String contentType, byte[] body, String title) {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        String head = "HTTP/1.1 200 OK\r\nServer: scripted/1.0 (test)\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        reply.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
        reply.writeBytes(body);
        SCRIPT.put(path, new Reply(reply.toByteArray(), Then.KEEP));
        TITLES.put(path, title);
    }

    static byte[] html(String title, Charset charset, String meta) {
        return ("<!doctype html><html><head>" + meta + "<title>" + title + "</title></head><body>x</body></html>")
                .getBytes(charset);
    }

    static {
        Charset cp1251 = Charset.forName("windows-1251");
        page(
                "/latin1-header",
                "text/html; charset=ISO-8859-1",
                html("Caf\u00e9 cr\u00e8me", StandardCharsets.ISO_8859_1, ""),
                "Caf\u00e9 cr\u00e8me");
        page(
                "/cp1251-meta",
                "text/html",
                html(
                        "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440",
                        cp1251,
                        "<meta charset=\"windows-1251\">"),
                "\u041f\u0440\u0438\u0432\u0435\u0442, \u043c\u0438\u0440");
        page(
                "/cp1251-http-equiv",
                null,
                html(
                        "\u0414\u0430",
                        cp1251,
                        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"),
                "\u0414\u0430");
        page(
                "/utf8-default",
                "text/html",
                html("\u65e5\u672c\u8a9e", StandardCharsets.UTF_8, ""),
                "\u65e5\u672c\u8a9e");
        page(
                "/entities-and-whitespace",
                "text/html; charset=utf-8",
                html("\n   A &lt;b&gt; &amp;   &#8212;\t&eacute; &nbsp;x  \r\n", StandardCharsets.UTF_8, ""),
                "A <b> & \u2014 \u00e9 x");
        page("/control-characters", "text/html", html("a\u001b[31mb", StandardCharsets.UTF_8, ""), "a\u001b[31mb");
        page("/long", "text/html", html("t".repeat(1000), StandardCharsets.UTF_8, ""), "t".repeat(255) + "\u2026");
        page("/no-title", "text/html", "<html><body>nothing</body></html>".getBytes(StandardCharsets.UTF_8), null);
        page("/empty-title", "text/html", html("   ", StandardCharsets.UTF_8, ""), "");
        String padding = "<!-- " + "p".repeat(300 * 1024) + " -->";
        page(
                "/title-past-256k",
                "text/html",
                ("<html><head>" + padding + "<title>late</title></head></html>").getBytes(StandardCharsets.UTF_8),
                null);
        SCRIPT.put(
                "/chunked",
                Reply.of(
                        "HTTP/1.1 200 OK\r\nServer: chunky\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "9\r\n<title>Ch\r\n10\r\nunked &amp; done\r\n8\r\n</title>\r\n0\r\n\r\n",
                        Then.KEEP));
        TITLES.put("/chunked", "Chunked & done");
        SCRIPT.put(
                "/http10",
                Reply.of(
                        "HTTP/1.0 200 OK\r\nServer: old\r\nContent-Length: 20\r\n\r\n<title>Old</title>\r\n",
                        Then.CLOSE));
        TITLES.put("/http10", "Old");
    }

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedHttpServer(SCRIPT);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Map<String, HttpResult> check(HttpProbeConfig config, Strategy strategy) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String path : TITLES.keySet()) urls.add(server.base() + path);
        Map<String, HttpResult> got = new LinkedHashMap<>();
        Scan.http(UrlSource.of(urls), config, HttpChecksTest.LOCAL_ONLY, new ScanSettings(strategy, 1, 1))
                .run(r -> got.put(r.url().substring(server.base().length()), r));
        assertThat(got.keySet()).as(strategy.toString()).containsExactlyInAnyOrderElementsOf(TITLES.keySet());
        return got;
    }

    @Test
    void titlesServersAndVersionsAreTheSameFromEveryStrategy() throws Exception {
        HttpProbeConfig config = new HttpProbeConfig("HEAD", Duration.ofSeconds(5), true, 5, 0).with(false, true, null);
        assertThat(config.method()).isEqualTo("GET");
        for (Strategy strategy : Strategy.values()) {
            Map<String, HttpResult> got = check(config, strategy);
            TITLES.forEach((path, title) -> {
                HttpResult r = got.get(path);
                String as = strategy + " " + path + ": " + r;
                assertThat(r.status()).as(as).isEqualTo(200);
                assertThat(r.title()).as(as).isEqualTo(title);
                assertThat(r.httpVersion()).as(as).isEqualTo(path.equals("/http10") ? "HTTP/1.0" : "HTTP/1.1");
                assertThat(r.server())
                        .as(as)
                        .isEqualTo(
                                switch (path) {
                                    case "/chunked" -> "chunky";
                                    case "/http10" -> "old";
                                    default -> "scripted/1.0 (test)";
                                });
                assertThat(r.certificate()).as(as).isNull();
            });
            List<String> row = Columns.httpRow(got.get("/control-characters"));
            assertThat(row.get(Columns.HTTP.indexOf("title")))
                    .as(strategy.toString())
                    .isEqualTo("a\\x1b[31mb");
        }
    }

    @Test
    void withoutTitleAHeadCheckStillReportsServerAndVersion() throws Exception {
        HttpProbeConfig config = new HttpProbeConfig("HEAD", Duration.ofSeconds(5), true, 5, 0);
        for (Strategy strategy : List.of(Strategy.SERIAL, Strategy.NIO, Strategy.PROCESS)) {
            HttpResult r = check(config, strategy).get("/latin1-header");
            assertThat(r.title()).as(strategy.toString()).isNull();
            assertThat(r.server()).as(strategy.toString()).isEqualTo("scripted/1.0 (test)");
            assertThat(r.httpVersion()).as(strategy.toString()).isEqualTo("HTTP/1.1");
        }
    }
}
