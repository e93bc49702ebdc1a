package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code fanout lab --bind ::1} and {@code --tcp-ports A-B}: what it says is where it listens. */
@Timeout(30)
class LabCommandAddressTest {

    @Test
    void bindsIpv6LoopbackAndSaysSo() {
        CliRunner r = CliRunner.run("lab", "--bind", "::1", "--tcp", "2", "--http-port", "0", "--for", "300ms");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("loopback ([::1] only)", "TCP listeners on [::1] (2)", "http://[::1]:", "--hosts ::1")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void bindsBothFamilies() {
        CliRunner r = CliRunner.run("lab", "--bind", "both", "--tcp", "1", "--http-port", "0", "--for", "300ms");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("loopback (127.0.0.1 and [::1] only)", "also on [::1]");
    }

    @Test
    void listensOnTheChosenPortRange() throws Exception {
        int first;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            first = probe.getLocalPort();
        }
        if (first > 65000) first -= 1000; // room for a range of 3
        String range = first + "-" + (first + 2);
        CliRunner r = CliRunner.run("lab", "--tcp-ports", range, "--http-port", "0", "--for", "300ms");
        assertThat(r.status()).as(r.err()).isZero();
        for (int p = first; p <= first + 2; p++) {
            assertThat(r.out()).contains("127.0.0.1:" + p + " ");
        }
        assertThat(r.out()).contains("TCP listeners on 127.0.0.1 (3)");
    }
}
