package org.fanout.engine.probe;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.Resolver;

/**
 * HTTP checks on non-blocking channels multiplexed by one selector on the calling thread: no
 * thread waits per request, and kept-alive connections are reused. Responses are read by
 * {@link HttpResponseParser} and redirects, HEAD fallback and TLS set-up decided by
 * {@link HttpSteps}, the same code as the blocking {@link HttpProbe}, so every strategy gives a
 * server's reply the same answer.
 */
public final class AsyncHttpProbe implements NonBlockingEngine<URI, HttpResult> {
    private static final long MAX_SELECT_MILLIS = 100;
    private final HttpProbeConfig config;
    private final Resolver resolver;
    private final TlsTrust trust;

    public AsyncHttpProbe(HttpProbeConfig config, Resolver resolver) {
        this.config = config;
        this.resolver = resolver;
        this.trust = TlsTrust.of(config.trustFile(), config.insecure());
    }

    /** One attempt at checking one URL, redirects included; a retry is a new Check. */
    private final class Check {
        final URI original;
        final int retriesLeft;
        final long start = System.nanoTime();
        final long deadline = start + config.timeout().toNanos();
        URI current;
        String method = config.method();
        int redirects;
        Conn conn;
        boolean finished;

        Check(URI original, int retriesLeft) {
            this.original = original;
            this.current = original;
            this.retriesLeft = retriesLeft;
        }
    }

    /** One connection: serving a check's request, or idle (no check) until reused. */
    private static final class Conn {
        final SocketChannel channel;
        final String origin;
        SelectionKey key;
        NioTransport transport;
        boolean reused;
        Check check;
        ByteBuffer request;
        HttpResponseParser parser;

        Conn(SocketChannel channel, String origin) {
            this.channel = channel;
            this.origin = origin;
        }
    }

    @Override
    public void run(Iterator<URI> targets, int concurrency, Consumer<HttpResult> emit, Cancellation cancel)
            throws InterruptedException {
        try (Selector selector = Selector.open()) {
            Runnable wake = selector::wakeup;
            cancel.onCancel(wake);
            try {
                new Loop(selector, emit).run(targets, concurrency, cancel);
            } finally {
                cancel.remove(wake);
                for (SelectionKey key : selector.keys()) closeQuietly(key.channel());
            }
        } catch (IOException e) {
            throw new ScanFailedException("cannot open a selector: " + e.getMessage(), e);
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    private final class Loop {
        private final Selector selector;
        private final Consumer<HttpResult> emit;
        private final PriorityQueue<Check> deadlines =
                new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
        private final Map<String, ArrayDeque<Conn>> idle = new HashMap<>();
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024); // above a TLS record's plaintext
        private int inFlight;
        /** TLS's one-time set-up ({@link TlsTrust#warmUp}), begun by the first https URL; null before. */
        private CompletableFuture<Void> tlsReady;
        /** What waits for it: new checks (whose clocks start once it is done) and redirects to https. */
        private final ArrayDeque<Runnable> awaitingTls = new ArrayDeque<>();

        Loop(Selector selector, Consumer<HttpResult> emit) {
            this.selector = selector;
            this.emit = emit;
        }

        void run(Iterator<URI> targets, int concurrency, Cancellation cancel) throws IOException, InterruptedException {
            while (!cancel.isCancelled()) {
                if (!awaitingTls.isEmpty() && tlsReady.isDone()) {
                    List<Runnable> ready = List.copyOf(awaitingTls);
                    awaitingTls.clear();
                    ready.forEach(Runnable::run);
                }
                while (inFlight < concurrency && targets.hasNext() && !cancel.isCancelled()) {
                    inFlight++;
                    start(new Check(targets.next(), config.retries()));
                }
                if (inFlight == 0 && !targets.hasNext()) return;
                expire(System.nanoTime());
                long wait = MAX_SELECT_MILLIS;
                Check next = deadlines.peek();
                if (next != null)
                    wait = Math.clamp((next.deadline - System.nanoTime()) / 1_000_000 + 1, 1, MAX_SELECT_MILLIS);
                selector.select(wait);
                if (Thread.currentThread().isInterrupted() && !cancel.isCancelled()) {
                    throw new InterruptedException("nio HTTP engine interrupted");
                }
                for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid()) ready((Conn) key.attachment());
                }
                expire(System.nanoTime());
            }
        }

