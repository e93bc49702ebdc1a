package org.fanout.ui.compare;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;
import org.fanout.ui.common.FileDialogs;

/**
 * The Compare window's view: thread counts and strategies, Run / Stop / Export and the run in
 * progress; the charts are drawn by {@link CompareCharts} and the table of runs by
 * {@link RunsTable}.
 */
public final class CompareView {
    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private final CompareViewModel viewModel;
    private final FileDialogs dialogs;

    @FXML
    private Label jobText;

    @FXML
    private Label messageLabel;

    @FXML
    private Button runButton;

    @FXML
    private Button stopButton;

    @FXML
    private MenuButton exportButton;

    @FXML
    private MenuItem exportCsvItem;

    @FXML
    private MenuItem exportPngItem;

    @FXML
    private TextField threadCounts;

    @FXML
    private HBox strategyBoxes;

    @FXML
    private Spinner<Integer> workers;

    @FXML
    private CheckBox warmUp;

    @FXML
    private Label plan;

    @FXML
    private Label estimate;

    @FXML
    private Label problem;

    @FXML
    private Label stateText;

    @FXML
    private ProgressBar runProgress;

    @FXML
    private Label phaseText;

    @FXML
    private LineChart<Number, Number> wallChart;

    @FXML
    private LineChart<Number, Number> throughputChart;

    @FXML
    private FlowPane legend;

    @FXML
    private TableView<CompareRun> runsTable;

    CompareView(CompareViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        jobText.textProperty().bind(viewModel.jobTextProperty());
        plan.textProperty().bind(viewModel.planProperty());
        estimate.textProperty().bind(viewModel.estimateProperty());
        estimate.setTooltip(new Tooltip());
        estimate.getTooltip().textProperty().bind(viewModel.estimateProperty());
        stateText.textProperty().bind(viewModel.stateTextProperty());
        phaseText.textProperty().bind(viewModel.phaseTextProperty());
        runProgress.progressProperty().bind(viewModel.progressProperty());

        threadCounts.textProperty().bindBidirectional(viewModel.threadsTextProperty());
        viewModel
                .threadsErrorProperty()
                .addListener((o, was, now) -> threadCounts.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        threadCounts.pseudoClassStateChanged(
                INVALID, !viewModel.getThreadsError().isEmpty());
        problem.textProperty().bind(viewModel.problemProperty());
        problem.visibleProperty().bind(viewModel.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        for (Strategy s : Strategy.values()) {
            CheckBox box = new CheckBox(s.label());
            box.setId("strategy-" + s.label());
            box.setMinWidth(Region.USE_PREF_SIZE);
            box.selectedProperty().bindBidirectional(viewModel.strategyProperty(s));
            box.disableProperty().bind(viewModel.runningProperty());
            strategyBoxes.getChildren().add(box);
        }
        SpinnerValueFactory.IntegerSpinnerValueFactory workerValues =
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, ScanSettings.MAX_WORKERS, viewModel.getWorkers());
        workerValues.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null || n == 0 ? "auto" : n.toString();
            }

            @Override
            public Integer fromString(String s) {
                String t = s == null ? "" : s.strip();
                if (t.isEmpty() || t.equalsIgnoreCase("auto")) return 0;
                try {
                    return Math.clamp(Integer.parseInt(t), 0, ScanSettings.MAX_WORKERS);
                } catch (NumberFormatException e) {
                    return workerValues.getValue();
                }
            }
        });
        workers.setValueFactory(workerValues);
        workerValues.valueProperty().addListener((o, was, now) -> viewModel.setWorkers(now == null ? 0 : now));
        viewModel.workersProperty().addListener((o, was, now) -> workerValues.setValue(now.intValue()));
        workers.disableProperty()
                .bind(viewModel.strategyProperty(Strategy.PROCESS).not().or(viewModel.runningProperty()));
        workers.setTooltip(
                new Tooltip("Worker processes of the process strategy (auto: one per core, at most the thread count)"));
        warmUp.selectedProperty().bindBidirectional(viewModel.warmUpProperty());
        warmUp.disableProperty().bind(viewModel.runningProperty());
        warmUp.setTooltip(
                new Tooltip("Before measuring, one discarded pass per strategy (loads and compiles its code paths)"));
        threadCounts.disableProperty().bind(viewModel.runningProperty());

        runButton.disableProperty().bind(viewModel.canRunProperty().not());
        stopButton.disableProperty().bind(viewModel.runningProperty().not());
        Tooltip runTip = new Tooltip();
        runTip.textProperty()
                .bind(Bindings.when(viewModel.problemProperty().isEmpty())
                        .then("Run every combination, one after another (Ctrl+Enter)")
                        .otherwise(viewModel.problemProperty()));
        runButton.setTooltip(runTip);
        runButton.setOnAction(e -> run());
        stopButton.setOnAction(e -> viewModel.stop());
        exportCsvItem.setOnAction(e -> export("Export runs as CSV", "fanout-compare.csv", viewModel::exportCsv));
        exportPngItem.setOnAction(e -> export("Save the chart as PNG", "fanout-compare.png", viewModel::exportPng));
        exportCsvItem.disableProperty().bind(Bindings.isEmpty(viewModel.getRuns()));
        exportPngItem.disableProperty().bind(Bindings.isEmpty(viewModel.getRuns()));

        CompareCharts charts = new CompareCharts(viewModel, wallChart, throughputChart, legend);
        charts.install();
        RunsTable.build(runsTable, viewModel);
        viewModel.getPlannedThreads().addListener((ListChangeListener<Integer>) c -> charts.updateAxes());
        viewModel.getRuns().addListener((ListChangeListener<CompareRun>) c -> {
            charts.updateAxes();
            charts.decorate();
            runsTable.refresh();
        });
        viewModel.getVerdicts().addListener((MapChangeListener<Strategy, String>) c -> charts.buildLegend());
    }

    private void run() {
        messageLabel.setText("");
        viewModel.run();
    }

    /** The toolbar's message (tests). */
    String message() {
        return messageLabel.getText();
    }

    /** Shows a one-line message in the toolbar (export done, a problem...). */
    void showMessage(String text, boolean problem) {
        messageLabel
                .getStyleClass()
                .setAll(problem ? new String[] {"message", "message-error"} : new String[] {"message"});
        messageLabel.setText(text);
    }

    private void export(String title, String name, BiConsumer<Path, Consumer<Throwable>> export) {
        Optional<Path> file = dialogs.save(title, name);
        if (file.isEmpty()) return;
        showMessage("Saving " + file.get().getFileName() + "…", false);
        export.accept(file.get(), failure -> {
            if (failure == null) showMessage("Saved " + file.get().getFileName(), false);
            else showMessage("Export failed: " + failure.getMessage(), true);
        });
    }

    // for tests
    LineChart<Number, Number> wallChart() {
        return wallChart;
    }

    LineChart<Number, Number> throughputChart() {
        return throughputChart;
    }

    TableView<CompareRun> runsTable() {
        return runsTable;
    }
}
