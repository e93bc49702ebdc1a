package org.fanout.ui.fx;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.util.Duration;

/** The app's {@link UiExecutor}: daemon threads for the work, {@link Platform#runLater} and animation pulses for the UI thread. */
public final class FxUiExecutor implements UiExecutor {
    /** The one instance the app needs: it holds no state. */
    public static final FxUiExecutor INSTANCE = new FxUiExecutor();

    private FxUiExecutor() {}

    @Override
    public <T> void background(
            String name,
            Priority priority,
            Callable<? extends T> work,
            Consumer<? super T> onResult,
            Consumer<? super Throwable> onFailure) {
        Objects.requireNonNull(work);
        Objects.requireNonNull(onResult);
        Objects.requireNonNull(onFailure);
        Thread thread = new Thread(
                () -> {
                    if (priority == Priority.LOW) BackgroundPriority.lowerCurrentThread();
                    T result;
                    try {
                        result = work.call();
                    } catch (Throwable e) {
                        Platform.runLater(() -> onFailure.accept(e));
                        return;
                    }
                    Platform.runLater(() -> onResult.accept(result));
                },
                name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onUi(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public Ticker every(long periodMillis, Runnable tick) {
        Timeline timeline = new Timeline(new KeyFrame(Duration.millis(periodMillis), e -> tick.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
        timeline.play();
        return timeline::stop;
    }

    @Override
    public Ticker everyFrame(Runnable tick) {
        AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                tick.run();
            }
        };
        timer.start();
        return timer::stop;
    }
}