        private void start(Check c) {
            if (waitingForTls(c.current)) { // its clock starts once TLS is set up: that wait is no server's
                awaitingTls.add(() -> start(new Check(c.original, c.retriesLeft)));
                return;
            }
            deadlines.add(c);
            exchange(c);
        }

        /**
         * Whether {@code uri} needs TLS before its first byte can go and TLS's one-time set-up has
         * not finished: a JVM's first TLS connection takes ~0.3 s of this thread, during which every
         * other check's clock would run and expire (a job of http URLs with one https among them
         * timed out whole). So it is set up on a thread of its own, and the loop goes on meanwhile.
         */
        private boolean waitingForTls(URI uri) {
            if (!HttpSteps.isTls(uri)) return false;
            if (tlsReady == null) {
                tlsReady = CompletableFuture.runAsync(trust::warmUp, task -> Thread.ofPlatform()
                        .daemon()
                        .name("fanout-tls-setup")
                        .start(task));
                tlsReady.whenComplete((done, failed) -> {
                    try {
                        selector.wakeup();
                    } catch (ClosedSelectorException scanOver) {
                        // the loop has ended
                    }
                });
            }
            return !tlsReady.isDone();
        }

        /** Sends the check's next request, on an idle connection to the origin if there is one. */
        private void exchange(Check c) {
            if (waitingForTls(c.current)) { // a redirect to https: its clock runs, as for any redirect
                awaitingTls.add(() -> {
                    if (!c.finished) exchange(c);
                });
                return;
            }
            Conn conn = takeIdle(HttpSteps.originOf(c.current));
            if (conn != null) {
                conn.reused = true;
                attach(c, conn);
                advance(conn);
            } else {
                connect(c);
            }
        }

        private void connect(Check c) {
            String host = HttpSteps.hostOf(c.current);
            int port = HttpSteps.defaultPort(c.current);
            SocketChannel channel = null;
            try {
                InetAddress address = resolver.resolve(host);
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                Conn conn = new Conn(channel, HttpSteps.originOf(c.current));
                conn.key = channel.register(selector, 0, conn);
                attach(c, conn);
                if (channel.connect(new InetSocketAddress(address, port))) connected(conn);
                else conn.key.interestOps(SelectionKey.OP_CONNECT);
            } catch (IOException | RuntimeException e) {
                if (channel != null) closeQuietly(channel);
                c.conn = null;
                fail(c, e);
            }
        }

        private void attach(Check c, Conn conn) {
            c.conn = conn;
            conn.check = c;
            conn.request = ByteBuffer.wrap(HttpSteps.request(c.method, c.current));
            conn.parser = HttpSteps.parser(c.method, config);
        }

        private void connected(Conn conn) throws IOException {
            URI uri = conn.check.current;
            conn.transport = HttpSteps.isTls(uri)
                    ? NioTransport.tls(conn.channel, HttpSteps.hostOf(uri), HttpSteps.defaultPort(uri), trust)
                    : NioTransport.plain(conn.channel);
            progress(conn);
        }

        private void ready(Conn conn) {
            if (conn.check == null) { // bytes or an end arrived on an idle connection: it cannot be reused
                ArrayDeque<Conn> q = idle.get(conn.origin);
                if (q != null) q.remove(conn);
                close(conn);
                return;
            }
            if (conn.transport == null) {
                try {
                    if (conn.channel.finishConnect()) connected(conn);
                } catch (IOException | RuntimeException e) {
                    failed(conn, e);
                }
                return;
            }
            advance(conn);
        }

        private void advance(Conn conn) {
            try {
                progress(conn);
            } catch (IOException | RuntimeException e) {
                failed(conn, e);
            }
        }

