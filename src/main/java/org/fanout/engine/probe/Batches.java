package org.fanout.engine.probe;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.fanout.engine.flow.Paced;

/**
 * One lazy target iterator shared by several event loops: each loop takes a small batch under
 * a lock, so the lock is taken once per batch rather than once per target.
 */
final class Batches<T> implements Iterator<T> {
    static final int BATCH = 64;
    private final Iterator<T> source;
    private final int batch;

    Batches(Iterator<T> source) {
        this.source = source;
        this.batch = source instanceof Paced ? 1 : BATCH;
    }

    synchronized int fill(ArrayDeque<T> into) {
        int n = 0;
        while (n < batch && source.hasNext()) {
            into.add(source.next());
            n++;
        }
        return n;
    }

    @Override
    public synchronized boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public synchronized T next() {
        return source.next();
    }

    /** One loop's view: its own batch, refilled from the shared source when empty. */
    static final class Local<T> implements Iterator<T> {
        private final Batches<T> shared;
        private final ArrayDeque<T> batch = new ArrayDeque<>(BATCH);

        Local(Batches<T> shared) {
            this.shared = shared;
        }

        @Override
        public boolean hasNext() {
            return !batch.isEmpty() || shared.fill(batch) > 0;
        }

        @Override
        public T next() {
            if (!hasNext()) throw new NoSuchElementException();
            return batch.poll();
        }
    }
}
