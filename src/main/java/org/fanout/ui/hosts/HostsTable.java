package org.fanout.ui.hosts;

import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.fanout.engine.probe.HttpResult;
import org.fanout.export.CellSafety;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.common.StateCell;
import org.fanout.ui.results.ResultsViewModel;

/**
 * The host view's table (View → By host): one row per host, sorted by IP by default, filtered
 * by the same free text as the per-port table.
 */
public final class HostsTable {
    private HostsTable() {}

    public static TableView<HostRow> create(HostViewModel hosts, ResultsViewModel results) {
        TableView<HostRow> table = new TableView<>();
        table.setId("hostsTable");
        table.getStyleClass().addAll("results-table", "hosts-table");
        table.setFixedCellSize(24);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label placeholder = new Label();
        placeholder.setId("hostsPlaceholder");
        placeholder.textProperty().bind(hosts.placeholderBinding());
        table.setPlaceholder(placeholder);
        hosts.filterTextProperty().bind(results.filterTextProperty());
        SortedList<HostRow> sorted = new SortedList<>(hosts.getShownRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        columnsFor(table, results.getMode());
        results.modeProperty().addListener((o, was, now) -> columnsFor(table, now));
        return table;
    }

    private static void columnsFor(TableView<HostRow> table, ScanMode mode) {
        TableColumn<HostRow, HostRow> ip = ipColumn();
        if (mode == ScanMode.TCP) {
            table.getColumns()
                    .setAll(List.of(
                            ip,
                            text("Host", 160, HostRow::host),
                            state("State", 70, HostRow::state),
                            number("Open", 60, HostRow::open),
                            number("Checked", 75, HostRow::checked),
                            text("Open ports", 300, HostRow::ports)));
            table.getSortOrder().setAll(List.of(ip));
        } else {
            TableColumn<HostRow, String> host = text("Host", 220, HostRow::host);
            table.getColumns()
                    .setAll(List.of(
                            host,
                            state("Worst status", 100, HostRow::state),
                            number("Answered", 80, HostRow::open),
                            number("URLs", 70, HostRow::checked),
                            text("Worst URL", 320, HostRow::ports)));
            table.getSortOrder().setAll(List.of(host));
        }
    }

    private static TableColumn<HostRow, String> text(String title, double width, Function<HostRow, String> value) {
        TableColumn<HostRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(CellSafety.escapeControls(value.apply(f.getValue()))));
        return c;
    }

    /** The address, sorted by the number each row parsed once ({@link HostRow#BY_IP}): its cells hold the row. */
    private static TableColumn<HostRow, HostRow> ipColumn() {
        TableColumn<HostRow, HostRow> c = new TableColumn<>("IP");
        c.setPrefWidth(130);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(HostRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(empty || row == null ? null : CellSafety.escapeControls(row.ip()));
            }
        });
        c.setComparator(HostRow.BY_IP);
        return c;
    }

    private static TableColumn<HostRow, Integer> number(String title, double width, Function<HostRow, Integer> value) {
        TableColumn<HostRow, Integer> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.getStyleClass().add("numeric");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }

    /** alive/dead or a status, coloured like the per-port table's states. */
    private static TableColumn<HostRow, String> state(String title, double width, Function<HostRow, String> value) {
        TableColumn<HostRow, String> c = text(title, width, value);
        c.setCellFactory(col -> new StateCell<>(item -> switch (item) {
            case "alive" -> "open";
            case "dead" -> "closed";
            default -> HttpResult.isStatus(item) ? HttpResult.categoryOfOutcome(item) : "error";
        }));
        return c;
    }
}
