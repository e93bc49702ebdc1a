package org.fanout.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.LabHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HTTP checks against a real local server: every answer and fault classified, by every strategy. */
@Timeout(120)
class HttpChecksTest {
    static LabHttpServer server;
    static int closedPort;
    static String base;

    /** Knows only loopback names; anything else is unknown, and no DNS query leaves the machine. */
    static final Resolver LOCAL_ONLY = host -> {
        InetAddress literal = Resolver.literal(host);
        if (literal != null) return literal;
        if (host.equals("localhost")) return InetAddress.getLoopbackAddress();
        throw new UnknownHostException(host);
    };

    @BeforeAll
    static void start() throws Exception {
        server = LabHttpServer.builder().port(0).latency(Duration.ZERO).start();
        base = server.baseUrl();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Expect(int status, String error, String finalPath) {}

    static Map<String, Expect> cases() {
        Map<String, Expect> m = new TreeMap<>();
        m.put(base + "/status/200", new Expect(200, null, "/status/200"));
        m.put(base + "/redirect/1", new Expect(200, null, "/redirect/0"));
        m.put(base + "/redirect/3", new Expect(200, null, "/redirect/0"));
        m.put(base + "/status/404", new Expect(404, null, "/status/404"));
        m.put(base + "/status/500", new Expect(500, null, "/status/500"));
        m.put(base + "/status/418", new Expect(418, null, "/status/418"));
        m.put(base + "/head-refused", new Expect(200, null, "/head-refused"));
        m.put(base + "/slow/5000", new Expect(0, "timeout", null));
        m.put(base + "/silent", new Expect(0, "timeout", null));
        m.put(base + "/reset", new Expect(0, "connection_reset", null));
        m.put(base + "/redirect-loop", new Expect(0, "too_many_redirects", null));
        m.put(base + "/garbage", new Expect(0, "protocol", null));
        m.put(base + "/big-header", new Expect(0, "protocol", null));
        m.put("http://127.0.0.1:" + closedPort + "/", new Expect(0, "connection_refused", null));
        m.put("http://no-such-host.invalid/", new Expect(0, "unknown_host", null));
        return m;
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void classifiesEveryAnswerAndFault(Strategy strategy) throws Exception {
        Map<String, Expect> cases = cases();
        UrlSource urls = UrlSource.of(List.copyOf(cases.keySet()));
        HttpProbeConfig config = new HttpProbeConfig("HEAD", Duration.ofMillis(1500), true, 5, 0);
        Scan<URI, HttpResult> scan = Scan.http(urls, config, LOCAL_ONLY, new ScanSettings(strategy, 8, 2));
        Map<String, HttpResult> got = new TreeMap<>();
        scan.run(r -> got.put(r.url(), r));
        assertThat(got.keySet()).isEqualTo(cases.keySet());
        cases.forEach((url, want) -> {
            HttpResult r = got.get(url);
            assertThat(r.status()).as(strategy + " status of " + url + ": " + r).isEqualTo(want.status());
            assertThat(r.error()).as(strategy + " error of " + url + ": " + r).isEqualTo(want.error());
            if (want.finalPath() != null) assertThat(r.finalUrl()).isEqualTo(base + want.finalPath());
            assertThat(r.latencyNanos()).isLessThan(Duration.ofSeconds(3).toNanos());
        });
        assertThat(scan.progress().count("200")).isEqualTo(4);
    }
}
