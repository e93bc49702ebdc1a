package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
        // A range of three free ports: another socket of the machine (an ephemeral client port) can
        // take one between the check and the lab's bind, so a range found taken is tried again.
        CliRunner r = null;
        int first = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            first = freeRangeOfThree();
            r = CliRunner.run("lab", "--tcp-ports", first + "-" + (first + 2), "--http-port", "0", "--for", "300ms");
            if (!r.err().contains("Address already in use")) break;
        }
        assertThat(r.status()).as(r.err()).isZero();
        for (int p = first; p <= first + 2; p++) {
            assertThat(r.out()).contains("127.0.0.1:" + p + " ");
        }
        assertThat(r.out()).contains("TCP listeners on 127.0.0.1 (3)");
    }

    /** The first of three consecutive ports each free on 127.0.0.1 right now. */
    private static int freeRangeOfThree() throws IOException {
        for (int tries = 0; tries < 50; tries++) {
            int first;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                first = probe.getLocalPort();
            }
            if (first > 65000) first -= 1000;
            try (ServerSocket a = new ServerSocket(first, 1, InetAddress.getLoopbackAddress());
                    ServerSocket b = new ServerSocket(first + 1, 1, InetAddress.getLoopbackAddress());
                    ServerSocket c = new ServerSocket(first + 2, 1, InetAddress.getLoopbackAddress())) {
                return first;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no three consecutive free ports on 127.0.0.1");
    }
}
