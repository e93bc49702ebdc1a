package org.fanout.lab;

import java.nio.charset.StandardCharsets;

/** What a {@link TcpLab} listener does when a client connects. */
public enum ListenerKind {
    /** Announces itself like an SSH server, then closes. */
    SSH("ssh", "SSH-2.0-FanoutLab_1.0\r\n"),
    /** A telnet-like login prompt, then closes. */
    TELNET("telnet", "FanoutLab telnet ready\r\n"),
    /** An FTP-like greeting, then closes. */
    FTP("ftp", "220 FanoutLab FTP ready\r\n"),
    /** Says nothing; closes when the client does or after the idle time. */
    SILENT("silent", "");

    private final String label;
    private final String banner;

    ListenerKind(String label, String banner) {
        this.label = label;
        this.banner = banner;
    }

    /** Lower-case name: {@code ssh}, {@code telnet}, {@code ftp}, {@code silent}. */
    public String label() {
        return label;
    }

    /** The exact text sent on accept (with its CR LF), or "" for {@link #SILENT}. */
    public String banner() {
        return banner;
    }

    byte[] bannerBytes() {
        return banner.getBytes(StandardCharsets.US_ASCII);
    }
}
