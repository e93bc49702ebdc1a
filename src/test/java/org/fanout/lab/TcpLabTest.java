package org.fanout.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanout.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class TcpLabTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static Socket connect(int port, int readTimeoutMs) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(LOOPBACK, port), 2000);
        s.setSoTimeout(readTimeoutMs);
        return s;
    }

    /**
     * A port handed out as free stays free of this process's listeners: a test that frees its
     * "closed" ports and then starts a lab must not find one of them open. 2,000 ports of the
     * ~28,000 the OS chooses from are handed out, so without the rule some of 300 OS-chosen
     * listeners would land on one.
     */
    @Test
    void aListenerNeverTakesAPortHandedOutAsFree() throws IOException {
        List<Integer> handedOut = new ArrayList<>();
        for (int i = 0; i < 2; i++) handedOut.addAll(TcpLab.freeEphemeralPorts(1_000));
        assertThat(handedOut).doesNotHaveDuplicates();
        List<Integer> zeros = java.util.Collections.nCopies(300, 0);
        try (TcpLab lab = TcpLab.open(zeros, BannerMix.SILENT, Duration.ofSeconds(5));
                FullBacklogListener full = TcpLab.fullBacklogListener()) {
            assertThat(lab.ports()).hasSize(300).doesNotContainAnyElementsOf(handedOut);
            assertThat(handedOut).doesNotContain(full.port());
        }
    }

    @Test
    void bannerListenersAnnounceThenCloseAndSilentOnesSayNothing() throws Exception {
        try (TcpLab lab = TcpLab.start(4, BannerMix.MIXED)) {
            List<Integer> ports = lab.ports();
            assertThat(ports).hasSize(4).doesNotHaveDuplicates().allMatch(p -> p > 0 && p <= 65535);
            Map<Integer, String> banners = lab.banners();
            assertThat(banners.keySet()).containsExactlyElementsOf(ports);
            assertThat(banners.values())
                    .containsExactly(
                            "SSH-2.0-FanoutLab_1.0\r\n",
                            "FanoutLab telnet ready\r\n",
                            "",
                            "220 FanoutLab FTP ready\r\n");

            for (int port : ports) {
                String expected = banners.get(port);
                try (Socket s = connect(port, 1000)) {
                    InputStream in = s.getInputStream();
                    if (expected.isEmpty()) {
                        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
                    } else {
                        // the whole banner, then EOF: the lab shut its side down after it
                        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII))
                                .isEqualTo(expected);
                    }
                }
            }
            // at least: other programs on this machine may scan loopback ports too
            assertThat(lab.connectionsAccepted()).isGreaterThanOrEqualTo(4);
            assertThat(lab.describe())
                    .contains("127.0.0.1:" + ports.get(0), "ssh", "silent")
                    .doesNotContain("0.0.0.0");
        }
    }

    @Test
    void silentConnectionsAreClosedAfterTheIdleTime() throws Exception {
        try (TcpLab lab = TcpLab.open(List.of(0), BannerMix.SILENT, Duration.ofMillis(300));
                Socket s = connect(lab.ports().getFirst(), 3000)) {
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isBetween(200L, 2500L);
        }
    }

    @Test
    void manyShortConnectsDoNotPileUp() throws Exception {
        try (TcpLab lab = TcpLab.start(2, BannerMix.of(ListenerKind.SILENT, ListenerKind.SSH))) {
            for (int i = 0; i < 200; i++) {
                try (Socket s = connect(lab.ports().get(i % 2), 1000)) {
                    assertThat(s.isConnected()).isTrue();
                }
            }
            // the kernel completes connects before the lab accepts them: wait for both to settle
            Await.atMost(Duration.ofSeconds(3), () -> lab.connectionsAccepted() >= 200 && lab.openConnections() == 0);
            assertThat(lab.openConnections()).isZero();
            assertThat(lab.connectionsAccepted()).isGreaterThanOrEqualTo(200);
            assertThat(lab.activeThreads()).isEqualTo(2); // just the two accept loops
        }
    }

    @Test
    void listensOnChosenFreePorts() throws Exception {
        List<Integer> free = TcpLab.freeEphemeralPorts(3);
        assertThat(free).hasSize(3).doesNotHaveDuplicates();
        try (TcpLab lab =
                TcpLab.onPorts(free.stream().mapToInt(Integer::intValue).toArray())) {
            assertThat(lab.ports()).containsExactlyElementsOf(free);
            try (Socket s = connect(free.getFirst(), 1000)) {
                assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
                        .startsWith("SSH-2.0-");
            }
        }
    }

    @Test
    void aTakenPortFailsTheWholeStartAndLeavesNothingOpen() throws Exception {
        List<Integer> free = TcpLab.freeEphemeralPorts(1);
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            assertThatThrownBy(() -> TcpLab.onPorts(free.getFirst(), taken.getLocalPort()))
                    .isInstanceOf(BindException.class);
        }
        try (ServerSocket again = new ServerSocket(free.getFirst(), 1, LOOPBACK)) {
            assertThat(again.getLocalPort()).isEqualTo(free.getFirst());
        }
        assertThatThrownBy(() -> TcpLab.onPorts(70000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("70000");
        assertThatThrownBy(() -> TcpLab.start(-1, BannerMix.MIXED)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fullBacklogListenerMakesConnectsTimeOut() throws Exception {
        try (FullBacklogListener filtered = TcpLab.fullBacklogListener()) {
            // Linux queues backlog + 1 = 2 before dropping SYNs (measured; see FullBacklogListener)
            assertThat(filtered.heldConnections()).isBetween(1, FullBacklogListener.MAX_FILL - 1);
            for (int attempt = 0; attempt < 2; attempt++) {
                try (Socket s = new Socket()) {
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> s.connect(new InetSocketAddress(LOOPBACK, filtered.port()), 300))
                            .isInstanceOf(SocketTimeoutException.class);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertThat(ms).isBetween(250L, 2000L);
                }
            }
        }
    }

    @Test
    void closeReleasesPortsAndThreadsPromptly() throws Exception {
        TcpLab lab = TcpLab.start(3, BannerMix.MIXED);
        List<Integer> ports = lab.ports();
        List<Socket> clients = new ArrayList<>();
        try {
            for (int port : ports) {
                clients.add(connect(port, 2000)); // live connections at close time
            }
            assertThat(lab.activeThreads()).isGreaterThanOrEqualTo(3);
            long start = System.nanoTime();
            lab.close();
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1500);
        } finally {
            for (Socket c : clients) {
                c.close();
            }
        }
        assertThat(lab.activeThreads()).isZero();
        assertThat(lab.openConnections()).isZero();
        assertThat(LabThreads.platformLabThreads()).isEmpty();
        for (int port : ports) {
            try (ServerSocket again = new ServerSocket(port, 1, LOOPBACK)) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
        lab.close(); // idempotent
    }
}
