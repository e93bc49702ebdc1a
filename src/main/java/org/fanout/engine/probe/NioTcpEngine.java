package org.fanout.engine.probe;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.Paced;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.Endpoint;

/**
 * TCP connects on non-blocking sockets multiplexed on the calling thread: the seeds' asyncio event
 * loop. The sockets are Linux's own where it may ({@link LinuxTcpSockets}), else the JDK's channels
 * and selector ({@link JdkTcpSockets}). Every attempt has the same timeout, so deadlines expire in
 * start order and two FIFO queues (connecting, reading a banner) replace a priority queue.
 */
public final class NioTcpEngine implements NonBlockingEngine<Endpoint, TcpResult> {
    /** Opens the sockets of one event loop. */
    @FunctionalInterface
    interface SocketsFactory {
        TcpSockets open() throws IOException;
    }

    private final TcpProbeConfig config;
    private final int retries;
    private final SocketsFactory sockets;

    /** {@code -Dfanout.sockets=jdk} keeps the JDK's channels where Linux's own calls could be used (to compare them). */
    public NioTcpEngine(TcpProbeConfig config) {
        this(config, linuxSockets() ? LinuxTcpSockets::new : JdkTcpSockets::new);
    }

    private static boolean linuxSockets() {
        return !"jdk".equals(System.getProperty("fanout.sockets")) && LinuxTcpSockets.AVAILABLE;
    }

    /**
     * Sets Linux's socket calls up on a background thread. Making their FFM handles takes a fresh
     * JVM ~0.1 s of CPU (the first ~40 ms, then ~7 ms each), so the command line starts this while
     * picocli parses its options, on the other core; the first event loop then finds them ready
     * (or waits for the rest: a class is initialised once).
     */
    public static void prepareSockets() {
        if ("jdk".equals(System.getProperty("fanout.sockets"))) return;
        Thread.ofPlatform().daemon().name("fanout-sockets-setup").start(NioTcpEngine::linuxSockets);
    }

    NioTcpEngine(TcpProbeConfig config, SocketsFactory sockets) {
        this.config = config;
        this.retries = config.retries();
        this.sockets = sockets;
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
        // connect, poll and close are system calls: on a loopback scan one loop saturates a core
        EventLoops.run("fanout-nio", SOCKETS_PER_EXTRA_LOOP, targets, concurrency, emit, cancel, this::runLoop);
    }

