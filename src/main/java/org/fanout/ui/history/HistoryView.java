package org.fanout.ui.history;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import org.fanout.history.Change;
import org.fanout.history.Run;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.common.Formats;

/** The History window's controls, bound to a {@link HistoryViewModel}. */
public final class HistoryView {
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final List<String> CHANGE_CLASSES = List.of("change-new", "change-gone", "change-changed");

    private final HistoryViewModel viewModel;
    private final FileDialogs dialogs;

    @FXML
    private TextField search;

    @FXML
    private ChoiceBox<String> kind;

    @FXML
    private Button refreshButton;

    @FXML
    private CheckBox record;

    @FXML
    private Button importButton;

    @FXML
    private TableView<Run> runsTable;

    @FXML
    private Button openButton;

    @FXML
    private Button diffButton;

    @FXML
    private Label runsPlaceholder;

    @FXML
    private Label changesPlaceholder;

    @FXML
    private Button rerunButton;

    @FXML
    private Button exportButton;

    @FXML
    private Label diffTitle;

    @FXML
    private ChoiceBox<String> changeFilter;

    @FXML
    private Label countNew;

    @FXML
    private Label countGone;

    @FXML
    private Label countChanged;

    @FXML
    private TableView<Change> changesTable;

    @FXML
    private ProgressIndicator busy;

    @FXML
    private Label message;

    HistoryView(HistoryViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    /** A start time as the window shows it (local time). */
    static String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant);
    }

    @FXML
    private void initialize() {
        search.textProperty().bindBidirectional(viewModel.searchProperty());
        kind.getItems().setAll(HistoryViewModel.KINDS);
        kind.valueProperty().bindBidirectional(viewModel.kindProperty());
        record.selectedProperty().bindBidirectional(viewModel.recordProperty());
        refreshButton.setOnAction(e -> viewModel.refresh());
        importButton.setOnAction(e ->
                dialogs.open("Import a Fanout results file (CSV or JSON lines)").ifPresent(viewModel::importFile));
        initRuns();
        initChanges();
        runsPlaceholder.textProperty().bind(viewModel.runsPlaceholderBinding());
        changesPlaceholder.textProperty().bind(viewModel.changesPlaceholderBinding());
        busy.visibleProperty().bind(viewModel.busyProperty());
        message.textProperty().bind(viewModel.messageProperty());
        viewModel.problemProperty().addListener((o, was, bad) -> {
            message.getStyleClass().remove("message-error");
            if (bad) message.getStyleClass().add("message-error");
        });
    }

    private void initRuns() {
        runsTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runsTable.setItems(viewModel.getRuns());
        runsTable
                .getColumns()
                .setAll(List.of(
                        column("Run", 60, r -> Long.toString(r.id())),
                        column("Kind", 55, Run::kindName),
                        column("Started", 150, r -> date(r.started())),
                        column("Job", 420, Run::job),
                        column("Targets", 80, r -> Formats.count(r.targets())),
                        column("Counts", 240, HistoryView::counts),
                        completeColumn()));
        runsTable.setRowFactory(t -> {
            TableRow<Run> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && row.getItem() != null)
                    viewModel.open(row.getItem());
            });
            return row;
        });
        var selected = runsTable.getSelectionModel().getSelectedItems();
        var one = Bindings.size(selected).isEqualTo(1);
        openButton.disableProperty().bind(one.not());
        rerunButton.disableProperty().bind(one.not());
        exportButton.disableProperty().bind(one.not());
        diffButton.disableProperty().bind(Bindings.size(selected).isEqualTo(2).not());
        openButton.setOnAction(e -> selectedRun().ifPresent(viewModel::open));
        rerunButton.setOnAction(e -> selectedRun().ifPresent(viewModel::rerun));
        diffButton.setOnAction(e -> {
            List<Run> two = List.copyOf(selected);
            if (two.size() == 2) viewModel.diff(two.get(0), two.get(1));
        });
        exportButton.setOnAction(e -> selectedRun().ifPresent(run -> {
            Optional<Path> file = dialogs.save("Export run " + run.id(), "fanout-run-" + run.id() + ".csv");
            file.ifPresent(f -> viewModel.export(run, f));
        }));
    }

    private Optional<Run> selectedRun() {
        List<Run> selected = runsTable.getSelectionModel().getSelectedItems();
        return selected.size() == 1 ? Optional.of(selected.getFirst()) : Optional.empty();
    }

    private static String counts(Run run) {
        return run.counts().entrySet().stream()
                .map(e -> e.getKey() + " " + Formats.count(e.getValue()))
                .collect(Collectors.joining(" · "));
    }

    private static TableColumn<Run, String> completeColumn() {
        TableColumn<Run, String> c = column("Complete", 90, r -> r.complete() ? "✓ complete" : "incomplete");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("run-incomplete");
                if (!empty && "incomplete".equals(item)) getStyleClass().add("run-incomplete");
            }
        });
        return c;
    }

    private void initChanges() {
        changeFilter.getItems().setAll(HistoryViewModel.CHANGE_FILTERS);
        changeFilter.valueProperty().bindBidirectional(viewModel.changeFilterProperty());
        diffTitle.textProperty().bind(viewModel.diffTitleProperty());
        countNew.textProperty().bind(viewModel.countProperty(Change.Type.NEW).asString("%d new"));
        countGone.textProperty().bind(viewModel.countProperty(Change.Type.GONE).asString("%d gone"));
        countChanged
                .textProperty()
                .bind(viewModel.countProperty(Change.Type.CHANGED).asString("%d changed"));
        changesTable.setItems(viewModel.getChanges());
        changesTable
                .getColumns()
                .setAll(List.of(
                        column("Target", 260, Change::key),
                        column("Change", 90, (Change c) -> c.type().label()),
                        column("Before", 380, (Change c) -> c.before() == null ? "" : c.before()),
                        column("After", 380, (Change c) -> c.after() == null ? "" : c.after())));
        changesTable.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(Change item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeAll(CHANGE_CLASSES);
                if (!empty && item != null)
                    getStyleClass().add("change-" + item.type().label());
            }
        });
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return c;
    }

    TableView<Run> runsTable() {
        return runsTable;
    }

    TableView<Change> changesTable() {
        return changesTable;
    }
}
