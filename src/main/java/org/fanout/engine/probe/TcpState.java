package org.fanout.engine.probe;

import java.util.Locale;

/** What a TCP connect found. */
public enum TcpState {
    /** The three-way handshake completed: something listens. */
    OPEN,
    /** The peer answered with a reset: nothing listens. */
    CLOSED,
    /** No answer before the deadline (dropped SYNs, full backlog, firewall). */
    FILTERED,
    /** The probe could not be made: unknown host, unreachable network, refused by the OS... */
    ERROR;

    // Computed once: label() is called for every result written (it showed in the scan's profile).
    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in CSV, JSON and the CLI: {@code open}, {@code closed}... */
    public String label() {
        return label;
    }

    public static TcpState fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
