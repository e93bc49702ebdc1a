package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.Errors.assertSyntaxError;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class HostSpecTest {
    static List<String> list(HostSpec spec) {
        List<String> out = new ArrayList<>();
        spec.forEach(out::add);
        return out;
    }

    @Test
    void namesAndLiterals() {
        assertThat(list(HostSpec.parse("localhost"))).containsExactly("localhost");
        assertThat(list(HostSpec.parse("127.0.0.1, localhost ::1"))).containsExactly("127.0.0.1", "localhost", "::1");
        assertThat(list(HostSpec.parse("[::1]"))).containsExactly("::1");
        assertThat(list(HostSpec.parse("Local-Host.example.test."))).containsExactly("Local-Host.example.test.");
        assertThat(list(HostSpec.parse("a"))).containsExactly("a");
    }

    @Test
    void literalsAreCanonicalised() {
        assertThat(list(HostSpec.parse("127.000.000.001"))).containsExactly("127.0.0.1");
        assertThat(list(HostSpec.parse("0:0:0:0:0:0:0:1"))).containsExactly("::1");
        assertThat(list(HostSpec.parse("FE80:0:0:0:0:0:0:0A"))).containsExactly("fe80::a");
        assertThat(list(HostSpec.parse("::"))).containsExactly("::");
        assertThat(list(HostSpec.parse("1:0:0:1:0:0:0:1"))).containsExactly("1:0:0:1::1");
        assertThat(list(HostSpec.parse("1:0:2:0:3:0:4:0"))).containsExactly("1:0:2:0:3:0:4:0");
        assertThat(list(HostSpec.parse("::ffff:127.0.0.1"))).containsExactly("::ffff:7f00:1");
        assertThat(list(HostSpec.parse("1::"))).containsExactly("1::");
    }

    @Test
    void separatorsAndComments() {
        String text = """
                # loopback targets
                127.0.0.1,127.0.0.2   # two hosts
                localhost\t::1

                127.0.0.3 , 127.0.0.4 #,,,
                """;
        HostSpec spec = HostSpec.parse(text);
        assertThat(list(spec)).containsExactly("127.0.0.1", "127.0.0.2", "localhost", "::1", "127.0.0.3", "127.0.0.4");
        assertThat(spec.count()).isEqualTo(6);
        assertThat(list(HostSpec.parse("127.0.0.1#c"))).containsExactly("127.0.0.1");
    }

    @Test
    void ipv4Cidr() {
        HostSpec spec = HostSpec.parse("127.0.0.0/24");
        assertThat(spec.count()).isEqualTo(256);
        List<String> hosts = list(spec);
        assertThat(hosts).hasSize(256).doesNotHaveDuplicates();
        assertThat(hosts.get(0)).isEqualTo("127.0.0.0");
        assertThat(hosts.get(1)).isEqualTo("127.0.0.1");
        assertThat(hosts.get(255)).isEqualTo("127.0.0.255");
        assertThat(list(HostSpec.parse("127.0.0.7/32"))).containsExactly("127.0.0.7");
        assertThat(list(HostSpec.parse("127.0.0.7/31"))).containsExactly("127.0.0.6", "127.0.0.7");
        assertThat(list(HostSpec.parse("127.0.0.255/30")))
                .containsExactly("127.0.0.252", "127.0.0.253", "127.0.0.254", "127.0.0.255");
        assertThat(HostSpec.parse("127.0.0.0/16").count()).isEqualTo(65536);
    }

    @Test
    void ipv4CidrCrossesOctetBoundaries() {
        List<String> hosts = list(HostSpec.parse("127.0.0.0/23"));
        assertThat(hosts.get(255)).isEqualTo("127.0.0.255");
        assertThat(hosts.get(256)).isEqualTo("127.0.1.0");
        assertThat(hosts.get(511)).isEqualTo("127.0.1.255");
    }

    @Test
    void slashEightIsIteratedLazily() {
        HostSpec spec = HostSpec.parse("127.0.0.0/8");
        assertThat(spec.count()).isEqualTo(16_777_216L);
        // Walk the whole /8 without keeping anything: this would not fit a small heap as a list.
        long n = 0;
        String last = null;
        for (String host : spec) {
            n++;
            last = host;
        }
        assertThat(n).isEqualTo(16_777_216L);
        assertThat(last).isEqualTo("127.255.255.255");
    }

    @Test
    void ipv4Ranges() {
        assertThat(list(HostSpec.parse("127.0.0.1-3"))).containsExactly("127.0.0.1", "127.0.0.2", "127.0.0.3");
        assertThat(HostSpec.parse("127.0.0.1-20").count()).isEqualTo(20);
        assertThat(list(HostSpec.parse("127.0.0.5-5"))).containsExactly("127.0.0.5");
        List<String> full = list(HostSpec.parse("127.0.0.254-127.0.1.1"));
        assertThat(full).containsExactly("127.0.0.254", "127.0.0.255", "127.0.1.0", "127.0.1.1");
        assertThat(HostSpec.parse("127.0.0.1-127.0.1.5").count()).isEqualTo(261);
    }

    @Test
    void ipv6Cidr() {
        assertThat(list(HostSpec.parse("::1/128"))).containsExactly("::1");
        assertThat(list(HostSpec.parse("[::]/126"))).containsExactly("::", "::1", "::2", "::3");
        assertThat(list(HostSpec.parse("fd00::ff/120")))
                .hasSize(256)
                .startsWith("fd00::")
                .endsWith("fd00::ff");
        assertThat(HostSpec.parse("::/104").count()).isEqualTo(1L << 24);
    }

    @Test
    void countMatchesIterationAcrossItemKinds() {
        HostSpec spec = HostSpec.parse("localhost 127.0.0.0/30 127.0.0.1-4 ::1 [::2] ::/127 127.0.0.1-127.0.0.2");
        // each address once: 127.0.0.1-4 adds only .4, ::/127 only ::, the last range nothing
        assertThat(spec.count()).isEqualTo(1 + 4 + 1 + 1 + 1 + 1);
        assertThat(list(spec)).hasSize((int) spec.count());
    }

    @Test
    void iteratorsAreIndependentAndRestart() {
        HostSpec spec = HostSpec.parse("127.0.0.1-2");
        Iterator<String> a = spec.iterator();
        assertThat(a.next()).isEqualTo("127.0.0.1");
        Iterator<String> b = spec.iterator();
        assertThat(b.next()).isEqualTo("127.0.0.1");
        assertThat(a.next()).isEqualTo("127.0.0.2");
        assertThat(a.hasNext()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(a::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void concatJoinsInOrder() {
        HostSpec joined = HostSpec.concat(HostSpec.parse("127.0.0.1-2"), HostSpec.parse("localhost"));
        assertThat(joined.count()).isEqualTo(3);
        assertThat(list(joined)).containsExactly("127.0.0.1", "127.0.0.2", "localhost");
        assertThat(HostSpec.concat().count()).isZero();
        assertThat(HostSpec.concat().iterator().hasNext()).isFalse();
    }

    @Test
    void tooLargeRanges() {
        assertSyntaxError(
                () -> HostSpec.parse("127.0.0.0/7"),
                0,
                "range too large: '127.0.0.0/7' (33554432 hosts, at most 16777216)");
        assertSyntaxError(
                () -> HostSpec.parse("localhost ::/64"),
                10,
                "range too large",
                "18446744073709551616 hosts, at most 16777216");
        assertSyntaxError(
                () -> HostSpec.parse("127.0.0.0/8 127.0.0.1"),
                12,
                "range too large",
                "all hosts together",
                "16777217 hosts, at most 16777216");
        assertSyntaxError(() -> HostSpec.parse("0.0.0.0-255.255.255.255"), 0, "range too large", "4294967296 hosts");
        HostSpec eight = HostSpec.parse("127.0.0.0/8");
        Errors.syntaxError(() -> HostSpec.concat(eight, HostSpec.parse("localhost")));
    }

    @Test
    void emptyInputAndEmptyItems() {
        assertSyntaxError(() -> HostSpec.parse(""), 0, "no hosts");
        assertSyntaxError(() -> HostSpec.parse("  # only a comment\n\n"), 0, "no hosts");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1,,127.0.0.2"), 10, "empty item");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1, ,127.0.0.2"), 11, "empty item");
        assertSyntaxError(() -> HostSpec.parse(",127.0.0.1"), 0, "empty item");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1,"), 10, "empty item");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1, # c"), 10, "empty item");
    }

    @Test
    void ipv4Errors() {
        assertSyntaxError(() -> HostSpec.parse("127.0.0.256"), 8, "octet 256 is outside 0-255");
        assertSyntaxError(() -> HostSpec.parse("localhost 127.300.0.1"), 14, "octet 300");
        assertSyntaxError(() -> HostSpec.parse("127.0.0"), 0, "invalid IPv4 address '127.0.0'");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1.2"), 9, "invalid IPv4 address");
        assertSyntaxError(() -> HostSpec.parse("1234"), 0, "invalid IPv4 address");
        assertSyntaxError(() -> HostSpec.parse("127..0.1"), 4, "missing number");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.0/33"), 10, "bad prefix length '33' (0-32)");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.0/x"), 10, "bad prefix length 'x'");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.0/"), 10, "missing prefix length");
        assertSyntaxError(() -> HostSpec.parse("localhost/24"), 0, "needs an IP address", "'localhost'");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.20-10"), 0, "reversed range '127.0.0.20-10'");
        assertSyntaxError(() -> HostSpec.parse("127.0.1.0-127.0.0.5"), 0, "reversed range");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1-256"), 10, "octet 256");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1-"), 10, "missing number");
        assertSyntaxError(() -> HostSpec.parse("127.0.0.1-2x"), 11, "invalid character 'x'");
    }

    @Test
    void ipv6Errors() {
        assertSyntaxError(() -> HostSpec.parse("1:2:3"), 0, "malformed IPv6 address '1:2:3'", "8 groups");
        assertSyntaxError(() -> HostSpec.parse("1::2::3"), 4, "'::' may appear only once");
        assertSyntaxError(() -> HostSpec.parse("::12345"), 2, "more than 4 hex digits");
        assertSyntaxError(() -> HostSpec.parse("::g"), 2, "invalid character 'g'");
        assertSyntaxError(() -> HostSpec.parse(":1::"), 0, "leading single ':'");
        assertSyntaxError(() -> HostSpec.parse("1::2:"), 4, "trailing single ':'");
        assertSyntaxError(() -> HostSpec.parse("1:2:3:4:5:6:7:8:9"), 16, "too many groups");
        assertSyntaxError(() -> HostSpec.parse("1:2:3:4::5:6:7:8"), 0, "too many groups");
        assertSyntaxError(() -> HostSpec.parse("fe80::1%lo"), 7, "zone ids");
        assertSyntaxError(() -> HostSpec.parse("[::1"), 0, "missing ']'");
        assertSyntaxError(() -> HostSpec.parse("[::1]x"), 5, "unexpected 'x' after ']'");
        assertSyntaxError(() -> HostSpec.parse("[127.0.0.1]"), 1, "malformed IPv6");
        assertSyntaxError(() -> HostSpec.parse("::1/129"), 4, "bad prefix length '129' (0-128)");
        assertSyntaxError(() -> HostSpec.parse("::127.0.0.1:1"), 2, "embedded IPv4 address must come last");
        assertSyntaxError(() -> HostSpec.parse("localhost:80"), 9, "'localhost:80' is not a host", "host:port");
        assertSyntaxError(() -> HostSpec.parse("localhost::80"), 0, "malformed IPv6", "invalid character 'l'");
    }

    @Test
    void hostNameErrors() {
        assertSyntaxError(() -> HostSpec.parse("ho$t"), 2, "invalid character '$' in host name 'ho$t'");
        assertSyntaxError(() -> HostSpec.parse("localhost ex_ample"), 12, "invalid character '_'");
        assertSyntaxError(() -> HostSpec.parse("-bad.test"), 0, "starts with '-'");
        assertSyntaxError(() -> HostSpec.parse("bad-.test"), 3, "ends with '-'");
        assertSyntaxError(() -> HostSpec.parse("a..b"), 2, "empty label");
        assertSyntaxError(() -> HostSpec.parse(".a"), 0, "empty label");
        String longLabel = "a".repeat(64);
        assertSyntaxError(() -> HostSpec.parse("x." + longLabel + ".test"), 2, "longer than 63 characters");
        assertThat(list(HostSpec.parse("a".repeat(63) + ".test"))).hasSize(1);
        String longName = ("a".repeat(50) + ".").repeat(6) + "test";
        assertSyntaxError(() -> HostSpec.parse(longName), 0, "longer than 253 characters");
        assertSyntaxError(() -> HostSpec.parse("host.123"), 5, "numeric label");
        assertSyntaxError(() -> HostSpec.parse("h\u00e9llo"), 1, "invalid character");
    }

    @Test
    void twoWordsAreTwoItems() {
        assertThat(list(HostSpec.parse("exa mple"))).containsExactly("exa", "mple");
    }
}
