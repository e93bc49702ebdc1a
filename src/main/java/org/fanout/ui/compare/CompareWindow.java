package org.fanout.ui.compare;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.common.WindowKeys;
import org.fanout.ui.form.ScanFormViewModel;
import org.fanout.ui.theme.Themes;

/**
 * The Compare window: its own stage over the main window, comparing thread counts and
 * strategies on the main window's job (see {@link CompareJob}). Ctrl+Enter runs, Esc stops;
 * closing the window stops a comparison in progress.
 */
public final class CompareWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final CompareViewModel viewModel;
    private final CompareView view;
    private final Scene scene;
    private Stage stage;

    private CompareWindow(CompareViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        this.view = new CompareView(viewModel, dialogs);
        FXMLLoader loader = new FXMLLoader(CompareWindow.class.getResource("CompareView.fxml"));
        loader.setControllerFactory(type -> {
            if (type != CompareView.class) throw new IllegalStateException("no controller for " + type);
            return view;
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the compare view", e);
        }
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Themes.BASE_CSS);
        scene.getStylesheets()
                .add(CompareWindow.class.getResource("compare.css").toExternalForm());
        scene.getAccelerators()
                .put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), viewModel::run);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE), viewModel::stop);
        WindowKeys.closeWith(scene);
    }

    /**
     * A Compare window for the job in {@code form}; {@code dialogs} may be null for native file
     * choosers over this window.
     */
    public static CompareWindow create(ScanFormViewModel form, FileDialogs dialogs) {
        CompareViewModel vm = new CompareViewModel(form);
        CompareWindow[] holder = new CompareWindow[1];
        Supplier<Window> owner = () -> holder[0] == null ? null : holder[0].scene.getWindow();
        // its save dialogs belong to this window, not to the main window
        holder[0] = new CompareWindow(vm, dialogs == null ? FileDialogs.system(owner) : dialogs.over(owner));
        return holder[0];
    }

    /** Shows the window (creating its stage on first use) and brings it to the front. */
    public Stage show(Window owner) {
        viewModel.refresh(); // the estimate uses the main window's latest rate
        if (stage == null) {
            stage = new Stage();
            if (owner != null) stage.initOwner(owner);
            stage.setTitle("Fanout — compare thread counts and strategies");
            stage.setScene(scene);
            stage.setMinWidth(960);
            stage.setMinHeight(640);
            stage.setOnHidden(e -> viewModel.stop());
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    public Scene scene() {
        return scene;
    }

    public CompareViewModel viewModel() {
        return viewModel;
    }

    CompareView view() {
        return view;
    }
}
