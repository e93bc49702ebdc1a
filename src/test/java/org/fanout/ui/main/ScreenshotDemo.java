package org.fanout.ui.main;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import java.util.stream.Collectors;
import javafx.application.Application;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.lab.TcpLab;

/**
 * Opens the app for the README screenshot (docs/screenshot-scan.png) with its Lab toggle on:
 * the in-app lab's 8 listeners on 127.0.0.1 (banners and silent ones) and its full-backlog port
 * (filtered), plus 20 ports freed a moment ago, scanned on hosts 127.0.0.1-20 (every address is
 * loopback; only 127.0.0.1 has listeners), prefilled and started. When the scan ends the table
 * is sorted by state so open ports and their banners come first. Run under Xvfb; nothing leaves
 * loopback. {@code -Dfanout.demo.theme=dark} shows the dark theme (docs/screenshot-dark.png),
 * {@code -Dfanout.demo.view=hosts} the host view (docs/screenshot-hosts.png).
 */
public final class ScreenshotDemo extends Application {
    private MainViewModel vm;

    public static void main(String[] args) {
        launch(ScreenshotDemo.class, args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        List<Integer> freed = TcpLab.freeEphemeralPorts(20);
        vm = new MainViewModel(Preferences.userRoot().node("/org/fanout/ui-demo"));
        FanoutWindow window = FanoutWindow.create(vm, null);
        if (!vm.getLab().start()) throw new IllegalStateException(vm.getLab().getProblem());
        List<Integer> ports = new ArrayList<>(vm.getLab().tcpPorts());
        ports.addAll(freed);
        ports.add(vm.getLab().filteredPort());
        String list = ports.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));
        vm.apply(new GuiOptions(
                "tcp",
                "127.0.0.1-20",
                list,
                null,
                null,
                16,
                "pool",
                "1s",
                0,
                true,
                true,
                System.getProperty("fanout.demo.theme", "light")));
        boolean hosts = "hosts".equals(System.getProperty("fanout.demo.view"));
        vm.getResults().setByHost(hosts);
        stage.setTitle("Fanout");
        stage.setScene(window.scene());

        stage.show();
        String size = System.getProperty("fanout.demo.size"); // e.g. 960x640, the window's minimum
        if (size != null) {
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(Double.parseDouble(size.substring(0, size.indexOf('x'))));
            stage.setHeight(Double.parseDouble(size.substring(size.indexOf('x') + 1)));
        }
        vm.lastEndingProperty().addListener((o, was, now) -> {
            if (now == null || hosts) return;
            TableView<ProbeResult> table = window.mainView().resultsView().table();
            TableColumn<ProbeResult, ?> state = table.getColumns().get(4);
            state.setSortType(TableColumn.SortType.DESCENDING);
            table.getSortOrder().setAll(List.of(state));
        });
        vm.start();
    }

    @Override
    public void stop() {
        if (vm != null) vm.shutdown();
    }
}
