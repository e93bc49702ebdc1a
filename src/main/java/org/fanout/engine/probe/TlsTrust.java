package org.fanout.engine.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which certificates are trusted, and a way to see the one a server presents even when it is
 * not: each connection gets its own {@link SSLContext} whose trust manager records the chain,
 * asks the real trust manager (chain and host name), and only then accepts or refuses. A context
 * per connection also means no session is resumed, so every handshake shows its certificate.
 */
public final class TlsTrust {
    /** The JDK's trust store is read at the first handshake: a scan of http:// URLs never pays ~0.1 s for it. */
    private final Supplier<X509ExtendedTrustManager> verifier;

    private final boolean acceptAny;

    private TlsTrust(Supplier<X509ExtendedTrustManager> verifier, boolean acceptAny) {
        this.verifier = verifier;
        this.acceptAny = acceptAny;
    }

    /**
     * @param trustFile PEM file of the certificates to trust, or null for the JDK's trust store
     * @param acceptAny finish the handshake whatever the certificate (it is still checked and recorded)
     */
    public static TlsTrust of(Path trustFile, boolean acceptAny) {
        if (trustFile == null) return new TlsTrust(() -> JdkDefault.VERIFIER, acceptAny);
        X509ExtendedTrustManager fromFile = fromPem(trustFile); // a bad file fails before any scan
        return new TlsTrust(() -> fromFile, acceptAny);
    }

    private static final class JdkDefault {
        static final X509ExtendedTrustManager VERIFIER = verifier(null);
    }

    private static X509ExtendedTrustManager fromPem(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca" + i++, c);
            }
            return verifier(store);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trusted certificates " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read trusted certificates " + file + ": " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager verifier(KeyStore store) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(store);
            for (TrustManager m : f.getTrustManagers()) {
                if (m instanceof X509ExtendedTrustManager x) return x;
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /**
     * Does once what a JVM's first TLS connection does before its first byte goes out: the TLS
     * provider and a context set up, a client hello made (key shares included), the trust store
     * read. ~0.3 s on the first call, nothing after. Done before a check's clock starts (an event
     * loop has it done on another thread rather than stall every connection it serves): it is the
     * JVM's cost, not the server's. Failures are left for a real handshake to meet.
     */
    void warmUp() {
        if (warm) return;
        try {
            SSLEngine engine = handshake().context().createSSLEngine("localhost", 443); // no lookup: a name only
            engine.setUseClientMode(true);
            engine.beginHandshake();
            engine.wrap(
                    ByteBuffer.allocate(0),
                    ByteBuffer.allocate(engine.getSession().getPacketBufferSize()));
            verifier.get();
        } catch (IOException | RuntimeException e) {
            // a real handshake fails the same way and says why
        }
        warm = true;
    }

    /** Whether {@link #warmUp} has run (threads racing to it the first time each do it once: harmless). */
    private volatile boolean warm;

    /** The TLS of one new connection. */
    Handshake handshake() throws IOException {
        return new Handshake();
    }

    /** One connection's context and what its handshake saw. */
    final class Handshake extends X509ExtendedTrustManager {
        private final SSLContext context;
        private volatile X509Certificate leaf;
        private volatile boolean trusted;
        private volatile String protocol;

        private Handshake() throws IOException {
            try {
                context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {this}, null);
            } catch (GeneralSecurityException e) {
                throw new SSLException("no TLS context", e);
            }
        }

        SSLContext context() {
            return context;
        }

        /** The certificate the server presented, or null when none came. */
        CertificateInfo seen(SSLSession session) {
            X509Certificate l = leaf;
            if (l == null) return null;
            String version = session != null && session.isValid() ? session.getProtocol() : protocol;
            return CertificateInfo.of(version, l, trusted, Instant.now());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            if (socket instanceof SSLSocket s && s.getHandshakeSession() != null)
                protocol = s.getHandshakeSession().getProtocol();
            decide(chain, () -> verifier.get().checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            if (engine != null && engine.getHandshakeSession() != null)
                protocol = engine.getHandshakeSession().getProtocol();
            decide(chain, () -> verifier.get().checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            decide(chain, () -> verifier.get().checkServerTrusted(chain, authType));
        }

        private void decide(X509Certificate[] chain, Check check) throws CertificateException {
            leaf = chain == null || chain.length == 0 ? null : chain[0];
            try {
                check.run();
                trusted = true;
            } catch (CertificateException e) {
                trusted = false;
                if (!acceptAny) throw e;
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a client never checks client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a client never checks client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client never checks client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return verifier.get().getAcceptedIssuers();
        }
    }

    @FunctionalInterface
    private interface Check {
        void run() throws CertificateException;
    }
}
