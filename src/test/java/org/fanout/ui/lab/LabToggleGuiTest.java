package org.fanout.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The toolbar's Lab toggle: starts practice targets on 127.0.0.1, fills the form with them, a
 * scan finds exactly the lab's listeners open, and toggling off frees the ports. Only the lab's
 * own ports (and, after it stopped, the same just-freed ports) are ever connected to.
 */
@ExtendWith(ApplicationExtension.class)
class LabToggleGuiTest extends GuiTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @Timeout(60)
    void toggleOnFillScanToggleOff(FxRobot robot) throws Exception {
        robot.clickOn("#labToggle");
        assertThat(fx(() -> vm.getLab().isRunning())).isTrue();
        assertThat(fx(() ->
                        robot.lookup("#labToggle").queryAs(ToggleButton.class).isSelected()))
                .isTrue();
        List<Integer> ports = fx(() -> vm.getLab().tcpPorts());
        int filtered = fx(() -> vm.getLab().filteredPort());
        String base = fx(() -> vm.getLab().baseUrl());
        assertThat(ports).hasSize(LabViewModel.TCP_LISTENERS);
        assertThat(base).startsWith("http://127.0.0.1:");
        String shown = fx(() -> robot.lookup("#labLabel").queryAs(Label.class).getText());
        assertThat(shown)
                .contains(LabViewModel.TCP_LISTENERS + " TCP + 1 filtered")
                .contains(base);
        assertThat(fx(() -> vm.getLab().getDetails()))
                .contains(Integer.toString(ports.getFirst()))
                .contains(Integer.toString(filtered));

        robot.clickOn("#labUseButton").clickOn("#labFillTcpItem");
        assertThat(fx(() -> vm.getForm().getHosts())).isEqualTo("127.0.0.1");
        List<Integer> expected = new ArrayList<>(ports);
        expected.add(filtered);
        assertThat(fx(() -> vm.getForm().getPorts()))
                .isEqualTo(
                        String.join(",", expected.stream().map(String::valueOf).toList()));

        robot.interact(() -> vm.getForm().setTimeout("300ms"));
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(20));
        assertThat(vm.getLastEnding()).isEqualTo(Ending.FINISHED);
        assertThat(fx(() -> vm.getStatus().count("open"))).isEqualTo(LabViewModel.TCP_LISTENERS);
        assertThat(fx(() -> vm.getStatus().count("filtered"))).isEqualTo(1);
        assertThat(label(robot, "#count-open")).isEqualTo(Integer.toString(LabViewModel.TCP_LISTENERS));

        // the HTTP offer: a pattern on the lab's base URL
        robot.clickOn("#labUseButton").clickOn("#labFillHttpItem");
        assertThat(fx(() -> vm.getForm().getMode())).isEqualTo(ScanMode.HTTP);
        assertThat(fx(() -> vm.getForm().getPattern())).isEqualTo(base + LabViewModel.HTTP_PATTERN_PATH);
        assertThat(fx(() -> vm.getForm().getTargetCount())).isEqualTo(26 * 26);
        // the URL list it replaces is cleared: no "Both are filled" warning left for the user to act on
        assertThat(fx(() -> vm.getForm().getPatternNotice())).isEmpty();
        assertThat(fx(() -> robot.lookup("#patternNotice").queryAs(Label.class).isVisible()))
                .isFalse();
        assertThat(fx(() -> vm.getForm().getUrls())).isEmpty();

        robot.clickOn("#labToggle");
        assertThat(fx(() -> vm.getLab().isRunning())).isFalse();
        assertThat(fx(() -> robot.lookup("#labLabel").queryAs(Label.class).isVisible()))
                .isFalse();
        for (int port : ports) {
            assertThatThrownBy(() -> connect(port)).as("port %d freed", port).isInstanceOf(IOException.class);
        }
        assertThatThrownBy(() -> connect(filtered)).isInstanceOf(IOException.class);
    }

    @Test
    @Timeout(30)
    void shutdownStopsTheLab(FxRobot robot) {
        robot.clickOn("#labToggle");
        List<Integer> ports = fx(() -> vm.getLab().tcpPorts());
        assertThat(ports).isNotEmpty();
        robot.interact(() -> vm.shutdown()); // what closing the window does
        assertThat(fx(() -> vm.getLab().isRunning())).isFalse();
        for (int port : ports) {
            assertThatThrownBy(() -> connect(port)).isInstanceOf(IOException.class);
        }
    }

    private static void connect(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
        }
    }
}
