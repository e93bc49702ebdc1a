package org.fanout.engine.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.Paced;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.Endpoint;

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

    private static final class Attempt {
        final Endpoint target;
        final int attempt;
        long start; // just before this attempt's connect(): its latency and deadline are its own
        long deadline;
        long bannerDeadline;
        long latency;
        SocketChannel channel;
        ByteBuffer banner;
        boolean queuedForBanner;
        boolean finished;
        TcpResult result;

        Attempt(Endpoint target, int attempt) {
            this.target = target;
            this.attempt = attempt;
        }
    }

    /** Below this many sockets in flight one event loop keeps up; above, one loop per core. */
    static final int SOCKETS_PER_EXTRA_LOOP = 256;
    /**
     * Most connects one turn of the loop starts before it polls the selector, expires deadlines
     * and looks for a cancel: on loopback a refused connect settles inside connect(), so without
     * this bound a scan of millions of closed ports would never reach the selector at all.
     */
    static final int STARTS_PER_TURN = 64;

    @Override
    public void run(Iterator<Endpoint> targets, int concurrency, Consumer<TcpResult> emit, Cancellation cancel)
            throws InterruptedException {
        int loops = Math.max(
                1,
                Math.min(
                        Runtime.getRuntime().availableProcessors(), Math.min(4, concurrency / SOCKETS_PER_EXTRA_LOOP)));
        if (loops == 1 || targets instanceof Paced) { // a paced scan is gentle: one loop
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
        List<Thread> helpers = new ArrayList<>();
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
        runLoop(new Batches.Local<>(shared), concurrency - (loops - 1) * (concurrency / loops), oneAtATime, cancel);
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
            throw new ScanFailedException("cannot open a selector: " + e.getMessage(), e);
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    private void loop(
            Selector selector,
            Iterator<Endpoint> targets,
            int concurrency,
            Consumer<TcpResult> emit,
            Cancellation cancel)
            throws IOException {
        ArrayDeque<Attempt> connecting = new ArrayDeque<>();
        ArrayDeque<Attempt> reading = new ArrayDeque<>();
        ArrayDeque<Ticket> again = new ArrayDeque<>(); // retries, and attempts deferred for lack of descriptors
        int inFlight = 0;
        int limit = concurrency;
        Paced paced = targets instanceof Paced p ? p : null;
        while (!cancel.isCancelled()) {
            long notYet = 0; // a paced target not yet due: wait until it is
            int started = 0;
            while (inFlight < limit && started < STARTS_PER_TURN && (!again.isEmpty() || targets.hasNext())) {
                if (paced != null && again.isEmpty() && (notYet = paced.nanosUntilNext()) > 0) break;
                Ticket t = again.isEmpty() ? new Ticket(targets.next(), 0) : again.poll();
                started++;
                Attempt a = new Attempt(t.target(), t.attempt());
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
                            emit.accept(TcpConnectProbe.result(
                                    a.target, TcpState.ERROR, -1, null, ErrorKinds.TOO_MANY_OPEN_FILES));
                        } else { // the open-file limit is tighter than we were told: shrink, try later
                            limit = inFlight;
                            again.addFirst(t);
                        }
                    }
                    case DONE -> finish(a, emit, again);
                }
            }
            boolean moreToStart = !again.isEmpty() || targets.hasNext();
            if (inFlight == 0 && !moreToStart) return;
            long wait;
            if (started == STARTS_PER_TURN && inFlight < limit && moreToStart) {
                wait = 0; // starts are waiting: only look at what is ready
            } else {
                wait = Math.min(nextDeadline(connecting), nextDeadline(reading)) - System.nanoTime();
                if (notYet > 0) wait = Math.min(wait, notYet);
            }
            poll(selector, wait);
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
                } else if (a.banner != null
                        && a.bannerDeadline != 0
                        && key.interestOps() == SelectionKey.OP_READ
                        && !a.queuedForBanner) {
                    a.queuedForBanner = true;
                    reading.add(a);
                }
            }
            long now = System.nanoTime();
            inFlight -= expire(connecting, now, false, emit, again);
            inFlight -= expire(reading, now, true, emit, again);
        }
    }

    /**
     * Waits up to {@code waitNanos} for ready channels. Selector.select counts whole milliseconds,
     * too coarse for a paced scan's next start (20,000/s is one every 50 µs): a shorter wait parks.
     */
    private static void poll(Selector selector, long waitNanos) throws IOException {
        if (waitNanos <= 0) {
            selector.selectNow();
        } else if (waitNanos >= 1_000_000) {
            selector.select(Math.min(250, waitNanos / 1_000_000));
        } else {
            LockSupport.parkNanos(waitNanos);
            selector.selectNow();
        }
    }

    private enum Started {
        PENDING,
        DONE,
        NO_DESCRIPTOR
    }

    private Started start(Attempt a, Selector selector) {
        SocketChannel ch = null;
        a.start = System.nanoTime();
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            a.channel = ch;
            a.start = System.nanoTime();
            a.deadline = a.start + config.timeout().toNanos();
            // On loopback (and other local paths) the answer is usually in before connect()
            // returns: asking at once settles the probe without the selector's three system calls.
            if (ch.connect(new InetSocketAddress(a.target.address(), a.target.port())) || ch.finishConnect()) {
                if (connected(a)) {
                    a.channel.register(selector, SelectionKey.OP_READ, a); // the banner still needs the selector
                    return Started.PENDING;
                }
                return Started.DONE;
            }
            ch.register(selector, SelectionKey.OP_CONNECT, a);
            return Started.PENDING;
        } catch (IOException e) {
            closeQuietly(ch);
            if (ErrorKinds.mentions(e, "too many open files")) return Started.NO_DESCRIPTOR;
            a.result = TcpConnectProbe.failed(a.target, e, System.nanoTime() - a.start);
            a.finished = true;
            return Started.DONE;
        }
    }

    /**
     * The connect completed: settles the attempt, or readies it for its banner and returns true.
     * A self-connect is told apart here, while the channel is open and knows its local address.
     */
    private boolean connected(Attempt a) throws IOException {
        a.latency = System.nanoTime() - a.start;
        InetSocketAddress local = (InetSocketAddress) a.channel.getLocalAddress();
        boolean self = local != null && TcpConnectProbe.isSelfConnect(local.getAddress(), local.getPort(), a.target);
        if (config.banner() && !self) {
            a.banner = ByteBuffer.allocate(TcpProbeConfig.BANNER_MAX_BYTES);
            a.bannerDeadline = System.nanoTime() + config.bannerTimeout().toNanos();
            return true;
        }
        a.result = self ? TcpConnectProbe.result(a.target, TcpState.CLOSED, a.latency, null, null) : open(a);
        a.finished = true;
        closeQuietly(a.channel);
        return false;
    }

    private void onConnectable(Attempt a, SelectionKey key) {
        try {
            if (!a.channel.finishConnect()) return;
            if (connected(a)) key.interestOps(SelectionKey.OP_READ);
            return;
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

    /** An open port, with whatever banner arrived; self-connects were told apart on connecting. */
    private static TcpResult open(Attempt a) {
        String banner = a.banner == null ? null : Banners.firstLine(a.banner.array(), a.banner.position());
        return TcpConnectProbe.result(a.target, TcpState.OPEN, a.latency, banner, null);
    }

    /** Times out the overdue attempts at the head of a queue; returns how many left flight. */
    private int expire(
            ArrayDeque<Attempt> queue,
            long now,
            boolean bannerPhase,
            Consumer<TcpResult> emit,
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
            a.result = bannerPhase
                    ? open(a)
                    : TcpConnectProbe.failed(a.target, new SocketTimeoutException("connect timed out"), now - a.start);
            gone++;
            finish(a, emit, again);
        }
        return gone;
    }

    private record Ticket(Endpoint target, int attempt) {}

    private void finish(Attempt a, Consumer<TcpResult> emit, ArrayDeque<Ticket> again) {
        if (a.attempt < retries
                && (a.result.state() == TcpState.FILTERED
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
