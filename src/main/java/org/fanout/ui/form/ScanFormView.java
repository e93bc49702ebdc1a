package org.fanout.ui.form;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.SegmentedButton;
import org.fanout.engine.strategy.Strategy;
import org.fanout.ui.common.FileDialogs;
import org.fanout.ui.common.ScanMode;

/** The scan form's view: binds each control to {@link ScanFormViewModel} and marks invalid fields. */
public final class ScanFormView {
    private static final Map<Strategy, String> STRATEGY_HINTS = Map.of(
            Strategy.SERIAL, "One check after another on one thread.",
            Strategy.POOL, "A fixed pool of platform threads (ExecutorCompletionService).",
            Strategy.VIRTUAL, "One virtual thread per check, bounded by a semaphore.",
            Strategy.NIO, "Non-blocking sockets on one selector: an event loop.",
            Strategy.PROCESS, "Worker JVMs, each with its own thread pool.");

    private final ScanFormViewModel viewModel;
    private final FileDialogs dialogs;

    /** Held: a bidirectional binding keeps only weak references. */
    private final List<ObjectProperty<Integer>> spinnerValues = new ArrayList<>();

    @SuppressWarnings("unused")
    private ObjectProperty<Integer> retriesObject;

    @FXML
    private SegmentedButton modeButtons;

    @FXML
    private ToggleButton tcpMode;

    @FXML
    private ToggleButton httpMode;

    @FXML
    private VBox tcpSection;

    @FXML
    private VBox httpSection;

    @FXML
    private TextArea hosts;

    @FXML
    private Hyperlink loadHosts;

    @FXML
    private Label hostsError;

    @FXML
    private TextField ports;

    @FXML
    private FlowPane portPresets;

    @FXML
    private Label portsError;

    @FXML
    private TextArea urls;

    @FXML
    private Hyperlink loadUrls;

    @FXML
    private Label urlsError;

    @FXML
    private TextField pattern;

    @FXML
    private Label patternError;

    @FXML
    private Label patternNotice;

    @FXML
    private VBox formBox;

    @FXML
    private Label lockNotice;

    @FXML
    private ChoiceBox<String> method;

    @FXML
    private Spinner<Integer> threads;

    @FXML
    private Label threadsHint;

    @FXML
    private Label threadsError;

    @FXML
    private Slider threadsSlider;

    @FXML
    private ChoiceBox<String> strategy;

    @FXML
    private Label strategyHint;

    @FXML
    private TextField timeout;

    @FXML
    private Spinner<Integer> retries;

    @FXML
    private Label timeoutError;

    @FXML
    private CheckBox banner;

    @FXML
    private CheckBox repeat;

    @FXML
    private Spinner<Integer> repeatEvery;

    @FXML
    private Label repeatEveryError;

    @FXML
    private CheckBox tls;

    @FXML
    private CheckBox resolveNames;

    @FXML
    private CheckBox insecure;

    @FXML
    private CheckBox title;

    @FXML
    private Label summary;

    @FXML
    private Label loadError;

    public ScanFormView(ScanFormViewModel viewModel, FileDialogs dialogs) {
        this.viewModel = viewModel;
        this.dialogs = dialogs;
    }

