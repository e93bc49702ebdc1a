package org.fanout.ui.compare;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.util.StringConverter;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.CompareChart;
import org.fanout.ui.common.Formats;

/**
 * The Compare window's two charts and their legend: wall time and throughput against a log
 * thread axis (log10 of the count on a {@link NumberAxis}, labelled 1, 10, 100, 1k), each
 * strategy in its colour, each strategy's best throughput marked with a tag placed where it
 * covers no other, and the legend of verdicts.
 */
final class CompareCharts {
    static final PseudoClass BEST = PseudoClass.getPseudoClass("best");

    private final CompareViewModel viewModel;
    private final LineChart<Number, Number> wallChart;
    private final LineChart<Number, Number> throughputChart;
    private final NumberAxis wallX;
    private final NumberAxis wallY;
    private final NumberAxis rateX;
    private final NumberAxis rateY;
    private final FlowPane legend;

    CompareCharts(
            CompareViewModel viewModel,
            LineChart<Number, Number> wallChart,
            LineChart<Number, Number> throughputChart,
            FlowPane legend) {
        this.viewModel = viewModel;
        this.wallChart = wallChart;
        this.throughputChart = throughputChart;
        this.wallX = (NumberAxis) wallChart.getXAxis();
        this.wallY = (NumberAxis) wallChart.getYAxis();
        this.rateX = (NumberAxis) throughputChart.getXAxis();
        this.rateY = (NumberAxis) throughputChart.getYAxis();
        this.legend = legend;
    }

