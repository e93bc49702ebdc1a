package org.fanout.ui;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import org.fanout.engine.probe.ProbeResult;

/** The results view: filter bar and the table from {@link ResultsTable#create}. */
public final class ResultsView {
    private final ResultsViewModel viewModel;
    private TableView<ProbeResult> table;
    private RowMenu rowMenu;

    @FXML private TextField filterText;
    @FXML private ChoiceBox<String> stateFilter;
    @FXML private Label shownText;
    @FXML private StackPane tableHolder;

    ResultsView(ResultsViewModel viewModel) {
        this.viewModel = viewModel;
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
        shownText.textProperty().bind(Bindings.createStringBinding(() -> (viewModel.busyProperty().get() ? "sorting / filtering…  " : "")
                        + (viewModel.getShownCount() == viewModel.getRowCount()
                        ? Formats.count(viewModel.getRowCount()) + " rows"
                        : Formats.count(viewModel.getShownCount()) + " of " + Formats.count(viewModel.getRowCount()) + " rows"),
                viewModel.shownCountProperty(), viewModel.rowCountProperty(), viewModel.busyProperty()));
        ResultsTable.Built built = ResultsTable.withMenu(viewModel);
        table = built.table();
        rowMenu = built.menu();
        tableHolder.getChildren().add(table);
    }

    /** Puts the cursor in the filter, its text selected (Ctrl+F). */
    void focusFilter() {
        filterText.requestFocus();
        filterText.selectAll();
    }

    boolean isFilterFocused() {
        return filterText.isFocused();
    }

    /** The right-click menu of the rows. */
    RowMenu rowMenu() {
        return rowMenu;
    }

    /** The table, for tests. */
    public TableView<ProbeResult> table() {
        return table;
    }
}