    @FXML
    private void initialize() {
        // mode
        modeButtons.getToggleGroup().selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) was.setSelected(true); // one mode is always chosen
            else viewModel.setMode(now == tcpMode ? ScanMode.TCP : ScanMode.HTTP);
        });
        viewModel.modeProperty().addListener((o, was, now) -> showMode(now));
        showMode(viewModel.getMode());

        // TCP fields
        hosts.textProperty().bindBidirectional(viewModel.hostsProperty());
        ports.textProperty().bindBidirectional(viewModel.portsProperty());
        for (String[] preset : ScanFormViewModel.PORT_PRESETS) {
            Button b = new Button(preset[0]);
            b.getStyleClass().add("preset");
            b.setId("preset-" + preset[1].replace(',', '-'));
            b.setFocusTraversable(false);
            b.setOnAction(e -> viewModel.applyPortPreset(preset[0]));
            portPresets.getChildren().add(b);
        }
        loadHosts.setOnAction(e -> loadInto("Load hosts", viewModel::loadHostsFile));
        mark(hosts, hostsError, viewModel.hostsErrorProperty());
        mark(ports, portsError, viewModel.portsErrorProperty());

        // HTTP fields
        urls.textProperty().bindBidirectional(viewModel.urlsProperty());
        pattern.textProperty().bindBidirectional(viewModel.patternProperty());
        loadUrls.setOnAction(e -> loadInto("Load URLs", viewModel::loadUrlsFile));
        method.getItems().setAll("HEAD", "GET");
        method.valueProperty().bindBidirectional(viewModel.methodProperty());
        mark(urls, urlsError, viewModel.urlsErrorProperty());
        mark(pattern, patternError, viewModel.patternErrorProperty());
        patternNotice.textProperty().bind(viewModel.patternNoticeProperty());
        patternNotice.visibleProperty().bind(viewModel.patternNoticeProperty().isNotEmpty());
        patternNotice.managedProperty().bind(patternNotice.visibleProperty());

        // concurrency
        bindCount(threads, viewModel.threadsField(), threadsError);
        threadsSlider.valueProperty().bindBidirectional(viewModel.threadsScaleProperty());
        threadsSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                int n = (int) Math.round(Math.pow(10, v));
                return n >= 1000 ? (n / 1000) + "k" : Integer.toString(n);
            }

            @Override
            public Double fromString(String s) {
                return 0.0;
            }
        });
        threadsHint.setText("max 100,000");
        strategy.getItems().setAll(ScanFormViewModel.strategyChoices());
        strategy.valueProperty().bindBidirectional(viewModel.strategyChoiceProperty());
        strategyHint
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> {
                            String hint = STRATEGY_HINTS.get(viewModel.getStrategy());
                            return ScanFormViewModel.AUTO.equals(viewModel.getStrategyChoice())
                                    ? "auto: " + viewModel.getStrategy().label() + " for "
                                            + (viewModel.getMode() == ScanMode.TCP ? "TCP" : "HTTP") + ". " + hint
                                    : hint;
                        },
                        viewModel.strategyProperty(),
                        viewModel.strategyChoiceProperty(),
                        viewModel.modeProperty()));

        // probe
        timeout.textProperty().bindBidirectional(viewModel.timeoutProperty());
        mark(timeout, timeoutError, viewModel.timeoutErrorProperty());
        retries.setValueFactory(new SpinnerValueFactory.IntegerSpinnerValueFactory(0, 10, viewModel.getRetries()));
        retriesObject = viewModel.retriesProperty().asObject();
        // not editable: its arrows step 0-10, so no text can be wrong
        retries.getValueFactory().valueProperty().bindBidirectional(retriesObject);
        banner.selectedProperty().bindBidirectional(viewModel.bannerProperty());
        repeat.selectedProperty().bindBidirectional(viewModel.repeatProperty());
        bindCount(repeatEvery, viewModel.repeatEveryField(), repeatEveryError);
        repeatEvery.disableProperty().bind(repeat.selectedProperty().not());
        tls.selectedProperty().bindBidirectional(viewModel.tlsProperty());
        resolveNames.selectedProperty().bindBidirectional(viewModel.resolveNamesProperty());
        insecure.selectedProperty().bindBidirectional(viewModel.insecureProperty());
        title.selectedProperty().bindBidirectional(viewModel.titleProperty());

        summary.textProperty().bind(viewModel.summaryProperty());
        loadError.textProperty().bind(viewModel.loadErrorProperty());
        loadError.visibleProperty().bind(viewModel.loadErrorProperty().isNotEmpty());
        loadError.managedProperty().bind(loadError.visibleProperty());
        viewModel.validProperty().addListener((o, was, now) -> summary.pseudoClassStateChanged(INVALID, !now));
        summary.pseudoClassStateChanged(INVALID, !viewModel.isValid());
    }

    /**
     * While {@code running}, every field is locked and a notice at the top names the running
     * job (the target count then still describes what is being scanned).
     */
    public void lockWhile(ObservableBooleanValue running, ObservableStringValue job) {
        for (Node n : formBox.getChildren()) {
            if (n != lockNotice) n.disableProperty().bind(running);
        }
        lockNotice
                .textProperty()
                .bind(Bindings.concat("Scanning ", job, ". The form unlocks when the scan ends (Esc stops it)."));
        lockNotice.visibleProperty().bind(running);
        lockNotice.managedProperty().bind(running);
    }

    private static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private void showMode(ScanMode mode) {
        boolean tcp = mode == ScanMode.TCP;
        (tcp ? tcpMode : httpMode).setSelected(true);
        tcpSection.setVisible(tcp);
        tcpSection.setManaged(tcp);
        httpSection.setVisible(!tcp);
        httpSection.setManaged(!tcp);
        for (CheckBox tcpOnly : new CheckBox[] {banner, tls, resolveNames}) {
            tcpOnly.setVisible(tcp);
            tcpOnly.setManaged(tcp);
        }
        for (CheckBox httpOnly : new CheckBox[] {insecure, title}) {
            httpOnly.setVisible(!tcp);
            httpOnly.setManaged(!tcp);
        }
    }

    /** Shows the field's error under it and marks the field while the error is not empty. */
    private static void mark(TextInputControl field, Label label, ReadOnlyStringProperty error) {
        label.textProperty().bind(error);
        label.visibleProperty().bind(error.isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        error.addListener((o, was, now) -> field.pseudoClassStateChanged(INVALID, !now.isEmpty()));
        field.pseudoClassStateChanged(INVALID, !error.get().isEmpty());
    }

    /**
     * An editable spinner of whole numbers shows {@code field}: its arrows step the count, its text
     * is the field's text (the view-model reads it as typed; its error shows under the spinner
     * and Start waits). The spinner's own commit (Enter, leaving the field) would clamp "0" to
     * the minimum or put the last count back over "abc" without a word, so it keeps the text.
     */
    private void bindCount(Spinner<Integer> spinner, CountField field, Label error) {
        SpinnerValueFactory.IntegerSpinnerValueFactory counts = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                field.min, field.max, field.value().get());
        spinner.setValueFactory(counts);
        ObjectProperty<Integer> value = field.value().asObject();
        spinnerValues.add(value);
        counts.valueProperty().bindBidirectional(value);
        counts.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer count) {
                return count == null ? "" : count.toString();
            }

            @Override
            public Integer fromString(String typed) {
                return spinner.getValue();
            }
        });
        spinner.getEditor().textProperty().bindBidirectional(field.text());
        mark(spinner.getEditor(), error, field.error());
    }

    private void loadInto(String title, Consumer<Path> loader) {
        dialogs.open(title).ifPresent(loader);
    }
}
