package org.fanout.ui.main;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Screen;
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
    /**
     * Names a file the app creates once its window is shown, unless it is there, holding its class
     * path and module path (two lines). The launchers ({@code ./fanout}, the packaged {@code
     * bin/fanout}) keep the record of what a session loaded, from which they make the app's AOT
     * cache, only if the JVM wrote it after such a mark, of the same paths: the JVM writes one at the
     * end of every recording session, also of one that could not open the window (whose cache would
     * hold none of the window's classes).
     */
    public static final String SHOWN_MARK_PROPERTY = "fanout.shownMark";

    private static volatile GuiOptions launchOptions = GuiOptions.none();
    private MainViewModel viewModel;

    /** Opens the window and blocks until it is closed. Call at most once per JVM. */
    public static void open(GuiOptions options) {
        launchOptions = Objects.requireNonNull(options, "options");
        // The remembered inputs are an XML file that java.util.prefs reads and parses on first use
        // (~140 classes of the JDK's XML parser): read it on another core while the JavaFX toolkit
        // starts, not on the FX thread when the form loads it.
        Thread.ofPlatform().daemon().name("fanout-prefs-read").start(() -> preferences()
                .get("", null));
        Application.launch(FanoutApp.class);
    }

    /** Opens the app with remembered inputs. */
    public static void main(String[] args) {
        open(GuiOptions.none());
    }

    /** The preferences node for remembered inputs. */
    public static Preferences preferences() {
        return QuietPreferences.ROOT.node(System.getProperty(PREFS_PROPERTY, PREFS_NODE));
    }

    /**
     * The user's preferences root, without the two lines java.util.prefs prints on a new user's
     * first start ("INFO: Created user preferences directory.", through java.util.logging on
     * stderr). Its warnings still show. The logger is held: its level lives only as long as it does.
     */
    private static final class QuietPreferences {
        private static final Logger LOG = Logger.getLogger("java.util.prefs");
        static final Preferences ROOT;

        static {
            LOG.setLevel(Level.WARNING);
            ROOT = Preferences.userRoot();
        }
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
        restoreBounds(stage, preferences());
        stage.setOnCloseRequest(e -> {
            saveBounds(stage, preferences());
            viewModel.shutdown();
        });
        stage.show();
        markShown();
        if (problem != null) window.mainView().showProblem(problem);
        else if (options.start()) viewModel.start();
    }

    private static void markShown() {
        String mark = System.getProperty(SHOWN_MARK_PROPERTY);
        if (mark == null || mark.isBlank()) return;
        try {
            // Only a recording session is given a mark to make: one that maps a cache finds the mark
            // of the session whose record made it, and a new mark would make that cache look older.
            Files.writeString(
                    Path.of(mark),
                    System.getProperty("java.class.path", "") + "\n" + System.getProperty("jdk.module.path", ""),
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // (a mark of this session's paths, left by an earlier one)
        } catch (IOException | InvalidPathException e) {
            // Only a start-up cache depends on it: the next start records again.
        }
    }

    /** Puts the window where it was closed last, if that is still on a screen. */
    static void restoreBounds(Stage stage, Preferences prefs) {
        double w = prefs.getDouble("window.width", -1);
        double h = prefs.getDouble("window.height", -1);
        double x = prefs.getDouble("window.x", Double.NaN);
        double y = prefs.getDouble("window.y", Double.NaN);
        if (w >= 960 && h >= 640) {
            stage.setWidth(w);
            stage.setHeight(h);
        }
        if (!Double.isNaN(x)
                && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(x, y, Math.max(w, 100), Math.max(h, 100))
                        .isEmpty()) {
            stage.setX(x);
            stage.setY(y);
        }
        stage.setMaximized(prefs.getBoolean("window.maximized", false));
    }

    /** Remembers the window's size and place (on close, as the form is). */
    static void saveBounds(Stage stage, Preferences prefs) {
        prefs.putBoolean("window.maximized", stage.isMaximized());
        if (!stage.isMaximized()) {
            prefs.putDouble("window.width", stage.getWidth());
            prefs.putDouble("window.height", stage.getHeight());
            prefs.putDouble("window.x", stage.getX());
            prefs.putDouble("window.y", stage.getY());
        }
    }

    @Override
    public void stop() {
        if (viewModel != null) viewModel.shutdown();
    }
}
