package org.fanout.ui.status;

import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;

/** The status area's view: progress bar, done / total, a tile per count, rate, elapsed and ETA. */
public final class StatusView {
    private final StatusViewModel viewModel;

    @FXML
    private Label stateText;

    @FXML
    private Label doneText;

    @FXML
    private ProgressBar progress;

    @FXML
    private HBox countTiles;

    @FXML
    private Label rateText;

    @FXML
    private Label elapsedText;

    @FXML
    private Label etaText;

    public StatusView(StatusViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        stateText.textProperty().bind(viewModel.stateTextProperty());
        doneText.textProperty().bind(viewModel.doneTextProperty());
        progress.progressProperty().bind(viewModel.progressProperty());
        rateText.textProperty().bind(viewModel.rateTextProperty());
        elapsedText.textProperty().bind(viewModel.elapsedTextProperty());
        etaText.textProperty().bind(viewModel.etaTextProperty());
        viewModel.modeProperty().addListener((o, was, now) -> buildTiles(now));
        buildTiles(viewModel.getMode());
    }

    private void buildTiles(ScanMode mode) {
        countTiles.getChildren().clear();
        for (String key : mode == ScanMode.TCP ? StatusViewModel.TCP_KEYS : StatusViewModel.HTTP_KEYS) {
            Label value = new Label();
            value.setId("count-" + key);
            value.setMinWidth(Region.USE_PREF_SIZE); // a count is never cut to "1,2…"
            value.getStyleClass().add("tile-value");
            value.textProperty()
                    .bind(Bindings.createStringBinding(
                            () -> Formats.count(viewModel.count(key)), viewModel.getCounts()));
            Label name = new Label(key);
            name.getStyleClass().add("tile-name");
            VBox tile = new VBox(value, name);
            tile.getStyleClass().addAll("tile", "tile-" + key);
            tile.setAlignment(Pos.CENTER);
            countTiles.getChildren().add(tile);
        }
    }
}
