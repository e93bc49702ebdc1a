package org.fanout.engine.flow;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scan's stop signal. Strategies register what must happen to stop promptly (interrupt a
 * thread, wake a selector, destroy workers); {@link #cancel} runs it all once.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public boolean isCancelled() {
        return cancelled;
    }

    public void cancel() {
        if (cancelled) return;
        cancelled = true;
        for (Runnable hook : hooks) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // A failing hook must not keep the others from stopping their part.
            }
        }
    }

    /** Registers a hook; if already cancelled it runs at once. */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) hook.run();
    }

    public void remove(Runnable hook) {
        hooks.remove(hook);
    }
}
