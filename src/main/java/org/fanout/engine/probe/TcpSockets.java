package org.fanout.engine.probe;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The socket calls of {@link NioTcpEngine}'s event loop. {@link JdkTcpSockets} makes them with the
 * JDK's channels and selector, anywhere; {@link LinuxTcpSockets} with Linux's own calls through the
 * FFM API, where it may: no channel object and no exception per refused port, which on a
 * full-range loopback scan cost more than the kernel's connect itself (bench/RESULTS.md). Both
 * leave failures to {@link TcpConnectProbe}'s one classification, so they report the same results.
 * One instance serves one loop thread; only {@link #wakeup()} may be called from another.
 */
interface TcpSockets extends AutoCloseable {
    enum Started {
        /** Connected already: the attempt's socket is open. */
        CONNECTED,
        /** Connecting: the socket is watched for the connect to complete. */
        PENDING,
        /** Settled without a connection: {@code result} is set and the attempt holds no socket. */
        FAILED,
        /** No descriptor to be had (the open-file limit): nothing was opened. */
        NO_DESCRIPTOR
    }

    /**
     * Takes a non-blocking socket for the attempt's target (a new one, or one kept from a refused
     * loopback connect) and starts its connect, setting {@code start} just before the connect call.
     */
    Started connect(TcpAttempt a);

    /** After {@link #poll} reported a connecting attempt: CONNECTED, PENDING (not yet) or FAILED. */
    Started finishConnect(TcpAttempt a);

    /** Whether a connected attempt met itself ({@link TcpConnectProbe#isSelfConnect}). */
    boolean selfConnected(TcpAttempt a) throws IOException;

    /** Watches a connected attempt's socket for its banner. */
    void watchRead(TcpAttempt a) throws IOException;

    /**
     * Reads what arrived into the attempt's banner buffer: bytes read, 0 if nothing is there yet, or
     * -1 at the end of the stream or on a reset (what arrived before is the banner).
     */
    int read(TcpAttempt a);

    /**
     * Waits up to {@code waitNanos} (0: only looks) for watched sockets that are ready, and hands
     * each one's attempt to {@code ready}.
     */
    void poll(long waitNanos, Consumer<TcpAttempt> ready) throws IOException;

    /** Closes the attempt's socket, if open. */
    void close(TcpAttempt a);

    /** Ends a {@link #poll} in progress, from any thread (a cancel). */
    void wakeup();

    /** Closes every socket still open, and the poller. */
    @Override
    void close();

    /**
     * How long a {@link #poll} may block, in the whole milliseconds pollers count: 0 to only look,
     * at most 250. A wait under a millisecond (a paced scan's next start: 20,000/s is one every
     * 50 µs) is parked here instead.
     */
    static int waitMillis(long waitNanos) {
        if (waitNanos <= 0) return 0;
        if (waitNanos >= 1_000_000) return (int) Math.min(250, waitNanos / 1_000_000);
        LockSupport.parkNanos(waitNanos);
        return 0;
    }
}
