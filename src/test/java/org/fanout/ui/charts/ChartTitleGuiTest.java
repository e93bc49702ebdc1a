package org.fanout.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import javafx.scene.Node;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.LoopbackListeners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The main window's charts PNG, after a scan of the test's own loopback listeners, carries the job and date as its title. */
@ExtendWith(ApplicationExtension.class)
class ChartTitleGuiTest extends GuiTestSupport {
    private LoopbackListeners listeners;
    private TcpLab lab;
    private String portList;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeEach
    void lab() throws Exception {
        listeners = LoopbackListeners.start(BannerMix.SILENT);
        lab = listeners.lab();
        portList = listeners.portList();
    }

    @AfterEach
    void closeLab() {
        if (listeners != null) listeners.close();
    }

    @Test
    @Timeout(60)
    void theChartsPngIsTitledWithTheJobAndDate(FxRobot robot, @TempDir Path dir) throws Exception {
        type(robot, "#hosts", "127.0.0.1");
        set(robot, "#ports", portList);
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(20));

        String title = fx(() -> vm.chartTitle());
        assertThat(title)
                .startsWith("Fanout — TCP connect · 127.0.0.1 × " + portList + " · 5 targets — " + LocalDate.now());
        assertThat(title).matches(".* — \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");

        Path png = dir.resolve("charts.png");
        dialogAnswers.add(png);
        robot.clickOn("#exportButton").clickOn("Charts as PNG…");
        waitUntil(Duration.ofSeconds(10), () -> window.mainView().message().equals("Saved charts to charts.png"));
        BufferedImage saved = ImageIO.read(png.toFile());
        BufferedImage charts =
                fx(() -> ChartsView.picture(robot.lookup("#chartsPane").<Node>query()));
        assertThat(saved.getWidth()).isEqualTo(charts.getWidth());
        assertThat(saved.getHeight())
                .as("charts plus a title band")
                .isEqualTo(charts.getHeight() + ChartsView.TITLE_BAND);

        // the band holds exactly the title's text: drawn alone, it gives the same pixels (and not a blank band)
        BufferedImage expected =
                ChartsView.titled(new BufferedImage(charts.getWidth(), 1, BufferedImage.TYPE_INT_RGB), title, false);
        int inked = 0;
        for (int y = 0; y < ChartsView.TITLE_BAND; y++) {
            for (int x = 0; x < saved.getWidth(); x++) {
                assertThat(saved.getRGB(x, y))
                        .as("title band pixel %d,%d", x, y)
                        .isEqualTo(expected.getRGB(x, y));
                if ((saved.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) inked++;
            }
        }
        assertThat(inked).as("pixels of title text").isGreaterThan(500);
    }
}
