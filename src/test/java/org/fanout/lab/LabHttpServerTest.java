package org.fanout.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fanout.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class LabHttpServerTest {
    private LabHttpServer server;
    private HttpClient client;

    @BeforeEach
    void start() throws IOException {
        server = LabHttpServer.builder().dripInterval(Duration.ofMillis(20)).start();
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
        assertThat(server.activeThreads()).isZero();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    @Test
    void bindsLoopbackAndDescribesItself() {
        assertThat(server.port()).isBetween(1, 65535);
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.describe()).contains(server.baseUrl(), "latency 0ms", "status mix 200:1", "seed 1");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 404, 418, 500, 503})
    void statusPathAnswersThatStatus(int code) throws Exception {
        HttpResponse<String> r = send("GET", "/status/" + code);
        assertThat(r.statusCode()).isEqualTo(code);
        assertThat(r.body()).startsWith(code + " ");
        assertThat(r.headers().firstValueAsLong("content-length"))
                .hasValue(r.body().length());
    }

    @Test
    void statusEdgeCases() throws Exception {
        RawHttp.Response moved = RawHttp.get(server.port(), "/status/301");
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.header("Location")).isEqualTo("/status/200");
        RawHttp.Response noContent = RawHttp.get(server.port(), "/status/204");
        assertThat(noContent.status()).isEqualTo(204);
        assertThat(noContent.header("Content-Length")).isNull();
        assertThat(noContent.body()).isEmpty();
        assertThat(RawHttp.get(server.port(), "/status/99").status()).isEqualTo(400);
        assertThat(RawHttp.get(server.port(), "/status/abc").status()).isEqualTo(400);
    }

    @Test
    void redirectChainCountsDownToOk() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            String path = "/redirect/3";
            List<String> locations = new ArrayList<>();
            RawHttp.Response r;
            while (true) {
                c.request("GET", path);
                r = c.readResponse(false);
                if (r.status() != 301) {
                    break;
                }
                path = r.header("Location");
                locations.add(path);
            }
            assertThat(locations).containsExactly("/redirect/2", "/redirect/1", "/redirect/0");
            assertThat(r.status()).isEqualTo(200);
        }
        HttpResponse<String> followed = send("GET", "/redirect/3");
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.uri().getPath()).isEqualTo("/redirect/0");
    }

    @Test
    void redirectToUsesOnlyRelativeLocations() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), "/redirect-to?url=%2Fstatus%2F404");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/status/404");
        assertThat(send("GET", "/redirect-to?url=/status/418").statusCode()).isEqualTo(418);
        assertThat(RawHttp.get(server.port(), "/redirect-to?url=//127.0.0.1/x").status())
                .isEqualTo(400);
        assertThat(RawHttp.get(server.port(), "/redirect-to").status()).isEqualTo(400);
    }

    @Test
    void redirectLoopNeverEnds() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), "/redirect-loop");
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/redirect-loop");
        long before = server.requestsServed();
        // java.net.http gives up at its redirect limit and hands back the last 302
        HttpResponse<String> followed = send("GET", "/redirect-loop");
        assertThat(followed.statusCode()).isEqualTo(302);
        assertThat(followed.headers().firstValue("location")).hasValue("/redirect-loop");
        assertThat(server.requestsServed() - before).isGreaterThanOrEqualTo(5);
    }

    @Test
    void headHasTheContentLengthOfGetButNoBody() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("GET", "/status/404");
            RawHttp.Response get = c.readResponse(false);
            c.request("HEAD", "/status/404");
            RawHttp.Response head = c.readResponse(true);
            // a body after the HEAD response would corrupt this next response on the same connection
            c.request("GET", "/status/200");
            RawHttp.Response after = c.readResponse(false);

            assertThat(head.status()).isEqualTo(404);
            assertThat(head.header("Content-Length"))
                    .isEqualTo(String.valueOf(get.body().length))
                    .isNotEqualTo("0");
            assertThat(after.statusLine()).isEqualTo("HTTP/1.1 200 OK");
            assertThat(after.bodyText()).isEqualTo("200 OK\n");
        }
        HttpResponse<String> head = send("HEAD", "/status/200");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValueAsLong("content-length")).hasValue("200 OK\n".length());
    }

    @Test
    void headRefusedOnlyRefusesHead() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("HEAD", "/head-refused");
            RawHttp.Response head = c.readResponse(true);
            assertThat(head.status()).isEqualTo(405);
            assertThat(head.header("Allow")).isEqualTo("GET");
            c.request("GET", "/head-refused");
            assertThat(c.readResponse(false).status()).isEqualTo(200);
        }
    }

    @Test
    void keepAliveCarriesSeveralRequestsAndConnectionCloseIsHonoured() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("GET", "/status/200");
            assertThat(c.readResponse(false).status()).isEqualTo(200);
            c.request("GET", "/abc");
            assertThat(c.readResponse(false).status()).isEqualTo(200);
            c.send("GET /status/404 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            RawHttp.Response last = c.readResponse(false);
            assertThat(last.status()).isEqualTo(404);
            assertThat(last.header("Connection")).isEqualTo("close");
            assertThat(c.in.read()).isEqualTo(-1);
        }
        // three responses on one client socket, then EOF: that is the keep-alive proof (counts are
        // lower bounds, since other programs on this machine may probe loopback ports too)
        assertThat(server.requestsServed()).isGreaterThanOrEqualTo(3);

        try (RawHttp c = RawHttp.connect(server.port(), 5000)) { // HTTP/1.0 closes unless asked
            c.send("GET /status/200 HTTP/1.0\r\n\r\n");
            assertThat(c.readResponse(false).status()).isEqualTo(200);
            assertThat(c.in.read()).isEqualTo(-1);
        }
    }

    @Test
    void requestBodiesAreSkippedAndOtherMethodsRefused() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.send("POST /status/200 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello");
            RawHttp.Response post = c.readResponse(false);
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
            c.send("GET /status/418 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
            assertThat(c.readResponse(false).status()).isEqualTo(418);
            c.send("GET /status/200 HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n");
            assertThat(c.readResponse(false).status()).isEqualTo(413);
        }
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.send("this is not http\r\n\r\n");
            RawHttp.Response bad = c.readResponse(false);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void resetClosesWithRstBeforeAnyByte() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("GET", "/reset");
            assertThatThrownBy(c.in::read).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
        }
        assertThatThrownBy(() -> send("GET", "/reset")).isInstanceOf(IOException.class);
    }

    @Test
    void slowWaitsBeforeTheHeaders() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = send("GET", "/slow/300");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(millisSince(start)).isGreaterThanOrEqualTo(300);
        assertThat(RawHttp.get(server.port(), "/slow/99999999").status()).isEqualTo(400);
    }

    @Test
    void silentNeverAnswers() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 300)) {
            c.request("GET", "/silent");
            long start = System.nanoTime();
            assertThatThrownBy(c.in::read).isInstanceOf(SocketTimeoutException.class);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
            assertThat(server.openConnections()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void dripSendsTheHeadOneByteAtATime() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            long start = System.nanoTime();
            c.request("GET", "/drip");
            RawHttp.Response r = c.readResponse(false);
            long headBytes = r.statusLine().length()
                    + 2
                    + r.headers().entrySet().stream()
                            .mapToLong(
                                    e -> e.getKey().length() + 2 + e.getValue().length() + 2)
                            .sum()
                    + 2;
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("drip done\n");
            assertThat(millisSince(start)).isGreaterThanOrEqualTo((headBytes - 1) * 20);
        }
        // with the default interval, one byte a second
        try (LabHttpServer slow = LabHttpServer.start();
                RawHttp c = RawHttp.connect(slow.port(), 3000)) {
            c.request("GET", "/drip");
            long start = System.nanoTime();
            assertThat(c.in.read()).isEqualTo('H');
            assertThat(c.in.read()).isEqualTo('T');
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void garbageIsNotHttp() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("GET", "/garbage");
            byte[] bytes = c.in.readAllBytes();
            assertThat(bytes).hasSize(256);
            assertThat(new String(bytes, 0, 5, StandardCharsets.ISO_8859_1)).isNotEqualTo("HTTP/");
            assertThat(bytes[0]).isZero();
        }
        assertThatThrownBy(() -> send("GET", "/garbage")).isInstanceOf(IOException.class);
    }

    @Test
    void bigHeaderIsOneMebibyteLine() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("GET", "/big-header");
            assertThat(c.readLine()).isEqualTo("HTTP/1.1 200 OK");
            int longest = 0;
            for (String line = c.readLine(); !line.isEmpty(); line = c.readLine()) {
                if (line.startsWith("X-Fanout-Big: ")) {
                    longest = line.length();
                }
            }
            assertThat(longest).isEqualTo("X-Fanout-Big: ".length() + (1 << 20));
        }
    }

    @Test
    void goneAfterHeadersTruncatesTheBody() throws Exception {
        try (RawHttp c = RawHttp.connect(server.port(), 5000)) {
            c.request("GET", "/gone-after-headers");
            assertThat(c.readLine()).isEqualTo("HTTP/1.1 200 OK");
            Map<String, String> headers = new HashMap<>();
            for (String line = c.readLine(); !line.isEmpty(); line = c.readLine()) {
                headers.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 2));
            }
            assertThat(headers).containsEntry("Content-Length", "1024");
            assertThat(c.in.readAllBytes()).hasSize(100);
        }
    }

    /** What a client saw for one default path: a status, or "reset". */
    private static String outcome(int port, String path) throws IOException {
        try (RawHttp c = RawHttp.connect(port, 5000)) {
            c.request("GET", path);
            return String.valueOf(c.readResponse(false).status());
        } catch (SocketException e) {
            return "reset";
        }
    }

    @Test
    void defaultOutcomesDependOnlyOnSeedAndPath() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            paths.add("/site" + i + "?q=" + (i * 7));
        }
        var settings = LabHttpServer.builder()
                .statusMix("200:50,404:20,500:20,301:10")
                .resetShare(0.1)
                .seed(42);
        Map<String, String> inOrder = new HashMap<>();
        try (LabHttpServer a = settings.start()) {
            for (String p : paths) {
                inOrder.put(p, outcome(a.port(), p));
            }
        }
        Map<String, String> shuffledConcurrent = new ConcurrentHashMap<>();
        List<String> shuffled = new ArrayList<>(paths);
        Collections.shuffle(shuffled, new Random(3));
        try (LabHttpServer b = settings.start();
                ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> futures = new ArrayList<>();
            for (String p : shuffled) {
                futures.add(pool.submit(() -> shuffledConcurrent.put(p, outcome(b.port(), p))));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(shuffledConcurrent).isEqualTo(inOrder);
        assertThat(inOrder.values()).contains("200", "404", "500", "301", "reset");

        Map<String, String> otherSeed = new HashMap<>();
        try (LabHttpServer c = LabHttpServer.builder()
                .statusMix("200:50,404:20,500:20,301:10")
                .resetShare(0.1)
                .seed(43)
                .start()) {
            for (String p : paths) {
                otherSeed.put(p, outcome(c.port(), p));
            }
        }
        assertThat(otherSeed).isNotEqualTo(inOrder);
    }

    @Test
    void statusMixRoughlyFollowsItsWeights() throws Exception {
        Map<Integer, Integer> counts = new ConcurrentHashMap<>();
        try (LabHttpServer s = LabHttpServer.builder()
                        .statusMix("200:90,404:5,500:3,301:2")
                        .seed(5)
                        .start();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t * 500;
                futures.add(pool.submit(() -> {
                    try (RawHttp c = RawHttp.connect(s.port(), 5000)) { // keep-alive, 500 requests each
                        for (int i = first; i < first + 500; i++) {
                            c.request("GET", "/u/" + i);
                            RawHttp.Response r = c.readResponse(false);
                            if (r.status() == 301) {
                                assertThat(r.header("Location")).isEqualTo("/status/200");
                            }
                            counts.merge(r.status(), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            assertThat(s.requestsServed()).isGreaterThanOrEqualTo(2000);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder(200, 404, 500, 301);
        assertThat(counts.get(200)).isBetween(1740, 1860);
        assertThat(counts.get(404)).isBetween(65, 140);
        assertThat(counts.get(500)).isBetween(30, 95);
        assertThat(counts.get(301)).isBetween(15, 70);
    }

    @Test
    void latencyAndFaultSharesApplyToDefaultPaths() throws Exception {
        try (LabHttpServer s =
                LabHttpServer.builder().latency(Duration.ofMillis(150)).start()) {
            long start = System.nanoTime();
            assertThat(RawHttp.get(s.port(), "/anything").status()).isEqualTo(200);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(150);
            start = System.nanoTime();
            assertThat(RawHttp.get(s.port(), "/status/200").status()).isEqualTo(200); // fixed paths: no latency
            assertThat(millisSince(start)).isLessThan(150);
        }
        try (LabHttpServer s =
                LabHttpServer.builder().slowShare(1.0, Duration.ofMillis(250)).start()) {
            long start = System.nanoTime();
            assertThat(RawHttp.get(s.port(), "/x").status()).isEqualTo(200);
            assertThat(millisSince(start)).isGreaterThanOrEqualTo(250);
            assertThat(s.describe()).contains("slow 100.0% (+250ms)");
        }
        try (LabHttpServer s = LabHttpServer.builder().resetShare(1.0).start()) {
            assertThat(outcome(s.port(), "/y")).isEqualTo("reset");
        }
    }

    @Test
    void latencySpreadStaysInRangeAndIsRepeatablePerPath() throws Exception {
        try (LabHttpServer s = LabHttpServer.builder()
                .latencySpread(Duration.ofMillis(50), Duration.ofMillis(150))
                .start()) {
            assertThat(s.describe()).contains("latency 50ms..150ms");
            for (int i = 0; i < 5; i++) {
                long start = System.nanoTime();
                assertThat(RawHttp.get(s.port(), "/spread/" + i).status()).isEqualTo(200);
                assertThat(millisSince(start)).isBetween(50L, 1000L);
            }
        }
        DefaultPlanner planner = new DefaultPlanner(1, StatusMix.ALL_OK, 50, 150, 0, 0, 0);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 5000; i++) {
            long d = planner.plan("/spread/" + i).delayMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isEqualTo(50);
        assertThat(max).isEqualTo(150);
    }

    @Test
    void fiveHundredConcurrentConnectionsOverlapTheirLatency() throws Exception {
        int n = 500;
        try (LabHttpServer s =
                        LabHttpServer.builder().latency(Duration.ofMillis(50)).start();
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String path = "/c/" + i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return RawHttp.get(s.port(), path).status();
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            for (Future<Integer> f : futures) {
                assertThat(f.get()).isEqualTo(200);
            }
            long elapsed = millisSince(start);
            assertThat(elapsed).as("500 x 50 ms serially would take 25 s").isLessThan(5000);
            assertThat(s.requestsServed()).isGreaterThanOrEqualTo(n);
        }
    }

    @Test
    void closeIsPromptReleasesThePortAndEndsEveryThread() throws Exception {
        LabHttpServer s =
                LabHttpServer.builder().latency(Duration.ofSeconds(30)).start();
        int port = s.port();
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (String path : List.of("/silent", "/slow/30000", "/drip", "/waits-on-latency")) {
                RawHttp c = RawHttp.connect(port, 5000);
                c.request("GET", path);
                clients.add(c);
            }
            RawHttp idle = RawHttp.connect(port, 5000); // an idle keep-alive connection
            clients.add(idle);
            Await.atMost(Duration.ofSeconds(3), () -> s.requestsServed() >= 4);
            // the idle connection's thread starts once the acceptor has taken it: wait for it too
            Await.atMost(Duration.ofSeconds(3), () -> s.activeThreads() >= 6);
            assertThat(s.activeThreads()).isGreaterThanOrEqualTo(6);

            long start = System.nanoTime();
            s.close();
            assertThat(millisSince(start)).isLessThan(1000);
            assertThat(s.activeThreads()).isZero();
            assertThat(s.openConnections()).isZero();
            for (RawHttp c : clients) {
                try {
                    c.in.readAllBytes(); // every client sees its connection end (EOF or reset)
                } catch (SocketException expected) {
                    // reset is fine too
                }
            }
        } finally {
            for (RawHttp c : clients) {
                c.close();
            }
            s.close();
        }
        assertThat(LabThreads.platformLabThreads()).isEmpty();
        try (ServerSocket again = TcpLab.bindLoopback(port, 50)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
        try (LabHttpServer sameport = LabHttpServer.builder().port(port).start()) {
            assertThat(RawHttp.get(sameport.port(), "/status/200").status()).isEqualTo(200);
        }
    }

    @Test
    void builderRejectsBadSettings() {
        assertThatThrownBy(() -> LabHttpServer.builder().statusMix("200:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200:x");
        assertThatThrownBy(() -> LabHttpServer.builder().latency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency");
        assertThatThrownBy(() -> LabHttpServer.builder().latencySpread(Duration.ofMillis(9), Duration.ofMillis(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("above");
        assertThatThrownBy(() -> LabHttpServer.builder().resetShare(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reset share");
        assertThatThrownBy(() -> LabHttpServer.builder()
                        .resetShare(0.6)
                        .slowShare(0.6, Duration.ZERO)
                        .start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceed 1");
        assertThatThrownBy(() -> LabHttpServer.builder().port(65536))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }
}
