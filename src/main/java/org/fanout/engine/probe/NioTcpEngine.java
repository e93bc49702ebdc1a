package org.fanout.engine.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.fanout.engine.strategy.Cancellation;
import org.fanout.engine.strategy.NonBlockingEngine;
import org.fanout.engine.target.Endpoint;

/**
 * TCP connects on non-blocking channels multiplexed by one selector on the calling thread: the
 * seeds' asyncio event loop. Every attempt has the same timeout, so deadlines expire in start
 * order and two FIFO queues (connecting, reading a banner) replace a priority queue.
 */
public final class NioTcpEngine implements NonBlockingEngine<Endpoint, TcpResult> {
    private final TcpProbeConfig config;
    private final int retries;

    public NioTcpEngine(TcpProbeConfig config) {
        this.config = config;
        this.retries = config.retries();
    }

    private final class Attempt {
        final Endpoint target;
        final int attempt;
        final long start;
        final long deadline;
        long bannerDeadline;
        long latency;
        SocketChannel channel;
        ByteBuffer banner;
        boolean queuedForBanner;
        boolean finished;
        TcpResult result;

        Attempt(Endpoint target, int attempt, long now) {
            this.target = target;
            this.attempt = attempt;
            this.start = now;
            this.deadline = now + config.timeout().toNanos();
        }
    }

    /** Below this many sockets in flight one event loop keeps up; above, one loop per core. */
    static final int SOCKETS_PER_EXTRA_LOOP = 256;

