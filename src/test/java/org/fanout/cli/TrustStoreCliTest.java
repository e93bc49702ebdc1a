package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.TestCertificates;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.LabTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trust-store} through the real command line: a lab serving a certificate signed by a
 * test CA is trusted with a store holding that CA (PKCS#12 and JKS), a TLS error without it; a
 * store that cannot be read is one error line and exit 2; {@code -k} checks an untrusted server.
 */
class TrustStoreCliTest {
    @TempDir
    static Path dir;

    static TestCertificates certs;
    static LabHttpServer signed;
    static LabHttpServer selfSigned;
    static Path p12Store;
    static Path jksStore;

    @BeforeAll
    static void start() throws Exception {
        certs = new TestCertificates(Files.createDirectories(dir.resolve("certs")));
        signed = LabHttpServer.builder()
                .tls(LabTls.fromPkcs12(certs.signed.p12(), TestCertificates.PASSWORD))
                .start();
        selfSigned = LabHttpServer.builder()
                .tls(LabTls.fromPkcs12(certs.selfSigned.p12(), TestCertificates.PASSWORD))
                .start();
        p12Store = importCa("PKCS12", "trust.p12");
        jksStore = importCa("JKS", "trust.jks");
    }

    private static Path importCa(String type, String name) throws Exception {
        Path store = dir.resolve(name);
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(
                        keytool,
                        "-importcert",
                        "-noprompt",
                        "-alias",
                        "ca",
                        "-file",
                        certs.ca.pem().toString(),
                        "-keystore",
                        store.toString(),
                        "-storetype",
                        type,
                        "-storepass",
                        "secret1")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return store;
    }

    @AfterAll
    static void stop() {
        if (signed != null) signed.close();
        if (selfSigned != null) selfSigned.close();
    }

    private static String url(LabHttpServer s) {
        return "https://localhost:" + s.port() + "/";
    }

    private static CSVRecord only(Path run, String... args) throws Exception {
        Files.createDirectories(run);
        Process p = CliProcess.start(run, null, args);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(run)).isIn(0, 1);
        List<CSVRecord> rows = ScanOutputTest.readCsv(run.resolve("out.csv"));
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    @Test
    void httpTrustsAPrivateCaFromAPkcs12StoreEvenInWorkerProcesses() throws Exception {
        CSVRecord r = only(
                dir.resolve("http-p12"),
                "http",
                url(signed),
                "--strategy",
                "process",
                "--no-progress",
                "-o",
                "out.csv",
                "--trust-store",
                p12Store.toString(),
                "--trust-store-password",
                "secret1");
        assertThat(r.get("error")).isEmpty();
        assertThat(r.get("status")).isEqualTo("200");
        assertThat(r.get("cert_trusted")).isEqualTo("true");
        assertThat(r.get("cert_issuer")).contains("Fanout Test CA");
    }

    @Test
    void withoutTheStoreThePrivateCaIsATlsError() throws Exception {
        CSVRecord r = only(dir.resolve("http-none"), "http", url(signed), "--no-progress", "-o", "out.csv");
        assertThat(r.get("error")).isEqualTo("tls");
        assertThat(r.get("cert_trusted")).isEqualTo("false");
    }

    @Test
    void scanTlsTrustsAPrivateCaFromAJksStore() throws Exception {
        String port = Integer.toString(signed.port());
        CSVRecord r = only(
                dir.resolve("scan-jks"),
                "scan",
                "--hosts",
                "localhost",
                "--ports",
                port,
                "--tls",
                "--no-progress",
                "-o",
                "out.csv",
                "--trust-store",
                jksStore.toString(),
                "--trust-store-password",
                "secret1");
        assertThat(r.get("state")).isEqualTo("open");
        assertThat(r.get("cert_trusted")).isEqualTo("true");
        CSVRecord without = only(
                dir.resolve("scan-none"),
                "scan",
                "--hosts",
                "localhost",
                "--ports",
                port,
                "--tls",
                "--no-progress",
                "-o",
                "out.csv");
        assertThat(without.get("cert_trusted")).isEqualTo("false");
    }

    @Test
    void insecureChecksTheServerBehindAnUntrustedCertificate() throws Exception {
        CSVRecord r = only(dir.resolve("http-k"), "http", url(selfSigned), "-k", "--no-progress", "-o", "out.csv");
        assertThat(r.get("error")).isEmpty();
        assertThat(r.get("status")).isEqualTo("200");
        assertThat(r.get("cert_trusted")).isEqualTo("false");
    }

    @Test
    void anUnreadableStoreOrWrongPasswordIsOneErrorLineAndExit2() throws Exception {
        String[][] cases = {
            {"http", url(signed), "--trust-store", dir.resolve("missing.p12").toString()},
            {"http", url(signed), "--trust-store", p12Store.toString(), "--trust-store-password", "wrong"},
            {
                "scan",
                "--hosts",
                "localhost",
                "--ports",
                "1",
                "--tls",
                "--trust-store",
                certs.ca.pem().toString()
            },
        };
        int i = 0;
        for (String[] args : cases) {
            Path run = Files.createDirectories(dir.resolve("bad" + i++));
            Process p = CliProcess.start(run, null, args);
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(run);
            assertThat(p.exitValue()).as(err).isEqualTo(2);
            assertThat(err.lines().toList())
                    .as(String.join(" ", args))
                    .singleElement()
                    .satisfies(line -> assertThat(line).startsWith("error:").contains("--trust-store"));
        }
    }

    /**
     * The history keeps every column a result has (an HTTP reply's version and Server header, a
     * certificate's seven), so history show gives back the run's own output file byte for byte.
     */
    @Test
    void historyShowGivesBackEveryColumnOfTlsResults() throws Exception {
        String db = dir.resolve("every-column.db").toString();
        String port = Integer.toString(signed.port());
        CSVRecord scanned = only(
                dir.resolve("hist-scan"),
                "scan",
                "--hosts",
                "localhost",
                "--ports",
                port,
                "--tls",
                "--no-progress",
                "-o",
                "out.csv",
                "--db",
                db);
        assertThat(scanned.get("cert_subject")).isNotEmpty();
        CSVRecord fetched = only(
                dir.resolve("hist-http"), "http", url(selfSigned), "-k", "--no-progress", "-o", "out.csv", "--db", db);
        assertThat(fetched.get("server")).isNotEmpty();
        assertThat(fetched.get("http_version")).isNotEmpty();
        int run = 1;
        for (String made : List.of("hist-scan", "hist-http")) {
            Path back = dir.resolve(made + "-back.csv");
            CliRunner shown =
                    CliRunner.run("history", "show", Integer.toString(run++), "--db", db, "-o", back.toString());
            assertThat(shown.status()).as(shown.err()).isZero();
            assertThat(Files.readString(back))
                    .isEqualTo(Files.readString(dir.resolve(made).resolve("out.csv")));
        }
    }
}
