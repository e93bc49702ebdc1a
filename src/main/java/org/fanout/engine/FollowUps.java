package org.fanout.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * More work on some results before they are delivered, each on its own virtual thread (at most
 * {@code parallel} at once), so the strategy's threads, and the nio event loop above all, never
 * wait for it. Deliveries stay one at a time.
 */
final class FollowUps<R> {
    interface Work<R> {
        boolean wanted(R result);

        R apply(R result);
    }

    private final Work<R> work;
    private final Semaphore permits;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Object delivery = new Object();

    FollowUps(Work<R> work, int parallel) {
        this.work = work;
        this.permits = new Semaphore(Math.max(1, parallel));
    }

    /** {@code emit}, but wanted results are worked on first, elsewhere. */
    Consumer<R> around(Consumer<R> emit) {
        Consumer<R> one = r -> {
            synchronized (delivery) {
                emit.accept(r);
            }
        };
        return r -> {
            if (!work.wanted(r)) {
                one.accept(r);
                return;
            }
            try {
                threads.execute(() -> {
                    try {
                        permits.acquire();
                    } catch (InterruptedException cancelled) {
                        return;
                    }
                    try {
                        one.accept(work.apply(r));
                    } finally {
                        permits.release();
                    }
                });
            } catch (RejectedExecutionException closing) {
                one.accept(r);
            }
        };
    }

    /** Waits for the work under way; once the scan is cancelled, at most a second more, dropping the rest. */
    void finish(BooleanSupplier cancelled) throws InterruptedException {
        threads.shutdown();
        while (!threads.awaitTermination(100, TimeUnit.MILLISECONDS)) {
            if (cancelled.getAsBoolean()) {
                threads.shutdownNow();
                threads.awaitTermination(1, TimeUnit.SECONDS);
                return;
            }
        }
    }
}
