package org.fanout.lab;

import java.io.Closeable;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Tracks the virtual threads and sockets of one lab component, so {@link #close} can stop
 * everything promptly: it closes every registered resource, interrupts every thread, and
 * joins them against one deadline. Package-private plumbing shared by the lab servers.
 */
final class Workers {
    private final String prefix;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<Closeable> resources = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private boolean closed; // guarded by this

    Workers(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Starts {@code task} on a new tracked virtual thread.
     *
     * @return false (and nothing started) when these workers are already closed
     */
    synchronized boolean start(String name, Runnable task) {
        if (closed) {
            return false;
        }
        Thread thread = Thread.ofVirtual()
                .name(prefix + name + "-" + sequence.incrementAndGet())
                .unstarted(() -> {
                    try {
                        task.run();
                    } finally {
                        threads.remove(Thread.currentThread());
                    }
                });
        threads.add(thread);
        thread.start();
        return true;
    }

    /**
     * Registers a resource to close on {@link #close}. When already closed, the resource is
     * closed at once and false is returned.
     */
    boolean register(Closeable resource) {
        synchronized (this) {
            if (!closed) {
                resources.add(resource);
                return true;
            }
        }
        closeQuietly(resource);
        return false;
    }

    /**
     * Accepts on {@code server}, on a tracked thread, until it or these workers close; each
     * connection is counted in {@code accepted} and served by {@code handler} on a tracked
     * thread of its own. A failed accept while open (e.g. too many open files) backs off
     * briefly, then goes on.
     */
    void acceptAll(ServerSocket server, LongAdder accepted, Consumer<Socket> handler) {
        register(server);
        start("accept-" + server.getLocalPort(), () -> acceptLoop(server, accepted, handler));
    }

    private void acceptLoop(ServerSocket server, LongAdder accepted, Consumer<Socket> handler) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (server.isClosed() || isClosed()) {
                    return;
                }
                try {
                    sleep(10);
                } catch (InterruptedException stop) {
                    return;
                }
                continue;
            }
            accepted.increment();
            if (!register(socket) || !start("conn", () -> handler.accept(socket))) {
                closeQuietly(socket);
            }
        }
    }

    void unregister(Closeable resource) {
        resources.remove(resource);
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Threads started here that have not finished yet. */
    int aliveThreads() {
        return (int) threads.stream().filter(Thread::isAlive).count();
    }

    /** Registered resources (open sockets) not yet unregistered. */
    int openResources() {
        return resources.size();
    }

    /**
     * Closes all resources (first those in {@code first}, e.g. server sockets, so nothing new
     * is accepted), interrupts all threads and waits for them until {@code timeout} has passed.
     *
     * @return true if every thread ended in time
     */
    boolean close(Duration timeout, Closeable... first) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Closeable> toClose;
        List<Thread> toJoin;
        synchronized (this) {
            closed = true;
            toClose = new ArrayList<>(resources);
            toJoin = new ArrayList<>(threads);
        }
        for (Closeable c : first) {
            closeQuietly(c);
        }
        for (Closeable c : toClose) {
            closeQuietly(c);
        }
        resources.clear();
        for (Thread t : toJoin) {
            t.interrupt();
        }
        boolean allEnded = true;
        for (Thread t : toJoin) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    t.join(Duration.ofNanos(left));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            allEnded &= !t.isAlive();
        }
        return allEnded;
    }

    static void closeQuietly(Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException ignored) {
            // closing is best effort: the peer may already be gone
        }
    }

    /** Sleeps without holding a platform thread when called on a virtual thread. */
    static void sleep(long millis) throws InterruptedException {
        if (millis > 0) {
            TimeUnit.MILLISECONDS.sleep(millis);
        }
    }
}
