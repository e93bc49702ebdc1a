package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.compare.CompareWindow;
import org.fanout.ui.theme.Theme;
import org.fanout.ui.theme.Themes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** View → Theme (and --theme), remembered; the confirmation before a scan of more than a million targets. */
@ExtendWith(ApplicationExtension.class)
class ThemeAndConfirmGuiTest extends GuiTestSupport {
    private final List<String> asked = new ArrayList<>();
    private boolean answer;

    @Start
    void start(Stage stage) {
        open(stage);
        window.mainView().setConfirmation(q -> {
            asked.add(q);
            return answer;
        });
    }

    private Color background(FxRobot robot, String query) {
        Region r = robot.lookup(query).queryAs(Region.class);
        return fx(() -> (Color) r.getBackground().getFills().getFirst().getFill());
    }

    private RadioMenuItem themeItem(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        return fx(() -> bar.getMenus().get(2).getItems().stream()
                .filter(i -> "themeMenu".equals(i.getId()))
                .findFirst()
                .map(m -> (RadioMenuItem) ((Menu) m)
                        .getItems().stream()
                                .filter(i -> id.equals(i.getId()))
                                .findFirst()
                                .orElseThrow())
                .orElseThrow());
    }

    /**
     * In each theme the texts that stand in for missing content read as well as the rest
     * (WCAG AA, 4.5:1): the filter's placeholder above the results table was near-black on its
     * dark field (1.1:1), unreadable; modena's grey on a white field is 2.1:1.
     */
    @Test
    @Timeout(30)
    void placeholderTextsReadInEveryTheme(FxRobot robot) {
        for (String theme : List.of("theme-light", "theme-dark")) placeholderTextsRead(robot, theme);
    }

    private void placeholderTextsRead(FxRobot robot, String theme) {
        robot.interact(() -> themeItem(robot, theme).fire());
        robot.interact(() -> {}); // the new stylesheet applied
        for (String field : List.of("#filterText", "#hosts")) {
            TextInputControl input = robot.lookup(field).queryAs(TextInputControl.class);
            robot.interact(input::clear);
            Color prompt = fx(() -> input.lookupAll(".text").stream()
                    .filter(n -> n instanceof Text t && t.getText().equals(input.getPromptText()))
                    .map(n -> (Color) ((Text) n).getFill())
                    .findFirst()
                    .orElseThrow());
            Color behind =
                    fx(() -> solid(input.getBackground().getFills().getLast().getFill()));
            assertThat(contrast(prompt, behind))
                    .as(theme + ": " + field + " placeholder " + prompt + " on " + behind)
                    .isGreaterThanOrEqualTo(4.5);
        }
        // the results table's own placeholder, on the table
        Label placeholder = robot.lookup("#resultsPlaceholder").queryAs(Label.class);
        Region table = robot.lookup("#resultsTable").queryAs(Region.class);
        Color text = fx(() -> (Color) placeholder.getTextFill());
        Color tableBehind =
                fx(() -> solid(table.getBackground().getFills().getLast().getFill()));
        assertThat(contrast(text, tableBehind))
                .as(theme + ": table placeholder " + text + " on " + tableBehind)
                .isGreaterThanOrEqualTo(4.5);
    }

    /** A fill's colour; a gradient's (modena's fields shade their top edge) is where it ends. */
    private static Color solid(Paint fill) {
        return fill instanceof LinearGradient g ? g.getStops().getLast().getColor() : (Color) fill;
    }

