package org.fanout.ui.main;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.animation.PauseTransition;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.fanout.Version;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.ui.charts.ChartsView;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.common.Formats;
import org.fanout.ui.compare.CompareWindow;
import org.fanout.ui.history.HistoryWindow;
import org.fanout.ui.lab.LabView;
import org.fanout.ui.results.ExportFormat;
import org.fanout.ui.results.ResultsView;
import org.fanout.ui.results.ResultsViewModel;
import org.fanout.ui.results.RowMenu;
import org.fanout.ui.theme.Themes;

/**
 * The window frame: menu bar ({@link AppMenus}) and toolbar (Start, Stop, Export) around the
 * four feature views, and the window-wide actions the menus and shortcuts call.
 */
public final class MainView {
    private final MainViewModel viewModel;
    private final FileDialogs dialogs;
    private final ResultsView resultsView;
    private final LabView labView;
    private final ChartsView chartsView;

    @FXML
    private Button startButton;

    @FXML
    private Button stopButton;

    @FXML
    private MenuButton exportButton;

    @FXML
    private MenuItem exportAllItem;

    @FXML
    private MenuItem exportFilteredItem;

    @FXML
    private MenuItem exportChartsItem;

    @FXML
    private Label messageLabel;

    @FXML
    private Button compareButton;

    @FXML
    private VBox topBox;

    @FXML
    private BorderPane root;

    @FXML
    private Button historyButton;

    private CompareWindow compareWindow;
    private final HistoryWindow historyWindow;
    /** Opens a URL in the user's browser (HostServices in the app; tests record instead). */
    private Consumer<String> browser = url -> {};
    /** Closes the window (tests replace it: closing the test stage would end the FX platform). */
    private Runnable quitAction = this::closeWindow;

    private Predicate<String> confirm = this::askYesNo;
    private final PauseTransition messageFade = new PauseTransition(Duration.seconds(MESSAGE_SECONDS));
    /** An info notice ("Exported …") clears after this many seconds; problems stay. */
    static final double MESSAGE_SECONDS = 6;

