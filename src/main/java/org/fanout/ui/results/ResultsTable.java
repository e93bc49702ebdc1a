package org.fanout.ui.results;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.CellSafety;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.IpOrder;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.common.StateCell;

/**
 * Builds the results table. Rows are the result records themselves; a cell's value is computed
 * only when the cell is shown (no property object per row or cell is kept), so a million rows
 * cost little more than the records. Sorting is left to {@link ResultsViewModel#sortBy}: the
 * table hands it a comparator over the records ({@link #orderOf}); see {@link ResultRows}.
 * Ctrl+C copies the selected rows as tab-separated text with a header.
 */
final class ResultsTable {
    private static final int BANNER_SHOWN = 200;

    private ResultsTable() {}

    static TableView<ProbeResult> create(ResultsViewModel viewModel) {
        return withMenu(viewModel).table();
    }

    /** The table and its right-click menu. */
    record Built(TableView<ProbeResult> table, RowMenu menu) {}

    static Built withMenu(ResultsViewModel viewModel) {
        TableView<ProbeResult> table = new TableView<>();
        table.setId("resultsTable");
        table.getStyleClass().add("results-table");
        table.setFixedCellSize(24);
        table.setTableMenuButtonVisible(true); // shows the columns hidden at first (certificates, names, titles)
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Label placeholder = new Label();
        placeholder.setId("resultsPlaceholder");
        placeholder.textProperty().bind(viewModel.placeholderBinding());
        table.setPlaceholder(placeholder);

        table.setItems(viewModel.getTableRows());
        // the view-model sorts (off the FX thread for many rows, merging each new batch in);
        // the table only says by what, as a comparator over the records themselves
        table.setSortPolicy(t -> {
            viewModel.sortBy(orderOf(t.getSortOrder()));
            return true;
        });

        keepSelectionAcrossReplace(table, (ResultRows) viewModel.getTableRows());
        columnsFor(table, viewModel.getMode());
        viewModel.modeProperty().addListener((o, was, now) -> columnsFor(table, now));

        Runnable copy = () -> {
            List<ProbeResult> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
            if (selected.isEmpty()) return;
            ClipboardContent content = new ClipboardContent();
            content.putString(viewModel.copyText(selected));
            Clipboard.getSystemClipboard().setContent(content);
        };
        KeyCombination copyKeys = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
        table.setOnKeyPressed(e -> {
            if (copyKeys.match(e)) {
                copy.run();
                e.consume();
            }
        });
        return new Built(table, new RowMenu(table, viewModel, copy));
    }

    /** Up to this many selected rows are put back after a new sort or filter. */
    static final int SELECTION_KEPT = 10_000;

    /**
     * A new sort or filter replaces the shown rows in one change, which clears a table's
     * selection; this selects again the rows (up to {@value #SELECTION_KEPT}) that are still shown,
     * found in one pass over the rows (only when something was selected).
     */
    private static void keepSelectionAcrossReplace(TableView<ProbeResult> table, ResultRows rows) {
        List<ProbeResult> kept = new ArrayList<>();
        ProbeResult[] focused = new ProbeResult[1];
        rows.setReplaceHooks(
                () -> {
                    kept.clear();
                    List<ProbeResult> selected = table.getSelectionModel().getSelectedItems();
                    if (selected.size() <= SELECTION_KEPT) kept.addAll(selected);
                    focused[0] = table.getFocusModel().getFocusedItem();
                },
                () -> {
                    if (kept.isEmpty()) return;
                    Set<ProbeResult> wanted = Collections.newSetFromMap(new IdentityHashMap<>(kept.size() * 2));
                    wanted.addAll(kept);
                    kept.clear();
                    int[] found = new int[wanted.size()];
                    int n = 0;
                    int focusAt = -1;
                    for (int i = 0; i < rows.size() && n < found.length; i++) {
                        ProbeResult r = rows.get(i);
                        if (wanted.contains(r)) {
                            found[n++] = i;
                            if (r == focused[0]) focusAt = i;
                        }
                    }
                    if (n == 0) return;
                    table.getSelectionModel().clearSelection();
                    table.getSelectionModel().selectIndices(found[0], Arrays.copyOfRange(found, 1, n));
                    if (focusAt >= 0) table.getFocusModel().focus(focusAt);
                });
    }

