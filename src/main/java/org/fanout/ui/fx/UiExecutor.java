package org.fanout.ui.fx;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one hand-off between background work and the UI thread. View-models receive one and never
 * touch the toolkit's threads themselves: {@link FxUiExecutor} in the app, {@link DirectUiExecutor}
 * (everything at once on the calling thread) in view-model tests that run without a toolkit.
 */
public interface UiExecutor {
    /** How eagerly background work competes with the UI thread for the CPU. */
    enum Priority {
        /** The lowest OS priority (see {@link BackgroundPriority}); threads it starts inherit it. */
        LOW,
        /** As the caller (a comparison measures throughput, so it must not be slowed down). */
        NORMAL
    }

    /** Something repeating on the UI thread until stopped. */
    interface Ticker {
        void stop();
    }

    /**
     * Runs {@code work} on a new background thread named {@code name}; its result, or what it
     * threw, is then given to {@code onResult} or {@code onFailure} on the UI thread.
     */
    <T> void background(
            String name,
            Priority priority,
            Callable<? extends T> work,
            Consumer<? super T> onResult,
            Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread (the FX executor always queues it, even when called on that thread). */
    void onUi(Runnable action);

    /** Calls {@code tick} on the UI thread every {@code periodMillis} ms until stopped. */
    Ticker every(long periodMillis, Runnable tick);

    /** Calls {@code tick} on the UI thread once per rendered frame until stopped. */
    Ticker everyFrame(Runnable tick);
}