    @Override
    public void run(Iterator<Endpoint> targets, int concurrency, Consumer<TcpResult> emit, Cancellation cancel)
            throws InterruptedException {
        int loops = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(),
                Math.min(4, concurrency / SOCKETS_PER_EXTRA_LOOP)));
        if (loops == 1 || targets instanceof org.fanout.engine.strategy.Paced) { // a paced scan is gentle: one loop
            runLoop(targets, concurrency, emit, cancel);
            return;
        }
        // Connect, poll and close are system calls: on a loopback scan one loop saturates a core.
        Batches<Endpoint> shared = new Batches<>(targets);
        Consumer<TcpResult> oneAtATime = r -> {
            synchronized (this) {
                emit.accept(r);
            }
        };
        java.util.List<Thread> helpers = new java.util.ArrayList<>();
        RuntimeException[] failure = {null};
        for (int i = 1; i < loops; i++) {
            int share = concurrency / loops;
            helpers.add(Thread.ofPlatform().name("fanout-nio-" + i).daemon().start(() -> {
                try {
                    runLoop(new Batches.Local<>(shared), share, oneAtATime, cancel);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    failure[0] = e;
                    cancel.cancel();
                }
            }));
        }
        runLoop(new Batches.Local<>(shared), concurrency - (loops - 1) * (concurrency / loops),
                oneAtATime, cancel);
        for (Thread t : helpers) t.join();
        if (failure[0] != null) throw failure[0];
    }

    private void runLoop(Iterator<Endpoint> targets, int concurrency, Consumer<TcpResult> emit, Cancellation cancel)
            throws InterruptedException {
        try (Selector selector = Selector.open()) {
            Runnable wake = selector::wakeup;
            cancel.onCancel(wake);
            try {
                loop(selector, targets, concurrency, emit, cancel);
            } finally {
                cancel.remove(wake);
                for (SelectionKey key : selector.keys()) closeQuietly((SocketChannel) key.channel());
            }
        } catch (IOException e) {
            throw new org.fanout.engine.ScanFailedException("cannot open a selector: " + e.getMessage(), e);
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    private void loop(Selector selector, Iterator<Endpoint> targets, int concurrency, Consumer<TcpResult> emit,
                      Cancellation cancel) throws IOException {
        ArrayDeque<Attempt> connecting = new ArrayDeque<>();
        ArrayDeque<Attempt> reading = new ArrayDeque<>();
        ArrayDeque<Ticket> again = new ArrayDeque<>(); // retries, and attempts deferred for lack of descriptors
        int inFlight = 0;
        int limit = concurrency;
        org.fanout.engine.strategy.Paced paced = targets instanceof org.fanout.engine.strategy.Paced p ? p : null;
        while (!cancel.isCancelled()) {
            long now = System.nanoTime();
            long notYet = 0; // a paced target not yet due: select until it is
            while (inFlight < limit && (!again.isEmpty() || targets.hasNext())) {
                if (paced != null && again.isEmpty() && (notYet = paced.nanosUntilNext()) > 0) break;
                Ticket t = again.isEmpty() ? new Ticket(targets.next(), 0) : again.poll();
                Attempt a = new Attempt(t.target(), t.attempt(), now);
                TcpResult undialable = TcpConnectProbe.undialable(a.target);
                if (undialable != null) {
                    emit.accept(undialable);
                    continue;
                }
                switch (start(a, selector)) {
                    case PENDING -> {
                        if (a.banner != null) { // connected at once: only the banner is awaited
                            a.queuedForBanner = true;
                            reading.add(a);
                        } else {
                            connecting.add(a);
                        }
                        inFlight++;
                    }
                    case NO_DESCRIPTOR -> {
                        if (inFlight == 0) { // nothing of ours to wait for: report it, don't spin
                            emit.accept(TcpConnectProbe.result(a.target, TcpState.ERROR, -1, null,
                                    ErrorKinds.TOO_MANY_OPEN_FILES));
                        } else { // the open-file limit is tighter than we were told: shrink, try later
                            limit = inFlight;
                            again.addFirst(t);
                        }
                    }
                    case DONE -> finish(a, emit, again);
                }
                if (inFlight >= limit) break;
            }
            if (inFlight == 0 && again.isEmpty() && !targets.hasNext()) return;
            long wait = Math.min(nextDeadline(connecting), nextDeadline(reading)) - System.nanoTime();
            if (notYet > 0) wait = Math.min(wait, notYet);
            selector.select(Math.max(1, Math.min(250, wait / 1_000_000 + 1)));
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Attempt a = (Attempt) key.attachment();
                if (a.finished) continue;
                if (key.isValid() && key.isConnectable()) {
                    onConnectable(a, key);
                } else if (key.isValid() && key.isReadable()) {
                    onReadable(a);
                }
                if (a.finished) {
                    inFlight--;
                    finish(a, emit, again);
                } else if (a.banner != null && a.bannerDeadline != 0 && key.interestOps() == SelectionKey.OP_READ
                        && !a.queuedForBanner) {
                    a.queuedForBanner = true;
                    reading.add(a);
                }
            }
            now = System.nanoTime();
            inFlight -= expire(connecting, now, false, emit, again);
            inFlight -= expire(reading, now, true, emit, again);
        }
    }

    private enum Started { PENDING, DONE, NO_DESCRIPTOR }

    private Started start(Attempt a, Selector selector) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            a.channel = ch;
            // On loopback (and other local paths) the answer is usually in before connect()
            // returns: asking at once settles the probe without the selector's three system calls.
            if (ch.connect(new InetSocketAddress(a.target.address(), a.target.port())) || ch.finishConnect()) {
                a.latency = System.nanoTime() - a.start;
                if (config.banner()) { // the banner still needs the selector
                    a.banner = ByteBuffer.allocate(TcpProbeConfig.BANNER_MAX_BYTES);
                    a.bannerDeadline = System.nanoTime() + config.bannerTimeout().toNanos();
                    ch.register(selector, SelectionKey.OP_READ, a);
                    return Started.PENDING;
                }
                a.result = open(a);
                closeQuietly(ch);
                a.finished = true;
                return Started.DONE;
            }
            ch.register(selector, SelectionKey.OP_CONNECT, a);
            return Started.PENDING;
        } catch (IOException e) {
            closeQuietly(ch);
            String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("too many open files")) return Started.NO_DESCRIPTOR;
            a.result = TcpConnectProbe.failed(a.target, e, System.nanoTime() - a.start);
            a.finished = true;
            return Started.DONE;
        }
    }

    private void onConnectable(Attempt a, SelectionKey key) {
        try {
            if (!a.channel.finishConnect()) return;
            a.latency = System.nanoTime() - a.start;
            if (config.banner()) {
                a.banner = ByteBuffer.allocate(TcpProbeConfig.BANNER_MAX_BYTES);
                a.bannerDeadline = System.nanoTime() + config.bannerTimeout().toNanos();
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
            a.result = open(a);
        } catch (IOException e) {
            a.result = TcpConnectProbe.failed(a.target, e, System.nanoTime() - a.start);
        }
        a.finished = true;
        closeQuietly(a.channel);
    }

    private void onReadable(Attempt a) {
        try {
            int r = a.channel.read(a.banner);
            if (r >= 0 && a.banner.hasRemaining() && !Banners.hasLineEnd(a.banner.array(), a.banner.position())) {
                return; // more to come
            }
        } catch (IOException closedOrReset) {
            // whatever arrived before the reset is the banner
        }
        a.result = open(a);
        a.finished = true;
        closeQuietly(a.channel);
    }

    private TcpResult open(Attempt a) {
        try {
            InetSocketAddress local = (InetSocketAddress) a.channel.getLocalAddress();
            if (local != null && TcpConnectProbe.isSelfConnect(local.getAddress(), local.getPort(), a.target)) {
                return TcpConnectProbe.result(a.target, TcpState.CLOSED, a.latency, null, null);
            }
        } catch (IOException closed) {
            // already closed: it connected, so it was not our own port
        }
        String banner = a.banner == null ? null : Banners.firstLine(a.banner.array(), a.banner.position());
        return TcpConnectProbe.result(a.target, TcpState.OPEN, a.latency, banner, null);
    }

    /** Times out the overdue attempts at the head of a queue; returns how many left flight. */
    private int expire(ArrayDeque<Attempt> queue, long now, boolean bannerPhase, Consumer<TcpResult> emit,
                       ArrayDeque<Ticket> again) {
        int gone = 0;
        while (!queue.isEmpty()) {
            Attempt a = queue.peek();
            if (a.finished || (!bannerPhase && a.banner != null)) {
                queue.poll(); // done, or moved on to reading its banner
                continue;
            }
            long due = bannerPhase ? a.bannerDeadline : a.deadline;
            if (due - now > 0) break;
            queue.poll();
            closeQuietly(a.channel);
            a.finished = true;
            a.result = bannerPhase ? open(a)
                    : TcpConnectProbe.failed(a.target, new SocketTimeoutException("connect timed out"), now - a.start);
            gone++;
            finish(a, emit, again);
        }
        return gone;
    }

    private record Ticket(Endpoint target, int attempt) {
    }

    private void finish(Attempt a, Consumer<TcpResult> emit, ArrayDeque<Ticket> again) {
        if (a.attempt < retries && (a.result.state() == TcpState.FILTERED
                || (a.result.state() == TcpState.ERROR && a.target.address() != null))) {
            again.add(new Ticket(a.target, a.attempt + 1));
        } else {
            emit.accept(a.result);
        }
    }

    private static long nextDeadline(ArrayDeque<Attempt> queue) {
        for (Attempt a : queue) {
            if (!a.finished) return a.banner != null && a.bannerDeadline != 0 ? a.bannerDeadline : a.deadline;
        }
        return System.nanoTime() + 250_000_000L;
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a probe socket cannot fail in a way that matters
        }
    }
}
