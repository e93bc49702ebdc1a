package org.fanout.engine.probe;

import javax.net.ssl.SSLException;

/** A TLS handshake that failed, with the certificate the server presented if one came. */
final class TlsHandshakeFailed extends SSLException {
    private final transient CertificateInfo certificate;

    TlsHandshakeFailed(SSLException cause, CertificateInfo certificate) {
        super(cause.getMessage(), cause);
        this.certificate = certificate;
    }

    /** The certificate seen before the failure, or null. */
    CertificateInfo certificate() {
        return certificate;
    }

    /** The certificate carried by {@code e} or one of its causes, or null. */
    static CertificateInfo certificateOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TlsHandshakeFailed f) return f.certificate;
        }
        return null;
    }
}
