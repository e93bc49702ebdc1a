package org.fanout.ui.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.fanout.ui.GuiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * With the Lab on, the window at its smallest size (960×640, the app's minimum) still shows
 * every control of the toolbar and the whole of the results and charts: the lab's long
 * summary gives way (cut short, the full text in its tooltip), the window does not.
 */
@ExtendWith(ApplicationExtension.class)
class LabLayoutGuiTest extends GuiTestSupport {
    private static final List<String> TOOLBAR = List.of(
            "#labToggle",
            "#labSettingsButton",
            "#labUseButton",
            "#startButton",
            "#stopButton",
            "#compareButton",
            "#historyButton",
            "#exportButton");

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        open(stage);
    }

    @Test
    @Timeout(30)
    void theLabFitsTheSmallestWindow(FxRobot robot) {
        robot.interact(() -> {
            stage.setWidth(960);
            stage.setHeight(640);
        });
        robot.clickOn("#labToggle");
        assertThat(fx(() -> vm.getLab().isRunning())).isTrue();
        WaitForAsyncUtils.waitForFxEvents();

        double width = fx(() -> stage.getScene().getWidth());
        assertThat(width).isLessThanOrEqualTo(960);
        for (String control : TOOLBAR) {
            Bounds b = sceneBounds(robot, control);
            assertThat(b.getMinX()).as(control + " starts in the window").isGreaterThanOrEqualTo(0);
            assertThat(b.getMaxX()).as(control + " ends in the window").isLessThanOrEqualTo(width);
        }
        assertThat(sceneBounds(robot, "#resultsTable").getMaxX())
                .as("the results table ends in the window")
                .isLessThanOrEqualTo(width);
        assertThat(fx(() -> robot.lookup(".app")
                        .queryAs(Node.class)
                        .getLayoutBounds()
                        .getWidth()))
                .as("the window's content is as wide as the window")
                .isLessThanOrEqualTo(width);

        Label summary = robot.lookup("#labLabel").queryAs(Label.class);
        assertThat(fx(() -> summary.isVisible() && summary.getWidth() > 0))
                .as("the lab's summary is shown, if cut short")
                .isTrue();
        assertThat(fx(() -> summary.getTooltip().getText()))
                .contains(fx(() -> vm.getLab().baseUrl()));
    }

    private static Bounds sceneBounds(FxRobot robot, String query) {
        return fx(() -> {
            Node n = robot.lookup(query).query();
            Scene scene = n.getScene();
            assertThat(scene).as(query + " is in a scene").isNotNull();
            assertThat(n.isVisible()).as(query + " is visible").isTrue();
            return n.localToScene(n.getLayoutBounds());
        });
    }
}