    private static void columnsFor(TableView<ProbeResult> table, ScanMode mode) {
        table.getSortOrder().clear();
        if (mode == ScanMode.TCP) {
            TableColumn<ProbeResult, String> ip = text("IP", 110, r -> tcp(r).ip());
            ip.getProperties().put(ORDER, Comparator.comparing((ProbeResult r) -> tcp(r).ip(), IpOrder.ORDER));
            TableColumn<ProbeResult, Integer> port = number("Port", 60, r -> tcp(r).port());
            table.getColumns()
                    .setAll(List.of(
                            text("Host", 150, r -> tcp(r).host()),
                            ip,
                            port,
                            text("Service", 80, r -> tcp(r).service()),
                            state(
                                    "State",
                                    80,
                                    r -> tcp(r).state() == null
                                            ? ""
                                            : tcp(r).state().label()),
                            latency(),
                            sortedBy(
                                    text("Banner", 220, r -> CellSafety.cap(tcp(r).banner(), BANNER_SHOWN)),
                                    r -> tcp(r).banner()),
                            text("Error", 110, r -> tcp(r).error()),
                            hidden(ResultsTable.<Long>number("Cert days", 80, r -> daysLeft(tcp(r).certificate()))),
                            hidden(text("Trusted", 70, r -> trusted(tcp(r).certificate()))),
                            hidden(text("Name", 150, r -> tcp(r).name()))));
            // by address, then port: not in the order checks happened to complete
            table.getSortOrder().setAll(List.of(ip, port));
        } else {
            table.getColumns()
                    .setAll(List.of(
                            text("URL", 260, r -> http(r).url()),
                            sortedBy(
                                    state(
                                            "Status",
                                            70,
                                            r -> http(r).status() > 0 ? Integer.toString(http(r).status()) : ""),
                                    r -> http(r).status()),
                            latency(),
                            text("Final URL", 220, r -> http(r).finalUrl()),
                            number("Length", 80, r -> http(r).contentLength() >= 0 ? http(r).contentLength() : null),
                            text("Error", 130, r -> http(r).error()),
                            hidden(text("Title", 200, r -> http(r).title())),
                            hidden(text("Server", 120, r -> http(r).server())),
                            hidden(ResultsTable.<Long>number("Cert days", 80, r -> daysLeft(http(r).certificate()))),
                            hidden(text("Trusted", 70, r -> trusted(http(r).certificate())))));
        }
    }

    private static TableColumn<ProbeResult, ?> hidden(TableColumn<ProbeResult, ?> c) {
        c.setVisible(false);
        return c;
    }

    private static Long daysLeft(CertificateInfo c) {
        return c == null ? null : c.daysLeft();
    }

    private static String trusted(CertificateInfo c) {
        return c == null ? "" : c.trusted() ? "yes" : "no";
    }

    private static TcpResult tcp(ProbeResult r) {
        return (TcpResult) r;
    }

    private static HttpResult http(ProbeResult r) {
        return (HttpResult) r;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /**
     * A text column. Every text shown passes through {@link CellSafety#escapeControls}: banners,
     * URLs and final URLs come from the remote side and may hold ESC, CR or bidi controls.
     */
    private static TableColumn<ProbeResult, String> text(
            String title, double width, Function<ProbeResult, String> value) {
        TableColumn<ProbeResult, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(CellSafety.escapeControls(value.apply(f.getValue()))));
        return sortedBy(c, value);
    }

    /** What a cell shows for {@code r} in a text column (for tests). */
    static String shown(TableColumn<ProbeResult, ?> column, ProbeResult r) {
        Object v = column.getCellObservableValue(r) == null
                ? null
                : column.getCellObservableValue(r).getValue();
        return v == null ? "" : v.toString();
    }

    private static final String ORDER = "fanout.order";

    /** Remembers how {@code c} sorts: by {@code key} of the record, nulls first, natural order. */
    private static <T, K extends Comparable<? super K>> TableColumn<ProbeResult, T> sortedBy(
            TableColumn<ProbeResult, T> c, Function<ProbeResult, K> key) {
        c.getProperties().put(ORDER, Comparator.comparing(key, Comparator.nullsFirst(Comparator.naturalOrder())));
        return c;
    }

    /**
     * The table's sort order as a comparator over the records alone (thread-safe and cheap: no
     * cell values are made), so the view-model can sort off the FX thread. Null: arrival order.
     */
    @SuppressWarnings("unchecked")
    static Comparator<ProbeResult> orderOf(List<TableColumn<ProbeResult, ?>> sortOrder) {
        Comparator<ProbeResult> order = null;
        for (TableColumn<ProbeResult, ?> col : sortOrder) {
            Comparator<ProbeResult> k =
                    (Comparator<ProbeResult>) col.getProperties().get(ORDER);
            if (k == null || col.getSortType() == null) continue;
            if (col.getSortType() == TableColumn.SortType.DESCENDING) k = k.reversed();
            order = order == null ? k : order.thenComparing(k);
        }
        return order;
    }

    private static <N extends Number & Comparable<N>> TableColumn<ProbeResult, N> number(
            String title, double width, Function<ProbeResult, N> value) {
        TableColumn<ProbeResult, N> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.getStyleClass().add("numeric");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return sortedBy(c, value);
    }

    private static TableColumn<ProbeResult, Long> latency() {
        TableColumn<ProbeResult, Long> c = new TableColumn<>("Latency");
        c.setPrefWidth(85);
        c.getStyleClass().add("numeric");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue().latencyNanos()));
        c.getProperties().put(ORDER, Comparator.comparingLong(ProbeResult::latencyNanos));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long nanos, boolean empty) {
                super.updateItem(nanos, empty);
                setText(empty || nanos == null ? null : Formats.millis(nanos));
            }
        });
        return c;
    }

    /** A column shown as a coloured label: open/closed/filtered/error, or 2xx..5xx by code. */
    private static TableColumn<ProbeResult, String> state(
            String title, double width, Function<ProbeResult, String> value) {
        TableColumn<ProbeResult, String> c = text(title, width, value);
        c.setCellFactory(
                col -> new StateCell<>(item -> HttpResult.isStatus(item) ? HttpResult.categoryOfOutcome(item) : item));
        return c;
    }
}
