package org.fanout.engine.strategy;

import java.time.Instant;
import java.util.Arrays;
import org.fanout.engine.probe.CertificateInfo;

/** A certificate as seven wire fields (all null for none), so worker processes report it whole. */
final class CertificateWire {
    static final int FIELDS = 7;

    private CertificateWire() {}

    static Object[] fields(CertificateInfo c) {
        if (c == null) return new Object[FIELDS];
        return new Object[] {c.tlsVersion(), c.subject(), c.issuer(), c.sans(), c.notAfter(), c.daysLeft(), c.trusted()
        };
    }

    static CertificateInfo read(String[] f, int from) {
        if (f[from + 4] == null) return null;
        return new CertificateInfo(
                f[from],
                f[from + 1],
                f[from + 2],
                f[from + 3],
                Instant.parse(f[from + 4]),
                Long.parseLong(f[from + 5]),
                Boolean.parseBoolean(f[from + 6]));
    }

    /** {@code head} followed by the certificate's fields. */
    static Object[] append(Object[] head, CertificateInfo c) {
        Object[] out = Arrays.copyOf(head, head.length + FIELDS);
        System.arraycopy(fields(c), 0, out, head.length, FIELDS);
        return out;
    }
}
