package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random access agrees with iteration for every kind of source, and orders/shards apply to each. */
class OrderedTargetsTest {
    static final Resolver LITERALS_ONLY = host -> {
        InetAddress literal = Resolver.literal(host);
        if (literal != null) return literal;
        if (host.equals("localhost")) return InetAddress.getLoopbackAddress();
        throw new UnknownHostException(host);
    };

    @TempDir
    Path dir;

    static <T> List<T> list(Iterable<T> source) {
        List<T> out = new ArrayList<>();
        source.forEach(out::add);
        return out;
    }

    static <T> void randomAccessAgreesWithIteration(TargetSource<T> source) {
        assertThat(source.randomAccess()).isTrue();
        List<T> all = list(source);
        assertThat(all).hasSize((int) source.count());
        for (int i = 0; i < all.size(); i++)
            assertThat(source.get(i)).as("index %d", i).isEqualTo(all.get(i));
    }

    @Test
    void hostListsAndPortsAreReadAtRandom() {
        HostSpec hosts = HostSpec.parse("127.0.0.1, localhost, 127.0.1.250-127.0.2.3 ::1/126 [::1] 127.0.0.0/30");
        randomAccessAgreesWithIteration(new TcpTargets(hosts, PortSpec.parse("22,80,8000-8003"), LITERALS_ONLY));
        HostSpec joined = HostSpec.concat(HostSpec.parse("127.0.0.5"), hosts, HostSpec.parse("127.0.0.9-10"));
        randomAccessAgreesWithIteration(new TcpTargets(joined, PortSpec.parse("1"), LITERALS_ONLY));
    }

    @Test
    void anUnknownHostIsReportedAtRandomAccessToo() {
        TcpTargets targets = new TcpTargets(HostSpec.parse("nosuchhost.invalid"), PortSpec.of(80), LITERALS_ONLY);
        assertThat(targets.get(0).resolveError()).isEqualTo(TcpTargets.UNKNOWN_HOST);
        assertThat(list(targets).getFirst().resolveError()).isEqualTo(TcpTargets.UNKNOWN_HOST);
    }

    @Test
    void urlListsAndPatternsAreReadAtRandom() {
        randomAccessAgreesWithIteration(
                UrlSource.of(List.of("http://127.0.0.1/a", "http://127.0.0.1/b", "http://localhost/")));
        randomAccessAgreesWithIteration(UrlSource.pattern("http://127.0.0.1:8080/{a-c}/{1-12}/{x,,yz}{07-09}"));
    }

    @Test
    void aPermutedShardedSourceCoversTheJobExactly() {
        UrlSource urls = UrlSource.pattern("http://127.0.0.1/{a-z}{0-9}{0-9}");
        Set<URI> seen = new HashSet<>();
        for (int i = 1; i <= 7; i++) {
            OrderedTargets<URI> shard =
                    new OrderedTargets<>(urls, TargetOrder.random(99).shard(i, 7));
            assertThat(shard.permuted()).isTrue();
            List<URI> got = list(shard);
            assertThat(got).hasSize((int) shard.count());
            for (URI u : got) assertThat(seen.add(u)).as("%s twice", u).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(list(urls));
    }

    /** Every line ending, comments, blanks, non-ASCII text and no final newline: the index finds each URL's line. */
    @Test
    void aUrlFileIsReadAtRandomThroughItsLineIndex() throws IOException {
        Path file = dir.resolve("urls.txt");
        StringBuilder text = new StringBuilder("# a comment\r\n\r\n");
        String[] endings = {"\n", "\r\n", "\r", "\n\n", "  # trailing comment\n"};
        for (int i = 0; i < 60; i++)
            text.append("  http://127.0.0.1/caf%C3%A9/").append(i).append(endings[i % endings.length]);
        text.append("http://localhost/last");
        Files.writeString(file, text.toString());
        UrlSource urls = UrlSource.fromFile(file);
        assertThat(urls.count()).isEqualTo(61);
        randomAccessAgreesWithIteration(urls);
        Set<URI> seen = new HashSet<>();
        for (int i = 1; i <= 4; i++) {
            OrderedTargets<URI> shard =
                    new OrderedTargets<>(urls, TargetOrder.random(5).shard(i, 4));
            assertThat(shard.permuted()).isTrue();
            List<URI> got = list(shard);
            assertThat(got).hasSize((int) shard.count()).hasSizeBetween(15, 16);
            for (URI u : got) assertThat(seen.add(u)).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(list(urls));
    }

    @Test
    void aHostsFileKeepsItsWrittenOrderButShardsAllTheSame() throws IOException {
        Path file = dir.resolve("hosts.txt");
        Files.writeString(file, "127.0.0.1 127.0.0.2\n# comment\n127.0.1.0/29\nlocalhost\n");
        TcpTargets job = new TcpTargets(HostSpec.fromFile(file), PortSpec.parse("1-5"), LITERALS_ONLY);
        assertThat(job.randomAccess()).isFalse();
        OrderedTargets<Endpoint> whole = new OrderedTargets<>(job, TargetOrder.random(5));
        assertThat(whole.permuted()).isFalse();
        assertThat(list(whole)).isEqualTo(list(job));
        List<Endpoint> union = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            OrderedTargets<Endpoint> shard =
                    new OrderedTargets<>(job, TargetOrder.random(5).shard(i, 4));
            List<Endpoint> got = list(shard);
            assertThat(got).hasSize((int) shard.count()).hasSizeBetween(13, 14); // 55 targets
            union.addAll(got);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(list(job));
    }

    @Test
    void theDefaultRandomOrderIsNotTheWrittenOne() {
        TcpTargets job = new TcpTargets(HostSpec.parse("127.0.0.0/28"), PortSpec.parse("1-20"), LITERALS_ONLY);
        List<Endpoint> written = list(job);
        List<Endpoint> random = list(new OrderedTargets<>(job, TargetOrder.random(1)));
        assertThat(random).isNotEqualTo(written).containsExactlyInAnyOrderElementsOf(written);
        assertThat(list(new OrderedTargets<>(job, TargetOrder.random(1)))).isEqualTo(random);
        assertThat(list(new OrderedTargets<>(job, TargetOrder.random(2)))).isNotEqualTo(random);
        // The load spreads: the first 20 probes do not all go to the first host, as the written order's do.
        assertThat(random.subList(0, 20).stream().map(Endpoint::host).distinct().count())
                .isGreaterThan(5);
    }

    /** A run without --seed gets a seed of its own: never negative, never one an earlier run had. */
    @Test
    void freshSeedsDifferFromRunToRun() {
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            long seed = TargetOrder.newSeed();
            assertThat(seed).isNotNegative();
            seeds.add(seed);
        }
        assertThat(seeds).hasSize(10_000);
    }
}
