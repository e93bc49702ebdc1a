package org.fanout.engine.probe;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets a probe has open right now. A platform thread blocked in connect or read does not
 * wake on interrupt; closing its socket does, so cancelling a scan closes them all.
 */
final class LiveSockets {
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean aborted;

    <C extends Closeable> C add(C socket) throws IOException {
        open.add(socket);
        if (aborted) { // cancelled while this one was being opened
            closeAll();
            throw new IOException("scan cancelled");
        }
        return socket;
    }

    void remove(Closeable socket) {
        open.remove(socket);
    }

    void abort() {
        aborted = true;
        closeAll();
    }

    private void closeAll() {
        for (Closeable c : open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing is all we want
            }
            open.remove(c);
        }
    }
}
