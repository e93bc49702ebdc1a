package org.fanout.ui.charts;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import org.fanout.ui.common.Formats;

/**
 * Writes each bar's count above it, so 10 open ports stay readable next to 65,524 closed ones
 * on a linear axis; the value axis gets headroom for the labels (its top is a round number
 * a fifth above the tallest bar).
 */
final class BarCounts {
    static final String STYLE_CLASS = "bar-count";

    private BarCounts() {}

    static void label(BarChart<String, Number> chart, XYChart.Series<String, Number> series) {
        NumberAxis axis = (NumberAxis) chart.getYAxis();
        Runnable attach = () -> {
            for (XYChart.Data<String, Number> d : series.getData()) attach(d);
            headroom(axis, series);
        };
        series.getData().addListener((ListChangeListener<XYChart.Data<String, Number>>) c -> {
            while (c.next()) {
                for (XYChart.Data<String, Number> d : c.getAddedSubList()) {
                    d.YValueProperty().addListener(o -> headroom(axis, series));
                }
            }
            attach.run();
        });
        for (XYChart.Data<String, Number> d : series.getData())
            d.YValueProperty().addListener(o -> headroom(axis, series));
        attach.run();
    }

    /** The count labels of a chart's bars, for tests. */
    static List<String> shown(BarChart<String, Number> chart) {
        List<String> texts = new ArrayList<>();
        for (XYChart.Series<String, Number> s : chart.getData()) {
            for (XYChart.Data<String, Number> d : s.getData()) {
                Text t = d.getNode() == null
                        ? null
                        : (Text) d.getNode().getProperties().get(STYLE_CLASS);
                texts.add(t == null ? null : t.getText());
            }
        }
        return texts;
    }

    private static void attach(XYChart.Data<String, Number> d) {
        if (d.getNode() != null) attach(d, d.getNode());
        d.nodeProperty().addListener((o, was, now) -> {
            if (now != null) attach(d, now);
        });
    }

    private static void attach(XYChart.Data<String, Number> d, Node bar) {
        if (!(bar instanceof StackPane pane) || pane.getProperties().containsKey(STYLE_CLASS)) return;
        Text count = new Text();
        count.getStyleClass().add(STYLE_CLASS);
        count.setManaged(false);
        count.textProperty().bind(d.YValueProperty().map(v -> v == null ? "" : Formats.count(v.longValue())));
        pane.getChildren().add(count);
        pane.getProperties().put(STYLE_CLASS, count);
        Runnable place = () -> {
            double w = count.getLayoutBounds().getWidth();
            count.relocate(
                    (((Region) pane).getWidth() - w) / 2,
                    -count.getLayoutBounds().getHeight() - 1);
        };
        pane.widthProperty().addListener(o -> place.run());
        pane.heightProperty().addListener(o -> place.run());
        count.layoutBoundsProperty().addListener(o -> place.run());
        place.run();
    }

    private static void headroom(NumberAxis axis, XYChart.Series<String, Number> series) {
        long max = 0;
        for (XYChart.Data<String, Number> d : series.getData())
            max = Math.max(max, d.getYValue().longValue());
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        double top = niceCeil(Math.max(1, max * 1.2));
        axis.setUpperBound(top);
        axis.setTickUnit(niceCeil(top / 5));
    }

    /** The smallest 1, 2, 2.5 or 5 times a power of ten at least {@code v}. */
    static double niceCeil(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) return Math.max(1, m * p);
        }
        return 10 * p;
    }
}
