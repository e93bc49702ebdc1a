package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.lab.BannerMix;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.LoopbackListeners;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.BatchingAdapter;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The menu bar and its shortcuts, driven through the real window on the test's own loopback listeners. */
@ExtendWith(ApplicationExtension.class)
class MenuAndShortcutsGuiTest extends GuiTestSupport {
    private final AtomicInteger quits = new AtomicInteger();
    private LoopbackListeners listeners;
    private TcpLab lab;
    private String portList;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        open(stage);
        window.mainView().setQuitAction(quits::incrementAndGet);
    }

    @BeforeEach
    void lab() throws Exception {
        listeners = LoopbackListeners.start(BannerMix.MIXED);
        lab = listeners.lab();
        portList = listeners.portList();
    }

    @AfterEach
    void closeLab() {
        if (listeners != null) listeners.close();
    }

    private void scan(FxRobot robot) {
        fillTcpForm(robot, portList);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitForEnding(Duration.ofSeconds(20));
        assertThat(vm.getResults().getRowCount()).isEqualTo(5);
    }

    private MenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        return fx(() -> {
            for (Menu m : bar.getMenus()) {
                for (MenuItem i : m.getItems()) if (id.equals(i.getId())) return i;
            }
            throw new AssertionError("no menu item " + id);
        });
    }

    @Test
    @Timeout(30)
    void menusHaveTheExpectedItemsAndShortcuts(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        assertThat(fx(() -> bar.getMenus().stream().map(Menu::getText).toList()))
                .containsExactly("_File", "_Edit", "_View", "_Scan", "_Help");
        assertThat(fx(() -> item(robot, "openItem").getAccelerator())).isEqualTo(AppMenus.OPEN);
        assertThat(fx(() -> item(robot, "exportItem").getAccelerator())).isEqualTo(AppMenus.EXPORT);
        assertThat(fx(() -> item(robot, "quitItem").getAccelerator())).isEqualTo(AppMenus.QUIT);
        assertThat(fx(() -> item(robot, "findItem").getAccelerator())).isEqualTo(AppMenus.FIND);
        assertThat(fx(() -> item(robot, "rescanItem").getAccelerator())).isEqualTo(AppMenus.RESCAN);
        assertThat(fx(() -> item(robot, "stopItem").getAccelerator())).isEqualTo(AppMenus.STOP);
        // History… opens the window of past runs, from the menu and with its shortcut
        assertThat(fx(() -> item(robot, "historyItem").getAccelerator())).isEqualTo(AppMenus.HISTORY);
        robot.interact(() -> item(robot, "historyItem").fire());
        assertThat(fx(() -> Window.getWindows().stream()
                        .anyMatch(w ->
                                w instanceof Stage st && st.isShowing() && "Fanout — history".equals(st.getTitle()))))
                .as("the History window is showing")
                .isTrue();
        robot.interact(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage st && "Fanout — history".equals(st.getTitle()))
                .toList()
                .forEach(Window::hide));
        assertThat(fx(() -> vm.isRunning())).isFalse();
        // nothing to export yet
        assertThat(fx(() -> item(robot, "exportItem").isDisable())).isTrue();
    }

    @Test
    @Timeout(30)
    void ctrlQQuitsAndCtrlFFindsAndEscClearsTheFilter(FxRobot robot) {
        robot.clickOn("#timeout");
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        assertThat(quits.get()).isEqualTo(1);

        TextField filter = robot.lookup("#filterText").queryAs(TextField.class);
        robot.interact(() -> robot.lookup("#hosts").query().requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        assertThat(fx(filter::isFocused)).isTrue();
        robot.write("closed");
        assertThat(fx(() -> vm.getResults().getFilterText())).isEqualTo("closed");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        assertThat(fx(() -> vm.getResults().getFilterText())).isEmpty();
    }

    @Test
    @Timeout(60)
    void f5ScansAgainAndEscStops(FxRobot robot) throws Exception {
        scan(robot);
        BatchingAdapter<ProbeResult> first = fx(() -> vm.getAdapter());
        robot.press(KeyCode.F5).release(KeyCode.F5);
        waitUntil(
                Duration.ofSeconds(20),
                () -> vm.getAdapter() != first && !vm.isRunning() && vm.getLastEnding() != null);
        assertThat(vm.getResults().getRowCount()).isEqualTo(5);

        // a long scan: a port whose backlog is full never answers, so the serial scan waits
        FullBacklogListener silent = TcpLab.fullBacklogListener();
        robot.interact(() -> {
            vm.getForm().setPorts(Integer.toString(silent.port()));
            vm.getForm().setThreads(1);
            vm.getForm().setTimeout("20s");
        });
        robot.interact(vm::start);
        assertThat(fx(() -> vm.isRunning())).isTrue();
        robot.interact(() -> robot.lookup("#resultsTable").query().requestFocus());
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitForEnding(Duration.ofSeconds(10));
        assertThat(vm.getLastEnding()).isEqualTo(Ending.STOPPED);
        silent.close();
    }

    @Test
    @Timeout(60)
    void exportsCsvJsonLinesAndAListThenOpensThemBack(FxRobot robot) throws Exception {
        scan(robot);
        Path csv = dir.resolve("r.csv");
        Path jsonl = dir.resolve("r.jsonl");
        Path list = dir.resolve("open.txt");
        for (Path p : List.of(csv, jsonl, list)) {
            dialogAnswers.add(p);
            robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
            // written in the background: the notice says when
            waitUntil(
                    Duration.ofSeconds(10),
                    () -> window.mainView().message().startsWith("Exported")
                            && window.mainView().message().endsWith(" to " + p.getFileName()));
            assertThat(Files.exists(p)).as(p.toString()).isTrue();
        }
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8))
                .hasSize(6)
                .first()
                .asString()
                .contains("host");
        assertThat(Files.readAllLines(jsonl, StandardCharsets.UTF_8)).hasSize(5).allMatch(l -> l.startsWith("{"));
        assertThat(Files.readAllLines(list, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(
                        lab.ports().stream().map(p -> "127.0.0.1:" + p).toList());
        assertThat(fx(() -> window.mainView().message())).startsWith("Exported 3 lines");

        for (Path p : List.of(csv, jsonl)) {
            robot.interact(() -> vm.getResults().reset(ScanMode.HTTP)); // empty, other mode
            dialogAnswers.add(p);
            robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
            waitUntil(Duration.ofSeconds(10), () -> vm.getResults().getRowCount() == 5);
            assertThat(fx(() -> vm.getResults().getMode())).isEqualTo(ScanMode.TCP);
            assertThat(fx(() -> vm.getStatus().count("open"))).isEqualTo(3);
            assertThat(fx(() -> vm.getStatus().getStateText())).isEqualTo("Opened " + p.getFileName());
        }
        // a file that is not ours is refused with a reason
        Path other = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n");
        dialogAnswers.add(other);
        robot.press(KeyCode.CONTROL, KeyCode.O).release(KeyCode.O, KeyCode.CONTROL);
        waitUntil(Duration.ofSeconds(10), () -> window.mainView().message().startsWith("Cannot open x.csv"));
        assertThat(vm.getResults().getRowCount()).isEqualTo(5);
    }

    @Test
    @Timeout(60)
    void viewColumnsHidesAColumnAndHelpShowsShortcutsAndVersion(FxRobot robot) {
        Menu columns =
                (Menu) fx(() -> robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(2).getItems().stream()
                        .filter(i -> "columnsMenu".equals(i.getId()))
                        .findFirst()
                        .orElseThrow());
        robot.interact(() ->
                AppMenus.fillColumns(columns, window.mainView().resultsView().table()));
        MenuItem banner = fx(() -> columns.getItems().stream()
                .filter(i -> "Banner".equals(i.getText()))
                .findFirst()
                .orElseThrow());
        robot.interact(() -> ((CheckMenuItem) banner).setSelected(false));
        TableColumn<ProbeResult, ?> bannerColumn =
                fx(() -> window.mainView().resultsView().table().getColumns().stream()
                        .filter(c -> c.getText().equals("Banner"))
                        .findFirst()
                        .orElseThrow());
        assertThat(fx(bannerColumn::isVisible)).isFalse();

        var shortcuts = fx(() -> window.mainView().showShortcuts());
        javafx.scene.control.Label text =
                fx(() -> (javafx.scene.control.Label) shortcuts.getDialogPane().getContent());
        assertThat(fx(text::getText)).contains("Ctrl+F", "F5", "Ctrl+Q", "Ctrl+W", "Right-click");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        // its lines as written (a wrapping label cut them under GTK: "Quit..." and no last line), and
        // a dialog never smaller than them
        assertThat(fx(text::isWrapText)).isFalse();
        var pane = fx(shortcuts::getDialogPane);
        assertThat(fx(() ->
                        pane.getWidth() + 0.5 >= pane.prefWidth(-1) && pane.getHeight() + 0.5 >= pane.prefHeight(-1)))
                .as("the shortcuts dialog is as large as its text")
                .isTrue();
        robot.interact(shortcuts::close);
        var about = fx(() -> window.mainView().showAbout());
        assertThat(fx(() -> ((javafx.scene.control.Label) about.getDialogPane().getContent()).getText()))
                .contains(org.fanout.Version.get())
                .contains("Apache License 2.0")
                .contains("Classpath");
        robot.interact(about::close);
    }
}
