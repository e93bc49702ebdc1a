package org.fanout.engine.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.fanout.engine.inputs.Endpoint;

/**
 * Asks an open port for its TLS certificate ({@code scan --tls}): a new connection, a client
 * handshake with its own deadline, and the certificate the server presented, trusted or not
 * (checked against the JDK's trust store and the host as written). A port that does not speak
 * TLS, or does not answer in time, has none. Blocking: call it from a thread that may wait.
 */
public final class TlsInspector {
    private final Duration timeout;
    private final TlsTrust trust;

    public TlsInspector(Duration timeout) {
        this(timeout, null);
    }

    /** @param trustFile PEM file of the certificates to trust, or null for the JDK's trust store */
    public TlsInspector(Duration timeout, Path trustFile) {
        if (timeout.isNegative() || timeout.isZero())
            throw new IllegalArgumentException("TLS timeout must be positive");
        this.timeout = timeout;
        this.trust = TlsTrust.of(trustFile, true);
    }

    /** The certificate {@code target} presents, or null when it shows none. */
    public CertificateInfo inspect(Endpoint target) {
        if (target.address() == null) return null;
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(target.address(), target.port()), millisLeft(deadline));
            TlsTrust.Handshake handshake = trust.handshake();
            try (SSLSocket tls = (SSLSocket)
                    handshake.context().getSocketFactory().createSocket(plain, target.host(), target.port(), true)) {
                SSLParameters params = tls.getSSLParameters();
                HttpSteps.tlsParameters(params, target.host());
                tls.setSSLParameters(params);
                tls.setSoTimeout(millisLeft(deadline));
                try {
                    tls.startHandshake();
                    return handshake.seen(tls.getSession());
                } catch (SSLException notTls) {
                    return handshake.seen(null);
                }
            }
        } catch (IOException | RuntimeException noAnswer) {
            return null;
        }
    }

    private static int millisLeft(long deadline) throws SocketTimeoutException {
        long ms = (deadline - System.nanoTime()) / 1_000_000;
        if (ms <= 0) throw new SocketTimeoutException("TLS deadline passed");
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }
}
