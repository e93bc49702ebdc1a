package org.fanout.ui.results;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.ui.common.Formats;
import org.fanout.ui.hosts.HostRow;
import org.fanout.ui.hosts.HostViewModel;
import org.fanout.ui.hosts.HostsTable;

/** The results view: filter bar and the table from {@link ResultsTable#create}. */
public final class ResultsView {
    private final ResultsViewModel viewModel;
    private final HostViewModel hosts;
    private TableView<ProbeResult> table;
    private TableView<HostRow> hostsTable;
    private RowMenu rowMenu;

    @FXML
    private TextField filterText;

    @FXML
    private ChoiceBox<String> stateFilter;

    @FXML
    private TextField certDaysFilter;

    @FXML
    private CheckBox untrustedFilter;

    @FXML
    private Label shownText;

    @FXML
    private HBox busyBox;

    @FXML
    private ProgressBar busyProgress;

    @FXML
    private Label busyText;

    @FXML
    private StackPane tableHolder;

    @FXML
    private ToggleButton byPortButton;

    @FXML
    private ToggleButton byHostButton;

    public ResultsView(ResultsViewModel viewModel, HostViewModel hosts) {
        this.viewModel = viewModel;
        this.hosts = hosts;
    }

    @FXML
    private void initialize() {
        filterText.textProperty().bindBidirectional(viewModel.filterTextProperty());
        // Esc in a filled filter clears it (and does not stop the scan)
        filterText.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !filterText.getText().isEmpty()) {
                filterText.clear();
                e.consume();
            }
        });
        stateFilter.setItems(viewModel.getStateFilters());
        stateFilter.valueProperty().bindBidirectional(viewModel.stateFilterProperty());
        // whole days only (negative: expired that long ago); empty means no certificate filter
        certDaysFilter.setTextFormatter(
                new TextFormatter<String>(c -> c.getControlNewText().matches("-?\\d{0,5}") ? c : null));
        certDaysFilter
                .textProperty()
                .addListener((o, was, now) ->
                        viewModel.setCertExpiresWithin(now.isEmpty() || now.equals("-") ? null : Integer.valueOf(now)));
        untrustedFilter.selectedProperty().bindBidirectional(viewModel.untrustedOnlyProperty());
        shownText
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> viewModel.isByHost()
                                ? Formats.count(hosts.getRows().size(), "host")
                                : (viewModel.getShownCount() == viewModel.getRowCount()
                                        ? Formats.count(viewModel.getRowCount(), "row")
                                        : Formats.count(viewModel.getShownCount()) + " of "
                                                + Formats.count(viewModel.getRowCount(), "row")),
                        viewModel.shownCountProperty(),
                        viewModel.rowCountProperty(),
                        viewModel.byHostProperty(),
                        hosts.getRows()));
        busyBox.visibleProperty()
                .bind(viewModel.busyProperty().and(viewModel.byHostProperty().not()));
        busyProgress.progressProperty().bind(viewModel.progressProperty());
        busyText.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> (viewModel.getComparator() != null ? "sorting… " : "filtering… ")
                                + Math.round(100 * viewModel.progressProperty().get()) + "%",
                        viewModel.progressProperty(),
                        viewModel.comparatorProperty()));
        ResultsTable.Built built = ResultsTable.withMenu(viewModel);
        table = built.table();
        rowMenu = built.menu();
        hostsTable = HostsTable.create(hosts, viewModel);
        tableHolder.getChildren().addAll(table, hostsTable);
        table.visibleProperty().bind(viewModel.byHostProperty().not());
        hostsTable.visibleProperty().bind(viewModel.byHostProperty());
        ToggleGroup group = new ToggleGroup();
        byPortButton.setToggleGroup(group);
        byHostButton.setToggleGroup(group);
        Runnable show = () -> (viewModel.isByHost() ? byHostButton : byPortButton).setSelected(true);
        viewModel.byHostProperty().addListener(o -> show.run());
        show.run();
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) was.setSelected(true); // one view is always chosen
            else viewModel.setByHost(now == byHostButton);
        });
    }

    /** The host view's table. */
    public TableView<HostRow> hostsTable() {
        return hostsTable;
    }

    /** Puts the cursor in the filter, its text selected (Ctrl+F). */
    public void focusFilter() {
        filterText.requestFocus();
        filterText.selectAll();
    }

    public boolean isFilterFocused() {
        return filterText.isFocused();
    }

    /** The right-click menu of the rows. */
    public RowMenu rowMenu() {
        return rowMenu;
    }

    /** The table, for tests. */
    public TableView<ProbeResult> table() {
        return table;
    }
}
