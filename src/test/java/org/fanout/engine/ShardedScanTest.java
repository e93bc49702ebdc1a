package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.OrderedTargets;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TargetOrder;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.LabHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * N = 1, 3, 4 and 7 shards of one seeded loopback job, run for real under every strategy: the
 * shards are disjoint, together they are the job exactly, and their sizes differ by at most one.
 */
@Tag("slow")
@Timeout(240)
class ShardedScanTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final int[] SHARD_COUNTS = {1, 3, 4, 7};
    static final long SEED = 20_260_415L;
    static final Resolver LITERALS_ONLY = host -> {
        InetAddress literal = Resolver.literal(host);
        if (literal == null) throw new UnknownHostException(host);
        return literal;
    };

    static final List<ServerSocket> listeners = new ArrayList<>();
    static TcpTargets tcpJob;
    static Set<String> tcpKeys;
    static LabHttpServer server;
    static UrlSource httpJob;
    static Set<String> httpKeys;

    @BeforeAll
    static void openListenersAndServer() throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ServerSocket s = new ServerSocket(0, 200, LOOPBACK);
            listeners.add(s);
            ports.add(s.getLocalPort());
        }
        for (int i = 0; i < 5; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
                ports.add(s.getLocalPort()); // freed: closed
            }
        }
        // 127.0.0.0/28 x 8 ports = 128 targets; the listeners answer on 127.0.0.1 only.
        tcpJob = new TcpTargets(
                HostSpec.parse("127.0.0.0/28"),
                PortSpec.of(ports.stream().mapToInt(Integer::intValue).toArray()),
                LITERALS_ONLY);
        tcpKeys = new HashSet<>();
        tcpJob.forEach(e -> tcpKeys.add(TcpResult.key(e.host(), e.port())));
        assertThat(tcpKeys).hasSize(128);

        server = LabHttpServer.builder().port(0).latency(Duration.ZERO).start();
        httpJob = UrlSource.pattern(server.baseUrl() + "/status/{200,404}?v={a-e}{0-4}"); // 50 URLs
        httpKeys = new HashSet<>();
        httpJob.forEach(u -> httpKeys.add(u.toString()));
        assertThat(httpKeys).hasSize(50);
    }

    @AfterAll
    static void close() throws IOException {
        for (ServerSocket s : listeners) s.close();
        server.close();
    }

    static ScanSettings settings(Strategy strategy) {
        return new ScanSettings(strategy, 16, 2);
    }

    /** Runs every shard of an N-way split and checks the split; returns nothing, asserts all. */
    static <R extends ProbeResult> void checkSplit(
            Set<String> jobKeys, int shards, ShardScan<R> scanOf, Function<R, String> keyOf)
            throws InterruptedException {
        Set<String> union = new HashSet<>();
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 1; i <= shards; i++) {
            Scan<?, R> scan = scanOf.scan(TargetOrder.random(SEED).shard(i, shards));
            List<String> keys = new ArrayList<>();
            scan.run(r -> keys.add(keyOf.apply(r)));
            assertThat(scan.progress().total())
                    .as("the shown count is the shard's")
                    .isEqualTo(keys.size());
            for (String k : keys)
                assertThat(union.add(k))
                        .as("%s in two shards (%d of %d)", k, i, shards)
                        .isTrue();
            smallest = Math.min(smallest, keys.size());
            largest = Math.max(largest, keys.size());
        }
        assertThat(union).as("the shards together are the job").isEqualTo(jobKeys);
        assertThat(largest - smallest).as("balanced").isLessThanOrEqualTo(1);
    }

    @FunctionalInterface
    interface ShardScan<R extends ProbeResult> {
        Scan<?, R> scan(TargetOrder order);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void tcpShardsPartitionTheJob(Strategy strategy) throws Exception {
        var config = new TcpProbeConfig(Duration.ofSeconds(2), 0, false, Duration.ofMillis(200));
        Set<Integer> open = new HashSet<>();
        for (ServerSocket s : listeners) open.add(s.getLocalPort());
        for (int n : SHARD_COUNTS) {
            checkSplit(
                    tcpKeys,
                    n,
                    order -> Scan.tcp(new OrderedTargets<>(tcpJob, order), config, settings(strategy)),
                    (TcpResult r) -> {
                        boolean listening = r.host().equals("127.0.0.1") && open.contains(r.port());
                        assertThat(r.state()).as(r.targetKey()).isEqualTo(listening ? TcpState.OPEN : TcpState.CLOSED);
                        return r.targetKey();
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void httpPatternShardsPartitionTheJob(Strategy strategy) throws Exception {
        var config = new HttpProbeConfig("GET", Duration.ofSeconds(5), true, 5, 0);
        for (int n : SHARD_COUNTS) {
            checkSplit(
                    httpKeys,
                    n,
                    order -> Scan.http(new OrderedTargets<>(httpJob, order), config, LITERALS_ONLY, settings(strategy)),
                    r -> {
                        assertThat(r.status()).as(r.url()).isEqualTo(r.url().contains("/404?") ? 404 : 200);
                        return r.url();
                    });
        }
    }

    /** Serial keeps the start order, so the results show the order itself: repeatable, seed-chosen, not the written one. */
    @Test
    void theOrderIsSeededRepeatableAndNotSequential() throws Exception {
        var config = new TcpProbeConfig(Duration.ofSeconds(2), 0, false, Duration.ofMillis(200));
        List<String> written = new ArrayList<>();
        tcpJob.forEach(e -> written.add(TcpResult.key(e.host(), e.port())));
        List<String> first = serialOrder(TargetOrder.random(1), config);
        assertThat(first).isNotEqualTo(written).containsExactlyInAnyOrderElementsOf(written);
        assertThat(serialOrder(TargetOrder.random(1), config)).isEqualTo(first);
        assertThat(serialOrder(TargetOrder.random(2), config)).isNotEqualTo(first);
        assertThat(serialOrder(TargetOrder.sequential(), config)).isEqualTo(written);
    }

    static List<String> serialOrder(TargetOrder order, TcpProbeConfig config) throws InterruptedException {
        List<String> keys = new ArrayList<>();
        Scan<Endpoint, TcpResult> scan =
                Scan.tcp(new OrderedTargets<>(tcpJob, order), config, settings(Strategy.SERIAL));
        assertThat(scan.order()).isEqualTo(order);
        scan.run(r -> keys.add(r.targetKey()));
        return keys;
    }
}