        /** Handshake, send, read: as far as the socket allows without waiting. */
        private void progress(Conn conn) throws IOException {
            NioTransport t = conn.transport;
            if (!t.handshake()) {
                conn.key.interestOps(t.wantsWrite() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                return;
            }
            if (conn.request.hasRemaining() || t.wantsWrite()) {
                t.write(conn.request);
                if (conn.request.hasRemaining() || t.wantsWrite()) {
                    conn.key.interestOps(SelectionKey.OP_WRITE);
                    return;
                }
            }
            HttpResponseParser parser = conn.parser;
            while (true) {
                in.clear();
                int n = t.read(in);
                if (n == 0) {
                    conn.key.interestOps(SelectionKey.OP_READ);
                    return;
                }
                if (n < 0) {
                    parser.endOfInput();
                    answered(conn, false);
                    return;
                }
                in.flip();
                parser.feed(in);
                if (parser.answered()) {
                    boolean leftover = in.hasRemaining();
                    answered(conn, parser.reusable() && !leftover && nothingMore(t));
                    return;
                }
            }
        }

        /** No byte and no end waiting behind the response (they would answer the next request). */
        private boolean nothingMore(NioTransport t) {
            try {
                in.clear();
                return t.read(in) == 0;
            } catch (IOException e) {
                return false;
            }
        }

        /** The response is in: keep or close the connection, then follow it or finish the check. */
        private void answered(Conn conn, boolean reusable) {
            Check c = conn.check;
            HttpSteps.Answer answer =
                    HttpSteps.Answer.of(conn.parser, reusable, conn.transport.certificate(), config.title());
            conn.check = null;
            c.conn = null;
            if (reusable) giveIdle(conn);
            else close(conn);
            if (HttpSteps.headRefused(c.method, answer.status())) {
                c.method = "GET";
                exchange(c);
                return;
            }
            if (config.followRedirects() && HttpSteps.isRedirect(answer.status())) {
                URI next;
                try {
                    next = HttpSteps.redirectTarget(c.current, answer.location());
                } catch (IOException e) {
                    fail(c, e);
                    return;
                }
                if (next != null) {
                    if (++c.redirects > config.maxRedirects()) {
                        finish(
                                c,
                                new HttpResult(
                                        c.original.toString(),
                                        0,
                                        System.nanoTime() - c.start,
                                        c.current.toString(),
                                        -1,
                                        ErrorKinds.TOO_MANY_REDIRECTS,
                                        null,
                                        null,
                                        null,
                                        answer.certificate()));
                    } else {
                        c.current = next;
                        exchange(c);
                    }
                    return;
                }
            }
            finish(c, answer.result(c.original, System.nanoTime() - c.start, c.current));
        }

        private void failed(Conn conn, Throwable e) {
            Check c = conn.check;
            close(conn);
            if (c == null) return;
            c.conn = null;
            boolean stale =
                    conn.reused && conn.parser.nothingReceived() && (e instanceof EOFException || brokenBeforeReply(e));
            if (stale) {
                connect(c); // the server closed it while it sat idle: ask again on a new connection
            } else {
                fail(c, e);
            }
        }

        private void fail(Check c, Throwable e) {
            finish(c, HttpSteps.failure(c.original, System.nanoTime() - c.start, e));
        }

        private void expire(long now) {
            while (!deadlines.isEmpty() && (deadlines.peek().finished || deadlines.peek().deadline <= now)) {
                Check c = deadlines.poll();
                if (c.finished) continue;
                finish(c, new HttpResult(c.original.toString(), 0, now - c.start, null, -1, ErrorKinds.TIMEOUT));
            }
        }

        private void finish(Check c, HttpResult result) {
            if (c.finished) return;
            c.finished = true;
            if (c.conn != null) { // a timed-out connection is never reused
                c.conn.check = null;
                close(c.conn);
                c.conn = null;
            }
            if (c.retriesLeft > 0 && HttpSteps.retryable(result)) {
                start(new Check(c.original, c.retriesLeft - 1));
                return;
            }
            inFlight--;
            emit.accept(result);
        }

        private Conn takeIdle(String origin) {
            ArrayDeque<Conn> q = idle.get(origin);
            if (q == null) return null;
            for (Conn conn = q.pollFirst(); conn != null; conn = q.pollFirst()) {
                if (conn.channel.isOpen() && conn.key.isValid()) return conn;
            }
            return null;
        }

        private void giveIdle(Conn conn) {
            ArrayDeque<Conn> q = idle.computeIfAbsent(conn.origin, k -> new ArrayDeque<>());
            if (q.size() >= IdleConnections.MAX_PER_ORIGIN) {
                close(conn);
                return;
            }
            conn.key.interestOps(SelectionKey.OP_READ); // wakes only if the server sends or closes
            q.addFirst(conn);
        }

        private void close(Conn conn) {
            if (conn.key != null) conn.key.cancel();
            closeQuietly(conn.channel);
        }
    }

    private static boolean brokenBeforeReply(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("broken pipe") || m.contains("connection reset");
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
