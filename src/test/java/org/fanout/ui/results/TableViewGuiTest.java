package org.fanout.ui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.GuiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The table's rows against a plain-Java reference: batches appended while sorted and filtered,
 * a sort and a filter computed in the background (more rows than ResultRows.SYNC_LIMIT), the
 * selection kept across a re-sort. No sockets: the rows are made up.
 */
@ExtendWith(ApplicationExtension.class)
class TableViewGuiTest extends GuiTestSupport {
    private static final int ROWS = 120_000;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @Timeout(90)
    void rowsMatchAReferenceThroughSortsFiltersAndAppends(FxRobot robot) {
        Random random = new Random(42);
        List<ProbeResult> all = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) all.add(row(i, 1 + random.nextInt(2000), random.nextInt(10) == 0));
        TableView<ProbeResult> table = window.mainView().resultsView().table();

        // first half unsorted, then sorted by port descending (in the background), then the rest
        robot.interact(() -> {
            for (int i = 0; i < ROWS / 2; i += 7_000)
                vm.getResults().addAll(all.subList(i, Math.min(ROWS / 2, i + 7_000)));
        });
        settle();
        assertThat(fx(() -> List.copyOf(table.getItems()))).containsExactlyElementsOf(all.subList(0, ROWS / 2));

        robot.interact(() -> sortByPort(table, TableColumn.SortType.DESCENDING));
        robot.interact(() -> {
            for (int i = ROWS / 2; i < ROWS; i += 7_000)
                vm.getResults().addAll(all.subList(i, Math.min(ROWS, i + 7_000)));
        });
        settle();
        Comparator<ProbeResult> byPortDesc = Comparator.comparingInt((ProbeResult r) -> ((TcpResult) r).port())
                .reversed();
        List<ProbeResult> expected = all.stream().sorted(byPortDesc).toList(); // stable: arrival order among equals
        assertThat(fx(() -> List.copyOf(table.getItems()))).containsExactlyElementsOf(expected);

        // filter "open" and text "127.0.1." while sorted; then more rows arrive
        robot.interact(() -> {
            vm.getResults().setStateFilter("open");
            vm.getResults().setFilterText("127.0.1.");
        });
        List<ProbeResult> more = new ArrayList<>();
        for (int i = ROWS; i < ROWS + 3_000; i++) more.add(row(i, 1 + random.nextInt(2000), i % 3 == 0));
        robot.interact(() -> vm.getResults().addAll(more));
        settle();
        List<ProbeResult> everything = new ArrayList<>(all);
        everything.addAll(more);
        List<ProbeResult> expectedFiltered = everything.stream()
                .filter(r -> ((TcpResult) r).state() == TcpState.OPEN
                        && ((TcpResult) r).ip().contains("127.0.1."))
                .sorted(byPortDesc)
                .toList();
        assertThat(expectedFiltered).isNotEmpty();
        assertThat(fx(() -> List.copyOf(table.getItems()))).containsExactlyElementsOf(expectedFiltered);
        assertThat(fx(() -> vm.getResults().getRowCount())).isEqualTo(ROWS + 3_000);
        assertThat(fx(() -> vm.getResults().getShownCount())).isEqualTo(expectedFiltered.size());

        // clearing the filter brings every row back, still sorted
        robot.interact(() -> {
            vm.getResults().setStateFilter(ResultsViewModel.ALL);
            vm.getResults().setFilterText("");
        });
        settle();
        assertThat(fx(() -> List.copyOf(table.getItems())))
                .containsExactlyElementsOf(
                        everything.stream().sorted(byPortDesc).toList());
    }

    @Test
    @Timeout(60)
    void selectionSurvivesAReSort(FxRobot robot) {
        List<ProbeResult> all = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) all.add(row(i, 1 + (i * 7919) % 5000, false));
        robot.interact(() -> vm.getResults().addAll(all));
        settle();
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        robot.interact(() -> table.getSelectionModel().selectIndices(10, 20, 30_000));
        List<ProbeResult> selected =
                fx(() -> List.copyOf(table.getSelectionModel().getSelectedItems()));
        assertThat(selected).hasSize(3);

        robot.interact(() -> sortByPort(table, TableColumn.SortType.ASCENDING));
        settle();
        assertThat(fx(() -> List.copyOf(table.getSelectionModel().getSelectedItems())))
                .containsExactlyInAnyOrderElementsOf(selected);
    }

    /** A filter that hides every row says so; the table says it has no results only when it has none. */
    @Test
    @Timeout(30)
    void thePlaceholderSaysWhetherTheFilterHidesEveryRow(FxRobot robot) {
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        assertThat(placeholder(table)).startsWith("No results yet");

        robot.interact(() -> vm.getResults().addAll(List.of(row(1, 22, true), row(2, 80, false))));
        robot.interact(() -> vm.getResults().setFilterText("no such host"));
        settle();
        assertThat(fx(() -> table.getItems().size())).isZero();
        assertThat(placeholder(table)).isEqualTo("No results match the filter (2 results hidden)");

        robot.interact(() -> vm.getResults().reset(vm.getResults().getMode()));
        settle();
        assertThat(placeholder(table)).startsWith("No results yet");
    }

    private static String placeholder(TableView<ProbeResult> table) {
        return fx(() -> ((Label) table.getPlaceholder()).getText());
    }

    private void settle() {
        waitUntil(Duration.ofSeconds(30), () -> !vm.getResults().isSettling());
    }

    @SuppressWarnings("unchecked")
    private static void sortByPort(TableView<ProbeResult> table, TableColumn.SortType type) {
        TableColumn<ProbeResult, ?> port = table.getColumns().stream()
                .filter(c -> c.getText().equals("Port"))
                .findFirst()
                .orElseThrow();
        port.setSortType(type);
        table.getSortOrder().setAll(List.of(port));
    }

    private static TcpResult row(int i, int port, boolean open) {
        String ip = "127." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
        return new TcpResult(ip, ip, port, "", open ? TcpState.OPEN : TcpState.CLOSED, 1000 + i, null, null);
    }
}
