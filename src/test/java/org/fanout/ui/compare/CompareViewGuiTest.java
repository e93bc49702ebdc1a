package org.fanout.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.chart.XYChart;
import javafx.scene.control.TableColumn;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.Columns;
import org.fanout.export.CompareChart;
import org.fanout.lab.LabHttpServer;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Compare window, opened from the main window's toolbar, against the test's own lab HTTP
 * server on 127.0.0.1 with 50 ms latency: 100 URLs, pool and virtual at 1 and 20 threads.
 */
@ExtendWith(ApplicationExtension.class)
class CompareViewGuiTest extends GuiTestSupport {
    private static LabHttpServer server;
    private CompareWindow compare;

    @BeforeAll
    static void lab() throws Exception {
        server = LabHttpServer.builder().latency(Duration.ofMillis(50)).start();
    }

    @AfterAll
    static void closeLab() {
        if (server != null) server.close();
    }

    @Start
    void start(Stage stage) {
        open(stage);
        vm.getForm().setMode(ScanMode.HTTP);
        // {a-d}{a-y}: 100 URLs, each answered after 50 ms: 5 s at one thread
        vm.getForm().setPattern(server.baseUrl() + "/{a-d}{a-y}");
        vm.getForm().setTimeout("5s");
    }

    @AfterEach
    void closeCompare() {
        if (compare == null) return;
        fx(() -> {
            compare.viewModel().stop();
            return null;
        });
        waitUntil(Duration.ofSeconds(5), () -> !compare.viewModel().isRunning());
    }

    private CompareViewModel openCompare(FxRobot robot) {
        robot.clickOn("#compareButton");
        compare = fx(() -> window.mainView().openCompare()); // the window the button opened
        assertThat(fx(() -> compare.scene().getWindow().isShowing())).isTrue();
        return compare.viewModel();
    }

    private static boolean disabled(FxRobot robot, String query) {
        return fx(() -> robot.lookup(query).queryButton().isDisabled());
    }

