package org.fanout.ui.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.fanout.engine.AutoSettings;
import org.fanout.engine.strategy.Strategy;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The form during a scan, both-filled HTTP inputs, and the per-mode strategy with auto. */
@ExtendWith(ApplicationExtension.class)
class FormLockGuiTest extends GuiTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @Timeout(60)
    void theFormIsLockedAndNamesTheRunningJobUntilTheScanEnds(FxRobot robot) throws Exception {
        try (FullBacklogListener silent = TcpLab.fullBacklogListener()) {
            // a port whose backlog is full never answers: the serial scan waits out its timeout
            robot.interact(() -> {
                vm.getForm().setHosts("127.0.0.1");
                vm.getForm().setPorts(Integer.toString(silent.port()));
                vm.getForm().setStrategy(Strategy.SERIAL);
                vm.getForm().setThreads(1);
                vm.getForm().setTimeout("20s");
            });
            robot.clickOn("#startButton");
            assertThat(fx(() -> vm.isRunning())).isTrue();
            TextInputControl hosts = robot.lookup("#hosts").queryAs(TextInputControl.class);
            TextInputControl ports = robot.lookup("#ports").queryAs(TextInputControl.class);
            assertThat(fx(hosts::isDisabled)).isTrue();
            assertThat(fx(ports::isDisabled)).isTrue();
            assertThat(fx(() -> robot.lookup("#strategy").query().isDisabled())).isTrue();
            assertThat(fx(() -> robot.lookup("#tcpMode").query().isDisabled())).isTrue();
            Label notice = robot.lookup("#lockNotice").queryAs(Label.class);
            assertThat(fx(notice::isVisible)).isTrue();
            assertThat(fx(notice::getText))
                    .contains("1 targets")
                    .contains("serial × 1")
                    .contains("unlocks");
            // typing into the locked field changes nothing
            robot.clickOn("#hosts").write("x");
            assertThat(fx(() -> vm.getForm().getHosts())).isEqualTo("127.0.0.1");

            robot.clickOn("#stopButton");
            waitForEnding(Duration.ofSeconds(10));
            assertThat(fx(hosts::isDisabled)).isFalse();
            assertThat(fx(notice::isVisible)).isFalse();
        }
    }

    @Test
    @Timeout(30)
    void bothUrlListAndPatternFilledSaysWhichIsUsed(FxRobot robot) {
        robot.clickOn("#httpMode");
        Label notice = robot.lookup("#patternNotice").queryAs(Label.class);
        type(robot, "#urls", "http://127.0.0.1:9/a");
        assertThat(fx(notice::isVisible)).isFalse();
        type(robot, "#pattern", "http://127.0.0.1:9/{a-c}");
        assertThat(fx(notice::isVisible)).isTrue();
        assertThat(fx(notice::getText))
                .contains("pattern is checked")
                .contains("1 URL")
                .contains("ignored");
        assertThat(label(robot, "#summary")).isEqualTo("pattern = 3 URLs");
        robot.interact(() -> vm.getForm().setUrls(""));
        assertThat(fx(notice::isVisible)).isFalse();
    }

    @Test
    @Timeout(30)
    @SuppressWarnings("unchecked")
    void autoIsOfferedAndEachModeKeepsItsOwnStrategy(FxRobot robot) {
        ChoiceBox<String> strategy = robot.lookup("#strategy").queryAs(ChoiceBox.class);
        assertThat(fx(() -> strategy.getItems()))
                .startsWith("auto")
                .contains("serial", "pool", "virtual", "nio", "process");
        assertThat(fx(strategy::getValue)).isEqualTo("auto");
        assertThat(fx(() -> vm.getForm().getStrategy())).isEqualTo(Strategy.NIO);
        robot.interact(() -> strategy.setValue("pool"));
        assertThat(fx(() -> vm.getForm().getStrategy())).isEqualTo(Strategy.POOL);

        robot.clickOn("#httpMode");
        assertThat(fx(strategy::getValue)).isEqualTo("auto"); // TCP's pool does not carry over
        assertThat(fx(() -> vm.getForm().getStrategy())).isEqualTo(AutoSettings.strategy(false));
        assertThat(label(robot, "#strategyHint"))
                .startsWith("auto: " + AutoSettings.strategy(false).label() + " for HTTP");

        robot.clickOn("#tcpMode");
        assertThat(fx(strategy::getValue)).isEqualTo("pool");
        assertThat(fx(() -> vm.getForm().getStrategy())).isEqualTo(Strategy.POOL);

        // remembered per mode
        robot.interact(() -> vm.rememberInputs());
        ScanFormViewModel again = new ScanFormViewModel();
        again.load(prefs);
        assertThat(again.getStrategyChoice()).isEqualTo("pool");
        again.setMode(ScanMode.HTTP);
        assertThat(again.getStrategyChoice()).isEqualTo("auto");
        assertThat(again.getStrategy()).isEqualTo(AutoSettings.strategy(false));
    }
}
