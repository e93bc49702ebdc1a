package org.fanout.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class LabTest {

    @Test
    void startsEverythingAndDescribesItWithLoopbackExamples() throws Exception {
        LabOptions options = LabOptions.defaults()
                .withTcpCount(3)
                .withLatency(Duration.ofMillis(20), Duration.ofMillis(10))
                .withFaults(0.01, 0.02, Duration.ofSeconds(3))
                .withSeed(9);
        List<Integer> ports = new ArrayList<>();
        try (Lab lab = Lab.start(options)) {
            ports.addAll(lab.tcp().ports());
            ports.add(lab.http().port());
            ports.add(lab.filteredPort());
            assertThat(ports).hasSize(5).doesNotHaveDuplicates();

            String text = lab.describe();
            for (int port : ports) {
                assertThat(text).contains("127.0.0.1:" + port);
            }
            assertThat(text)
                    .contains(
                            "SSH-2.0-FanoutLab_1.0",
                            "telnet",
                            "silent",
                            "filtered",
                            lab.http().baseUrl(),
                            "latency 10ms..30ms",
                            "status mix 200:90,404:5,500:3,301:2",
                            "reset 1.0%",
                            "slow 2.0% (+3s)",
                            "seed 9",
                            "/redirect/{n}",
                            "./fanout scan --hosts 127.0.0.1",
                            "./fanout http " + lab.http().baseUrl());
            assertThat(text).doesNotContain("0.0.0.0", "localhost:");

            assertThat(RawHttp.get(lab.http().port(), "/status/200").status()).isEqualTo(200);
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), lab.filteredPort()), 300))
                        .isInstanceOf(SocketTimeoutException.class);
            }
        }
        for (int port : ports) {
            try (ServerSocket again = TcpLab.bindLoopback(port, 1)) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
        assertThat(LabThreads.platformLabThreads()).isEmpty();
    }

    @Test
    void withoutTheFilteredPortAndWithNoTcpListeners() throws Exception {
        try (Lab lab = Lab.start(LabOptions.defaults().withTcpCount(0).withFiltered(false))) {
            assertThat(lab.filteredPort()).isEqualTo(-1);
            assertThat(lab.tcp().ports()).isEmpty();
            assertThat(lab.describe()).doesNotContain("filtered", "./fanout scan");
            lab.close();
            assertThat(lab.http().activeThreads()).isZero();
            assertThat(lab.tcp().activeThreads()).isZero();
        }
    }

    @Test
    void aTakenHttpPortFailsAndLeavesNothingRunning() throws Exception {
        try (ServerSocket taken = TcpLab.bindLoopback(0, 1)) {
            assertThatThrownBy(() -> Lab.start(LabOptions.defaults().withHttpPort(taken.getLocalPort())))
                    .isInstanceOf(BindException.class);
        }
        assertThatThrownBy(() -> LabOptions.defaults().withFaults(0.7, 0.7, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1");
        assertThatThrownBy(() -> LabOptions.defaults().withTcpCount(5000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5000");
    }
}
