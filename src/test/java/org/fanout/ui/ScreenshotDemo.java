package org.fanout.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.lab.BannerMix;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.TcpLab;

/**
 * Opens the app against a loopback lab for the README screenshot (docs/screenshot-scan.png):
 * 30 listeners on 127.0.0.1 (banners and silent ones), 20 ports freed a moment ago and one
 * full-backlog port (filtered), scanned on hosts 127.0.0.1-20 (every address is loopback; only
 * 127.0.0.1 has listeners), prefilled and started. When the scan ends the table is sorted by
 * state so open ports and their banners come first. Run under Xvfb; nothing leaves loopback.
 */
public final class ScreenshotDemo extends Application {
    private TcpLab lab;
    private FullBacklogListener filtered;

    public static void main(String[] args) {
        launch(ScreenshotDemo.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        List<Integer> freed = TcpLab.freeEphemeralPorts(20);
        lab = TcpLab.start(30, BannerMix.MIXED);
        filtered = TcpLab.fullBacklogListener();
        List<Integer> ports = new ArrayList<>(lab.ports());
        ports.addAll(freed);
        ports.add(filtered.port());
        String list = ports.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));

        MainViewModel vm = new MainViewModel(Preferences.userRoot().node("/org/fanout/ui-demo"));
        vm.apply(new GuiOptions("tcp", "127.0.0.1-20", list, null, null, 16, "pool", "1s", 0, true, true));
        FanoutWindow window = FanoutWindow.create(vm, null);
        stage.setTitle("Fanout");
        stage.setScene(window.scene());
        stage.show();
        vm.lastEndingProperty().addListener((o, was, now) -> {
            if (now == null) return;
            TableView<ProbeResult> table = window.mainView().resultsView().table();
            TableColumn<ProbeResult, ?> state = table.getColumns().get(4);
            state.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(state));
        });
        vm.start();
    }

    @Override
    public void stop() {
        if (lab != null) lab.close();
        if (filtered != null) filtered.close();
    }
}
