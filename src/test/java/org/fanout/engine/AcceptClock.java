package org.fanout.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback listeners that note when each connection arrives: when probes start, seen from the far
 * end, not when their results reach the caller. One platform thread selects over all of them, so a
 * stall of the scan's own threads (virtual-thread carriers, the result consumer) cannot bunch the
 * stamps. Each accepted connection is closed at once.
 *
 * <p>The clock's own thread can stall too (a busy machine deschedules it while the kernel goes on
 * completing handshakes), and connections it then accepts together did not arrive together. So
 * each arrival is noted as the span it certainly lies in: after the select before the one that
 * found it began (that select drained its listener, or found nothing there), before it was accepted.
 */
final class AcceptClock implements AutoCloseable {
    private final Selector selector;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Thread loop;

    AcceptClock(int count) throws IOException {
        selector = Selector.open();
        try {
            for (int i = 0; i < count; i++) {
                var listener = ServerSocketChannel.open();
                listeners.add(listener);
                listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
                listener.configureBlocking(false);
                listener.register(selector, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        loop = Thread.ofPlatform().daemon().name("accept-clock").start(this::acceptUntilClosed);
    }

    /** The listening ports, in creation order. */
    List<Integer> ports() {
        return listeners.stream().map(l -> l.socket().getLocalPort()).toList();
    }

    /** A connection arrived at some {@link System#nanoTime} from {@code notBefore} to {@code notAfter}. */
    record Arrival(long notBefore, long notAfter) {}

    /** Every connection accepted so far, in the order accepted. */
    List<Arrival> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    private void acceptUntilClosed() {
        try {
            // A connection accepted after a select was not pending when the select before it began:
            // that select either drained its listener or found it with nothing ready.
            long notBefore = System.nanoTime();
            while (selector.isOpen()) {
                long selecting = System.nanoTime();
                selector.select(200);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel accepted;
                    while ((accepted = ((ServerSocketChannel) key.channel()).accept()) != null) {
                        var arrival = new Arrival(notBefore, System.nanoTime());
                        accepted.close();
                        synchronized (arrivals) {
                            arrivals.add(arrival);
                        }
                    }
                }
                selector.selectedKeys().clear();
                notBefore = selecting;
            }
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            // closed: the test is over
        }
    }

    @Override
    public void close() throws IOException {
        selector.close();
        for (var listener : listeners) listener.close();
        if (loop != null) {
            try {
                loop.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
