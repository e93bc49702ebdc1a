package org.fanout.engine.probe;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.Joining;
import org.fanout.engine.flow.Paced;

/**
 * Runs a non-blocking engine's event loop on the calling thread and, when many targets are in
 * flight, on helper threads as well: one loop per core, at most four. The loops take the targets
 * in batches from one shared iterator, split the concurrency and hand results to {@code emit} one
 * at a time. A paced scan keeps one loop (it is gentle by choice). If any loop fails, the others
 * are stopped and the failure is thrown once they have ended, so none goes on emitting after
 * {@link #run} has returned; the scan's own {@link Cancellation} is left alone (it failed, no one
 * stopped it).
 */
final class EventLoops {
    private EventLoops() {}

    /** One event loop over its share of the targets and of the concurrency. */
    @FunctionalInterface
    interface Loop<T, R> {
        void run(Iterator<T> targets, int concurrency, Consumer<R> emit, Cancellation cancel)
                throws InterruptedException;
    }

    /** How many loops for {@code concurrency} in flight: one more per {@code perExtraLoop}, up to the cores and four. */
    static int count(int concurrency, int perExtraLoop) {
        return Math.max(
                1, Math.min(Runtime.getRuntime().availableProcessors(), Math.min(4, concurrency / perExtraLoop)));
    }

    static <T, R> void run(
            String name,
            int perExtraLoop,
            Iterator<T> targets,
            int concurrency,
            Consumer<R> emit,
            Cancellation cancel,
            Loop<T, R> loop)
            throws InterruptedException {
        int count = count(concurrency, perExtraLoop);
        if (count == 1 || targets instanceof Paced) {
            loop.run(targets, concurrency, emit, cancel);
            return;
        }
        Cancellation stopLoops = new Cancellation(); // the user's stop, or a loop's failure
        Runnable userStop = stopLoops::cancel;
        cancel.onCancel(userStop);
        try {
            runLoops(name, count, targets, concurrency, emit, stopLoops, loop);
        } finally {
            cancel.remove(userStop);
        }
    }

    private static <T, R> void runLoops(
            String name,
            int count,
            Iterator<T> targets,
            int concurrency,
            Consumer<R> emit,
            Cancellation stopLoops,
            Loop<T, R> loop)
            throws InterruptedException {
        Batches<T> shared = new Batches<>(targets);
        Object oneAtATime = new Object();
        Consumer<R> serialized = r -> {
            synchronized (oneAtATime) {
                emit.accept(r);
            }
        };
        List<Thread> helpers = new ArrayList<>();
        RuntimeException[] failure = {null};
        int share = concurrency / count;
        for (int i = 1; i < count; i++) {
            helpers.add(Thread.ofPlatform().name(name + "-" + i).daemon().start(() -> {
                try {
                    loop.run(new Batches.Local<>(shared), share, serialized, stopLoops);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    synchronized (failure) {
                        if (failure[0] == null) failure[0] = e;
                    }
                    stopLoops.cancel();
                }
            }));
        }
        try {
            loop.run(new Batches.Local<>(shared), concurrency - (count - 1) * share, serialized, stopLoops);
        } catch (RuntimeException | InterruptedException e) {
            stopLoops.cancel(); // the helpers stop too, rather than go on emitting for a scan that failed
            Joining.uninterruptibly(helpers, stopLoops::cancel); // none may emit after run() returns
            throw e;
        }
        if (Joining.uninterruptibly(helpers, stopLoops::cancel)) { // stopped by the interrupt
            Thread.interrupted();
            throw new InterruptedException("event loops interrupted");
        }
        synchronized (failure) {
            if (failure[0] != null) throw failure[0];
        }
    }
}
