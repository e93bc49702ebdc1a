package org.fanout.engine.probe;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.fanout.engine.inputs.Endpoint;

/** One connect attempt of {@link NioTcpEngine}, with the socket {@link TcpSockets} opened for it. */
final class TcpAttempt {
    final Endpoint target;
    final int attempt;
    long start; // just before this attempt's connect(): its latency and deadline are its own
    long deadline;
    long bannerDeadline;
    long latency;
    ByteBuffer banner;
    boolean queuedForBanner;
    boolean finished;
    TcpResult result;

    // the socket: a channel and its key (JdkTcpSockets), or a descriptor (LinuxTcpSockets)
    SocketChannel channel;
    SelectionKey key;
    int fd = -1;
    int token; // LinuxTcpSockets: tells this attempt's events from a reused descriptor's
    boolean watched; // LinuxTcpSockets: added to its epoll set (JdkTcpSockets: a key is set)

    TcpAttempt(Endpoint target, int attempt) {
        this.target = target;
        this.attempt = attempt;
    }
}
