package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http --title} through the real command line: the page's title, charset and entities honoured. */
class HttpTitleCliTest {
    @TempDir
    Path dir;

    @Test
    void titleIsReadFromThePageInItsCharset() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] page = "<html><head><title>  Caf\u00e9 &amp;\n co  </title></head><body>hi</body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=ISO-8859-1");
            exchange.sendResponseHeaders(200, page.length);
            try (var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Process p = CliProcess.start(dir, null, "http", url, "--title", "--no-progress", "-o", "out.csv");
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isZero();
            List<CSVRecord> rows = ScanOutputTest.readCsv(dir.resolve("out.csv"));
            assertThat(rows).hasSize(1);
            assertThat(rows.getFirst().get("status")).isEqualTo("200");
            assertThat(rows.getFirst().get("title")).isEqualTo("Caf\u00e9 & co");
        } finally {
            server.stop(0);
        }
    }
}
