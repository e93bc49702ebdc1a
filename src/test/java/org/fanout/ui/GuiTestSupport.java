package org.fanout.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.fanout.Await;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.main.FanoutWindow;
import org.fanout.ui.main.MainViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens the real main window (FXML views, view-models, CSS) on a fresh preferences node, with
 * file dialogs that answer from a queue instead of opening native choosers.
 */
@Tag("slow")
public abstract class GuiTestSupport {
    protected final Preferences prefs = Preferences.userRoot().node("/org/fanout/ui-test/" + UUID.randomUUID());
    protected final Deque<Path> dialogAnswers = new ArrayDeque<>();
    protected MainViewModel vm;
    protected FanoutWindow window;

    /** The window's view-model; a test may give it its own history database. */
    protected MainViewModel newViewModel() {
        return new MainViewModel(prefs);
    }

    protected void open(Stage stage) {
        vm = newViewModel();
        FileDialogs dialogs = new FileDialogs() {
            @Override
            public Optional<Path> open(String title) {
                return Optional.ofNullable(dialogAnswers.poll());
            }

            @Override
            public Optional<Path> save(String title, String suggestedName) {
                return Optional.ofNullable(dialogAnswers.poll());
            }
        };
        window = FanoutWindow.create(vm, dialogs);
        stage.setScene(window.scene());
        stage.show();
    }

    @AfterEach
    void stopAndForget() throws Exception {
        if (vm != null)
            fx(() -> {
                vm.stop();
                return null;
            });
        if (vm != null) waitUntil(Duration.ofSeconds(5), () -> !vm.isRunning());
        if (vm != null)
            fx(() -> {
                vm.getLab().stop();
                return null;
            });
        try {
            prefs.removeNode();
        } catch (BackingStoreException | IllegalStateException ignored) {
            // best effort
        }
    }

    /** Runs {@code c} on the FX thread and returns its value. */
    protected static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("FX call failed", e);
        }
    }

    /** Polls {@code condition} on the FX thread until it holds, failing after {@code limit}. */
    protected static void waitUntil(Duration limit, Callable<Boolean> condition) {
        try {
            Await.until(limit, () -> fx(condition));
        } catch (Exception e) {
            throw new AssertionError("waiting was interrupted", e);
        }
    }

    /** Replaces a text field's content by clicking it, clearing it and typing. */
    protected static void type(FxRobot robot, String query, String text) {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        robot.interact(field::clear);
        robot.clickOn(query).write(text);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(field.getText()).isEqualTo(text);
    }

    /** Sets a text field's content at once (for long texts that would take long to type). */
    protected static void set(FxRobot robot, String query, String text) {
        TextInputControl field = robot.lookup(query).queryAs(TextInputControl.class);
        robot.interact(() -> field.setText(text));
    }

    protected static String label(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    /** Fills the form for a TCP scan of 127.0.0.1's {@code ports} on 4 threads (nothing started). */
    protected void fillTcpForm(FxRobot robot, String ports) {
        robot.interact(() -> {
            vm.getForm().setMode(ScanMode.TCP);
            vm.getForm().setHosts("127.0.0.1");
            vm.getForm().setPorts(ports);
            vm.getForm().setThreads(4);
        });
    }

    protected void waitForEnding(Duration limit) {
        waitUntil(limit, () -> vm.getLastEnding() != null && !vm.isRunning());
    }
}
