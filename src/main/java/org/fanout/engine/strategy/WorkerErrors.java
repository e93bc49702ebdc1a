package org.fanout.engine.strategy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The last few hundred characters a worker wrote to stderr, kept so a failure can say why. */
final class WorkerErrors {
    static final int KEEP = 400;
    private final Process process;
    private final StringBuilder tail = new StringBuilder();
    private final Thread reader;

    /** Drains the process's stderr on a daemon thread (a full pipe must never block the worker). */
    WorkerErrors(Process process) {
        this.process = process;
        this.reader = Thread.ofPlatform().daemon().name("fanout-worker-err").start(this::drain);
    }

    private void drain() {
        try (var err = new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
            char[] buf = new char[512];
            for (int n = err.read(buf); n >= 0; n = err.read(buf)) {
                synchronized (tail) {
                    tail.append(buf, 0, n);
                    if (tail.length() > KEEP) tail.delete(0, tail.length() - KEEP);
                }
            }
        } catch (IOException gone) {
            // the worker ended
        }
    }

    /** What the worker said on stderr, on one line; waits briefly for it to finish saying it. */
    String text() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (tail) {
            return tail.toString().strip().replaceAll("\\s*\\R\\s*", " | ");
        }
    }
}
