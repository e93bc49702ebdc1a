package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server: Debian's nginx, started on a free loopback port with a certificate the test
 * made, serving pages whose titles are in windows-1251 and ISO-8859-1 with entities. Every
 * strategy must report nginx's status, Server header, version, title and certificate alike.
 * Without nginx the test is skipped locally but fails under CI (the CI installs nginx-light).
 */
@Timeout(240)
@Tag("slow")
class NginxTest {
    static final Path NGINX = Path.of("/usr/sbin/nginx");
    static final String TITLE_1251 = "\u00abПривет, мир\u00bb & caf\u00e9 \u2014 test";
    static final String TITLE_LATIN1 = "Caf\u00e9 <cr\u00e8me> br\u00fbl\u00e9e";

    @TempDir
    static Path dir;

    static TestCertificates certs;
    static Process nginx;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(NGINX)) {
            if (System.getenv("CI") != null) fail(NGINX + " is missing: the CI must install nginx-light");
            Assumptions.abort(NGINX + " is not installed");
        }
        certs = new TestCertificates(dir);
        Path www = Files.createDirectories(dir.resolve("www"));
        Charset cp1251 = Charset.forName("windows-1251");
        Files.write(
                www.resolve("index.html"),
                ("<!doctype html><html><head><title>\n  &laquo;Привет,   мир&raquo; &amp; caf&eacute;"
                                + " \u2014 test\n</title></head><body>hi</body></html>")
                        .getBytes(cp1251));
        Files.write(
                www.resolve("latin1.html"),
                ("<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9 &lt;cr\u00e8me&gt;"
                                + " br&ucirc;l&eacute;e</title></head></html>")
                        .getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(
                dir.resolve("chain.pem"), Files.readString(certs.signed.pem()) + Files.readString(certs.ca.pem()));
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Files.createDirectories(dir.resolve("tmp"));
        Files.writeString(dir.resolve("nginx.conf"), """
                user root;
                worker_processes 1;
                error_log DIR/error.log;
                events { worker_connections 64; }
                http {
                    access_log off;
                    server_tokens off;
                    client_body_temp_path DIR/tmp/body;
                    proxy_temp_path DIR/tmp/proxy;
                    fastcgi_temp_path DIR/tmp/fastcgi;
                    uwsgi_temp_path DIR/tmp/uwsgi;
                    scgi_temp_path DIR/tmp/scgi;
                    types { text/html html; }
                    server {
                        listen 127.0.0.1:PORT ssl;
                        server_name localhost;
                        ssl_certificate DIR/chain.pem;
                        ssl_certificate_key KEY;
                        root DIR/www;
                        charset windows-1251;
                        location = /latin1.html { charset off; }
                    }
                }
                """.replace("DIR", dir.toString())
                .replace("PORT", Integer.toString(port))
                .replace("KEY", certs.signed.key().toString()));
        nginx = new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString(),
                        "-g",
                        "daemon off; pid " + dir.resolve("nginx.pid") + ";")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx.out").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!listening()) {
            if (!nginx.isAlive() || System.nanoTime() > deadline) {
                fail("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                        + (Files.exists(dir.resolve("error.log")) ? Files.readString(dir.resolve("error.log")) : ""));
            }
            Thread.sleep(50);
        }
    }

    static boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.destroy(); // SIGTERM: nginx's fast shutdown
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) nginx.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    static Map<String, HttpResult> check(HttpProbeConfig config, Strategy strategy, List<String> urls)
            throws Exception {
        Map<String, HttpResult> got = new TreeMap<>();
        Scan.http(UrlSource.of(urls), config, HttpChecksTest.LOCAL_ONLY, new ScanSettings(strategy, 2, 1))
                .run(r -> got.put(r.url(), r));
        assertThat(got.keySet()).as(strategy.toString()).containsExactlyInAnyOrderElementsOf(urls);
        return got;
    }

    @Test
    void everyStrategyReportsNginxItsTitlesAndItsCertificate() throws Exception {
        String index = "https://localhost:" + port + "/";
        String latin1 = "https://127.0.0.1:" + port + "/latin1.html";
        List<String> urls = List.of(index, latin1);
        Instant notAfter = certs.signed.opensslNotAfter();
        HttpProbeConfig base = new HttpProbeConfig("HEAD", Duration.ofSeconds(10), true, 5, 0);
        for (Strategy strategy : Strategy.values()) {
            Map<String, HttpResult> trusted = check(base.with(false, true, certs.ca.pem()), strategy, urls);
            Map<String, HttpResult> jdkStore = check(base.with(false, false, null), strategy, urls);
            Map<String, HttpResult> insecure = check(base.with(true, true, null), strategy, urls);
            for (String url : urls) {
                String title = url.equals(index) ? TITLE_1251 : TITLE_LATIN1;
                answered(trusted.get(url), strategy + " trusted ", title, true, notAfter);
                answered(insecure.get(url), strategy + " -k ", title, false, notAfter);
                HttpResult refused = jdkStore.get(url);
                String as = strategy + " JDK trust store " + refused;
                assertThat(refused.status()).as(as).isZero();
                assertThat(refused.error()).as(as).isEqualTo("tls");
                certificate(refused.certificate(), as, false, notAfter);
            }
        }
    }

    static void answered(HttpResult r, String as, String title, boolean trusted, Instant notAfter) {
        as += r;
        assertThat(r.status()).as(as).isEqualTo(200);
        assertThat(r.error()).as(as).isNull();
        assertThat(r.server()).as(as).isEqualTo("nginx");
        assertThat(r.httpVersion()).as(as).isEqualTo("HTTP/1.1");
        assertThat(r.title()).as(as).isEqualTo(title);
        certificate(r.certificate(), as, trusted, notAfter);
    }

    static void certificate(CertificateInfo c, String as, boolean trusted, Instant notAfter) {
        assertThat(c).as(as).isNotNull();
        assertThat(c.trusted()).as(as).isEqualTo(trusted);
        assertThat(c.subject()).as(as).isEqualTo("O=Fanout Lab,CN=localhost");
        assertThat(c.issuer()).as(as).isEqualTo("O=Fanout Tests,CN=Fanout Test CA");
        assertThat(c.sans()).as(as).isEqualTo("localhost,127.0.0.1");
        assertThat(c.notAfter()).as(as).isEqualTo(notAfter);
        assertThat(c.daysLeft())
                .as(as)
                .isEqualTo(CertificateInfo.daysLeft(notAfter, Instant.now()))
                .isEqualTo(44);
        assertThat(c.tlsVersion()).as(as).isIn("TLSv1.3", "TLSv1.2");
    }
}
