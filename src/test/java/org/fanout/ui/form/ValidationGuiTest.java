package org.fanout.ui.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Invalid input is refused before Start, with the reason shown under the field. */
@ExtendWith(ApplicationExtension.class)
class ValidationGuiTest extends GuiTestSupport {
    @Start
    void start(Stage stage) {
        open(stage);
    }

    private boolean startDisabled(FxRobot robot) {
        Button start = robot.lookup("#startButton").queryButton();
        return fx(start::isDisabled);
    }

    private boolean shown(FxRobot robot, String query) {
        Label l = robot.lookup(query).queryAs(Label.class);
        return fx(() -> l.isVisible() && !l.getText().isEmpty());
    }

    @Test
    @Timeout(30)
    void defaultsTargetLoopbackAndAreValid(FxRobot robot) {
        assertThat(fx(() -> vm.getForm().getHosts())).isEqualTo("127.0.0.1");
        assertThat(fx(() -> vm.getForm().getUrls())).isEqualTo("http://127.0.0.1:8080/");
        assertThat(startDisabled(robot)).isFalse();
        assertThat(shown(robot, "#hostsError")).isFalse();
        assertThat(shown(robot, "#portsError")).isFalse();
    }

    @Test
    @Timeout(30)
    void portOutOfRangeIsRefused(FxRobot robot) {
        type(robot, "#ports", "22,70000");
        assertThat(startDisabled(robot)).isTrue();
        assertThat(shown(robot, "#portsError")).isTrue();
        assertThat(label(robot, "#portsError"))
                .contains("70000")
                .contains("1-65535")
                .contains("position 3");
        assertThat(label(robot, "#summary")).isEqualTo("Fix the marked field to start");
        // pressing Start or its shortcut does nothing
        robot.clickOn("#startButton");
        assertThat(fx(() -> vm.isRunning() || vm.getAdapter() != null)).isFalse();

        type(robot, "#ports", "22");
        assertThat(startDisabled(robot)).isFalse();
        assertThat(shown(robot, "#portsError")).isFalse();
    }

    @Test
    @Timeout(30)
    void badHostRangeIsRefused(FxRobot robot) {
        type(robot, "#hosts", "127.0.0.1-300");
        assertThat(startDisabled(robot)).isTrue();
        assertThat(label(robot, "#hostsError")).contains("300").contains("0-255");
        type(robot, "#hosts", "127.0.0.1-3");
        assertThat(startDisabled(robot)).isFalse();
        assertThat(label(robot, "#summary")).startsWith("3 hosts × ");
    }

    @Test
    @Timeout(30)
    void badDurationIsRefused(FxRobot robot) {
        type(robot, "#timeout", "fast");
        assertThat(startDisabled(robot)).isTrue();
        assertThat(shown(robot, "#timeoutError")).isTrue();
        assertThat(label(robot, "#timeoutError")).contains("duration");
        type(robot, "#timeout", "250ms");
        assertThat(startDisabled(robot)).isFalse();
    }

    /**
     * A thread count that is none is said under the field and holds Start back, and stays so
     * when the field is left (the spinner put its last good value back without a word).
     */
    @Test
    @Timeout(30)
    void badThreadCountIsRefused(FxRobot robot) {
        TextInputControl editor = robot.lookup("#threads .text-field").queryAs(TextInputControl.class);
        for (String typed : List.of("abc", "0", "99999999")) {
            type(robot, "#threads .text-field", typed);
            assertThat(startDisabled(robot)).as(typed).isTrue();
            assertThat(shown(robot, "#threadsError")).as(typed).isTrue();
            assertThat(label(robot, "#threadsError"))
                    .contains("'" + typed + "'")
                    .contains("1-100,000");
            assertThat(label(robot, "#summary")).isEqualTo("Fix the marked field to start");

            robot.clickOn("#timeout");
            assertThat(fx(() -> editor.getText()))
                    .as("left the field after " + typed)
                    .isEqualTo(typed);
            assertThat(shown(robot, "#threadsError"))
                    .as("left the field after " + typed)
                    .isTrue();
            assertThat(startDisabled(robot)).as("left the field after " + typed).isTrue();
        }
        type(robot, "#threads .text-field", "64");
        assertThat(startDisabled(robot)).isFalse();
        assertThat(shown(robot, "#threadsError")).isFalse();
        assertThat(fx(() -> vm.getForm().getThreads())).isEqualTo(64);
    }

