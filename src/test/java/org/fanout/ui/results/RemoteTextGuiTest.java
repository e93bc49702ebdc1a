package org.fanout.ui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Text from the remote side (banners, final URLs) reaches the table only through CellSafety.escapeControls. */
@ExtendWith(ApplicationExtension.class)
class RemoteTextGuiTest extends GuiTestSupport {
    private static final String NASTY = "SSH-2.0-x\u001b[31mRED\u001b[0m\rOVERWRITE";
    private static final String SHOWN = "SSH-2.0-x\\x1b[31mRED\\x1b[0m\\rOVERWRITE";

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @Timeout(30)
    void bannerWithEscAndCrIsShownEscaped(FxRobot robot) {
        TcpResult row = new TcpResult("127.0.0.1", "127.0.0.1", 2222, "", TcpState.OPEN, 100_000, NASTY, null);
        robot.interact(() -> vm.getResults().addAll(List.of(row)));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        TableColumn<ProbeResult, ?> banner = fx(() -> table.getColumns().stream()
                .filter(c -> c.getText().equals("Banner"))
                .findFirst()
                .orElseThrow());
        assertThat(fx(() -> ResultsTable.shown(banner, row))).isEqualTo(SHOWN);
        // and what the cell on screen holds
        Set<String> cellTexts = fx(() -> robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .map(TableCell::getText)
                .filter(t -> t != null && !t.isEmpty())
                .collect(Collectors.toSet()));
        assertThat(cellTexts).contains(SHOWN);
        assertThat(cellTexts).noneMatch(t -> t.indexOf('\u001b') >= 0 || t.indexOf('\r') >= 0);
        // copying keeps the escaping too
        assertThat(fx(() -> vm.getResults().copyText(List.of(row))))
                .contains(SHOWN)
                .doesNotContain("\u001b");
    }

    @Test
    @Timeout(30)
    void finalUrlFromARedirectIsShownEscaped(FxRobot robot) {
        robot.interact(() -> vm.getForm().setMode(ScanMode.HTTP));
        robot.interact(() -> vm.getResults().reset(ScanMode.HTTP));
        HttpResult row = new HttpResult(
                "http://127.0.0.1:9/a", 200, 1_000_000, "http://127.0.0.1:9/\u001b]0;title\u0007", 0, null);
        robot.interact(() -> vm.getResults().addAll(List.of(row)));
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        TableColumn<ProbeResult, ?> finalUrl = fx(() -> table.getColumns().stream()
                .filter(c -> c.getText().equals("Final URL"))
                .findFirst()
                .orElseThrow());
        assertThat(fx(() -> ResultsTable.shown(finalUrl, row))).isEqualTo("http://127.0.0.1:9/\\x1b]0;title\\x07");
    }
}
