package org.fanout.ui.charts;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ChoiceBox;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.paint.Color;
import javafx.util.StringConverter;
import javax.imageio.ImageIO;
import org.fanout.engine.probe.HttpResult;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.UiExecutor;
import org.fanout.ui.theme.Themes;

/** The live charts: counts by state or status code, errors by kind, latency histogram, throughput. */
public final class ChartsView {
    static final String ERRORS = "Errors by kind";
    static final String CERTIFICATES = "Cert days left";

    private final ChartsViewModel viewModel;

    @FXML
    private GridPane chartsPane;

    @FXML
    private BarChart<String, Number> outcomesChart;

    @FXML
    private BarChart<String, Number> errorsChart;

    @FXML
    private BarChart<String, Number> certificatesChart;

    @FXML
    private ChoiceBox<String> secondChartChooser;

    @FXML
    private BarChart<String, Number> latencyChart;

    @FXML
    private LineChart<Number, Number> throughputChart;

    public ChartsView(ChartsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        outcomesChart.getData().add(viewModel.getOutcomes());
        errorsChart.getData().add(viewModel.getErrors());
        latencyChart.getData().add(viewModel.getLatency());
        certificatesChart.getData().add(viewModel.getCertificates());
        BarCounts.label(certificatesChart, viewModel.getCertificates());
        secondChartChooser.getItems().setAll(ERRORS, CERTIFICATES);
        secondChartChooser.setValue(ERRORS);
        secondChartChooser.valueProperty().addListener(o -> showSecondChart());
        throughputChart.getData().add(viewModel.getThroughput());
        colourBars(viewModel.getOutcomes());
        BarCounts.label(outcomesChart, viewModel.getOutcomes());
        BarCounts.label(errorsChart, viewModel.getErrors());
        freshAxesForANewRun();
        for (XYChart<?, Number> chart : List.<XYChart<?, Number>>of(
                outcomesChart, errorsChart, certificatesChart, latencyChart, throughputChart)) {
            wholeNumbers((NumberAxis) chart.getYAxis());
        }
        viewModel.getOutcomes().getData().addListener((ListChangeListener<XYChart.Data<String, Number>>)
                c -> updateTitle());
        updateTitle();
        viewModel.getErrors().getData().addListener((ListChangeListener<XYChart.Data<String, Number>>)
                c -> updateErrorsTitle());
        updateErrorsTitle();
    }

    /**
     * A new run's throughput starts from one point at the origin: until a second point comes, both
     * axes show a small fixed range instead of keeping the last run's.
     */
    private void freshAxesForANewRun() {
        NumberAxis x = (NumberAxis) throughputChart.getXAxis();
        NumberAxis y = (NumberAxis) throughputChart.getYAxis();
        Runnable fit = () -> {
            boolean fresh = viewModel.getThroughput().getData().size() <= 1;
            for (NumberAxis a : List.of(x, y)) {
                a.setAutoRanging(!fresh);
                if (fresh) {
                    a.setLowerBound(0);
                    a.setUpperBound(a == x ? 10 : 10);
                    a.setTickUnit(a == x ? 2 : 5);
                }
            }
        };
        viewModel.getThroughput().getData().addListener((ListChangeListener<XYChart.Data<Number, Number>>)
                c -> fit.run());
        fit.run();
    }

    private void updateTitle() {
        outcomesChart.setTitle(viewModel.getMode() == ScanMode.TCP ? "Results by state" : "Results by status code");
        showSecondChart();
    }

    /** The errors, or in HTTP mode as chosen the certificates (one column: both stay readable at 960 px). */
    private void showSecondChart() {
        boolean http = viewModel.getMode() == ScanMode.HTTP;
        secondChartChooser.setVisible(http);
        secondChartChooser.setManaged(http);
        boolean certificates = http && CERTIFICATES.equals(secondChartChooser.getValue());
        certificatesChart.setVisible(certificates);
        errorsChart.setVisible(!certificates);
        updateErrorsTitle();
    }

    /** "Errors by kind" counts what the "errors" tile counts; an empty chart says so. */
    private void updateErrorsTitle() {
        // in HTTP mode the chooser above is the title
        errorsChart.setTitle(
                viewModel.getMode() == ScanMode.HTTP ? null : viewModel.hasErrors() ? "Errors by kind" : "No errors");
    }

