package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Collectors;
import javafx.stage.Stage;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.fx.BatchingAdapter;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * 5,000 targets (250 loopback hosts × 20 ports the test's own lab holds on 127.0.0.1) reach the
 * FX thread in a few dozen batches, not one hand-off per result.
 */
@ExtendWith(ApplicationExtension.class)
class BatchingGuiTest extends GuiTestSupport {
    private TcpLab lab;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeEach
    void lab() throws Exception {
        lab = TcpLab.start(20, BannerMix.SILENT);
    }

    @AfterEach
    void closeLab() {
        if (lab != null) lab.close();
    }

    @Test
    @Timeout(120)
    void resultsArriveInBatches(FxRobot robot) {
        String ports = lab.ports().stream().map(String::valueOf).collect(Collectors.joining(","));
        robot.interact(() -> {
            vm.getForm().setHosts("127.0.0.1-250");
            vm.getForm().setPorts(ports);
            vm.getForm().setThreads(200);
            vm.getForm().setBanner(false);
            vm.getForm().setTimeout("2s");
        });
        assertThat(label(robot, "#summary")).isEqualTo("250 hosts × 20 ports = 5,000 targets");
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(90));

        assertThat(vm.getLastEnding()).isEqualTo(Ending.FINISHED);
        BatchingAdapter<ProbeResult> adapter = vm.getAdapter();
        assertThat(adapter.deliveredCount()).isEqualTo(5000);
        assertThat(fx(() -> vm.getResults().getRowCount())).isEqualTo(5000);
        assertThat(label(robot, "#count-open")).isEqualTo("20");
        // one hand-off per 75 ms pulse: the hand-offs that carried results are far fewer than
        // the results (empty pulses while the scan waits say nothing about batching, so they
        // are not counted: the test does not depend on how long the scan took)
        long carrying = adapter.nonEmptyHandOffCount();
        assertThat(carrying).isPositive().isLessThanOrEqualTo(adapter.handOffCount());
        assertThat(carrying).isLessThan(5000 / 10);
        assertThat(adapter.deliveredCount() / carrying).isGreaterThanOrEqualTo(10);
    }
}
