package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TcpTargetsTest {
    /** Resolves IP literals and "localhost" to 127.0.0.1 only; counts calls per host; never does DNS. */
    static final class CountingResolver implements Resolver {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public InetAddress resolve(String host) throws UnknownHostException {
            calls.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
            InetAddress literal = Resolver.literal(host);
            if (literal != null) {
                return literal;
            }
            if (host.equals("localhost")) {
                return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            }
            throw new UnknownHostException(host);
        }

        int total() {
            return calls.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    @Test
    void hostsOuterPortsInner() {
        CountingResolver resolver = new CountingResolver();
        TcpTargets targets = new TcpTargets(HostSpec.parse("127.0.0.1-2"), PortSpec.parse("22,80,443"), resolver);
        assertThat(targets.count()).isEqualTo(6);
        List<String> seen = new ArrayList<>();
        for (Endpoint e : targets) {
            seen.add(e.toString());
            assertThat(e.resolveError()).isNull();
            assertThat(e.ip()).isEqualTo(e.host());
        }
        assertThat(seen)
                .containsExactly(
                        "127.0.0.1:22",
                        "127.0.0.1:80",
                        "127.0.0.1:443",
                        "127.0.0.2:22",
                        "127.0.0.2:80",
                        "127.0.0.2:443");
    }

    @Test
    void eachHostIsResolvedExactlyOncePerIteration() {
        CountingResolver resolver = new CountingResolver();
        TcpTargets targets =
                new TcpTargets(HostSpec.parse("localhost 127.0.0.0/30 ::1"), PortSpec.parse("1-50"), resolver);
        long n = 0;
        for (Endpoint e : targets) {
            n++;
            assertThat(e.address()).isNotNull();
        }
        assertThat(n).isEqualTo(targets.count()).isEqualTo(6 * 50);
        assertThat(resolver.calls).hasSize(6);
        assertThat(resolver.calls.values()).allMatch(c -> c.get() == 1);
        assertThat(resolver.calls.get("localhost").get()).isEqualTo(1);
    }

    @Test
    void resolutionIsLazy() {
        CountingResolver resolver = new CountingResolver();
        TcpTargets targets =
                new TcpTargets(HostSpec.parse("127.0.0.1 127.0.0.2 127.0.0.3"), PortSpec.of(80, 81), resolver);
        Iterator<Endpoint> it = targets.iterator();
        assertThat(resolver.total())
                .as("nothing resolved before the first endpoint")
                .isZero();
        it.next();
        it.next();
        assertThat(resolver.calls.keySet()).containsExactly("127.0.0.1");
        it.next();
        assertThat(resolver.calls.keySet()).containsExactlyInAnyOrder("127.0.0.1", "127.0.0.2");
    }

    /**
     * Random access in a scan's random order: an IP literal is parsed again only when the index
     * moves to another host, a name is looked up every time, and every endpoint carries its own
     * host and address (an unknown one included), whichever host came before it.
     */
    @Test
    void randomAccessResolvesAHostOnlyWhenTheIndexMovesToAnother() {
        CountingResolver resolver = new CountingResolver();
        TcpTargets one = new TcpTargets(HostSpec.parse("127.0.0.1"), PortSpec.parse("1-65535"), resolver);
        for (long i = 0; i < one.count(); i++) {
            Endpoint e = one.get((i * 7919) % one.count());
            assertThat(e.port()).isEqualTo((int) ((i * 7919) % one.count()) + 1);
        }
        assertThat(resolver.total())
                .as("resolutions for one host's 65,535 ports")
                .isEqualTo(1);

        CountingResolver interleaved = new CountingResolver();
        TcpTargets three = new TcpTargets(
                HostSpec.parse("127.0.0.1 no-such-host.test 127.0.0.3"), PortSpec.of(22, 80), interleaved);
        for (long i : new long[] {0, 2, 4, 1, 3, 5, 5, 0}) {
            Endpoint e = three.get(i);
            String host = List.of("127.0.0.1", "no-such-host.test", "127.0.0.3").get((int) (i / 2));
            assertThat(e.host()).isEqualTo(host);
            assertThat(e.port()).isEqualTo(i % 2 == 0 ? 22 : 80);
            if (host.startsWith("no-such")) {
                assertThat(e.address()).isNull();
                assertThat(e.resolveError()).isEqualTo(TcpTargets.UNKNOWN_HOST);
            } else {
                assertThat(e.address().getHostAddress()).isEqualTo(host);
                assertThat(e.resolveError()).isNull();
            }
        }
        // one per change of host, and every time for a name (an unknown one may be known later)
        assertThat(interleaved.total()).isEqualTo(7);

        CountingResolver names = new CountingResolver();
        TcpTargets byName = new TcpTargets(HostSpec.parse("localhost"), PortSpec.of(22, 80), names);
        byName.get(0);
        byName.get(1);
        assertThat(names.calls.get("localhost").get()).as("lookups of a name").isEqualTo(2);

        CountingResolver v6 = new CountingResolver();
        TcpTargets six = new TcpTargets(HostSpec.parse("::1"), PortSpec.of(22, 80, 443), v6);
        for (long i = 0; i < 3; i++) assertThat(six.get(i).address()).isNotNull();
        assertThat(v6.total()).as("parses of an IPv6 literal").isEqualTo(1);
    }

    @Test
    void unknownHostYieldsUnresolvedEndpointsForEachPort() {
        CountingResolver resolver = new CountingResolver();
        TcpTargets targets =
                new TcpTargets(HostSpec.parse("no-such-host.test 127.0.0.1"), PortSpec.of(22, 80), resolver);
        List<Endpoint> all = new ArrayList<>();
        targets.forEach(all::add);
        assertThat(all).hasSize(4);
        assertThat(all.subList(0, 2)).allSatisfy(e -> {
            assertThat(e.host()).isEqualTo("no-such-host.test");
            assertThat(e.address()).isNull();
            assertThat(e.ip()).isEmpty();
            assertThat(e.resolveError()).isEqualTo("unknown_host").isEqualTo(TcpTargets.UNKNOWN_HOST);
        });
        assertThat(all.get(0).port()).isEqualTo(22);
        assertThat(all.get(1).port()).isEqualTo(80);
        assertThat(all.get(2).resolveError()).isNull();
        assertThat(all.get(2).ip()).isEqualTo("127.0.0.1");
        assertThat(resolver.calls.get("no-such-host.test").get()).isEqualTo(1);
    }

    @Test
    void ipv6EndpointsPrintWithBrackets() {
        TcpTargets targets = new TcpTargets(HostSpec.parse("[::1]"), PortSpec.of(8080), new CountingResolver());
        Endpoint e = targets.iterator().next();
        assertThat(e.host()).isEqualTo("::1");
        assertThat(e).hasToString("[::1]:8080");
    }

    @Test
    void emptyPortsGiveNothingAndResolveNothing() {
        CountingResolver resolver = new CountingResolver();
        PortSpec none = PortSpec.of(22).minus(PortSpec.of(22));
        TcpTargets targets = new TcpTargets(HostSpec.parse("localhost"), none, resolver);
        assertThat(targets.count()).isZero();
        assertThat(targets.iterator().hasNext()).isFalse();
        assertThat(resolver.total()).isZero();
    }

    @Test
    void countIsTheProductWithoutIterating() {
        Resolver failing = host -> {
            throw new AssertionError("count() must not resolve");
        };
        TcpTargets targets = new TcpTargets(HostSpec.parse("127.0.0.0/8"), PortSpec.parse("all"), failing);
        assertThat(targets.count()).isEqualTo(16_777_216L * 65_535L);
    }

    @Test
    void eachIteratorStartsAgain() {
        CountingResolver resolver = new CountingResolver();
        TcpTargets targets = new TcpTargets(HostSpec.parse("127.0.0.1"), PortSpec.of(1, 2), resolver);
        assertThat(targets.iterator().next().port()).isEqualTo(1);
        assertThat(targets.iterator().next().port()).isEqualTo(1);
        assertThat(resolver.calls.get("127.0.0.1").get()).isEqualTo(2);
    }
}