    /** Counts are whole: label only whole ticks, and never step by less than one. */
    private static void wholeNumbers(NumberAxis axis) {
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : "";
            }

            @Override
            public Number fromString(String s) {
                return Long.parseLong(s.replace(",", ""));
            }
        });
    }

    /** Gives each bar a style class by its category (bar-open, bar-2xx...), as bars appear. */
    private static void colourBars(XYChart.Series<String, Number> series) {
        series.getData().addListener((ListChangeListener<XYChart.Data<String, Number>>) c -> {
            while (c.next()) {
                for (XYChart.Data<String, Number> d : c.getAddedSubList()) style(d);
            }
        });
        series.getData().forEach(ChartsView::style);
    }

    private static void style(XYChart.Data<String, Number> d) {
        String category = d.getXValue();
        String cls = "bar-"
                + (HttpResult.isStatus(category)
                        ? HttpResult.categoryOfOutcome(category)
                        : category.replaceAll("[^a-z]", ""));
        if (d.getNode() != null) d.getNode().getStyleClass().add(cls);
        d.nodeProperty().addListener((o, was, now) -> {
            if (now != null && !now.getStyleClass().contains(cls))
                now.getStyleClass().add(cls);
        });
    }

    /** Height in pixels of the band above the charts that holds the PNG's title. */
    static final int TITLE_BAND = 44;

    /**
     * Saves the four charts, as shown, to one PNG file under {@code title} (the job and its date): the picture is
     * taken on the UI thread, titled, encoded and written in the background; then {@code saved} runs, or
     * {@code failed} gets what went wrong (UI thread).
     */
    public void savePng(Path file, String title, UiExecutor ui, Runnable saved, Consumer<Throwable> failed) {
        boolean dark = isDark(chartsPane);
        BufferedImage image = picture(chartsPane);
        ui.background(
                "fanout-export",
                UiExecutor.Priority.LOW,
                () -> {
                    writePng(titled(image, title, dark), file);
                    return file;
                },
                written -> saved.run(),
                failed);
    }

    /** {@code chart} under a band of {@link #TITLE_BAND} pixels with {@code title} in it, in the theme's colours. */
    static BufferedImage titled(BufferedImage chart, String title, boolean dark) {
        BufferedImage out =
                new BufferedImage(chart.getWidth(), chart.getHeight() + TITLE_BAND, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(dark ? new java.awt.Color(0x11, 0x18, 0x27) : java.awt.Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), TITLE_BAND);
            g.setColor(dark ? new java.awt.Color(0xE5, 0xE7, 0xEB) : new java.awt.Color(0x1F, 0x29, 0x37));
            g.drawString(fitted(g, title, out.getWidth() - 32), 16, TITLE_BAND - 14);
            g.drawImage(chart, 0, TITLE_BAND, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /**
     * Chooses the font for {@code title} (17 px, down to 12 px where the charts are narrow) and, if it is still too
     * wide, cuts the job short before its date ("…"), so the whole line shows in {@code room} pixels.
     */
    private static String fitted(Graphics2D g, String title, int room) {
        int size = 17;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        while (g.getFontMetrics().stringWidth(title) > room && size > 12)
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --size));
        int dateAt = title.lastIndexOf(" — ");
        String head = dateAt > 0 ? title.substring(0, dateAt) : title;
        String tail = dateAt > 0 ? title.substring(dateAt) : "";
        String text = title;
        while (g.getFontMetrics().stringWidth(text) > room && head.length() > 1) {
            head = head.substring(0, head.length() - 1);
            text = head + "…" + tail;
        }
        return text;
    }

    private static boolean isDark(Node node) {
        return node.getScene() != null && node.getScene().getStylesheets().contains(Themes.DARK_CSS);
    }

    static BufferedImage picture(Node node) {
        SnapshotParameters params = new SnapshotParameters();
        boolean dark = isDark(node);
        params.setFill(dark ? Color.web("#111827") : Color.WHITE);
        WritableImage image = node.snapshot(params, null);
        return SwingFXUtils.fromFXImage(image, null);
    }

    static void writePng(BufferedImage image, Path file) throws IOException {
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }
}
