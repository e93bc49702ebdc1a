package org.fanout.ui.lab;

import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.fanout.ui.form.ScanFormViewModel;

/**
 * The Lab's part of the toolbar: the toggle that starts practice targets on loopback, its
 * settings menu (address, first port), what runs (with the full list in a tooltip), and "Use
 * lab", which fills the scan form with the lab's ports or URL pattern. Problems (a port in use)
 * go to the window's message line through {@link #setOnProblem}.
 */
public final class LabView {
    @FXML
    private ToggleButton labToggle;

    @FXML
    private MenuButton labSettingsButton;

    @FXML
    private Label labLabel;

    @FXML
    private MenuButton labUseButton;

    @FXML
    private MenuItem labFillTcpItem;

    @FXML
    private MenuItem labFillHttpItem;

    private final LabViewModel lab;
    private final ScanFormViewModel form;
    private final ObservableBooleanValue scanRunning;
    private Consumer<String> onProblem = text -> {};

    /** @param scanRunning while true, "Use lab" is disabled (the form is locked during a scan) */
    public LabView(LabViewModel lab, ScanFormViewModel form, ObservableBooleanValue scanRunning) {
        this.lab = Objects.requireNonNull(lab, "lab");
        this.form = Objects.requireNonNull(form, "form");
        this.scanRunning = Objects.requireNonNull(scanRunning, "scanRunning");
    }

    /** Where a problem starting the lab is shown. */
    public void setOnProblem(Consumer<String> onProblem) {
        this.onProblem = Objects.requireNonNull(onProblem, "onProblem");
    }

    @FXML
    private void initialize() {
        labToggle.setSelected(lab.isRunning());
        labToggle.setOnAction(e -> {
            lab.setOn(labToggle.isSelected());
            if (!lab.getProblem().isEmpty()) onProblem.accept(lab.getProblem());
            labToggle.setSelected(lab.isRunning());
        });
        lab.runningProperty().addListener((o, was, now) -> labToggle.setSelected(now));
        labLabel.textProperty().bind(lab.summaryProperty());
        Tooltip details = new Tooltip();
        details.textProperty().bind(lab.detailsProperty());
        details.getStyleClass().add("lab-details");
        details.setWrapText(true);
        details.setMaxWidth(420);
        labLabel.setTooltip(details);
        labLabel.visibleProperty().bind(lab.runningProperty());
        labLabel.managedProperty().bind(lab.runningProperty());
        labUseButton.visibleProperty().bind(lab.runningProperty());
        labUseButton.managedProperty().bind(lab.runningProperty());
        labUseButton.disableProperty().bind(scanRunning);
        labFillTcpItem.setOnAction(e -> lab.fillTcp(form));
        labFillHttpItem.setOnAction(e -> lab.fillHttp(form));
        LabSettingsMenu.install(labSettingsButton, lab, text -> onProblem.accept(text));
    }
}