    MainView(
            MainViewModel viewModel,
            FileDialogs dialogs,
            ResultsView resultsView,
            ChartsView chartsView,
            LabView labView) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
        this.resultsView = resultsView;
        this.labView = labView;
        this.chartsView = chartsView;
        this.historyWindow = HistoryWindow.create(viewModel, dialogs);
    }

    @FXML
    private void initialize() {
        startButton.disableProperty().bind(viewModel.canStartBinding().not());
        stopButton
                .disableProperty()
                .bind(viewModel
                        .runningProperty()
                        .or(viewModel.repeatingProperty())
                        .not());
        startButton.setOnAction(e -> startScan());
        stopButton.setOnAction(e -> viewModel.stop());
        exportAllItem.setOnAction(e -> export(false));
        exportFilteredItem.setOnAction(e -> export(true));
        exportChartsItem.setOnAction(e -> exportCharts());
        compareButton.setOnAction(e -> openCompare());
        historyButton.setOnAction(e -> openHistory());
        historyWindow.showNoticesIn(messageLabel);
        exportAllItem
                .disableProperty()
                .bind(viewModel.getResults().rowCountProperty().isEqualTo(0));
        exportFilteredItem
                .disableProperty()
                .bind(viewModel.getResults().shownCountProperty().isEqualTo(0));
        labView.setOnProblem(this::showProblem);
        topBox.getChildren().addFirst(AppMenus.create(this, viewModel));
        ResultsDrop.install(root, this::openResults);
        resultsView.rowMenu().setActions(new RowMenu.Actions() {
            @Override
            public void openInBrowser(String url) {
                browser.accept(url);
            }

            @Override
            public void rescan(List<ProbeResult> rows) {
                if (!viewModel.rescan(rows) && viewModel.isRunning()) showProblem("Stop the scan to rescan rows");
            }
        });
        messageFade.setOnFinished(e -> {
            if (!messageLabel.getStyleClass().contains("message-error")) messageLabel.setText("");
        });
    }

    public void setBrowser(Consumer<String> browser) {
        this.browser = Objects.requireNonNull(browser, "browser");
    }

    Consumer<String> browser() {
        return browser;
    }

    /** How a big scan is confirmed: gets the question, answers yes or no (tests answer themselves). */
    void setConfirmation(Predicate<String> confirm) {
        this.confirm = Objects.requireNonNull(confirm, "confirm");
    }

    /** Start (button, Ctrl+Enter, F5): a scan of more than a million targets asks first, with an estimate. */
    void startScan() {
        if (!viewModel.canStart()) return;
        String question = viewModel.startQuestion();
        if (question != null && !confirm.test(question)) return;
        viewModel.start();
    }

    private boolean askYesNo(String question) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(topBox.getScene().getWindow());
        a.setTitle("Start a large scan?");
        a.setHeaderText("A scan of more than " + Formats.count(MainViewModel.CONFIRM_ABOVE) + " targets");
        a.getDialogPane().getStylesheets().setAll(topBox.getScene().getStylesheets());
        return a.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    void setQuitAction(Runnable quitAction) {
        this.quitAction = Objects.requireNonNull(quitAction, "quitAction");
    }

    /** Shows a one-line message in the toolbar (a problem: stays until the next message). */
    public void showProblem(String text) {
        messageFade.stop();
        messageLabel.getStyleClass().setAll("message", "message-error");
        messageLabel.setText(text);
    }

    /** Shows a notice that clears after {@value #MESSAGE_SECONDS} seconds. */
    void showInfo(String text) {
        messageLabel.getStyleClass().setAll("message");
        messageLabel.setText(text);
        messageFade.playFromStart();
    }

    public String message() {
        return messageLabel.getText();
    }

    /** File → Open results…: a Fanout CSV or JSON-lines file into the table. */
    void openResults() {
        dialogs.open("Open results (Fanout CSV or JSON lines)").ifPresent(this::openResults);
    }

    /** Opens {@code file} into the table (File → Open, or a file dropped on the window). */
    void openResults(Path file) {
        showInfo("Opening " + file.getFileName() + "…");
        viewModel.openResults(file, problem -> {
            if (problem == null)
                showInfo("Opened " + Formats.count(viewModel.getResults().getRowCount(), "row") + " from "
                        + file.getFileName());
            else showProblem("Cannot open " + file.getFileName() + ": " + problem);
        });
    }

    /** File → Export… (Ctrl+S): the shown rows; the format follows the chosen file's extension. */
    void exportShown() {
        export(true);
    }

    private void export(boolean filtered) {
        ResultsViewModel results = viewModel.getResults();
        if ((filtered ? results.getShownCount() : results.getRowCount()) == 0) return;
        String name = "fanout-" + results.getMode().label()
                + (filtered && results.getShownCount() < results.getRowCount() ? "-filtered" : "");
        List<String> extensions = List.of(
                ExportFormat.CSV.extension(), ExportFormat.JSON_LINES.extension(), ExportFormat.LIST.extension());
        Optional<Path> file = dialogs.save(
                filtered
                        ? "Export the shown rows (.csv, .jsonl, or .txt for an ip:port / URL list)"
                        : "Export all rows (.csv, .jsonl, or .txt for an ip:port / URL list)",
                name + ".csv",
                extensions);
        if (file.isEmpty()) return;
        ExportFormat format = ExportFormat.of(file.get());
        showInfo("Exporting to " + file.get().getFileName() + "…");
        results.exportInBackground(
                file.get(),
                filtered,
                format,
                n -> showInfo("Exported " + Formats.count(n, format == ExportFormat.LIST ? "line" : "row") + " to "
                        + file.get().getFileName()),
                e -> showProblem("Export failed: " + e.getMessage()));
    }

    void exportCharts() {
        Optional<Path> file = dialogs.save("Save charts as PNG", "fanout-charts.png");
        if (file.isEmpty()) return;
        showInfo("Saving charts to " + file.get().getFileName() + "…");
        chartsView.savePng(
                file.get(),
                viewModel.chartTitle(),
                viewModel.getUi(),
                () -> showInfo("Saved charts to " + file.get().getFileName()),
                e -> showProblem("Saving charts failed: " + e.getMessage()));
    }

    /** File → Quit (Ctrl+Q). */
    void quit() {
        quitAction.run();
    }

    /** Closes as the window's close button does, so the inputs and window are remembered. */
    private void closeWindow() {
        Window w = topBox.getScene().getWindow();
        WindowEvent request = new WindowEvent(w, WindowEvent.WINDOW_CLOSE_REQUEST);
        w.fireEvent(request);
        if (!request.isConsumed()) w.hide();
    }

    /** Edit → Copy: the selected text of a focused field, else the selected rows. */
    void copy() {
        Node focused = focusOwner();
        if (focused instanceof TextInputControl t) {
            t.copy();
            return;
        }
        var table = resultsView.table();
        List<ProbeResult> selected = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (selected.isEmpty()) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(viewModel.getResults().copyText(selected));
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Edit → Find (Ctrl+F): to the filter, its text selected. */
    void find() {
        resultsView.focusFilter();
    }

    /** Esc: clears a focused, non-empty filter; otherwise stops the scan. */
    void escape() {
        if (resultsView.isFilterFocused()
                && !viewModel.getResults().getFilterText().isEmpty()) {
            viewModel.getResults().setFilterText("");
        } else {
            viewModel.stop();
        }
    }

    private Node focusOwner() {
        Scene scene = topBox.getScene();
        return scene == null ? null : scene.getFocusOwner();
    }

    /** Help → Keyboard shortcuts. */
    Alert showShortcuts() {
        StringBuilder text = new StringBuilder();
        for (String[] s : AppMenus.SHORTCUTS) text.append(String.format("%-12s %s%n", s[0], s[1]));
        text.append(String.format("%-12s %s%n", "Right-click", "Copy, open in browser, rescan or filter by a row"));
        return dialog("Keyboard shortcuts", "Keyboard shortcuts", text.toString(), true);
    }

    /** Help → About: version and licences. */
    Alert showAbout() {
        String text = "Fanout " + Version.get() + " — concurrent TCP and HTTP checks.\n"
                + "Java " + Runtime.version() + ", JavaFX " + System.getProperty("javafx.runtime.version", "?") + "\n\n"
                + "Fanout's own licence: none declared in this build.\n"
                + "Libraries it ships with:\n"
                + "  OpenJFX — GPL v2 with the Classpath Exception\n"
                + "  ControlsFX — BSD 3-Clause\n"
                + "  picocli, Jackson, Apache Commons CSV — Apache License 2.0\n"
                + "  progressbar (me.tongfei) — MIT";
        return dialog("About Fanout", "Fanout " + Version.get(), text, false);
    }

    /** A non-modal information dialog over the main window. */
    private Alert dialog(String title, String header, String text, boolean monospace) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.CLOSE);
        a.initOwner(topBox.getScene().getWindow());
        a.initModality(Modality.NONE);
        a.setTitle(title);
        a.setHeaderText(header);
        // The text's lines as written, the dialog as large as they are: an Alert's own label wraps
        // them at ~360 px and cuts what does not fit ("Quit..." and the last line were lost).
        Label content = new Label(text);
        content.getStyleClass().add("dialog-text");
        content.setPadding(new Insets(8, 12, 8, 12));
        if (monospace) content.setStyle("-fx-font-family: monospace;");
        DialogPane pane = a.getDialogPane();
        pane.setContent(content);
        pane.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        pane.getStylesheets().setAll(topBox.getScene().getStylesheets());
        pane.getStyleClass().add("root");
        a.show();
        return a;
    }

    /** Opens (or brings forward) the Compare window for the form's job. */
    public CompareWindow openCompare() {
        if (compareWindow == null) {
            compareWindow = CompareWindow.create(viewModel.getForm(), dialogs);
            compareWindow.viewModel().setLastRate(viewModel::measuredRate);
            viewModel.getThemes().follow(compareWindow.scene());
        }
        compareWindow.show(compareButton.getScene().getWindow());
        return compareWindow;
    }

    Themes themes() {
        return viewModel.getThemes();
    }

    ResultsViewModel results() {
        return viewModel.getResults();
    }

    /** Opens (or brings forward) the History window. */
    public HistoryWindow openHistory() {
        // its scene is built at first use, not before the first frame; then it follows the theme
        viewModel.getThemes().follow(historyWindow.scene());
        historyWindow.show(historyButton.getScene().getWindow());
        return historyWindow;
    }

    /** The History window (recording this window's scans), shown or not. */
    public HistoryWindow historyWindow() {
        return historyWindow;
    }

    public ResultsView resultsView() {
        return resultsView;
    }
}
