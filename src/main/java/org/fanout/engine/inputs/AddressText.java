package org.fanout.engine.inputs;

import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The one way Fanout writes an IP address as text, everywhere it shows one (CSV, JSON, text
 * table, summary, app): IPv4 dotted-quad, IPv6 in the compressed form of RFC 5952 ({@code ::1},
 * not Java's {@code 0:0:0:0:0:0:0:1}).
 */
public final class AddressText {
    private AddressText() {}

    private record Written(InetAddress address, String text) {}

    /**
     * The last address written: a scan writes the same host's address for each of its ports, and
     * formatting it anew showed in the full-range scan's allocations. Compared by value (equals
     * compares the bytes, as the text does): a scan in random order parses the host per target.
     * Not volatile: a thread that sees a stale pair only formats again (the record's fields are final).
     */
    private static Written last = new Written(null, "");

    /** The address as text; empty for null (a host that did not resolve). */
    public static String of(InetAddress address) {
        if (address == null) {
            return "";
        }
        Written cached = last;
        if (address.equals(cached.address())) {
            return cached.text();
        }
        String text = format(address);
        last = new Written(address, text);
        return text;
    }

    private static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (!(address instanceof Inet6Address)) {
            return v4(((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL));
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 8; k++) {
            hi = (hi << 8) | (b[k] & 0xFF);
            lo = (lo << 8) | (b[k + 8] & 0xFF);
        }
        return v6(hi, lo); // a scope id (fe80::1%eth0) is left out: Fanout never scans by zone
    }

    /** An unsigned 32-bit IPv4 address in dotted-quad form. */
    static String v4(long v) {
        return ((v >>> 24) & 0xFF) + "." + ((v >>> 16) & 0xFF) + "." + ((v >>> 8) & 0xFF) + "." + (v & 0xFF);
    }

    /** RFC 5952 text: lower-case hex, no leading zeros, the longest run of 2+ zero groups as '::'. */
    static String v6(long hi, long lo) {
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) {
            g[k] = (int) ((hi >>> (48 - 16 * k)) & 0xFFFF);
            g[k + 4] = (int) ((lo >>> (48 - 16 * k)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int k = 0; k < 8; k++) {
            if (g[k] == 0) {
                int end = k;
                while (end < 8 && g[end] == 0) {
                    end++;
                }
                if (end - k > bestLength) {
                    bestStart = k;
                    bestLength = end - k;
                }
                k = end;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                sb.append("::");
                k += bestLength - 1;
                continue;
            }
            if (!sb.isEmpty() && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[k]));
        }
        return sb.toString();
    }
}
