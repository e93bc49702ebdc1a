package org.fanout.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.fanout.ui.history.HistoryWindow;

/** The window frame: toolbar (Start, Stop, Export) around the four feature views. */
public final class MainView {
    private final MainViewModel viewModel;
    private final FileDialogs dialogs;
    private final ResultsView resultsView;
    private final ChartsView chartsView;

    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private MenuButton exportButton;
    @FXML private MenuItem exportAllItem;
    @FXML private MenuItem exportFilteredItem;
    @FXML private MenuItem exportChartsItem;
    @FXML private Label messageLabel;
    @FXML private ToggleButton labToggle;
    @FXML private Label labLabel;
    @FXML private MenuButton labUseButton;
    @FXML private MenuItem labFillTcpItem;
    @FXML private MenuItem labFillHttpItem;
    @FXML private Button compareButton;
    @FXML private Button historyButton;
    private CompareWindow compareWindow;
    private final HistoryWindow historyWindow;

    MainView(MainViewModel viewModel, FileDialogs dialogs, ResultsView resultsView, ChartsView chartsView) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.resultsView = resultsView;
        this.chartsView = chartsView;
        this.historyWindow = HistoryWindow.create(viewModel, dialogs);
    }

    @FXML
    private void initialize() {
        startButton.disableProperty().bind(viewModel.canStartBinding().not());
        stopButton.disableProperty().bind(viewModel.runningProperty().or(viewModel.repeatingProperty()).not());
        startButton.setOnAction(e -> viewModel.start());
        stopButton.setOnAction(e -> viewModel.stop());
        exportAllItem.setOnAction(e -> exportCsv(false));
        exportFilteredItem.setOnAction(e -> exportCsv(true));
        exportChartsItem.setOnAction(e -> exportCharts());
        compareButton.setOnAction(e -> openCompare());
        historyButton.setOnAction(e -> openHistory());
        historyWindow.showNoticesIn(messageLabel);
        exportAllItem.disableProperty().bind(viewModel.getResults().rowCountProperty().isEqualTo(0));
        exportFilteredItem.disableProperty().bind(viewModel.getResults().shownCountProperty().isEqualTo(0));
        initLab();
    }

    /** The Lab toggle: starts/stops the in-app lab, shows what runs, offers to fill the form with it. */
    private void initLab() {
        LabViewModel lab = viewModel.getLab();
        labToggle.setSelected(lab.isRunning());
        labToggle.setOnAction(e -> {
            lab.setOn(labToggle.isSelected());
            if (!lab.getProblem().isEmpty()) showProblem(lab.getProblem());
            labToggle.setSelected(lab.isRunning());
        });
        lab.runningProperty().addListener((o, was, now) -> labToggle.setSelected(now));
        labLabel.textProperty().bind(lab.summaryProperty());
        Tooltip details = new Tooltip();
        details.textProperty().bind(lab.detailsProperty());
        details.getStyleClass().add("lab-details");
        labLabel.setTooltip(details);
        labLabel.visibleProperty().bind(lab.runningProperty());
        labLabel.managedProperty().bind(lab.runningProperty());
        labUseButton.visibleProperty().bind(lab.runningProperty());
        labUseButton.managedProperty().bind(lab.runningProperty());
        labUseButton.disableProperty().bind(viewModel.runningProperty());
        labFillTcpItem.setOnAction(e -> lab.fillTcp(viewModel.getForm()));
        labFillHttpItem.setOnAction(e -> lab.fillHttp(viewModel.getForm()));
    }

    /** Shows a one-line message in the toolbar (export done, a problem...). */
    public void showProblem(String text) {
        messageLabel.getStyleClass().setAll("message", "message-error");
        messageLabel.setText(text);
    }

    private void showInfo(String text) {
        messageLabel.getStyleClass().setAll("message");
        messageLabel.setText(text);
    }

    private void exportCsv(boolean filtered) {
        String name = "fanout-" + viewModel.getResults().getMode().label() + (filtered ? "-filtered" : "") + ".csv";
        Optional<Path> file = dialogs.save(filtered ? "Export filtered rows as CSV" : "Export all rows as CSV", name);
        if (file.isEmpty()) return;
        try {
            int n = viewModel.getResults().exportCsv(file.get(), filtered);
            showInfo("Exported " + Formats.count(n) + " rows to " + file.get().getFileName());
        } catch (IOException e) {
            showProblem("Export failed: " + e.getMessage());
        }
    }

    private void exportCharts() {
        Optional<Path> file = dialogs.save("Save charts as PNG", "fanout-charts.png");
        if (file.isEmpty()) return;
        try {
            chartsView.savePng(file.get());
            showInfo("Saved charts to " + file.get().getFileName());
        } catch (IOException e) {
            showProblem("Saving charts failed: " + e.getMessage());
        }
    }

    /** Opens (or brings forward) the Compare window for the form's job. */
    CompareWindow openCompare() {
        if (compareWindow == null) compareWindow = CompareWindow.create(viewModel.getForm(), dialogs);
        compareWindow.show(compareButton.getScene().getWindow());
        return compareWindow;
    }

    /** Opens (or brings forward) the History window. */
    public HistoryWindow openHistory() {
        historyWindow.show(historyButton.getScene().getWindow());
        return historyWindow;
    }

    /** The History window (recording this window's scans), shown or not. */
    public HistoryWindow historyWindow() {
        return historyWindow;
    }

    ResultsView resultsView() {
        return resultsView;
    }
}
