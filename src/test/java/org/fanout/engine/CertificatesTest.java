package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.LabTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS checks record the certificate the server presented, trusted or not, and every strategy
 * reports the same: the lab serves certificates the test made (signed by a test CA the test
 * trusts, self-signed, for another host, expired).
 */
@Timeout(180)
@Tag("slow")
class CertificatesTest {
    @TempDir
    static Path dir;

    static TestCertificates certs;
    static LabHttpServer signed;
    static LabHttpServer selfSigned;
    static LabHttpServer wrongHost;
    static LabHttpServer expired;

    @BeforeAll
    static void start() throws Exception {
        certs = new TestCertificates(dir);
        signed = lab(certs.signed);
        selfSigned = lab(certs.selfSigned);
        wrongHost = lab(certs.wrongHost);
        expired = lab(certs.expired);
    }

    static LabHttpServer lab(TestCertificates.Cert cert) throws Exception {
        return LabHttpServer.builder()
                .tls(LabTls.fromPkcs12(cert.p12(), TestCertificates.PASSWORD))
                .start();
    }

    @AfterAll
    static void stop() {
        for (LabHttpServer s : new LabHttpServer[] {signed, selfSigned, wrongHost, expired}) {
            if (s != null) s.close();
        }
    }

    static Map<String, HttpResult> check(HttpProbeConfig config, Strategy strategy, List<String> urls)
            throws Exception {
        Map<String, HttpResult> got = new TreeMap<>();
        Scan.http(UrlSource.of(urls), config, HttpChecksTest.LOCAL_ONLY, new ScanSettings(strategy, 4, 2))
                .run(r -> got.put(r.url(), r));
        assertThat(got.keySet()).as(strategy.toString()).containsExactlyInAnyOrderElementsOf(urls);
        return got;
    }

    static HttpProbeConfig config(boolean insecure, Path trustFile) {
        return new HttpProbeConfig("HEAD", Duration.ofSeconds(10), true, 5, 0).with(insecure, false, trustFile);
    }

    String url(LabHttpServer s, String host) {
        return "https://" + host + ":" + s.port() + "/status/200";
    }

    @Test
    void untrustedCertificatesAreTlsErrorsWithTheirDetailsAndInsecureChecksTheServerBehindThem() throws Exception {
        List<String> urls = List.of(
                url(signed, "127.0.0.1"),
                url(signed, "localhost"),
                url(selfSigned, "127.0.0.1"),
                url(wrongHost, "127.0.0.1"),
                url(expired, "localhost"));
        for (Strategy strategy : Strategy.values()) {
            for (boolean insecure : new boolean[] {false, true}) {
                Map<String, HttpResult> got = check(config(insecure, certs.ca.pem()), strategy, urls);
                String as = strategy + (insecure ? " --insecure" : "") + " ";
                expect(got.get(urls.get(0)), as, 200, null, certs.signed, true);
                expect(got.get(urls.get(1)), as, 200, null, certs.signed, true);
                expect(got.get(urls.get(2)), as, insecure ? 200 : 0, insecure ? null : "tls", certs.selfSigned, false);
                expect(got.get(urls.get(3)), as, insecure ? 200 : 0, insecure ? null : "tls", certs.wrongHost, false);
                expect(got.get(urls.get(4)), as, insecure ? 200 : 0, insecure ? null : "tls", certs.expired, false);
                HttpResult r = got.get(urls.get(0));
                assertThat(r.certificate().subject()).as(as).isEqualTo("O=Fanout Lab,CN=localhost");
                assertThat(r.certificate().issuer()).as(as).isEqualTo("O=Fanout Tests,CN=Fanout Test CA");
                assertThat(r.certificate().sans()).as(as).isEqualTo("localhost,127.0.0.1");
                assertThat(got.get(urls.get(3)).certificate().sans()).as(as).isEqualTo("other.invalid");
                assertThat(got.get(urls.get(4)).certificate().daysLeft())
                        .as(as)
                        .isBetween(-21L, -20L); // expired 20 days ago
            }
        }
    }

    @Test
    void theJdkTrustStoreDoesNotKnowTheTestCa() throws Exception {
        List<String> urls = List.of(url(signed, "localhost"));
        for (Strategy strategy : Strategy.values()) {
            expect(
                    check(config(false, null), strategy, urls).get(urls.getFirst()),
                    strategy + " ",
                    0,
                    "tls",
                    certs.signed,
                    false);
            expect(
                    check(config(true, null), strategy, urls).get(urls.getFirst()),
                    strategy + " -k ",
                    200,
                    null,
                    certs.signed,
                    false);
        }
    }

    @Test
    void aPlainServerGivesTlsWithNoCertificate() throws Exception {
        try (LabHttpServer plain = LabHttpServer.start()) {
            List<String> urls = List.of("https://127.0.0.1:" + plain.port() + "/status/200");
            for (Strategy strategy : Strategy.values()) {
                HttpResult r = check(config(true, null), strategy, urls).get(urls.getFirst());
                assertThat(r.error()).as(strategy.toString()).isEqualTo("tls");
                assertThat(r.certificate()).as(strategy.toString()).isNull();
            }
        }
    }

    static void expect(HttpResult r, String as, int status, String error, TestCertificates.Cert cert, boolean trusted)
            throws Exception {
        as += r.url() + ": " + r;
        assertThat(r.status()).as(as).isEqualTo(status);
        assertThat(r.error()).as(as).isEqualTo(error);
        CertificateInfo c = r.certificate();
        assertThat(c).as(as).isNotNull();
        assertThat(c.trusted()).as(as).isEqualTo(trusted);
        Instant notAfter = cert.opensslNotAfter();
        assertThat(c.notAfter()).as(as).isEqualTo(notAfter);
        assertThat(c.daysLeft()).as(as).isEqualTo(CertificateInfo.daysLeft(notAfter, Instant.now()));
        assertThat(c.tlsVersion()).as(as).isEqualTo("TLSv1.3");
        if (status > 0) assertThat(r.httpVersion()).as(as).isEqualTo("HTTP/1.1");
    }
}
