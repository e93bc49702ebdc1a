package org.fanout.ui.main;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Window;
import org.fanout.ui.charts.ChartsView;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.form.ScanFormView;
import org.fanout.ui.lab.LabView;
import org.fanout.ui.results.ResultsView;
import org.fanout.ui.status.StatusView;
import org.fanout.ui.theme.Themes;

/**
 * Builds the main window's scene: loads the FXML views, gives each its view-model, and adds
 * the menu bar whose items carry the keyboard shortcuts ({@link AppMenus}). Used by
 * {@link FanoutApp} and tests.
 */
public final class FanoutWindow {
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final MainViewModel viewModel;
    private final Scene scene;
    private final MainView mainView;

    private FanoutWindow(MainViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        ScanFormView formView = new ScanFormView(viewModel.getForm(), dialogs);
        StatusView statusView = new StatusView(viewModel.getStatus());
        ResultsView resultsView = new ResultsView(viewModel.getResults(), viewModel.getHosts());
        ChartsView chartsView = new ChartsView(viewModel.getCharts());
        LabView labView = new LabView(viewModel.getLab(), viewModel.getForm(), viewModel.runningProperty());
        this.mainView = new MainView(viewModel, dialogs, resultsView, chartsView, labView);
        Map<Class<?>, Object> controllers = Map.of(
                ScanFormView.class,
                formView,
                StatusView.class,
                statusView,
                ResultsView.class,
                resultsView,
                ChartsView.class,
                chartsView,
                LabView.class,
                labView,
                MainView.class,
                mainView);
        FXMLLoader loader = new FXMLLoader(FanoutWindow.class.getResource("MainView.fxml"));
        loader.setControllerFactory(type -> {
            Object c = controllers.get(type);
            if (c == null) throw new IllegalStateException("no controller for " + type);
            return c;
        });
        Parent root;
        try {
            root = loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the main view", e);
        }
        formView.lockWhile(viewModel.runningProperty(), viewModel.runningJobProperty());
        scene = new Scene(root, WIDTH, HEIGHT);
        scene.getStylesheets().add(Themes.BASE_CSS);
        viewModel.getThemes().follow(scene);
    }

    /** A window for {@code viewModel}; {@code dialogs} may be null for the native file choosers. */
    public static FanoutWindow create(MainViewModel viewModel, FileDialogs dialogs) {
        if (dialogs == null) {
            Scene[] holder = new Scene[1];
            Supplier<Window> owner = () -> holder[0] == null ? null : holder[0].getWindow();
            FanoutWindow w = new FanoutWindow(viewModel, FileDialogs.system(owner, FanoutApp.preferences()));
            holder[0] = w.scene;
            return w;
        }
        return new FanoutWindow(viewModel, dialogs);
    }

    public Scene scene() {
        return scene;
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    public MainView mainView() {
        return mainView;
    }
}
