package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.Columns;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.charts.ChartsViewModel;
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

/** A TCP scan of the test's own loopback listeners, driven through the real window. */
@ExtendWith(ApplicationExtension.class)
class TcpScanGuiTest extends GuiTestSupport {
    private TcpLab lab;
    private List<Integer> freed;
    private String portList;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeEach
    void lab() throws Exception {
        lab = TcpLab.start(5, BannerMix.MIXED);
        freed = TcpLab.freeEphemeralPorts(3); // while the lab holds its ports, so none is one of them
        List<Integer> ports = new ArrayList<>(lab.ports());
        ports.addAll(freed);
        portList = ports.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @AfterEach
    void closeLab() {
        if (lab != null) lab.close();
    }

    private void fillForm(FxRobot robot) {
        type(robot, "#hosts", "127.0.0.1");
        type(robot, "#ports", portList);
        robot.interact(() -> vm.getForm().setThreads(8));
        assertThat(label(robot, "#summary")).isEqualTo("1 host × 8 ports = 8 targets");
    }

    @Test
    @Timeout(60)
    void scanShowsTableCountsAndCharts(FxRobot robot) {
        fillForm(robot);
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(20));

        assertThat(vm.getLastEnding()).isEqualTo(Ending.FINISHED);
        assertThat(label(robot, "#count-open")).isEqualTo("5");
        assertThat(label(robot, "#count-closed")).isEqualTo("3");
        assertThat(label(robot, "#count-filtered")).isEqualTo("0");
        assertThat(label(robot, "#count-errors")).isEqualTo("0");
        assertThat(label(robot, "#doneText")).isEqualTo("8 / 8");
        assertThat(label(robot, "#stateText")).isEqualTo("Finished");

        TableView<ProbeResult> table = window.mainView().resultsView().table();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(8);
        Set<Integer> open = fx(() -> table.getItems().stream()
                .map(r -> (TcpResult) r)
                .filter(r -> r.state().label().equals("open"))
                .map(TcpResult::port)
                .collect(Collectors.toSet()));
        assertThat(open).containsExactlyInAnyOrderElementsOf(lab.ports());
        // banner listeners announced themselves (banner grab is on by default)
        long withBanner = fx(() -> table.getItems().stream()
                .map(r -> (TcpResult) r)
                .filter(r -> r.banner() != null && !r.banner().isEmpty())
                .count());
        assertThat(withBanner)
                .isEqualTo(lab.banners().values().stream()
                        .filter(b -> b != null && !b.isEmpty())
                        .count());

        ChartsViewModel charts = vm.getCharts();
        assertThat(fx(() -> ChartsViewModel.valueOf(charts.getOutcomes(), "open")))
                .isEqualTo(5);
        assertThat(fx(() -> ChartsViewModel.valueOf(charts.getOutcomes(), "closed")))
                .isEqualTo(3);
        assertThat(fx(() -> charts.getLatency().getData().stream()
                        .mapToLong(d -> d.getYValue().longValue())
                        .sum()))
                .isEqualTo(8);
        assertThat(fx(() -> charts.getThroughput().getData().size())).isGreaterThanOrEqualTo(2);

        // filter: open only, then free text
        @SuppressWarnings("unchecked")
        ChoiceBox<String> state = robot.lookup("#stateFilter").queryAs(ChoiceBox.class);
        robot.interact(() -> state.setValue("open"));
        assertThat(fx(() -> table.getItems().size())).isEqualTo(5);
        assertThat(label(robot, "#shownText")).isEqualTo("5 of 8 rows");
        robot.interact(() -> state.setValue("all"));
        type(robot, "#filterText", String.valueOf(freed.get(0)));
        assertThat(fx(() -> table.getItems().size())).isEqualTo(1);
        robot.interact(() -> vm.getResults().setFilterText(""));
        assertThat(fx(() -> table.getItems().size())).isEqualTo(8);
    }

    @Test
    @Timeout(60)
    void exportsAllAndFilteredRowsAsCsvWithTheCliColumns(FxRobot robot, @TempDir Path dir) throws Exception {
        fillForm(robot);
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL); // the Start shortcut
        waitForEnding(Duration.ofSeconds(20));

        Path all = dir.resolve("all.csv");
        dialogAnswers.add(all);
        robot.clickOn("#exportButton").clickOn("CSV — all rows…");
        waitUntil(
                Duration.ofSeconds(5),
                () -> window.mainView().message().startsWith("Exported")
                        && window.mainView().message().endsWith(" to all.csv"));
        List<List<String>> expected = fx(() -> vm.getResults().getRows().stream()
                .map(r -> Columns.tcpRow((TcpResult) r))
                .toList());
        assertThat(readCsv(all)).isEqualTo(withHeader(expected));

        robot.interact(() -> vm.getResults().setStateFilter("open"));
        Path filtered = dir.resolve("open.csv");
        dialogAnswers.add(filtered);
        robot.clickOn("#exportButton").clickOn("CSV — filtered rows…");
        waitUntil(
                Duration.ofSeconds(5),
                () -> window.mainView().message().startsWith("Exported")
                        && window.mainView().message().endsWith(" to open.csv"));
        List<List<String>> rows = readCsv(filtered);
        assertThat(rows.getFirst()).isEqualTo(Columns.TCP);
        assertThat(rows).hasSize(6);
        assertThat(rows.subList(1, 6)).allSatisfy(r -> assertThat(r.get(4)).isEqualTo("open"));

        Path png = dir.resolve("charts.png");
        dialogAnswers.add(png);
        robot.clickOn("#exportButton").clickOn("Charts as PNG…");
        waitUntil(Duration.ofSeconds(5), () -> window.mainView().message().equals("Saved charts to charts.png"));
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(100);
    }

    @Test
    @Timeout(60)
    void ctrlCCopiesSelectedRowsAsTabSeparatedText(FxRobot robot) {
        fillForm(robot);
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(20));
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        robot.interact(() -> vm.getResults().setStateFilter("open"));
        robot.clickOn(table).interact(() -> table.getSelectionModel().selectAll());
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String copied = fx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(copied).isNotNull();
        List<String> lines = copied.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.getFirst()).isEqualTo(String.join("\t", Columns.TCP));
        assertThat(lines.subList(1, 6))
                .allSatisfy(l -> assertThat(l.split("\t", -1)[4]).isEqualTo("open"));
    }

    @Test
    @Timeout(30)
    void startIsDisabledWhileRunningAndStopWhileIdle(FxRobot robot) {
        Button start = robot.lookup("#startButton").queryButton();
        Button stop = robot.lookup("#stopButton").queryButton();
        assertThat(fx(start::isDisabled)).isFalse();
        assertThat(fx(stop::isDisabled)).isTrue();
    }

    private static List<List<String>> withHeader(List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(Columns.TCP);
        all.addAll(rows);
        return all;
    }

    static List<List<String>> readCsv(Path file) throws Exception {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180.parse(in)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord r : parser) rows.add(r.toList());
            return rows;
        }
    }
}
