package org.fanout.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What each path of the lab's HTTP server does (the table in {@link LabHttpServer}'s comment):
 * the special paths with a fixed status or fault, and the default behaviour drawn from the
 * server's latency, status mix and fault shares.
 */
final class LabHttpPaths {
    static final int BIG_HEADER_BYTES = 1 << 20;
    private static final int MAX_REDIRECT = 1000;
    private static final int GARBAGE_BYTES = 256;
    private static final int GONE_DECLARED = 1024;
    private static final int GONE_SENT = 100;

    /** The paths with a fixed behaviour, as listed in {@link LabHttpServer}'s comment. */
    static final List<String> SPECIAL_PATHS = List.of(
            "/status/{code}",
            "/redirect/{n}",
            "/redirect-to?url=/path",
            "/redirect-loop",
            "/slow/{ms}",
            "/reset",
            "/silent",
            "/drip",
            "/garbage",
            "/big-header",
            "/head-refused",
            "/gone-after-headers");

    private final DefaultPlanner planner;
    private final Duration maxHold;
    private final Duration dripInterval;

    LabHttpPaths(DefaultPlanner planner, Duration maxHold, Duration dripInterval) {
        this.planner = planner;
        this.maxHold = maxHold;
        this.dripInterval = dripInterval;
    }

    /** Serves one request; returns whether the connection may carry another. */
    boolean dispatch(LabConnection c, HttpRequestHead request) throws IOException, InterruptedException {
        boolean head = request.isHead();
        boolean keepAlive = request.keepAlive();
        if (!head && !request.method().equals("GET")) {
            return c.respond(request, 405, List.of("Allow: GET, HEAD"), keepAlive);
        }
        String path = request.path();
        switch (path) {
            case "/redirect-loop" -> {
                return c.respond(request, 302, List.of("Location: /redirect-loop"), keepAlive);
            }
            case "/redirect-to" -> {
                String location = queryParam(request.query(), "url");
                if (location == null
                        || !location.startsWith("/")
                        || location.startsWith("//")
                        || location.chars().anyMatch(ch -> ch < 33 || ch > 126)) {
                    return c.badPath(request, "redirect-to needs url=/relative/path");
                }
                return c.respond(request, 302, List.of("Location: " + location), keepAlive);
            }
            case "/reset" -> {
                c.reset();
                return false;
            }
            case "/silent" -> {
                c.hold(maxHold);
                return false;
            }
            case "/drip" -> {
                drip(c, head);
                return false;
            }
            case "/garbage" -> {
                c.out().write(garbage());
                c.out().flush();
                c.lingeringClose();
                return false;
            }
            case "/big-header" -> {
                return c.respond(request, 200, List.of(BigHeader.LINE), keepAlive);
            }
            case "/head-refused" -> {
                return head
                        ? c.respond(request, 405, List.of("Allow: GET"), keepAlive)
                        : c.respond(request, 200, List.of(), keepAlive);
            }
            case "/gone-after-headers" -> {
                goneAfterHeaders(c, head);
                return false;
            }
            default -> {
                // the prefixed paths below, or the default behaviour
            }
        }
        if (path.startsWith("/status/")) {
            int code = number(path.substring("/status/".length()));
            if (code < 200 || code > 599) {
                return c.badPath(request, "status must be 200-599");
            }
            List<String> extra = LabReplies.isRedirect(code) ? List.of("Location: /status/200") : List.of();
            return c.respond(request, code, extra, keepAlive);
        }
        if (path.startsWith("/redirect/")) {
            int n = number(path.substring("/redirect/".length()));
            if (n < 0 || n > MAX_REDIRECT) {
                return c.badPath(request, "redirect count must be 0-" + MAX_REDIRECT);
            }
            return n == 0
                    ? c.respond(request, 200, List.of(), keepAlive)
                    : c.respond(request, 301, List.of("Location: /redirect/" + (n - 1)), keepAlive);
        }
        if (path.startsWith("/slow/")) {
            int ms = number(path.substring("/slow/".length()));
            if (ms < 0 || ms > maxHold.toMillis()) {
                return c.badPath(request, "slow needs 0-" + maxHold.toMillis() + " ms");
            }
            Workers.sleep(ms);
            return c.respond(request, 200, List.of(), keepAlive);
        }
        return defaultBehaviour(c, request, keepAlive);
    }

    private boolean defaultBehaviour(LabConnection c, HttpRequestHead request, boolean keepAlive)
            throws IOException, InterruptedException {
        DefaultPlanner.Plan plan = planner.plan(request.target());
        Workers.sleep(plan.delayMillis());
        if (plan.kind() == DefaultPlanner.Kind.RESET) {
            c.reset();
            return false;
        }
        int status = plan.status();
        List<String> extra = LabReplies.isRedirect(status) ? List.of("Location: /status/200") : List.of();
        return c.respond(request, status, extra, keepAlive);
    }

    private void drip(LabConnection c, boolean headOnly) throws IOException, InterruptedException {
        OutputStream out = c.out();
        byte[] body = "drip done\n".getBytes(StandardCharsets.US_ASCII);
        byte[] head = LabReplies.head(200, List.of(), body.length, false, "HTTP/1.1");
        long pause = dripInterval.toMillis();
        for (byte b : head) {
            out.write(b);
            out.flush();
            Workers.sleep(pause);
        }
        if (!headOnly) {
            out.write(body);
            out.flush();
        }
        c.lingeringClose();
    }

    private static void goneAfterHeaders(LabConnection c, boolean headOnly) throws IOException {
        OutputStream out = c.out();
        out.write(LabReplies.head(200, List.of(), GONE_DECLARED, false, "HTTP/1.1"));
        if (!headOnly) {
            byte[] part = new byte[GONE_SENT];
            Arrays.fill(part, (byte) 'g');
            out.write(part);
        }
        out.flush();
        c.lingeringClose();
    }

    /** Deterministic bytes that no HTTP parser accepts: starts with 0x00, never with "HTTP/". */
    static byte[] garbage() {
        byte[] bytes = new byte[GARBAGE_BYTES];
        long state = 0x5EED_6A2B_A6E5L;
        for (int i = 0; i < bytes.length; i++) {
            state += 0x9E3779B97F4A7C15L;
            bytes[i] = (byte) DefaultPlanner.mix64(state);
        }
        bytes[0] = 0;
        return bytes;
    }

    /** A path segment as a non-negative int, or -1 if it is not one. */
    private static int number(String segment) {
        if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(segment);
    }

    private static String queryParam(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformed) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The 1 MiB header line, built once on first use. */
    private static final class BigHeader {
        static final String LINE = "X-Fanout-Big: " + "x".repeat(BIG_HEADER_BYTES);
    }
}
