package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.OrderedTargetsTest.LITERALS_ONLY;
import static org.fanout.engine.inputs.OrderedTargetsTest.list;
import static org.fanout.engine.inputs.OrderedTargetsTest.randomAccessAgreesWithIteration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --exclude-hosts} keeps a job readable at random (so its random order and shards stay),
 * leaving out exactly the hosts iteration leaves out, whatever their spelling.
 */
class ExcludedHostsTest {
    @TempDir
    Path dir;

    static ExcludedHosts excluding(String hosts, String ports, String excluded) {
        HostSpec spec = HostSpec.parse(hosts);
        PortSpec portSpec = PortSpec.parse(ports);
        return new ExcludedHosts(
                new TcpTargets(spec, portSpec, LITERALS_ONLY), spec, portSpec.count(), HostSpec.parse(excluded));
    }

    static List<String> hostsOf(Iterable<Endpoint> targets) {
        List<String> hosts = new ArrayList<>();
        for (Endpoint e : targets) if (hosts.isEmpty() || !hosts.getLast().equals(e.host())) hosts.add(e.host());
        return hosts;
    }

    @Test
    void theHostsLeftAreReadAtRandomWhateverTheExclusionsSpelling() {
        ExcludedHosts left = excluding(
                "127.0.0.1-6, LocalHost, ::1, ::ffff:127.0.0.9, 127.0.1.0/30, ::2/127",
                "22,80,443",
                "127.0.0.2-3, localhost, 0:0:0:0:0:0:0:1, 127.0.0.9, [::3], 127.0.1.2, 127.0.0.200, nosuch");
        randomAccessAgreesWithIteration(left);
        assertThat(hostsOf(left))
                .containsExactly(
                        "127.0.0.1",
                        "127.0.0.4",
                        "127.0.0.5",
                        "127.0.0.6",
                        "127.0.1.0",
                        "127.0.1.1",
                        "127.0.1.3",
                        "::2");
        assertThat(left.count()).isEqualTo(8 * 3);
    }

    /** Random lists and exclusions: the index lookup and the host-by-host filter always agree. */
    @Test
    void randomListsAgreeWithTheFilter() {
        Random random = new Random(20261201);
        for (int round = 0; round < 200; round++) {
            List<String> items = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) items.add(item(random));
            for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) excluded.add(item(random));
            ExcludedHosts left = excluding(String.join(",", items), "1,7", String.join(",", excluded));
            if (left.count() == 0) {
                assertThat(list(left)).isEmpty();
                continue;
            }
            randomAccessAgreesWithIteration(left);
            Set<String> gone = new HashSet<>();
            for (String h : HostSpec.parse(String.join(",", excluded))) gone.add(HostIndex.key(h));
            for (Endpoint e : left) assertThat(gone).doesNotContain(HostIndex.key(e.host()));
        }
    }

    private static String item(Random random) {
        int a = random.nextInt(12);
        return switch (random.nextInt(6)) {
            case 0 -> "127.0.0." + a;
            case 1 -> "127.0.0." + a + "-" + (a + random.nextInt(5));
            case 2 -> "127.0.0." + (a & ~3) + "/30";
            case 3 -> "::" + Integer.toHexString(a + 1);
            case 4 -> "::ffff:127.0.0." + a;
            default -> random.nextBoolean() ? "localhost" : "LOCALHOST";
        };
    }

    /** A /8 less a few hosts: counted and read at random without walking 16 million hosts. */
    @Test
    void aSlash8LessAFewHostsKeepsItsOrderAndShards() {
        ExcludedHosts left = excluding("127.0.0.0/8", "80", "127.0.0.1, 127.0.0.0, 127.255.255.255, 127.1.2.3");
        assertThat(left.randomAccess()).isTrue();
        assertThat(left.count()).isEqualTo((1L << 24) - 4);
        assertThat(left.get(0).host()).isEqualTo("127.0.0.2");
        assertThat(left.get(left.count() - 1).host()).isEqualTo("127.255.255.254");
        assertThat(left.get(0x010202 - 2).host()).isEqualTo("127.1.2.2");
        assertThat(left.get(0x010204 - 3).host()).isEqualTo("127.1.2.4");

        OrderedTargets<Endpoint> shard =
                new OrderedTargets<>(left, TargetOrder.random(7).shard(1, 1000));
        assertThat(shard.permuted()).isTrue();
        Set<String> seen = new HashSet<>();
        for (Endpoint e : shard) {
            assertThat(seen.add(e.host())).as(e.host()).isTrue();
            assertThat(e.host()).isNotIn("127.0.0.1", "127.0.0.0", "127.255.255.255", "127.1.2.3");
        }
        assertThat((long) seen.size()).isEqualTo(shard.count());
    }

    /** A hosts file is read line by line: no random access, and the same hosts are left out. */
    @Test
    void aHostsFileIsStillFilteredHostByHost() throws Exception {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, "127.0.0.1-4\nlocalhost\n");
        HostSpec spec = HostSpec.fromFile(file);
        ExcludedHosts left = new ExcludedHosts(
                new TcpTargets(spec, PortSpec.parse("80"), LITERALS_ONLY),
                spec,
                1,
                HostSpec.parse("127.0.0.2, LOCALHOST"));
        assertThat(left.randomAccess()).isFalse();
        assertThat(hostsOf(left)).containsExactly("127.0.0.1", "127.0.0.3", "127.0.0.4");
        assertThat(left.count()).isEqualTo(3);
    }
}
