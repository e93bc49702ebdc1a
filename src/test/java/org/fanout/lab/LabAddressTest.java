package org.fanout.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lab's address family and port choice: ::1 answers on ::1, chosen ports listen, nothing else is bound. */
@Timeout(20)
class LabAddressTest {
    private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

    @Test
    void aLabOnIpv6LoopbackAnswersOnIpv6Loopback() throws Exception {
        try (Lab lab = Lab.start(LabOptions.defaults().withTcpCount(2).withAddress(IPV6_LOOPBACK))) {
            assertThat(lab.tcp().address()).isInstanceOf(Inet6Address.class);
            for (int port : lab.tcp().ports()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(IPV6_LOOPBACK, port), 2000);
                    assertThat(s.getInetAddress()).isEqualTo(IPV6_LOOPBACK);
                }
            }
            assertThat(lab.http().baseUrl())
                    .isEqualTo("http://[::1]:" + lab.http().port());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(IPV6_LOOPBACK, lab.http().port()), 2000);
                s.setSoTimeout(3000);
                s.getOutputStream()
                        .write("GET /status/200 HTTP/1.1\r\nHost: [::1]\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
                assertThat(head).isEqualTo("HTTP/1.1 200");
            }
            assertThat(lab.describe())
                    .contains("[::1]:" + lab.tcp().ports().get(0), "--hosts ::1")
                    .doesNotContain("127.0.0.1");
        }
    }

    @Test
    void aLabOnBothFamiliesAnswersOnBothAtTheSamePorts() throws Exception {
        try (Lab lab = Lab.start(LabOptions.defaults().withTcpCount(2).withAlsoIpv6(true))) {
            assertThat(lab.tcpIpv6().ports()).isEqualTo(lab.tcp().ports());
            assertThat(lab.httpIpv6().port()).isEqualTo(lab.http().port());
            List<Integer> ports = new ArrayList<>(lab.tcp().ports());
            ports.add(lab.http().port());
            for (InetAddress address : List.of(InetAddress.getLoopbackAddress(), IPV6_LOOPBACK)) {
                for (int port : ports) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(address, port), 2000);
                    }
                }
            }
            assertThat(lab.describe())
                    .contains("also on [::1]", "http://[::1]:" + lab.http().port());
        }
        assertThatThrownBy(
                        () -> LabOptions.defaults().withAddress(IPV6_LOOPBACK).withAlsoIpv6(true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(LabThreads.platformLabThreads()).isEmpty();
    }

    @Test
    void chosenTcpPortsAreTheOnesListening() throws Exception {
        int first = freeRunOfPorts(4);
        try (Lab lab = Lab.start(LabOptions.defaults().withTcpCount(4).withFirstTcpPort(first))) {
            assertThat(lab.tcp().ports()).containsExactly(first, first + 1, first + 2, first + 3);
            for (int port : lab.tcp().ports()) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
                }
            }
        }
    }

    @Test
    void aNonLoopbackAddressIsRefusedBeforeAnySocketIsOpened() throws Exception {
        InetAddress any = InetAddress.getByAddress(new byte[] {0, 0, 0, 0});
        InetAddress lan = InetAddress.getByAddress(new byte[] {(byte) 192, (byte) 168, 1, 1});
        for (InetAddress bad : List.of(any, lan)) {
            assertThatThrownBy(() -> LabOptions.defaults().withAddress(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("loopback");
            assertThatThrownBy(() -> TcpLab.open(bad, List.of(0), BannerMix.MIXED, Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> LabHttpServer.builder().address(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FullBacklogListener.open(bad, 0)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(LabThreads.platformLabThreads()).isEmpty();
    }

    /** The first of {@code n} consecutive loopback ports that are free right now (bound together, then released). */
    private static int freeRunOfPorts(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = TcpLab.freeEphemeralPorts(1).get(0);
            if (first + n - 1 > 65535) continue;
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) held.add(TcpLab.bindLoopback(first + i, 1));
                return first;
            } catch (IOException taken) {
                // try another start
            } finally {
                for (ServerSocket s : held) s.close();
            }
        }
        throw new IllegalStateException("no run of " + n + " free ports");
    }

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
