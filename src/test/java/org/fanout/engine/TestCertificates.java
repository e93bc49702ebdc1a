package org.fanout.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Certificates for tests, made by the {@code openssl} and {@code keytool} commands into a
 * directory: a test CA, a leaf it signed for localhost/127.0.0.1, a self-signed one, one for
 * another host name, and one that expired. Each comes as PEM (certificate and key) and as a
 * PKCS#12 file with password {@link #PASSWORD} for the lab.
 */
public final class TestCertificates {
    public static final char[] PASSWORD = "changeit".toCharArray();
    static final String LOCAL_SANS = "subjectAltName=DNS:localhost,IP:127.0.0.1";

    /** One certificate: its PEM, its key's PEM (null when only in the PKCS#12 file) and the PKCS#12 file. */
    public record Cert(Path pem, Path key, Path p12) {
        /** The certificate's end as {@code openssl x509 -enddate -noout} prints it. */
        Instant opensslNotAfter() throws IOException {
            String out = run(pem.getParent(), "openssl", "x509", "-enddate", "-noout", "-in", pem.toString())
                    .strip();
            String date = out.substring(out.indexOf('=') + 1).replaceAll("\\s+", " ");
            return ZonedDateTime.parse(date, DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy zzz", Locale.ROOT))
                    .withZoneSameInstant(ZoneOffset.UTC)
                    .toInstant();
        }
    }

    public final Path dir;
    public final Cert ca;
    public final Cert signed;
    public final Cert selfSigned;
    public final Cert wrongHost;
    public final Cert expired;

    public TestCertificates(Path dir) throws IOException {
        this.dir = dir;
        ca = new Cert(dir.resolve("ca.pem"), dir.resolve("ca.key"), null);
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "ca.key",
                "-out",
                "ca.pem",
                "-days",
                "60",
                "-subj",
                "/CN=Fanout Test CA/O=Fanout Tests",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        openssl(
                "req",
                "-new",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "signed.key",
                "-out",
                "signed.csr",
                "-subj",
                "/CN=localhost/O=Fanout Lab");
        Files.writeString(dir.resolve("signed.ext"), LOCAL_SANS + "\nextendedKeyUsage=serverAuth\n");
        openssl(
                "x509",
                "-req",
                "-in",
                "signed.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "signed.pem",
                "-days",
                "45",
                "-extfile",
                "signed.ext");
        signed = pkcs12("signed", true);
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "self.key",
                "-out",
                "self.pem",
                "-days",
                "10",
                "-subj",
                "/CN=localhost",
                "-addext",
                LOCAL_SANS);
        selfSigned = pkcs12("self", false);
        openssl(
                "req",
                "-new",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "other.key",
                "-out",
                "other.csr",
                "-subj",
                "/CN=other.invalid");
        Files.writeString(dir.resolve("other.ext"), "subjectAltName=DNS:other.invalid\n");
        openssl(
                "x509",
                "-req",
                "-in",
                "other.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                "other.pem",
                "-days",
                "20",
                "-extfile",
                "other.ext");
        wrongHost = pkcs12("other", true);
        // openssl 3.0 cannot date a certificate in the past; keytool can (-startdate).
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                dir,
                keytool,
                "-genkeypair",
                "-keystore",
                "expired.p12",
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit",
                "-alias",
                "lab",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-startdate",
                "-30d",
                "-validity",
                "10");
        run(
                dir,
                keytool,
                "-exportcert",
                "-rfc",
                "-keystore",
                "expired.p12",
                "-storepass",
                "changeit",
                "-alias",
                "lab",
                "-file",
                "expired.pem");
        expired = new Cert(dir.resolve("expired.pem"), null, dir.resolve("expired.p12"));
    }

    private Cert pkcs12(String name, boolean withCa) throws IOException {
        List<String> args = new ArrayList<>(List.of(
                "pkcs12",
                "-export",
                "-inkey",
                name + ".key",
                "-in",
                name + ".pem",
                "-out",
                name + ".p12",
                "-passout",
                "pass:changeit",
                "-name",
                "lab"));
        if (withCa) args.addAll(List.of("-certfile", "ca.pem"));
        openssl(args.toArray(String[]::new));
        return new Cert(dir.resolve(name + ".pem"), dir.resolve(name + ".key"), dir.resolve(name + ".p12"));
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(dir, command.toArray(String[]::new));
    }

    static String run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
