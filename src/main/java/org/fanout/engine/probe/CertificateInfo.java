package org.fanout.engine.probe;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The certificate a TLS server presented (the first of its chain), whether or not it was trusted.
 *
 * @param tlsVersion the protocol negotiated ("TLSv1.3"), or null when the handshake stopped before it was known
 * @param subject    the subject's distinguished name (RFC 2253, e.g. {@code CN=localhost,O=Lab})
 * @param issuer     the issuer's distinguished name (RFC 2253)
 * @param sans       the subject alternative names (DNS names and IP addresses), comma-separated, or ""
 * @param notAfter   the last instant the certificate is valid
 * @param daysLeft   whole days from the check to {@code notAfter}, rounded down: {@link #daysLeft(Instant, Instant)}
 * @param trusted    the chain leads to a trusted root and names the host asked for
 */
public record CertificateInfo(
        String tlsVersion,
        String subject,
        String issuer,
        String sans,
        Instant notAfter,
        long daysLeft,
        boolean trusted) {
    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

    /**
     * floor((notAfter - now) / 1 day), counted in whole seconds: 0 on the last day, -1 from the
     * first second after expiry. Certificates name their end to the second, so this equals what
     * {@code openssl x509 -enddate} implies for the same moment.
     */
    public static long daysLeft(Instant notAfter, Instant now) {
        return Math.floorDiv(notAfter.getEpochSecond() - now.getEpochSecond(), DAY_SECONDS);
    }

    /** The details of {@code leaf} as seen at {@code now}. */
    static CertificateInfo of(String tlsVersion, X509Certificate leaf, boolean trusted, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        return new CertificateInfo(
                tlsVersion,
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                sans(leaf),
                notAfter,
                daysLeft(notAfter, now),
                trusted);
    }

    /** The same certificate with the protocol that was negotiated. */
    CertificateInfo withTlsVersion(String version) {
        return new CertificateInfo(version, subject, issuer, sans, notAfter, daysLeft, trusted);
    }

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private static String sans(X509Certificate leaf) {
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return "";
        }
        if (names == null) return "";
        List<String> out = new ArrayList<>();
        for (List<?> name : names) {
            Object type = name.get(0);
            if (type instanceof Integer t && (t == SAN_DNS || t == SAN_IP) && name.get(1) instanceof String value) {
                out.add(value);
            }
        }
        return String.join(",", out);
    }
}
