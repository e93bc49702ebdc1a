package org.fanout.ui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.GuiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A sort of 1.5 million rows (no sockets: 1,024 made-up rows, each stored many times, as the
 * store keeps only a reference per row) runs in the background: its progress is published
 * between 0 and 1 while it runs, the busy slot shows it without moving any control of the filter
 * bar, and a newer order (here: back to arrival order, as clearing does) takes effect at once.
 */
@ExtendWith(ApplicationExtension.class)
class FilterProgressGuiTest extends GuiTestSupport {
    private static final int ROWS = 1_500_000;
    private static final int DISTINCT = 1024;

    @Start
    void start(Stage stage) {
        open(stage);
        stage.setWidth(1280);
        stage.setHeight(800);
    }

    @Test
    @Timeout(150)
    void aBackgroundSortShowsProgressAndMovesNothing(FxRobot robot) {
        List<ProbeResult> distinct = new ArrayList<>(DISTINCT);
        for (int i = 0; i < DISTINCT; i++) {
            String ip = "127.0." + (i >> 8) + "." + (i & 0xff);
            distinct.add(new TcpResult(
                    ip,
                    ip,
                    1 + (i * 7919) % 1024,
                    "",
                    i % 10 == 0 ? TcpState.OPEN : TcpState.CLOSED,
                    50_000 + i,
                    null,
                    null));
        }
        List<ProbeResult> batch = new ArrayList<>(ROWS / 10);
        for (int i = 0; i < ROWS / 10; i++) batch.add(distinct.get(i % DISTINCT));
        for (int b = 0; b < 10; b++) robot.interact(() -> vm.getResults().addAll(batch));
        waitUntil(Duration.ofSeconds(90), () -> !vm.getResults().isSettling());
        assertThat(fx(() -> vm.getResults().getShownCount())).isEqualTo(ROWS);

        List<String> bar = List.of(
                "#byPortButton",
                "#byHostButton",
                "#filterText",
                "#stateFilter",
                "#certDaysFilter",
                "#untrustedFilter",
                "#busyBox",
                "#shownText");
        List<Bounds> idle = fx(() -> layoutOf(robot, bar));
        assertThat(fx(() -> robot.lookup("#busyBox").query().isVisible())).isFalse();

        List<Double> published = new CopyOnWriteArrayList<>();
        robot.interact(() ->
                vm.getResults().progressProperty().addListener((o, was, now) -> published.add(now.doubleValue())));
        // sort by port, and lay the window out at once while the sort has surely not ended
        List<Bounds> busy = fx(() -> {
            vm.getResults().sortBy(Comparator.comparingInt(r -> ((TcpResult) r).port()));
            assertThat(vm.getResults().busyProperty().get()).isTrue();
            return layoutOf(robot, bar);
        });
        assertThat(busy).as("the filter bar's controls, idle then busy").isEqualTo(idle);
        assertThat(fx(() -> robot.lookup("#busyBox").query().isVisible())).isTrue();
        waitUntil(
                Duration.ofSeconds(5),
                () -> robot.lookup("#busyText").queryAs(Label.class).getText().matches("sorting… \\d{1,3}%"));

        waitUntil(Duration.ofSeconds(120), () -> !vm.getResults().isSettling());
        assertThat(published).as("progress published while sorting").anyMatch(p -> p > 0 && p < 1);
        assertThat(published).as("never backwards").isSorted();
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        assertThat(fx(() -> ((TcpResult) table.getItems().getFirst()).port())).isEqualTo(1);
        assertThat(fx(() -> ((TcpResult) table.getItems().getLast()).port())).isEqualTo(1024);
        assertThat(fx(() -> robot.lookup("#busyBox").query().isVisible())).isFalse();

        // a slow sort is dropped at once for a newer order (arrival order: what clearing gives)
        boolean idleAtOnce = fx(() -> {
            vm.getResults().sortBy(Comparator.comparingLong(ProbeResult::latencyNanos));
            boolean wasBusy = vm.getResults().busyProperty().get();
            vm.getResults().sortBy(null);
            return wasBusy && !vm.getResults().busyProperty().get();
        });
        assertThat(idleAtOnce).isTrue();
        assertThat(fx(() -> table.getItems().get(5)) == distinct.get(5))
                .as("arrival order back")
                .isTrue();
        assertThat(fx(() -> vm.getResults().isSettling())).isFalse();
    }

    /** Where each control is in the scene, after laying the window out now. */
    private static List<Bounds> layoutOf(FxRobot robot, List<String> ids) {
        Parent root = robot.lookup("#filterText").query().getScene().getRoot();
        root.applyCss();
        root.layout();
        List<Bounds> out = new ArrayList<>();
        for (String id : ids) {
            Node n = robot.lookup(id).query();
            out.add(n.localToScene(n.getLayoutBounds()));
        }
        return out;
    }
}
