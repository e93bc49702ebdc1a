package org.fanout.engine.probe;

import java.nio.charset.StandardCharsets;

/** The first line of what a server announces (ssh and telnet greet before the client speaks). */
final class Banners {
    private Banners() {}

    static boolean hasLineEnd(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') return true;
        }
        return false;
    }

    /** The bytes up to the first line end, decoded leniently; null when the server said nothing. */
    static String firstLine(byte[] buf, int n) {
        int end = 0;
        while (end < n && buf[end] != '\n') end++;
        if (end > 0 && buf[end - 1] == '\r') end--;
        if (end == 0) return n == 0 ? null : "";
        // Escaping of control characters is the exporters' job: the engine keeps the raw text.
        return new String(buf, 0, end, StandardCharsets.UTF_8);
    }
}
