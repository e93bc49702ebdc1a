package org.fanout.engine.probe;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets a probe has open right now. A platform thread blocked in connect or read does not
 * wake on interrupt; closing its socket does, so cancelling a scan closes them all.
 */
final class LiveSockets {
    /** Every probe's live sockets by the thread using them, so one overdue task can be freed alone. */
    private static final Map<Thread, Set<Closeable>> BY_THREAD = new ConcurrentHashMap<>();

    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    <C extends Closeable> C add(C socket) throws IOException {
        open.add(socket);
        BY_THREAD
                .computeIfAbsent(Thread.currentThread(), t -> ConcurrentHashMap.newKeySet())
                .add(socket);
        if (aborted) { // cancelled while this one was being opened
            closeAll();
            throw new IOException("scan cancelled");
        }
        return socket;
    }

    void remove(Closeable socket) {
        open.remove(socket);
        BY_THREAD.computeIfPresent(Thread.currentThread(), (t, mine) -> {
            mine.remove(socket);
            return mine.isEmpty() ? null : mine;
        });
    }

    /** Closes the sockets {@code owner} has open in any probe, waking it if it is blocked on one. */
    static void closeOwnedBy(Thread owner) {
        Set<Closeable> theirs = BY_THREAD.get(owner);
        if (theirs != null) theirs.forEach(LiveSockets::closeQuietly);
    }

    void abort() {
        aborted = true;
        closeAll();
    }

    private void closeAll() {
        for (Closeable c : open) {
            closeQuietly(c);
            open.remove(c);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }
}
