package org.fanout.ui.common;

import java.util.Locale;

/** What the app checks: TCP ports on hosts, or HTTP URLs. */
public enum ScanMode {
    TCP("TCP ports"),
    HTTP("HTTP health check");

    private final String title;

    ScanMode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "tcp"/"http" (any case); anything else is an IllegalArgumentException. */
    public static ScanMode parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "tcp", "scan" -> TCP;
            case "http" -> HTTP;
            default -> throw new IllegalArgumentException("unknown mode '" + text + "' (expected tcp or http)");
        };
    }
}
