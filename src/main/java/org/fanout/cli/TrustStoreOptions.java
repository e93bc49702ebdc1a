package org.fanout.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import picocli.CommandLine.Option;

/** Which certificates TLS trusts ({@code --trust-store}): shared by {@code http} and {@code scan --tls}. */
final class TrustStoreOptions {
    @Option(
            names = "--trust-store",
            paramLabel = "FILE",
            description = "PKCS#12 or JKS file of the certificates to trust instead of the JDK's (e.g. a private CA).")
    Path trustStore;

    @Option(
            names = "--trust-store-password",
            paramLabel = "P",
            description = "Password of --trust-store (default: none).")
    String password;

    /**
     * The certificates of {@code --trust-store} as a PEM file the engine reads (in this process
     * and in any worker process, which needs no password then), or null for the JDK's trust store.
     */
    Path pemFile() {
        if (trustStore == null) {
            if (password != null) throw new UserError("--trust-store-password needs --trust-store");
            return null;
        }
        List<Certificate> certificates = new ArrayList<>();
        try {
            KeyStore store =
                    KeyStore.getInstance(trustStore.toFile(), password == null ? null : password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain != null) certificates.addAll(List.of(chain));
                else if (store.getCertificate(alias) != null) certificates.add(store.getCertificate(alias));
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new UserError("cannot read --trust-store " + trustStore + ": " + reason(e));
        }
        if (certificates.isEmpty()) throw new UserError("--trust-store " + trustStore + " holds no certificates");
        try {
            Path pem = Files.createTempFile("fanout-trust-", ".pem");
            pem.toFile().deleteOnExit();
            Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            try (Writer out = Files.newBufferedWriter(pem, StandardCharsets.US_ASCII)) {
                for (Certificate c : certificates) {
                    out.write("-----BEGIN CERTIFICATE-----\n" + base64.encodeToString(c.getEncoded())
                            + "\n-----END CERTIFICATE-----\n");
                }
            }
            return pem;
        } catch (IOException | GeneralSecurityException e) {
            throw new UserError("cannot prepare --trust-store " + trustStore + ": " + reason(e));
        }
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
