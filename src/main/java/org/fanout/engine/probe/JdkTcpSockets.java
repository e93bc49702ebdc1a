package org.fanout.engine.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.function.Consumer;

/** {@link TcpSockets} with the JDK's non-blocking channels, multiplexed by one selector. */
final class JdkTcpSockets implements TcpSockets {
    private final Selector selector;

    JdkTcpSockets() throws IOException {
        selector = Selector.open();
    }

    @Override
    public Started connect(TcpAttempt a) {
        SocketChannel ch = null;
        a.start = System.nanoTime();
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            a.channel = ch;
            a.start = System.nanoTime();
            // On loopback (and other local paths) the answer is usually in before connect()
            // returns: asking at once settles the probe without the selector's three system calls.
            if (ch.connect(new InetSocketAddress(a.target.address(), a.target.port())) || ch.finishConnect()) {
                return Started.CONNECTED;
            }
            a.key = ch.register(selector, SelectionKey.OP_CONNECT, a);
            return Started.PENDING;
        } catch (IOException e) {
            if (ErrorKinds.mentions(e, "too many open files")) {
                close(a);
                return Started.NO_DESCRIPTOR;
            }
            return failed(a, e);
        }
    }

    @Override
    public Started finishConnect(TcpAttempt a) {
        try {
            return a.channel.finishConnect() ? Started.CONNECTED : Started.PENDING;
        } catch (IOException e) {
            return failed(a, e);
        }
    }

    private Started failed(TcpAttempt a, IOException e) {
        close(a);
        a.result = TcpConnectProbe.failed(a.target, e, System.nanoTime() - a.start);
        return Started.FAILED;
    }

    @Override
    public boolean selfConnected(TcpAttempt a) throws IOException {
        InetSocketAddress local = (InetSocketAddress) a.channel.getLocalAddress();
        return local != null && TcpConnectProbe.isSelfConnect(local.getAddress(), local.getPort(), a.target);
    }

    @Override
    public void watchRead(TcpAttempt a) throws IOException {
        if (a.key == null) {
            a.key = a.channel.register(selector, SelectionKey.OP_READ, a);
        } else {
            a.key.interestOps(SelectionKey.OP_READ);
        }
    }

    @Override
    public int read(TcpAttempt a) {
        try {
            return a.channel.read(a.banner);
        } catch (IOException closedOrReset) {
            return -1;
        }
    }

    @Override
    public void poll(long waitNanos, Consumer<TcpAttempt> ready) throws IOException {
        int millis = TcpSockets.waitMillis(waitNanos);
        if (millis == 0) {
            selector.selectNow();
        } else {
            selector.select(millis);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isValid()) ready.accept((TcpAttempt) key.attachment());
        }
    }

    @Override
    public void close(TcpAttempt a) {
        SocketChannel ch = a.channel;
        if (ch == null) return;
        a.channel = null;
        a.key = null;
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing a probe socket cannot fail in a way that matters
        }
    }

    @Override
    public void wakeup() {
        selector.wakeup();
    }

    @Override
    public void close() {
        for (SelectionKey key : selector.keys()) close((TcpAttempt) key.attachment());
        try {
            selector.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
