package org.fanout.ui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.LoopbackListeners;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.BatchingAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The results' right-click menu: copy, open in the (injected) browser, filter by a cell, rescan rows. */
@ExtendWith(ApplicationExtension.class)
class RowMenuGuiTest extends GuiTestSupport {
    private LoopbackListeners listeners;
    private TcpLab lab;
    private String portList;

    @Start
    void start(Stage stage) {
        open(stage);
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
        robot.interact(vm::start);
        waitForEnding(Duration.ofSeconds(20));
        assertThat(vm.getResults().getRowCount()).isEqualTo(5);
    }

    @Test
    @Timeout(60)
    void rightClickCopiesOpensRescansAndFilters(FxRobot robot) {
        scan(robot);
        // sort by port so the first row is a known open lab port
        int webPort = lab.ports().getFirst();
        robot.interact(() -> vm.getResults().setFilterText(""));
        RowMenu menu = fx(() -> window.mainView().resultsView().rowMenu());
        List<String> opened = new ArrayList<>();
        robot.interact(() -> window.mainView().setBrowser(opened::add));
        TcpResult openRow = fx(() -> (TcpResult) vm.getResults().getTableRows().stream()
                .filter(r -> ((TcpResult) r).port() == webPort)
                .findFirst()
                .orElseThrow());
        int index = fx(() -> vm.getResults().getTableRows().indexOf(openRow));
        var table = window.mainView().resultsView().table();
        robot.interact(() -> table.scrollTo(index));
        // right-click the row's Port cell
        Node cell = fx(() -> table.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c
                        && !c.isEmpty()
                        && String.valueOf(webPort).equals(c.getText()))
                .findFirst()
                .orElseThrow());
        robot.rightClickOn(cell);
        assertThat(fx(() -> table.getSelectionModel().getSelectedItems())).containsExactly(openRow);
        assertThat(fx(menu.filterBy::getText)).contains(String.valueOf(webPort));

        robot.interact(menu.copyIp::fire);
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("127.0.0.1");
        robot.interact(menu.copyHostPort::fire);
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("127.0.0.1:" + webPort);
        // lab ports are ephemeral, not web ports: no browser for them
        assertThat(fx(menu.openBrowser::isDisable)).isTrue();
        assertThat(RowMenu.url(new TcpResult("localhost", "127.0.0.1", 8080, "http-alt", TcpState.OPEN, 1, null, null)))
                .isEqualTo("http://127.0.0.1:8080/");
        assertThat(RowMenu.url(new TcpResult("::1", "::1", 443, "https", TcpState.OPEN, 1, null, null)))
                .isEqualTo("https://[::1]:443/");

        robot.interact(menu.filterBy::fire);
        waitUntil(Duration.ofSeconds(5), () -> vm.getResults().getShownCount() == 1);
        assertThat(fx(() -> vm.getResults().getFilterText())).isEqualTo(String.valueOf(webPort));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE); // closes the menu

        // rescan the one selected row: a new scan of exactly that target
        BatchingAdapter<ProbeResult> before = fx(() -> vm.getAdapter());
        robot.interact(() -> {
            table.getSelectionModel().clearAndSelect(0);
            menu.rescan.fire();
        });
        waitUntil(
                Duration.ofSeconds(20),
                () -> vm.getAdapter() != before && !vm.isRunning() && vm.getLastEnding() != null);
        assertThat(fx(() -> vm.getResults().getRowCount())).isEqualTo(1);
        assertThat(fx(() -> ((TcpResult) vm.getResults().getRows().getFirst()).port()))
                .isEqualTo(webPort);

        // HTTP rows open in the browser through the injected opener, and copy as URLs
        robot.interact(() -> {
            vm.getResults().setFilterText("");
            vm.getResults().reset(ScanMode.HTTP);
            vm.getResults()
                    .addAll(List.of(
                            new HttpResult("http://127.0.0.1:1/a", 200, 1, null, 0, null),
                            new HttpResult("http://127.0.0.1:1/b", 404, 1, null, 0, null)));
        });
        waitUntil(Duration.ofSeconds(5), () -> table.getItems().size() == 2);
        robot.interact(() -> {
            table.getSelectionModel().selectAll();
            table.getFocusModel().focus(1);
            menu.refresh();
        });
        assertThat(fx(menu.copyIp::isVisible)).isFalse();
        robot.interact(menu.copyUrl::fire);
        assertThat(fx(() -> Clipboard.getSystemClipboard().getString()))
                .isEqualTo("http://127.0.0.1:1/a\nhttp://127.0.0.1:1/b");
        robot.interact(menu.openBrowser::fire);
        assertThat(opened)
                .containsExactly(fx(() -> ((HttpResult) table.getItems().get(1)).url()));
    }
}