    @Test
    @Timeout(120)
    void comparesThreadCountsAndStrategiesAndExports(FxRobot robot, @TempDir Path dir) throws Exception {
        CompareViewModel cvm = openCompare(robot);
        assertThat(fx(cvm::getJobText)).contains("HTTP HEAD").contains("100 URLs");
        type(robot, "#threadCounts", "1,20");
        robot.clickOn("#strategy-nio"); // on by default: leave pool and virtual
        assertThat(fx(() -> cvm.isSelected(Strategy.NIO))).isFalse();
        assertThat(fx(cvm::getPlan)).isEqualTo("2 strategies × 2 thread counts = 4 runs");
        // no scan ran in the main window: the time is honestly unknown, the amount of work is not
        assertThat(fx(cvm::getEstimate)).startsWith("400 checks in all").contains("unknown");
        assertThat(label(robot, "#estimate")).isEqualTo(fx(cvm::getEstimate));
        robot.clickOn("#runButton");

        // progress is shown while it runs
        waitUntil(Duration.ofSeconds(30), () -> cvm.getPhaseText().startsWith("pool × 1: "));
        assertThat(fx(cvm::getPhaseText)).matches("pool × 1: [0-9,]+ / 100, [0-9.,]+/s");
        waitUntil(Duration.ofSeconds(90), () -> cvm.getRuns().size() == 4 && !cvm.isRunning());

        assertThat(fx(cvm::getLastEnding)).isEqualTo(Ending.FINISHED);
        assertThat(fx(cvm::getStateText)).startsWith("Finished 4 runs in ");
        List<CompareRun> rows = fx(() -> List.copyOf(compare.view().runsTable().getItems()));
        assertThat(rows).hasSize(4);
        Map<String, CompareRun> byKey =
                rows.stream().collect(Collectors.toMap(r -> r.strategy().label() + " " + r.threads(), r -> r));
        assertThat(byKey).containsOnlyKeys("pool 1", "pool 20", "virtual 1", "virtual 20");
        for (String s : List.of("pool", "virtual")) {
            CompareRun one = byKey.get(s + " 1");
            CompareRun twenty = byKey.get(s + " 20");
            assertThat(one.targets()).isEqualTo(100);
            assertThat(twenty.targets()).isEqualTo(100);
            assertThat(twenty.throughputPerSecond())
                    .as(s + ": 20 threads vs 1")
                    .isGreaterThanOrEqualTo(8 * one.throughputPerSecond());
            // the best throughput is marked, and said where it is
            assertThat(fx(() -> cvm.isBest(twenty))).isTrue();
            assertThat(fx(() -> cvm.getVerdicts().get(Strategy.parse(s))))
                    .startsWith("best ")
                    .contains("at 20 threads");
        }

        // one series per strategy, a point per thread count, in both charts
        for (var chart : List.of(compare.view().wallChart(), compare.view().throughputChart())) {
            List<XYChart.Series<Number, Number>> series = fx(() -> List.copyOf(chart.getData()));
            assertThat(series).extracting(XYChart.Series::getName).containsExactly("pool", "virtual");
            for (var s : series) {
                assertThat(fx(() -> s.getData().stream()
                                .map(d -> d.getXValue().doubleValue())
                                .toList()))
                        .containsExactly(0.0, Math.log10(20));
            }
        }
        // the best point carries a visible tag on the throughput chart
        long tags = fx(() -> compare.view().throughputChart().lookupAll(".best-tag").stream()
                .filter(n -> n.isVisible())
                .count());
        assertThat(tags).isEqualTo(2);

        // every column sorts; the rows sort by value (numbers as numbers), the runs themselves keep their order
        var table = compare.view().runsTable();
        assertThat(fx(() -> table.getColumns().stream().allMatch(c -> c.isSortable())))
                .isTrue();
        robot.interact(
                () -> table.getSortOrder().setAll(List.of(table.getColumns().get(4)))); // throughput, ascending
        List<Double> ascending = fx(() ->
                table.getItems().stream().map(CompareRun::throughputPerSecond).toList());
        assertThat(ascending).isSorted().hasSize(4);
        for (var column : fx(() -> List.copyOf(table.getColumns()))) {
            robot.interact(() -> {
                column.setSortType(TableColumn.SortType.DESCENDING);
                table.getSortOrder().setAll(List.of(column));
            });
            List<Object> keys = fx(() -> table.getItems().stream()
                    .map(r -> (Object) column.getCellData(r))
                    .toList());
            List<Object> expected = new ArrayList<>(keys);
            expected.sort((a, b) -> ((RunsTable.Cell) b).compareTo((RunsTable.Cell) a));
            assertThat(keys).as(column.getText()).isEqualTo(expected);
        }
        assertThat(fx(() -> cvm.getRuns().stream()
                        .map(r -> r.strategy().label() + " " + r.threads())
                        .toList()))
                .containsExactly("pool 1", "pool 20", "virtual 1", "virtual 20");
        // the PNG's title names the job and the date
        assertThat(fx(cvm::chartTitle))
                .contains(fx(cvm::getJobText))
                .contains(LocalDate.now().toString());

        Path csv = dir.resolve("compare.csv");
        dialogAnswers.add(csv);
        robot.clickOn("#compareExportButton").clickOn("#exportCsvItem");
        waitUntil(Duration.ofSeconds(10), () -> compare.view().message().equals("Saved compare.csv"));
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.parse(in)) {
            List<CSVRecord> records = parser.getRecords();
            assertThat(records.getFirst().toList()).isEqualTo(Columns.COMPARE);
            assertThat(records).hasSize(5);
            assertThat(records.subList(1, 5))
                    .extracting(r -> r.get(0) + " " + r.get(1))
                    .containsExactly("pool 1", "pool 20", "virtual 1", "virtual 20");
        }
        Path png = dir.resolve("compare.png");
        dialogAnswers.add(png);
        robot.clickOn("#compareExportButton").clickOn("#exportPngItem");
        waitUntil(Duration.ofSeconds(30), () -> compare.view().message().equals("Saved compare.png"));
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(CompareChart.WIDTH);
    }

    @Test
    @Timeout(60)
    void stopMidwayKeepsFinishedRunsAndStopsPromptly(FxRobot robot) {
        CompareViewModel cvm = openCompare(robot);
        robot.interact(() -> {
            cvm.setThreadsText("2,20");
            cvm.setSelected(Strategy.NIO, false);
            cvm.setWarmUp(false);
        });
        robot.clickOn("#runButton");
        // pool x 2 (2.5 s) and pool x 20 finish; stop while virtual x 2 (2.5 s) is under way
        waitUntil(
                Duration.ofSeconds(30),
                () -> cvm.getRuns().size() == 2
                        && cvm.getPhaseText().startsWith("virtual × 2: ")
                        && cvm.getProgress() > 0.05);
        long pressed = System.nanoTime();
        robot.clickOn("#compareStopButton");
        waitUntil(Duration.ofSeconds(5), () -> cvm.getLastEnding() != null && !cvm.isRunning());
        assertThat(Duration.ofNanos(System.nanoTime() - pressed)).isLessThan(Duration.ofSeconds(2));

        assertThat(fx(cvm::getLastEnding)).isEqualTo(Ending.STOPPED);
        assertThat(fx(cvm::getStateText)).startsWith("Stopped after 2 of 4 runs");
        assertThat(fx(() -> compare.view().runsTable().getItems().stream()
                        .map(r -> r.strategy().label() + " " + r.threads())
                        .toList()))
                .containsExactly("pool 2", "pool 20");
        assertThat(fx(() -> compare.view().throughputChart().getData().size())).isEqualTo(1);
        assertThat(fx(cvm::getPhaseText)).isEmpty();
        org.testfx.util.WaitForAsyncUtils.sleep(500, TimeUnit.MILLISECONDS);
        assertThat(fx(() -> cvm.getRuns().size())).isEqualTo(2);
        assertThat(disabled(robot, "#runButton")).isFalse();
    }

    @Test
    @Timeout(30)
    void invalidThreadCountsDisableRunWithAReason(FxRobot robot) {
        CompareViewModel cvm = openCompare(robot);
        assertThat(disabled(robot, "#runButton")).isFalse();

        type(robot, "#threadCounts", "0,abc");
        assertThat(disabled(robot, "#runButton")).isTrue();
        assertThat(label(robot, "#problem")).startsWith("Thread counts: 0 is out of range 1-100,000 (item 1)");
        assertThat(fx(() -> robot.lookup("#problem").query().isVisible())).isTrue();
        assertThat(fx(() -> robot.lookup("#threadCounts")
                        .query()
                        .getPseudoClassStates()
                        .toString()))
                .contains("invalid");
        robot.clickOn("#runButton");
        assertThat(fx(cvm::isRunning)).isFalse();

        type(robot, "#threadCounts", "1,abc");
        assertThat(label(robot, "#problem")).isEqualTo("Thread counts: 'abc' is not a whole number (item 2)");
        assertThat(disabled(robot, "#runButton")).isTrue();

        type(robot, "#threadCounts", "1, 10 100,1k");
        assertThat(disabled(robot, "#runButton")).isFalse();
        assertThat(fx(() -> robot.lookup("#problem").query().isVisible())).isFalse();
        assertThat(fx(() -> List.copyOf(cvm.getPlannedThreads()))).containsExactly(1, 10, 100, 1000);

        // no strategy, or a broken job in the main form, disables Run too
        for (String s : List.of("#strategy-pool", "#strategy-virtual", "#strategy-nio")) robot.clickOn(s);
        assertThat(disabled(robot, "#runButton")).isTrue();
        assertThat(label(robot, "#problem")).isEqualTo("Choose at least one strategy");
        robot.clickOn("#strategy-serial");
        assertThat(disabled(robot, "#runButton")).isFalse();
        robot.interact(() -> vm.getForm().setPattern("http://127.0.0.1:1/{a-"));
        assertThat(disabled(robot, "#runButton")).isTrue();
        assertThat(label(robot, "#problem")).isEqualTo("Fix the job in the main window's form first");
    }
}