    /**
     * Repeat every refuses a count of minutes that is none as Threads does: the reason under the
     * field, Start held back, the text kept when the field is left (the spinner put its last
     * count back without a word, or clamped 0 to 1 and 99999 to 1440). With Repeat off the field
     * is not used and holds nothing back.
     */
    @Test
    @Timeout(30)
    void badRepeatIntervalIsRefused(FxRobot robot) {
        robot.clickOn("#repeat");
        TextInputControl editor = robot.lookup("#repeatEvery .text-field").queryAs(TextInputControl.class);
        for (String typed : List.of("abc", "0", "99999")) {
            type(robot, "#repeatEvery .text-field", typed);
            assertThat(startDisabled(robot)).as(typed).isTrue();
            assertThat(label(robot, "#repeatEveryError"))
                    .as(typed)
                    .isEqualTo("must be a whole number 1-1,440, got '" + typed + "'");
            assertThat(label(robot, "#summary")).isEqualTo("Fix the marked field to start");

            robot.clickOn("#timeout");
            assertThat(fx(() -> editor.getText()))
                    .as("left the field after " + typed)
                    .isEqualTo(typed);
            assertThat(shown(robot, "#repeatEveryError"))
                    .as("left the field after " + typed)
                    .isTrue();
            assertThat(startDisabled(robot)).as("left the field after " + typed).isTrue();
        }
        robot.clickOn("#repeat"); // off: the wrong text no longer matters
        assertThat(shown(robot, "#repeatEveryError")).isFalse();
        assertThat(startDisabled(robot)).isFalse();
        robot.clickOn("#repeat");
        assertThat(startDisabled(robot)).isTrue();
        type(robot, "#repeatEvery .text-field", "5");
        assertThat(startDisabled(robot)).isFalse();
        assertThat(shown(robot, "#repeatEveryError")).isFalse();
        assertThat(fx(() -> vm.getForm().getRepeatEvery())).isEqualTo(5);
        robot.clickOn("#repeatEvery .increment-arrow-button");
        assertThat(fx(() -> editor.getText())).isEqualTo("6");
        assertThat(fx(() -> vm.getForm().getRepeatEvery())).isEqualTo(6);
    }

    @Test
    @Timeout(30)
    void badUrlAndPatternAreRefusedInHttpMode(FxRobot robot) {
        robot.clickOn("#httpMode");
        assertThat(fx(() -> vm.getForm().getMode())).isEqualTo(ScanMode.HTTP);
        type(robot, "#urls", "ftp://127.0.0.1/");
        assertThat(startDisabled(robot)).isTrue();
        assertThat(label(robot, "#urlsError")).contains("ftp");
        type(robot, "#urls", "http://127.0.0.1:8080/");
        assertThat(startDisabled(robot)).isFalse();
        type(robot, "#pattern", "http://127.0.0.1:8080/{a-");
        assertThat(startDisabled(robot)).isTrue();
        assertThat(label(robot, "#patternError")).contains("unclosed");
        type(robot, "#pattern", "http://127.0.0.1:8080/{a-c}");
        assertThat(startDisabled(robot)).isFalse();
        assertThat(label(robot, "#summary")).isEqualTo("pattern = 3 URLs");
    }

    @Test
    @Timeout(30)
    void portPresetsAndThreadSliderFillTheForm(FxRobot robot) {
        robot.clickOn("top 100");
        assertThat(fx(() -> vm.getForm().getPorts())).isEqualTo("top100");
        robot.clickOn("1–1024");
        assertThat(label(robot, "#summary")).isEqualTo("1 host × 1,024 ports = 1,024 targets");
        robot.interact(() -> vm.getForm().setThreadsScale(3));
        assertThat(fx(() -> vm.getForm().getThreads())).isEqualTo(1000);
        type(robot, "#threads .text-field", "250");
        assertThat(fx(() -> vm.getForm().getThreadsScale()))
                .isCloseTo(Math.log10(250), org.assertj.core.data.Offset.offset(1e-9));
    }
}
