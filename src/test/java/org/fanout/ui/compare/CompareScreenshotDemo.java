package org.fanout.ui.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.prefs.Preferences;
import javafx.application.Application;
import javafx.stage.Stage;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.LabHttpServer;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.main.FanoutWindow;
import org.fanout.ui.main.MainViewModel;

/**
 * Opens the Compare window against a loopback lab for the README screenshot
 * (docs/screenshot-compare.png): a lab HTTP server on 127.0.0.1 answering after 50 ms, the main
 * form set to the pattern {@code {a-t}{a-y}{0-3}} on its base URL (2,000 URLs), and a comparison of
 * 1, 10, 100, 1000 threads x pool, virtual, nio started at once. When it finishes, the file
 * named by the first argument (if any) is created, so a script knows when to take the shot.
 * Run under Xvfb; nothing leaves loopback.
 */
public final class CompareScreenshotDemo extends Application {
    private LabHttpServer lab;

    public static void main(String[] args) {
        launch(CompareScreenshotDemo.class, args);
    }

    /** A main outside the Application class, so plain {@code java -cp} starts it with JavaFX on the class path. */
    public static final class Launcher {
        public static void main(String[] args) {
            CompareScreenshotDemo.main(args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        lab = LabHttpServer.builder().latency(Duration.ofMillis(50)).start();
        MainViewModel vm = new MainViewModel(Preferences.userRoot().node("/org/fanout/ui-demo"));
        vm.getForm().setMode(ScanMode.HTTP);
        vm.getForm().setMethod("HEAD");
        vm.getForm().setPattern(lab.baseUrl() + "/{a-t}{a-y}{0-3}");
        vm.getForm().setTimeout("5s");
        FanoutWindow main = FanoutWindow.create(vm, null);
        stage.setTitle("Fanout");
        stage.setScene(main.scene());
        stage.show();

        CompareWindow compare = main.mainView().openCompare();
        Stage cs = (Stage) compare.scene().getWindow();
        cs.setX(0);
        cs.setY(0);
        CompareViewModel cvm = compare.viewModel();
        cvm.setThreadsText("1,10,100,1000");
        for (Strategy s : Strategy.values())
            cvm.setSelected(s, s == Strategy.POOL || s == Strategy.VIRTUAL || s == Strategy.NIO);
        Path done = getParameters().getRaw().isEmpty()
                ? null
                : Path.of(getParameters().getRaw().getFirst());
        cvm.lastEndingProperty().addListener((o, was, now) -> {
            if (now == null || done == null) return;
            try {
                Files.writeString(done, now.name());
            } catch (IOException ignored) {
                // the script then times out
            }
        });
        cvm.run();
    }

    @Override
    public void stop() {
        if (lab != null) lab.close();
    }
}
