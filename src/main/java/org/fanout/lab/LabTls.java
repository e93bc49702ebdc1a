package org.fanout.lab;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** TLS for the lab's HTTP server: the server side of a handshake with a certificate it is given. */
public final class LabTls {
    private LabTls() {}

    /**
     * A server context presenting the key and certificate chain in a PKCS#12 file (as
     * {@code openssl pkcs12 -export} or {@code keytool -genkeypair} write it).
     */
    public static SSLContext fromPkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + file + " as a TLS key store: " + e.getMessage(), e);
        }
    }

    /** {@code plain} as the server side of TLS; the handshake runs on the first read or write. */
    static Socket serverSide(SSLContext context, Socket plain) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        tls.setUseClientMode(false);
        return tls;
    }
}
