package org.fanout.ui.fx;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A {@link UiExecutor} for view-model tests without a toolkit: the calling thread is the UI
 * thread, background work runs at once in the call, and tickers fire only when the test calls
 * {@link #tick()}.
 */
public final class DirectUiExecutor implements UiExecutor {
    private final List<Runnable> tickers = new ArrayList<>();

    @Override
    public <T> void background(
            String name,
            Priority priority,
            Callable<? extends T> work,
            Consumer<? super T> onResult,
            Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            onFailure.accept(e);
            return;
        }
        onResult.accept(result);
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    @Override
    public Ticker every(long periodMillis, Runnable tick) {
        return add(tick);
    }

    @Override
    public Ticker everyFrame(Runnable tick) {
        return add(tick);
    }

    /** Fires every running ticker once. */
    public void tick() {
        for (Runnable t : List.copyOf(tickers)) t.run();
    }

    private Ticker add(Runnable tick) {
        tickers.add(tick);
        return () -> tickers.remove(tick);
    }
}
