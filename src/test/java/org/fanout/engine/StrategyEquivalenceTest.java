package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every strategy must find exactly what a plain serial loop finds, on real loopback sockets. */
@Timeout(120)
class StrategyEquivalenceTest {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final List<ServerSocket> listeners = new ArrayList<>();
    static final List<Endpoint> targets = new ArrayList<>();
    static Map<Integer, TcpState> serialStates;

    @BeforeAll
    static void openListenersAndScanSerially() throws Exception {
        for (int i = 0; i < 12; i++) listeners.add(new ServerSocket(0, 50, LOOPBACK));
        // 12 open ports, and 300 ports we just freed (closed), interleaved.
        Set<Integer> unique = new LinkedHashSet<>();
        for (ServerSocket s : listeners) unique.add(s.getLocalPort());
        for (int i = 0; i < 300; i++) {
            try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
                unique.add(s.getLocalPort());
            }
        }
        List<Integer> ports = new ArrayList<>(unique);
        Collections.shuffle(ports, new Random(7));
        for (int p : ports) targets.add(new Endpoint("127.0.0.1", LOOPBACK, p));
        serialStates = scan(Strategy.SERIAL, 1);
    }

    @AfterAll
    static void close() throws IOException {
        for (ServerSocket s : listeners) s.close();
    }

    static TargetSource<Endpoint> source() {
        return new TargetSource<>() {
            @Override
            public long count() {
                return targets.size();
            }

            @Override
            public Iterator<Endpoint> iterator() {
                return targets.iterator();
            }
        };
    }

    static Map<Integer, TcpState> scan(Strategy strategy, int threads) throws InterruptedException {
        Map<Integer, TcpState> states = new TreeMap<>();
        var config = new TcpProbeConfig(Duration.ofSeconds(2), 0, false, Duration.ofMillis(200));
        Scan<Endpoint, TcpResult> scan = Scan.tcp(source(), config, new ScanSettings(strategy, threads, 2));
        scan.run(r -> assertThat(states.put(r.port(), r.state()))
                .as("one result per target")
                .isNull());
        assertThat(scan.progress().done()).isEqualTo(targets.size());
        assertThat(scan.progress().count("open") + scan.progress().count("closed"))
                .isEqualTo(targets.size());
        return states;
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void everyStrategyAgreesWithSerial(Strategy strategy) throws Exception {
        Map<Integer, TcpState> states = scan(strategy, 64);
        assertThat(states).isEqualTo(serialStates);
        assertThat(states.values().stream().filter(s -> s == TcpState.OPEN).count())
                .isEqualTo(listeners.size());
        for (ServerSocket s : listeners)
            assertThat(states.get(s.getLocalPort())).isEqualTo(TcpState.OPEN);
    }
}
