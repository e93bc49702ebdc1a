package org.fanout.ui.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fanout.history.Change;
import org.fanout.history.Run;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.common.WindowKeys;
import org.fanout.ui.main.MainViewModel;
import org.fanout.ui.theme.Themes;

/**
 * The History window: the runs recorded (by this app and the CLI), opened into the main
 * window, compared, re-run, imported and exported. Creating it starts recording the main
 * window's scans (unless the user turned "Record history" off); its view and stage are built on the
 * first {@link #show}.
 */
public final class HistoryWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 760;

    private final HistoryViewModel viewModel;
    private final FileDialogs dialogs;
    /** Built on first use, not with the main window: it is not on screen until History is opened. */
    private HistoryView view;

    private Scene scene;
    private Stage stage;

    private HistoryWindow(HistoryViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    /** Whether its view and scene exist yet: not before it is first shown (or asked for). */
    public boolean isBuilt() {
        return scene != null;
    }

    private void build() {
        if (scene != null) return;
        HistoryView built = new HistoryView(viewModel, dialogs);
        FXMLLoader loader = new FXMLLoader(HistoryWindow.class.getResource("HistoryView.fxml"));
        loader.setControllerFactory(type -> {
            if (type != HistoryView.class) throw new IllegalStateException("no controller for " + type);
            return built;
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the history view", e);
        }
        view = built;
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Themes.BASE_CSS);
        scene.getStylesheets().add(stylesheet());
    }

    /**
     * The History of the main window {@code main} (recording its scans from now on);
     * {@code dialogs} may be null for native file choosers over this window.
     */
    public static HistoryWindow create(MainViewModel main, FileDialogs dialogs) {
        HistoryViewModel vm = new HistoryViewModel(main);
        if (dialogs == null) {
            HistoryWindow[] holder = new HistoryWindow[1];
            Supplier<Window> owner =
                    () -> holder[0] == null || holder[0].scene == null ? null : holder[0].scene.getWindow();
            holder[0] = new HistoryWindow(vm, FileDialogs.system(owner));
            return holder[0];
        }
        return new HistoryWindow(vm, dialogs);
    }

    /** Shows the window (creating its stage on first use), lists the runs anew and brings it to the front. */
    public Stage show(Window owner) {
        build();
        if (stage == null) {
            stage = new Stage();
            if (owner != null) stage.initOwner(owner);
            stage.setTitle("Fanout — history");
            stage.setScene(scene);
            WindowKeys.closeWith(scene);
            stage.setMinWidth(900);
            stage.setMinHeight(560);
        }
        viewModel.refresh();
        stage.show();
        stage.toFront();
        return stage;
    }

    /**
     * Shows the notice of a repeated scan's changes in {@code label} (the main window's message
     * line), highlighted, while it describes the shown series' last two runs (until another
     * message takes its place).
     */
    public void showNoticesIn(Label label) {
        label.getStylesheets().add(stylesheet());
        viewModel.changeNoticeProperty().addListener((o, was, now) -> {
            if (now.isEmpty()) { // gone: so is its text, unless another message took its place
                if (label.getStyleClass().contains("message-change")) {
                    label.getStyleClass().setAll("message");
                    label.setText("");
                }
                return;
            }
            label.getStyleClass().setAll("message", "message-change");
            label.setText(now);
        });
    }

    private static String stylesheet() {
        return HistoryWindow.class.getResource("history.css").toExternalForm();
    }

    /** The main window is closing: the history's thread ends once its work is done. */
    public void shutdown() {
        viewModel.shutdown();
    }

    public Scene scene() {
        build();
        return scene;
    }

    public HistoryViewModel viewModel() {
        return viewModel;
    }

    public TableView<Run> runsTable() {
        build();
        return view.runsTable();
    }

    public TableView<Change> changesTable() {
        build();
        return view.changesTable();
    }
}
