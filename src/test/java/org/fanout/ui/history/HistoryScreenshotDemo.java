package org.fanout.ui.history;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.fanout.history.Database;
import org.fanout.ui.main.FanoutWindow;
import org.fanout.ui.main.MainViewModel;

/**
 * Opens the History window over two recorded scans of the in-app Lab, diffed, for the README
 * screenshot (docs/screenshot-history.png). Between the two runs one extra listener goes away
 * (gone), one stops listening but stays in the job (changed) and one appears (new). The history
 * is a fresh file in a temporary directory. When the diff shows, the file named by the first
 * argument (if any) is created, so a script knows when to take the shot. Run under Xvfb;
 * nothing leaves loopback.
 */
public final class HistoryScreenshotDemo extends Application {
    private MainViewModel vm;
    private ServerSocket removed;
    private ServerSocket stopping;
    private ServerSocket added;

    public static void main(String[] args) {
        launch(HistoryScreenshotDemo.class, args);
    }

    /** A main outside the Application class, so plain {@code java -cp} starts it with JavaFX on the class path. */
    public static final class Launcher {
        public static void main(String[] args) {
            HistoryScreenshotDemo.main(args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path db = Files.createTempDirectory("fanout-history-demo").resolve("history.db");
        vm = new MainViewModel(Preferences.userRoot().node("/org/fanout/ui-demo"), () -> Database.sqlite(db));
        FanoutWindow main = FanoutWindow.create(vm, null);
        stage.setTitle("Fanout");
        stage.setScene(main.scene());
        stage.show();
        vm.getLab().start();
        removed = listen();
        stopping = listen();
        vm.getLab().fillTcp(vm.getForm());
        String labPorts = vm.getForm().getPorts();
        vm.getForm().setPorts(labPorts + "," + removed.getLocalPort() + "," + stopping.getLocalPort());
        Path done = getParameters().getRaw().isEmpty()
                ? null
                : Path.of(getParameters().getRaw().getFirst());
        int[] runs = {0};
        vm.lastEndingProperty().addListener((o, was, now) -> {
            if (now == null || vm.isRunning()) return;
            runs[0]++;
            if (runs[0] == 1) {
                try {
                    removed.close();
                    stopping.close();
                    added = listen();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                vm.getForm().setPorts(labPorts + "," + stopping.getLocalPort() + "," + added.getLocalPort());
                Platform.runLater(vm::start);
            } else if (runs[0] == 2) {
                showDiff(main.mainView().openHistory(), done);
            }
        });
        vm.start();
    }

    private static void showDiff(HistoryWindow history, Path done) {
        Stage hs = (Stage) history.scene().getWindow();
        hs.setX(60);
        hs.setY(40);
        var items = history.runsTable().getItems();
        items.addListener((ListChangeListener<Object>) c -> {
            if (items.size() < 2 || !history.changesTable().getItems().isEmpty()) return;
            history.runsTable().getSelectionModel().selectRange(0, 2);
            history.viewModel().diff(items.get(0), items.get(1));
        });
        history.changesTable().getItems().addListener((ListChangeListener<Object>) c -> {
            if (history.changesTable().getItems().isEmpty()) return;
            history.runsTable().getSelectionModel().selectRange(0, 2);
            if (done == null) return;
            try {
                Files.writeString(done, "diffed");
            } catch (IOException ignored) {
                // the script then times out
            }
        });
    }

    private static ServerSocket listen() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @Override
    public void stop() throws IOException {
        if (vm != null) vm.shutdown();
        for (ServerSocket s : new ServerSocket[] {removed, stopping, added}) if (s != null) s.close();
    }
}
