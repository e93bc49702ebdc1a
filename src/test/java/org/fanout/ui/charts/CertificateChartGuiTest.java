package org.fanout.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.chart.BarChart;
import javafx.scene.control.ChoiceBox;
import javafx.stage.Stage;
import org.fanout.engine.TestCertificates;
import org.fanout.lab.LabHttpServer;
import org.fanout.lab.LabTls;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * HTTP mode at the minimum window size: after checks of labs serving TLS with certificates the
 * test made (expired, 10 and 20 days, 45 days), the certificates chart, chosen in place of the
 * errors chart, shows each certificate in its days-left bucket; TCP mode has no chooser.
 */
@ExtendWith(ApplicationExtension.class)
class CertificateChartGuiTest extends GuiTestSupport {
    @TempDir
    static Path dir;

    static final List<LabHttpServer> labs = new ArrayList<>();
    static TestCertificates certs;

    @BeforeAll
    static void labs() throws Exception {
        certs = new TestCertificates(dir);
        for (TestCertificates.Cert c : List.of(certs.expired, certs.selfSigned, certs.wrongHost, certs.signed)) {
            labs.add(LabHttpServer.builder()
                    .tls(LabTls.fromPkcs12(c.p12(), TestCertificates.PASSWORD))
                    .start());
        }
    }

    @AfterAll
    static void closeLabs() {
        labs.forEach(LabHttpServer::close);
    }

    @Start
    void start(Stage stage) {
        open(stage);
        stage.setWidth(960);
        stage.setHeight(640);
    }

    @Test
    @Timeout(90)
    void certificatesAreCountedByDaysLeft(FxRobot robot) {
        ChoiceBox<?> chooser = robot.lookup("#secondChartChooser").queryAs(ChoiceBox.class);
        assertThat(fx(chooser::isVisible)).as("no chooser in TCP mode").isFalse();
        robot.clickOn("#httpMode");
        StringBuilder urls = new StringBuilder();
        int[] copies = {1, 2, 3, 4}; // expired x1, 10 days x2, 20 days x3, 45 days x4
        for (int i = 0; i < labs.size(); i++) {
            for (int n = 0; n < copies[i]; n++)
                urls.append("https://localhost:")
                        .append(labs.get(i).port())
                        .append("/?n=")
                        .append(n)
                        .append('\n');
        }
        set(robot, "#urls", urls.toString());
        set(robot, "#pattern", "");
        robot.interact(() -> vm.getForm().setTimeout("10s"));
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(60));
        assertThat(vm.getLastEnding()).isEqualTo(Ending.FINISHED);

        assertThat(fx(chooser::isVisible)).isTrue();
        robot.interact(() -> chooser.getSelectionModel().select(1));
        BarChart<?, ?> chart = robot.lookup("#certificatesChart").queryAs(BarChart.class);
        assertThat(fx(chart::isVisible)).isTrue();
        assertThat(fx(() -> robot.lookup("#errorsChart").query().isVisible())).isFalse();
        Bounds b = fx(() -> chart.localToScene(chart.getBoundsInLocal()));
        assertThat(b.getWidth()).isGreaterThanOrEqualTo(140);
        assertThat(b.getHeight()).isGreaterThanOrEqualTo(100);
        assertThat(b.getMaxX()).isLessThanOrEqualTo(fx(() -> chart.getScene().getWidth()));

        var series = vm.getCharts().getCertificates();
        assertThat(fx(() -> ChartsViewModel.valueOf(series, "expired"))).isEqualTo(1);
        assertThat(fx(() -> ChartsViewModel.valueOf(series, "<7"))).isEqualTo(0);
        assertThat(fx(() -> ChartsViewModel.valueOf(series, "<30"))).isEqualTo(5);
        assertThat(fx(() -> ChartsViewModel.valueOf(series, "<90"))).isEqualTo(4);
        assertThat(fx(() -> ChartsViewModel.valueOf(series, "later"))).isEqualTo(0);
        assertThat(fx(() -> chart.getData().getFirst())).isSameAs(series);

        robot.interact(() -> chooser.getSelectionModel().select(0));
        assertThat(fx(chart::isVisible)).isFalse();
        assertThat(fx(() -> robot.lookup("#errorsChart").query().isVisible())).isTrue();
    }
}