    /** Shows the view-model's series with labelled axes, and keeps axes, marks and legend up to date. */
    void install() {
        wallChart.setData(viewModel.getWallSeries());
        throughputChart.setData(viewModel.getThroughputSeries());
        wallX.setTickLabelFormatter(decades(CompareCharts::threadsText));
        rateX.setTickLabelFormatter(decades(CompareCharts::threadsText));
        wallY.setTickLabelFormatter(decades(CompareCharts::millisText));
        rateY.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                // small rates tick in halves: 0.5, not a rounded 1 repeated
                double v = n.doubleValue();
                return v == Math.rint(v) ? Formats.count(Math.round(v)) : String.format(Locale.ROOT, "%,.1f", v);
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s.replace(",", ""));
            }
        });
        updateAxes();
        buildLegend();
    }

    /** Thread axis from a little below the fewest to a little above the most threads (log10); wall axis by decades. */
    void updateAxes() {
        var planned = viewModel.getPlannedThreads();
        double lo = planned.isEmpty() ? 0 : Math.log10(planned.getFirst());
        double hi = planned.isEmpty() ? 3 : Math.log10(planned.getLast());
        for (CompareRun r : viewModel.getRuns()) {
            lo = Math.min(lo, Math.log10(r.threads()));
            hi = Math.max(hi, Math.log10(r.threads()));
        }
        double pad = hi - lo < 1 ? 0.5 : 0.2;
        for (NumberAxis x : new NumberAxis[] {wallX, rateX}) {
            x.setLowerBound(lo - pad);
            x.setUpperBound(hi + pad);
            x.setTickUnit(1);
        }
        double wLo = Double.MAX_VALUE;
        double wHi = -Double.MAX_VALUE;
        double rHi = 0;
        for (CompareRun r : viewModel.getRuns()) {
            double w = Math.log10(Math.max(r.wallMs(), 0.001));
            wLo = Math.min(wLo, w);
            wHi = Math.max(wHi, w);
            rHi = Math.max(rHi, r.throughputPerSecond());
        }
        if (wLo > wHi) {
            wLo = 1;
            wHi = 4;
        }
        wallY.setLowerBound(Math.floor(wLo));
        wallY.setUpperBound(Math.max(Math.ceil(wHi), Math.floor(wLo) + 1));
        wallY.setTickUnit(1);
        // room above the highest point for its "best" tag
        double top = rHi <= 0 ? 10 : rHi * 1.22;
        double step = niceStep(top / 5);
        rateY.setLowerBound(0);
        rateY.setUpperBound(Math.ceil(top / step) * step);
        rateY.setTickUnit(step);
    }

    /** Colours each series and point as its strategy's, and marks each strategy's best throughput. */
    void decorate() {
        List<StackPane> bestSymbols = new ArrayList<>();
        for (LineChart<Number, Number> chart : List.of(wallChart, throughputChart)) {
            boolean rates = chart == throughputChart;
            for (XYChart.Series<Number, Number> series : chart.getData()) {
                Strategy s = CompareResults.strategyOf(series);
                String colour = hex(s);
                if (series.getNode() != null)
                    series.getNode().setStyle("-fx-stroke: " + colour + "; -fx-stroke-width: 2.5px;");
                for (XYChart.Data<Number, Number> d : series.getData()) {
                    CompareRun run = (CompareRun) d.getExtraValue();
                    Node node = d.getNode();
                    if (!(node instanceof StackPane symbol) || run == null) continue;
                    boolean best = rates && viewModel.isBest(run);
                    symbol.setStyle("-fx-background-color: " + colour + ", white" + (best ? ", " + colour : "")
                            + "; -fx-background-insets: 0, 2" + (best ? ", 4" : "")
                            + "; -fx-background-radius: 9px; -fx-padding: "
                            + (best ? "7px" : "4.5px") + ";");
                    symbol.pseudoClassStateChanged(BEST, best);
                    if (symbol.getProperties().get("tooltip") == null) {
                        Tooltip tip = new Tooltip(viewModel.label(run) + " × " + Formats.count(run.threads()) + "\n"
                                + wallText(run.wallMs()) + ", " + Formats.rate(run.throughputPerSecond()));
                        Tooltip.install(symbol, tip);
                        symbol.getProperties().put("tooltip", tip);
                    }
                    tag(symbol, best ? Formats.rate(run.throughputPerSecond()) : null, colour);
                    if (best) {
                        symbol.getProperties().put("at", new double[] {
                            d.getXValue().doubleValue(), d.getYValue().doubleValue()
                        });
                        bestSymbols.add(symbol);
                    }
                }
            }
        }
        placeTags(bestSymbols);
    }

    /** Where a tag sits next to its point. */
    private enum Side {
        ABOVE,
        BELOW,
        LEFT,
        RIGHT
    }

    /**
     * Puts each best point's tag above it, or, where that would cover a tag already placed
     * (strategies whose best points are close), below, left or right of it. Highest points first.
     */
    private void placeTags(List<StackPane> symbols) {
        double xLo = rateX.getLowerBound();
        double xSpan = rateX.getUpperBound() - xLo;
        double ySpan = rateY.getUpperBound();
        double w = Math.max(rateX.getWidth(), 200);
        double h = Math.max(rateY.getHeight(), 100);
        symbols.sort(Comparator.comparingDouble(
                sym -> -((double[]) sym.getProperties().get("at"))[1]));
        List<Rectangle2D> taken = new ArrayList<>();
        for (StackPane symbol : symbols) {
            double[] at = (double[]) symbol.getProperties().get("at");
            double px = (at[0] - xLo) / xSpan * w;
            double py = (1 - at[1] / ySpan) * h;
            Label tag = (Label) symbol.getProperties().get("tag");
            tag.applyCss();
            tag.autosize();
            double tw = tag.getWidth();
            double th = tag.getHeight();
            double r = symbol.prefWidth(-1) / 2;
            Side chosen = Side.ABOVE;
            Rectangle2D rect = null;
            for (Side side : Side.values()) {
                rect = switch (side) {
                    case ABOVE -> new Rectangle2D(px - tw / 2, py - r - 3 - th, tw, th);
                    case BELOW -> new Rectangle2D(px - tw / 2, py + r + 3, tw, th);
                    case LEFT -> new Rectangle2D(px - r - 4 - tw, py - th / 2, tw, th);
                    case RIGHT -> new Rectangle2D(px + r + 4, py - th / 2, tw, th);
                };
                Rectangle2D candidate = rect;
                if (taken.stream().noneMatch(candidate::intersects)) {
                    chosen = side;
                    break;
                }
            }
            taken.add(rect);
            symbol.getProperties().put("side", chosen);
            ((Runnable) symbol.getProperties().get("place")).run();
        }
    }

    /** Puts a small label next to a point (or hides it, for null); {@link #placeTags} chooses the side. */
    private static void tag(StackPane symbol, String text, String colour) {
        Label tag = (Label) symbol.getProperties().get("tag");
        if (text == null) {
            if (tag != null) tag.setVisible(false);
            return;
        }
        if (tag == null) {
            tag = new Label();
            tag.getStyleClass().add("best-tag");
            tag.setManaged(false);
            symbol.getChildren().add(tag);
            symbol.getProperties().put("tag", tag);
            Label t = tag;
            Runnable place = () -> {
                t.applyCss();
                t.autosize();
                double sw = symbol.getWidth() > 0 ? symbol.getWidth() : symbol.prefWidth(-1);
                Side side = (Side) symbol.getProperties().getOrDefault("side", Side.ABOVE);
                switch (side) {
                    case ABOVE -> t.relocate((sw - t.getWidth()) / 2, -t.getHeight() - 3);
                    case BELOW -> t.relocate((sw - t.getWidth()) / 2, sw + 3);
                    case LEFT -> t.relocate(-t.getWidth() - 4, (sw - t.getHeight()) / 2);
                    case RIGHT -> t.relocate(sw + 4, (sw - t.getHeight()) / 2);
                }
            };
            symbol.widthProperty().addListener(o -> place.run());
            t.textProperty().addListener(o -> place.run());
            symbol.getProperties().put("place", place);
        }
        tag.setVisible(true);
        tag.setStyle("-fx-text-fill: " + colour + ";");
        tag.setText("★ " + text);
    }

    void buildLegend() {
        legend.getChildren().clear();
        for (Map.Entry<Strategy, String> e : viewModel.getVerdicts().entrySet()) {
            Region swatch = new Region();
            swatch.getStyleClass().add("legend-swatch");
            swatch.setStyle("-fx-background-color: " + hex(e.getKey()) + ";");
            Label name = new Label(e.getKey().label());
            name.getStyleClass().add("legend-name");
            Label verdict = new Label(e.getValue());
            verdict.setId("verdict-" + e.getKey().label());
            verdict.getStyleClass().add("legend-verdict");
            HBox item = new HBox(6, swatch, name, verdict);
            item.setAlignment(Pos.CENTER_LEFT);
            legend.getChildren().add(item);
        }
        if (legend.getChildren().isEmpty()) {
            Label hint = new Label(
                    "Each strategy's best throughput is marked ★; its line going flat shows where more threads stop helping.");
            hint.getStyleClass().add("hint");
            legend.getChildren().add(hint);
        }
    }

    // ---- formats ----

    private static StringConverter<Number> decades(LongFunction<String> label) {
        return new StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                if (Math.abs(v - Math.rint(v)) > 1e-6) return ""; // only whole decades are labelled
                return label.apply(Math.round(Math.pow(10, Math.rint(v)) * 1000) / 1000);
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** 1, 10, 100, 1k, 10k, 100k. */
    static String threadsText(long n) {
        if (n >= 1000 && n % 1000 == 0) return Formats.count(n / 1000) + "k";
        return Formats.count(n);
    }

    /** A whole decade of milliseconds: 1 ms, 10 ms, 100 ms, 1 s, 10 s, 100 s (0.1 ms below). */
    static String millisText(long ms) {
        if (ms == 0) return "<1 ms";
        return ms >= 1000 ? Formats.count(ms / 1000) + " s" : ms + " ms";
    }

    static String wallText(double ms) {
        if (ms >= 10_000) return String.format(Locale.ROOT, "%,.1f s", ms / 1000);
        if (ms >= 1000) return String.format(Locale.ROOT, "%.2f s", ms / 1000);
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }

    static String hex(Strategy s) {
        Color c = CompareChart.color(s);
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        if (rough <= 0) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= rough - 1e-9) return m * p;
        }
        return 10 * p;
    }
}