    private void runLoop(Iterator<Endpoint> targets, int concurrency, Consumer<TcpResult> emit, Cancellation cancel)
            throws InterruptedException {
        try (TcpSockets open = sockets.open()) {
            Runnable wake = open::wakeup;
            cancel.onCancel(wake);
            try {
                loop(open, targets, concurrency, emit, cancel);
            } finally {
                cancel.remove(wake);
            }
        } catch (IOException e) {
            throw new ScanFailedException("cannot set up the sockets' poller: " + e.getMessage(), e);
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    private void loop(
            TcpSockets sockets,
            Iterator<Endpoint> targets,
            int concurrency,
            Consumer<TcpResult> emit,
            Cancellation cancel)
            throws IOException {
        ArrayDeque<TcpAttempt> connecting = new ArrayDeque<>();
        ArrayDeque<TcpAttempt> reading = new ArrayDeque<>();
        ArrayDeque<Ticket> again = new ArrayDeque<>(); // retries, and attempts deferred for lack of descriptors
        int[] inFlight = {0};
        int limit = concurrency;
        Paced paced = targets instanceof Paced p ? p : null;
        Consumer<TcpAttempt> ready = a -> {
            if (a.finished) return;
            if (a.banner == null) {
                onConnectable(sockets, a);
            } else {
                onReadable(sockets, a);
            }
            if (a.finished) {
                inFlight[0]--;
                finish(a, emit, again);
            } else if (a.banner != null && a.bannerDeadline != 0 && !a.queuedForBanner) {
                a.queuedForBanner = true;
                reading.add(a);
            }
        };
        while (!cancel.isCancelled()) {
            long notYet = 0; // a paced target not yet due: wait until it is
            int started = 0;
            while (inFlight[0] < limit && started < STARTS_PER_TURN && (!again.isEmpty() || targets.hasNext())) {
                if (paced != null && again.isEmpty() && (notYet = paced.nanosUntilNext()) > 0) break;
                Ticket t = again.isEmpty() ? new Ticket(targets.next(), 0) : again.poll();
                started++;
                TcpAttempt a = new TcpAttempt(t.target(), t.attempt());
                TcpResult undialable = TcpConnectProbe.undialable(a.target);
                if (undialable != null) {
                    emit.accept(undialable);
                    continue;
                }
                if (start(sockets, a) == TcpSockets.Started.NO_DESCRIPTOR) {
                    if (inFlight[0] == 0) { // nothing of ours to wait for: report it, don't spin
                        emit.accept(TcpConnectProbe.result(
                                a.target, TcpState.ERROR, -1, null, ErrorKinds.TOO_MANY_OPEN_FILES));
                    } else { // the open-file limit is tighter than we were told: shrink, try later
                        limit = inFlight[0];
                        again.addFirst(t);
                    }
                } else if (a.finished) {
                    finish(a, emit, again);
                } else {
                    if (a.banner != null) { // connected at once: only the banner is awaited
                        a.queuedForBanner = true;
                        reading.add(a);
                    } else {
                        connecting.add(a);
                    }
                    inFlight[0]++;
                }
            }
            boolean moreToStart = !again.isEmpty() || targets.hasNext();
            if (inFlight[0] == 0 && !moreToStart) return;
            long wait;
            if (started == STARTS_PER_TURN && inFlight[0] < limit && moreToStart) {
                wait = 0; // starts are waiting: only look at what is ready
            } else {
                wait = Math.min(nextDeadline(connecting), nextDeadline(reading)) - System.nanoTime();
                if (notYet > 0) wait = Math.min(wait, notYet);
            }
            sockets.poll(wait, ready);
            long now = System.nanoTime();
            inFlight[0] -= expire(sockets, connecting, now, false, emit, again);
            inFlight[0] -= expire(sockets, reading, now, true, emit, again);
        }
    }

    /** Starts the attempt's connect; afterwards {@code a.finished} tells a settled attempt from one in flight. */
    private TcpSockets.Started start(TcpSockets sockets, TcpAttempt a) {
        TcpSockets.Started s = sockets.connect(a);
        a.deadline = a.start + config.timeout().toNanos();
        switch (s) {
            case CONNECTED -> settleConnected(sockets, a);
            case FAILED -> a.finished = true;
            default -> {} // in flight, or no descriptor
        }
        return s;
    }

    /** {@link #connected}, where a failure is this attempt's, not the scan's. */
    private void settleConnected(TcpSockets sockets, TcpAttempt a) {
        try {
            connected(sockets, a);
        } catch (IOException e) {
            sockets.close(a);
            a.result = TcpConnectProbe.failed(a.target, e, System.nanoTime() - a.start);
            a.finished = true;
        }
    }

    /**
     * The connect completed: settles the attempt, or readies it for its banner.
     * A self-connect is told apart here, while the socket is open and knows its local address.
     */
    private void connected(TcpSockets sockets, TcpAttempt a) throws IOException {
        a.latency = System.nanoTime() - a.start;
        boolean self = sockets.selfConnected(a);
        if (config.banner() && !self) {
            a.banner = ByteBuffer.allocate(TcpProbeConfig.BANNER_MAX_BYTES);
            a.bannerDeadline = System.nanoTime() + config.bannerTimeout().toNanos();
            sockets.watchRead(a);
            return;
        }
        a.result = self ? TcpConnectProbe.refused(a.target, a.latency) : open(a);
        a.finished = true;
        sockets.close(a);
    }

    private void onConnectable(TcpSockets sockets, TcpAttempt a) {
        switch (sockets.finishConnect(a)) {
            case CONNECTED -> settleConnected(sockets, a);
            case FAILED -> a.finished = true;
            default -> {} // not yet
        }
    }

    private void onReadable(TcpSockets sockets, TcpAttempt a) {
        int r = sockets.read(a);
        if (r >= 0 && a.banner.hasRemaining() && !Banners.hasLineEnd(a.banner.array(), a.banner.position())) {
            return; // more to come
        }
        a.result = open(a);
        a.finished = true;
        sockets.close(a);
    }

    /** An open port, with whatever banner arrived; self-connects were told apart on connecting. */
    private static TcpResult open(TcpAttempt a) {
        String banner = a.banner == null ? null : Banners.firstLine(a.banner.array(), a.banner.position());
        return TcpConnectProbe.result(a.target, TcpState.OPEN, a.latency, banner, null);
    }

    /** Times out the overdue attempts at the head of a queue; returns how many left flight. */
    private int expire(
            TcpSockets sockets,
            ArrayDeque<TcpAttempt> queue,
            long now,
            boolean bannerPhase,
            Consumer<TcpResult> emit,
            ArrayDeque<Ticket> again) {
        int gone = 0;
        while (!queue.isEmpty()) {
            TcpAttempt a = queue.peek();
            if (a.finished || (!bannerPhase && a.banner != null)) {
                queue.poll(); // done, or moved on to reading its banner
                continue;
            }
            long due = bannerPhase ? a.bannerDeadline : a.deadline;
            if (due - now > 0) break;
            queue.poll();
            sockets.close(a);
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

    private void finish(TcpAttempt a, Consumer<TcpResult> emit, ArrayDeque<Ticket> again) {
        if (a.attempt < retries
                && (a.result.state() == TcpState.FILTERED
                        || (a.result.state() == TcpState.ERROR && a.target.address() != null))) {
            again.add(new Ticket(a.target, a.attempt + 1));
        } else {
            emit.accept(a.result);
        }
    }

    private static long nextDeadline(ArrayDeque<TcpAttempt> queue) {
        for (TcpAttempt a : queue) {
            if (!a.finished) return a.banner != null && a.bannerDeadline != 0 ? a.bannerDeadline : a.deadline;
        }
        return System.nanoTime() + 250_000_000L;
    }
}
