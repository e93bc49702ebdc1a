package org.fanout.ui;

import java.util.Objects;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The desktop app. {@link #open(GuiOptions)} launches it (blocking until the window closes),
 * pre-filled from the options and, if asked, starting the scan at once. The form's last inputs
 * are remembered in the user preferences node {@value #PREFS_NODE} (or the node named by the
 * system property {@value #PREFS_PROPERTY}, so tests and demos can keep theirs apart).
 */
public final class FanoutApp extends Application {
    public static final String PREFS_NODE = "/org/fanout/ui";
    public static final String PREFS_PROPERTY = "fanout.prefs.node";

    private static volatile GuiOptions launchOptions = GuiOptions.none();
    private MainViewModel viewModel;

    /** Opens the window and blocks until it is closed. Call at most once per JVM. */
    public static void open(GuiOptions options) {
        launchOptions = Objects.requireNonNull(options, "options");
        Application.launch(FanoutApp.class);
    }

    /** Opens the app with remembered inputs. */
    public static void main(String[] args) {
        open(GuiOptions.none());
    }

    /** The preferences node for remembered inputs. */
    public static Preferences preferences() {
        return Preferences.userRoot().node(System.getProperty(PREFS_PROPERTY, PREFS_NODE));
    }

    @Override
    public void start(Stage stage) {
        GuiOptions options = launchOptions;
        viewModel = new MainViewModel(preferences());
        String problem = null;
        try {
            viewModel.apply(options);
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        FanoutWindow window = FanoutWindow.create(viewModel, null);
        window.mainView().setBrowser(getHostServices()::showDocument);
        stage.setTitle("Fanout — concurrent TCP and HTTP checks");
        stage.setScene(window.scene());
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.setOnCloseRequest(e -> viewModel.shutdown());
        stage.show();
        if (problem != null) window.mainView().showProblem(problem);
        else if (options.start()) viewModel.start();
    }

    @Override
    public void stop() {
        if (viewModel != null) viewModel.shutdown();
    }
}
