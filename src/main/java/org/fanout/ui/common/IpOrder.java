package org.fanout.ui.common;

import java.util.Comparator;

/**
 * Orders IP addresses as numbers (127.0.0.2 before 127.0.0.10): IPv4 first, then IPv6 and
 * anything else as text; empty (unresolved) last. Cheap and thread-safe: used to sort a million
 * rows off the FX thread.
 */
public final class IpOrder {
    public static final Comparator<String> ORDER = IpOrder::compare;

    private IpOrder() {}

    static int compare(String a, String b) {
        return compare(ipv4(a), a, ipv4(b), b);
    }

    /**
     * The same order for addresses whose {@link #ipv4} values {@code x} and {@code y} are already
     * known: sorting many rows, each parses its address once instead of at every comparison.
     */
    public static int compare(long x, String a, long y, String b) {
        if (x >= 0 && y >= 0) return Long.compare(x, y);
        if (x >= 0) return -1;
        if (y >= 0) return 1;
        boolean ea = a == null || a.isEmpty();
        boolean eb = b == null || b.isEmpty();
        if (ea || eb) return Boolean.compare(ea, eb);
        return a.compareTo(b);
    }

    /** The address as a number, or -1 if it is not a dotted IPv4 address. */
    public static long ipv4(String s) {
        if (s == null || s.isEmpty()) return -1;
        long value = 0;
        int part = 0;
        int digits = 0;
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                part = part * 10 + (c - '0');
                if (++digits > 3 || part > 255) return -1;
            } else if (c == '.' && digits > 0 && dots < 3) {
                value = value << 8 | part;
                part = 0;
                digits = 0;
                dots++;
            } else {
                return -1;
            }
        }
        if (dots != 3 || digits == 0) return -1;
        return value << 8 | part;
    }
}
