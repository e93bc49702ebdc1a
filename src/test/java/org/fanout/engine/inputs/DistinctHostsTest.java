package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each host of a list is yielded once, however often and in whatever forms it was written. */
class DistinctHostsTest {
    @TempDir
    Path dir;

    private static List<String> hosts(String text) {
        HostSpec spec = HostSpec.parse(text);
        List<String> list = HostSpecTest.list(spec);
        assertThat(spec.count()).as("count of %s", text).isEqualTo(list.size());
        return list;
    }

    @Test
    void theSameLiteralInAnyFormIsOneHost() {
        assertThat(hosts("::1,[::1],0:0:0:0:0:0:0:1,::1/128")).containsExactly("::1");
        assertThat(hosts("127.0.0.1,127.0.0.1 127.000.000.001")).containsExactly("127.0.0.1");
    }

    @Test
    void namesRepeatOnceButStayApartFromAddresses() {
        assertThat(hosts("localhost,127.0.0.1,LOCALHOST,localhost,::1"))
                .containsExactly("localhost", "127.0.0.1", "::1");
    }

    @Test
    void overlappingRangesAndBlocksGiveEachAddressOnce() {
        assertThat(hosts("127.0.0.1-4 127.0.0.0/30 127.0.0.3-127.0.0.6 127.0.0.5"))
                .containsExactly(
                        "127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.0", "127.0.0.5", "127.0.0.6");
        assertThat(hosts("::1 ::/126 [::2]")).containsExactly("::1", "::", "::2", "::3");
        HostSpec twice = HostSpec.parse("127.0.0.0/10 127.0.0.0/9 127.1.2.3");
        assertThat(twice.count()).isEqualTo(1L << 23);
    }

    @Test
    void aHostsFileRepeatingItselfIsScannedOnce() throws IOException {
        Path file = Files.writeString(
                dir.resolve("hosts.txt"),
                "127.0.0.1\nlocalhost\n127.0.0.0/30\n127.0.0.1 ::1\n[::1]\nlocalhost\n",
                StandardCharsets.UTF_8);
        HostSpec spec = HostSpec.fromFile(file);
        List<String> list = HostSpecTest.list(spec);
        assertThat(list).containsExactly("127.0.0.1", "localhost", "127.0.0.0", "127.0.0.2", "127.0.0.3", "::1");
        assertThat(spec.count()).isEqualTo(list.size());
    }

    @Test
    void targetsOfARepeatedHostAreProducedOnce() {
        TcpTargets targets = new TcpTargets(
                HostSpec.parse("127.0.0.1,127.0.0.1,[::1],::1"),
                PortSpec.parse("1,2"),
                host -> InetAddress.ofLiteral(host));
        List<String> seen = new ArrayList<>();
        targets.forEach(e -> seen.add(e.ip() + " " + e.port()));
        assertThat(seen).containsExactly("127.0.0.1 1", "127.0.0.1 2", "::1 1", "::1 2");
        assertThat(targets.count()).isEqualTo(4);
    }

    @Test
    void rangesAgreeWithASetOfValues() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            DistinctHosts.Ranges ranges = new DistinctHosts.Ranges();
            TreeSet<Long> expected = new TreeSet<>();
            long base = round % 3 == 0 ? -40L : 0; // some rounds at the top of the unsigned range
            for (int k = 0; k < 12; k++) {
                long first = base + random.nextInt(40);
                long last = first + random.nextInt(8);
                if (base < 0 && Long.compareUnsigned(last, first) < 0) last = -1L;
                List<Long> fresh = new ArrayList<>();
                ranges.add(first, last, (a, b) -> {
                    for (long v = a; ; v++) {
                        fresh.add(v);
                        if (v == b) break;
                    }
                });
                List<Long> want = new ArrayList<>();
                for (long v = first; ; v++) {
                    if (expected.add(v)) want.add(v);
                    if (v == last) break;
                }
                assertThat(fresh).as("round %d, add %d..%d", round, first, last).isEqualTo(want);
            }
        }
    }

    @Test
    void consecutiveAddressesMergeIntoOneRange() {
        DistinctHosts.Ranges ranges = new DistinctHosts.Ranges();
        for (long v = 0; v < 100_000; v++) ranges.add(v, v, (a, b) -> {});
        assertThat(ranges.size()).isEqualTo(1);
        for (long v = 200_000; v >= 100_000; v -= 2) ranges.add(v, v, (a, b) -> {});
        for (long v = 100_001; v < 200_000; v += 2) ranges.add(v, v, (a, b) -> {});
        assertThat(ranges.size()).isEqualTo(1);
    }
}
