package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fanout.lab.LabHttpServer;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.charts.ChartsViewModel;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** HTTP checks against the test's own lab server: counts by status class, stop midway. */
@ExtendWith(ApplicationExtension.class)
class HttpScanGuiTest extends GuiTestSupport {
    private LabHttpServer server;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeEach
    void lab() throws Exception {
        server = LabHttpServer.start();
    }

    @AfterEach
    void closeLab() {
        if (server != null) server.close();
    }

    @Test
    @Timeout(60)
    void statusCodesAreCountedByClass(FxRobot robot) {
        robot.clickOn("#httpMode");
        String base = server.baseUrl().replaceAll("/$", "");
        set(
                robot,
                "#urls",
                base + "/status/200\n" + base + "/status/204\n" + base + "/status/404\n" + base + "/status/500\n");
        set(robot, "#pattern", "");
        robot.interact(() -> vm.getForm().setTimeout("5s"));
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(30));

        assertThat(vm.getLastEnding()).isEqualTo(Ending.FINISHED);
        assertThat(label(robot, "#count-2xx")).isEqualTo("2");
        assertThat(label(robot, "#count-3xx")).isEqualTo("0");
        assertThat(label(robot, "#count-4xx")).isEqualTo("1");
        assertThat(label(robot, "#count-5xx")).isEqualTo("1");
        assertThat(label(robot, "#count-errors")).isEqualTo("0");
        assertThat(fx(() -> ChartsViewModel.valueOf(vm.getCharts().getOutcomes(), "404")))
                .isEqualTo(1);
        assertThat(fx(() -> window.mainView().resultsView().table().getItems().size()))
                .isEqualTo(4);
        robot.interact(() -> vm.getResults().setStateFilter("4xx"));
        assertThat(fx(() -> window.mainView().resultsView().table().getItems().size()))
                .isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void stopEndsTheScanMidwayAndKeepsPartialResults(FxRobot robot) {
        robot.clickOn("#httpMode");
        String base = server.baseUrl().replaceAll("/$", "");
        // 200 URLs, each answered after 300 ms, 4 at a time: about 15 s unless stopped
        set(robot, "#pattern", base + "/slow/300?n={1-200}");
        robot.interact(() -> {
            vm.getForm().setThreads(4);
            vm.getForm().setTimeout("5s");
        });
        robot.clickOn("#startButton");
        waitUntil(Duration.ofSeconds(20), () -> vm.getResults().getRowCount() >= 8);
        long pressed = System.nanoTime();
        robot.clickOn("#stopButton");
        waitForEnding(Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(3));

        assertThat(vm.getLastEnding()).isEqualTo(Ending.STOPPED);
        assertThat(label(robot, "#stateText")).isEqualTo("Stopped");
        int rows = fx(() -> vm.getResults().getRowCount());
        assertThat(rows).isBetween(8, 199);
        assertThat(fx(() -> window.mainView().resultsView().table().getItems().size()))
                .isEqualTo(rows);
        assertThat(fx(() -> vm.getStatus().getDone())).isEqualTo(rows);
        assertThat(label(robot, "#doneText")).isEqualTo(rows + " / 200");
        // nothing more arrives after the end; Start is possible again
        org.testfx.util.WaitForAsyncUtils.sleep(700, TimeUnit.MILLISECONDS);
        assertThat(fx(() -> vm.getResults().getRowCount())).isEqualTo(rows);
        assertThat(fx(() -> robot.lookup("#startButton").queryButton().isDisabled()))
                .isFalse();
    }

    @Test
    @Timeout(60)
    void escapeStopsTheScan(FxRobot robot) {
        robot.clickOn("#httpMode");
        String base = server.baseUrl().replaceAll("/$", "");
        set(robot, "#pattern", base + "/slow/300?n={1-100}");
        robot.interact(() -> vm.getForm().setThreads(2));
        robot.clickOn("#startButton");
        waitUntil(Duration.ofSeconds(20), () -> vm.getResults().getRowCount() >= 2);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitForEnding(Duration.ofSeconds(5));
        assertThat(vm.getLastEnding()).isEqualTo(Ending.STOPPED);
        assertThat(fx(() -> vm.getResults().getRowCount())).isBetween(2, 99);
    }
}
