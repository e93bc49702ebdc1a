package org.fanout.ui.compare;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.fanout.engine.compare.CompareRun;
import org.fanout.ui.common.Formats;

/**
 * The Compare window's table of runs: one row per finished run, each strategy's best marked,
 * sortable by any column while the view-model's list stays in run order.
 */
final class RunsTable {
    private RunsTable() {}

    /** Fills {@code runsTable} with the columns of a run and the view-model's runs. */
    static void build(TableView<CompareRun> runsTable, CompareViewModel viewModel) {
        runsTable.setPlaceholder(new Label("No runs yet — choose thread counts and strategies, then press Run."));
        runsTable.setFixedCellSize(24);
        runsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runsTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(CompareRun run, boolean empty) {
                super.updateItem(run, empty);
                pseudoClassStateChanged(CompareCharts.BEST, !empty && viewModel.isBest(run));
            }
        });
        TableColumn<CompareRun, Cell> strategy =
                text("strategy", r -> new Cell(viewModel.label(r), r.strategy().ordinal(), viewModel.label(r)), false);
        strategy.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Cell item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.text());
                CompareRun run = empty ? null : getTableRow().getItem();
                setStyle(
                        run == null
                                ? ""
                                : "-fx-border-color: transparent transparent transparent "
                                        + CompareCharts.hex(run.strategy()) + "; -fx-border-width: 0 0 0 4;");
            }
        });
        runsTable
                .getColumns()
                .setAll(List.of(
                        strategy,
                        number("threads", r -> Formats.count(r.threads()), CompareRun::threads),
                        number("targets", r -> Formats.count(r.targets()), CompareRun::targets),
                        number("wall", r -> CompareCharts.wallText(r.wallMs()), CompareRun::wallMs),
                        number(
                                "throughput",
                                r -> (viewModel.isBest(r) ? "★ " : "") + Formats.rate(r.throughputPerSecond()),
                                CompareRun::throughputPerSecond),
                        number("CPU user", r -> Formats.count(r.cpuUserMs()) + " ms", CompareRun::cpuUserMs),
                        number("CPU sys", r -> Formats.count(r.cpuSysMs()) + " ms", CompareRun::cpuSysMs),
                        number("peak threads", r -> Formats.count(r.peakThreads()), CompareRun::peakThreads),
                        number(
                                "peak heap",
                                r -> String.format(Locale.ROOT, "%,.1f MB", r.peakHeapMb()),
                                CompareRun::peakHeapMb)));
        strategy.setPrefWidth(130);
        // sorting by a column header orders a sorted view; the view-model's list stays in run order
        SortedList<CompareRun> sorted = new SortedList<>(viewModel.getRuns());
        sorted.comparatorProperty().bind(runsTable.comparatorProperty());
        runsTable.setItems(sorted);
    }

    /** A table cell's text and what it sorts by (its number, then its text). */
    record Cell(String text, double key, String textKey) implements Comparable<Cell> {
        @Override
        public int compareTo(Cell o) {
            int c = Double.compare(key, o.key);
            return c != 0 ? c : textKey.compareTo(o.textKey);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private static TableColumn<CompareRun, Cell> text(String title, Function<CompareRun, Cell> value, boolean numeric) {
        TableColumn<CompareRun, Cell> c = new TableColumn<>(title);
        c.setId("col-" + title.replace(' ', '-'));
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        if (numeric) c.getStyleClass().add("numeric");
        return c;
    }

    private static TableColumn<CompareRun, Cell> number(
            String title, Function<CompareRun, String> text, ToDoubleFunction<CompareRun> key) {
        TableColumn<CompareRun, Cell> c = text(title, r -> new Cell(text.apply(r), key.applyAsDouble(r), ""), true);
        c.setPrefWidth(96);
        return c;
    }
}
