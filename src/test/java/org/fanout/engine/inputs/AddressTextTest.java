package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class AddressTextTest {
    @Test
    void ipv6IsWrittenCompressedAsInRfc5952() {
        assertThat(AddressText.of(InetAddress.ofLiteral("::1"))).isEqualTo("::1");
        assertThat(AddressText.of(InetAddress.ofLiteral("0:0:0:0:0:0:0:0"))).isEqualTo("::");
        assertThat(AddressText.of(InetAddress.ofLiteral("FD00:0:0:0:0:0:0:AB"))).isEqualTo("fd00::ab");
        assertThat(AddressText.of(InetAddress.ofLiteral("1:0:0:1:0:0:0:1"))).isEqualTo("1:0:0:1::1");
        assertThat(AddressText.of(InetAddress.ofLiteral("127.0.0.1"))).isEqualTo("127.0.0.1");
        assertThat(AddressText.of(null)).isEmpty();
    }

    @Test
    void anEndpointShowsItsAddressCompressed() {
        Endpoint loopback6 = new Endpoint("localhost", InetAddress.ofLiteral("::1"), 22);
        assertThat(loopback6.ip()).isEqualTo("::1");
        assertThat(new Endpoint("x", null, 22, TcpTargets.UNKNOWN_HOST).ip()).isEmpty();
    }

    @Test
    void theLastAddressKeptForReuseNeverAnswersForAnother() {
        String[] literals = {"127.0.0.1", "127.0.0.1", "127.0.0.2", "::1", "::1", "127.0.0.1", "::2", "127.0.0.1"};
        for (String literal : literals) {
            assertThat(AddressText.of(InetAddress.ofLiteral(literal))).isEqualTo(literal);
        }
        assertThat(AddressText.of(InetAddress.ofLiteral("0:0:0:0:0:0:0:1"))).isEqualTo("::1");
    }
}
