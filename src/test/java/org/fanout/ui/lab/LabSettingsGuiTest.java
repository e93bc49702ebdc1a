package org.fanout.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fanout.ui.GuiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Lab's address and port menu: a lab started on ::1 answers on ::1 and fills the form with
 * ::1; a chosen first port gives exactly those ports; the tooltips are short sentences.
 */
@ExtendWith(ApplicationExtension.class)
class LabSettingsGuiTest extends GuiTestSupport {
    private static final byte[] IPV6_LOOPBACK = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @Timeout(30)
    void ipv6LabAnswersOnIpv6AndFillsTheFormWithIt(FxRobot robot) throws Exception {
        robot.clickOn("#labSettingsButton").clickOn("#labIpv6Item");
        assertThat(fx(() -> vm.getLab().ipv6Property().get())).isTrue();
        robot.clickOn("#labToggle");
        List<Integer> ports = fx(() -> vm.getLab().tcpPorts());
        assertThat(ports).hasSize(LabViewModel.TCP_LISTENERS);
        assertThat(fx(() -> vm.getLab().baseUrl())).startsWith("http://[::1]:");
        assertThat(fx(() -> robot.lookup("#labSettingsButton")
                        .queryAs(MenuButton.class)
                        .isDisabled()))
                .isTrue();
        for (int port : ports) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getByAddress(IPV6_LOOPBACK), port), 2000);
            }
        }
        robot.clickOn("#labUseButton").clickOn("#labFillTcpItem");
        assertThat(fx(() -> vm.getForm().getHosts())).isEqualTo("::1");

        String details = fx(() -> vm.getLab().getDetails());
        assertThat(details).doesNotContain("./fanout", "\n").contains("::1");
        assertThat(details.length()).isLessThan(300);
        Tooltip toggleTip =
                fx(() -> robot.lookup("#labToggle").queryAs(ToggleButton.class).getTooltip());
        assertThat(toggleTip.getText().length()).isLessThan(60);
        robot.clickOn("#labToggle");
    }

    @Test
    @Timeout(30)
    void bothFamiliesListenAtTheSamePorts(FxRobot robot) throws Exception {
        robot.clickOn("#labSettingsButton").clickOn("#labBothItem");
        robot.clickOn("#labToggle");
        List<Integer> ports = fx(() -> vm.getLab().tcpPorts());
        assertThat(ports).hasSize(LabViewModel.TCP_LISTENERS);
        assertThat(fx(() -> vm.getLab().getDetails())).startsWith("TCP listeners on 127.0.0.1 and ::1 ports");
        for (InetAddress address : List.of(InetAddress.getLoopbackAddress(), InetAddress.getByAddress(IPV6_LOOPBACK))) {
            for (int port : ports) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, port), 2000);
                }
            }
        }
        robot.clickOn("#labToggle");
    }

    @Test
    @Timeout(30)
    void aChosenFirstPortGivesThoseListeningPorts(FxRobot robot) throws Exception {
        int first = freeRun(LabViewModel.TCP_LISTENERS);
        robot.clickOn("#labSettingsButton").clickOn("#labPortsItem");
        robot.interact(() ->
                robot.lookup("#labFirstPortField").queryAs(TextField.class).setText(Integer.toString(first)));
        robot.type(KeyCode.ENTER);
        assertThat(fx(() -> vm.getLab().firstTcpPortProperty().get())).isEqualTo(first);
        robot.clickOn("#labToggle");
        List<Integer> ports = fx(() -> vm.getLab().tcpPorts());
        for (int i = 0; i < LabViewModel.TCP_LISTENERS; i++) {
            assertThat(ports.get(i)).isEqualTo(first + i);
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", first + i), 2000);
            }
        }
        robot.clickOn("#labToggle");
        assertThat(fx(() -> vm.getLab().setFirstTcpPort("70000"))).contains("1-");
        assertThat(fx(() -> vm.getLab().firstTcpPortProperty().get())).isEqualTo(first);
    }

    /** The first of n consecutive loopback ports free right now (bound together, then released). */
    @Test
    @Timeout(30)
    void theSettingsButtonShowsAGlyphAndHasAName(FxRobot robot) {
        MenuButton button = robot.lookup("#labSettingsButton").queryAs(MenuButton.class);
        // not an empty box: a visible label with text, laid out wide enough to show it whole
        Labeled shown = fx(() -> (Labeled) button.lookup(".label"));
        assertThat(fx(shown::getText)).isEqualTo("⚙");
        assertThat(fx(() -> shown.isVisible() && shown.getWidth() > 4)).isTrue();
        assertThat(fx(() -> shown.lookup(".text") instanceof Text t ? t.getText() : ""))
                .isEqualTo("⚙");
        assertThat(fx(button::getAccessibleText)).contains("Lab settings");
        assertThat(fx(() -> button.getTooltip().getText())).startsWith("Lab settings");
    }

    private static int freeRun(int n) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            int start;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                start = probe.getLocalPort();
            }
            if (start + n > 65536) continue;
            ServerSocket[] held = new ServerSocket[n];
            try {
                for (int i = 0; i < n; i++) held[i] = new ServerSocket(start + i, 1, InetAddress.getLoopbackAddress());
                return start;
            } catch (IOException taken) {
                // try another start
            } finally {
                for (ServerSocket s : held) if (s != null) s.close();
            }
        }
        throw new IllegalStateException("no run of " + n + " free ports");
    }
}
