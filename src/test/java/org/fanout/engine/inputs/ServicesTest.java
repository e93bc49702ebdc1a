package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServicesTest {
    @ParameterizedTest
    @CsvSource({
        "ftp,21",
        "ssh,22",
        "telnet,23",
        "smtp,25",
        "dns,53",
        "domain,53",
        "http,80",
        "pop3,110",
        "rpcbind,111",
        "ntp,123",
        "imap,143",
        "snmp,161",
        "ldap,389",
        "https,443",
        "smb,445",
        "microsoft-ds,445",
        "smtps,465",
        "submission,587",
        "ipp,631",
        "imaps,993",
        "pop3s,995",
        "mssql,1433",
        "oracle,1521",
        "mqtt,1883",
        "nfs,2049",
        "mysql,3306",
        "rdp,3389",
        "postgres,5432",
        "postgresql,5432",
        "amqp,5672",
        "vnc,5900",
        "redis,6379",
        "http-alt,8080",
        "https-alt,8443",
        "elasticsearch,9200",
        "memcached,11211",
        "mongodb,27017",
    })
    void knownNamesMapToTheirPorts(String name, int port) {
        assertThat(Services.portOf(name)).hasValue(port);
        assertThat(Services.names()).contains(name);
        assertThat(Services.portOf(Services.nameOf(port))).hasValue(port);
    }

    @Test
    void lookupIgnoresCase() {
        assertThat(Services.portOf("SSH")).hasValue(22);
        assertThat(Services.portOf("Http-Alt")).hasValue(8080);
    }

    @Test
    void unknownNamesAndPortsGiveNothing() {
        assertThat(Services.portOf("nosuchservice")).isEmpty();
        assertThat(Services.portOf("")).isEmpty();
        assertThat(Services.portOf(null)).isEmpty();
        assertThat(Services.nameOf(1)).isEmpty();
        assertThat(Services.nameOf(0)).isEmpty();
        assertThat(Services.nameOf(70000)).isEmpty();
    }

    @Test
    void preferredNames() {
        assertThat(Services.nameOf(22)).isEqualTo("ssh");
        assertThat(Services.nameOf(80)).isEqualTo("http");
        assertThat(Services.nameOf(443)).isEqualTo("https");
        assertThat(Services.nameOf(53)).isEqualTo("domain");
        assertThat(Services.nameOf(5432)).isEqualTo("postgresql");
    }

    @Test
    void top100IsExactlyAHundredDistinctAscendingPorts() {
        int[] top = Services.top100();
        assertThat(top).hasSize(100);
        assertThat(Arrays.stream(top).distinct().count()).isEqualTo(100);
        assertThat(top).isSorted();
        assertThat(top[0]).isEqualTo(7);
        assertThat(top[99]).isEqualTo(49157);
        assertThat(top).contains(22, 80, 443, 3389, 8080, 32768);
        assertThat(top).doesNotContain(6379, 27017);
    }

    @Test
    void top100ReturnsACopy() {
        Services.top100()[0] = 9999;
        assertThat(Services.top100()[0]).isEqualTo(7);
    }

    @Test
    void namesAreLowerCaseAndUnmodifiable() {
        assertThat(Services.names()).allMatch(n -> n.equals(n.toLowerCase(Locale.ROOT)));
        assertThat(Services.names()).hasSizeGreaterThan(40);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Services.names().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