    /** WCAG 2's contrast ratio of two opaque colours, 1 to 21. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }

    @Test
    @Timeout(30)
    void themeSwitchesEveryPartAndIsRemembered(FxRobot robot) {
        // the headless platform reports no dark desktop: "follow the system" is light here
        assertThat(fx(() -> vm.getThemes().getTheme())).isEqualTo(Theme.SYSTEM);
        Color light = background(robot, ".results");
        assertThat(light.getBrightness()).isGreaterThan(0.9);

        RadioMenuItem dark = themeItem(robot, "theme-dark");
        robot.interact(dark::fire);
        assertThat(fx(() -> vm.getThemes().isDark())).isTrue();
        assertThat(fx(() -> window.scene().getStylesheets())).contains(Themes.DARK_CSS);
        assertThat(background(robot, ".results").getBrightness()).isLessThan(0.3);
        assertThat(background(robot, ".status").getBrightness()).isLessThan(0.3);
        assertThat(background(robot, ".chart-plot-background").getBrightness()).isLessThan(0.3);
        assertThat(fx(() -> themeItem(robot, "theme-dark").isSelected())).isTrue();
        // remembered
        assertThat(prefs.get(Themes.PREF_KEY, null)).isEqualTo("dark");
        assertThat(fx(() -> new Themes(prefs).getTheme())).isEqualTo(Theme.DARK);
        // the Compare window follows too
        CompareWindow compare = fx(() -> window.mainView().openCompare());
        assertThat(fx(() -> compare.scene().getStylesheets())).contains(Themes.DARK_CSS);
        // and the History window (it stayed light)
        var history = fx(() -> window.mainView().openHistory());
        assertThat(fx(() -> history.scene().getStylesheets())).contains(Themes.DARK_CSS);

        robot.interact(() -> themeItem(robot, "theme-light").fire());
        assertThat(fx(() -> window.scene().getStylesheets())).doesNotContain(Themes.DARK_CSS);
        assertThat(fx(() -> compare.scene().getStylesheets())).doesNotContain(Themes.DARK_CSS);
        assertThat(fx(() -> history.scene().getStylesheets())).doesNotContain(Themes.DARK_CSS);
        assertThat(background(robot, ".results").getBrightness()).isGreaterThan(0.9);
        robot.interact(() -> history.show(null).close());
        // Ctrl+W closes a secondary window (HistoryGuiTest presses it in the History window)
        javafx.stage.Stage compareStage = fx(() -> compare.show(null));
        robot.interact(compareStage::requestFocus);
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.W);
        robot.release(javafx.scene.input.KeyCode.W).release(javafx.scene.input.KeyCode.CONTROL);
        waitUntil(java.time.Duration.ofSeconds(5), () -> !compareStage.isShowing());

        // ./fanout gui --theme dark
        robot.interact(() ->
                vm.apply(new GuiOptions(null, null, null, null, null, null, null, null, null, null, false, "dark")));
        assertThat(fx(() -> vm.getThemes().isDark())).isTrue();
        robot.interact(() -> vm.getThemes().setTheme(Theme.SYSTEM));
        assertThat(fx(() -> vm.getThemes().isDark())).isFalse();
    }

    @Test
    @Timeout(60)
    void aScanOfMoreThanAMillionTargetsAsksFirstWithAnEstimate(FxRobot robot) throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        // 26^5 = 11,881,376 URLs, all on a port of ours where nothing listens
        robot.interact(() -> {
            vm.getForm().setMode(ScanMode.HTTP);
            vm.getForm().setUrls("");
            vm.getForm().setPattern("http://127.0.0.1:" + closed + "/{a-z}{a-z}{a-z}{a-z}{a-z}");
        });
        answer = false;
        robot.clickOn("#startButton");
        assertThat(asked).hasSize(1);
        assertThat(asked.getFirst()).contains("11,881,376 URLs").contains("No scan of this kind has run yet");
        assertThat(fx(() -> vm.isRunning() || vm.getAdapter() != null)).isFalse();

        // a small scan measures a rate; then the question estimates the time from it
        robot.interact(() -> vm.getForm().setPattern("http://127.0.0.1:" + closed + "/{a-z}"));
        robot.clickOn("#startButton");
        assertThat(asked).hasSize(1); // 26 URLs: no question
        waitForEnding(Duration.ofSeconds(30));
        robot.interact(() -> vm.getForm().setPattern("http://127.0.0.1:" + closed + "/{a-z}{a-z}{a-z}{a-z}{a-z}"));
        answer = true;
        robot.clickOn("#startButton");
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1)).contains("At the last scan's rate").contains("it takes about");
        assertThat(fx(() -> vm.isRunning())).isTrue();
        robot.clickOn("#stopButton");
        waitForEnding(Duration.ofSeconds(15));

        // a TCP job is not estimated from the HTTP scan's rate (it asked "1,321/s … 902:54:48")
        robot.interact(() -> {
            vm.getForm().setMode(ScanMode.TCP);
            vm.getForm().setHosts("127.0.0.0/8");
            vm.getForm().setPorts(String.valueOf(closed));
        });
        answer = false;
        robot.clickOn("#startButton");
        assertThat(asked).hasSize(3);
        assertThat(asked.get(2)).contains("16,777,216 targets").contains("No scan of this kind has run yet");
    }
}
