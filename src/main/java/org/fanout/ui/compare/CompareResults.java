package org.fanout.ui.compare;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.chart.XYChart;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;
import org.fanout.ui.common.Formats;

/**
 * A comparison's finished runs as the Compare window shows them: in the order they ran (the
 * table's rows), as one wall-time and one throughput series per strategy, each strategy's best
 * run, and its verdict on where more threads stop helping.
 *
 * <p>Chart series are plotted against log10(threads) (the view labels the axis 1, 10, 100,
 * 1k); the wall-time series holds log10(wall ms). Each data point's extra value is its
 * {@link CompareRun}.
 */
final class CompareResults {
    /** A run within this share of a strategy's best throughput counts as "as good as more threads". */
    static final double LEVEL_SHARE = 0.9;

    private final ObservableList<CompareRun> runs = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> wallSeries = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> throughputSeries = FXCollections.observableArrayList();
    private final ObservableMap<Strategy, CompareRun> best = FXCollections.observableMap(new EnumMap<>(Strategy.class));
    private final ObservableMap<Strategy, String> verdicts = FXCollections.observableMap(new EnumMap<>(Strategy.class));

    // read-only views, made once: a view made per call would drop its listeners when collected
    private final ObservableList<CompareRun> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObservableMap<Strategy, CompareRun> bestView = FXCollections.unmodifiableObservableMap(best);
    private final ObservableMap<Strategy, String> verdictsView = FXCollections.unmodifiableObservableMap(verdicts);

    /** Finished runs, in the order they ran. */
    ObservableList<CompareRun> runs() {
        return runsView;
    }

    ObservableList<XYChart.Series<Number, Number>> wallSeries() {
        return wallSeries;
    }

    ObservableList<XYChart.Series<Number, Number>> throughputSeries() {
        return throughputSeries;
    }

    ObservableMap<Strategy, CompareRun> best() {
        return bestView;
    }

    ObservableMap<Strategy, String> verdicts() {
        return verdictsView;
    }

    /** Forgets every run, for a new comparison. */
    void clear() {
        runs.clear();
        best.clear();
        verdicts.clear();
        wallSeries.clear();
        throughputSeries.clear();
    }

    /** Adds a finished run to its strategy's series (named by {@code seriesName}), best and verdict, then to the runs. */
    void add(CompareRun run, Function<Strategy, String> seriesName) {
        double x = Math.log10(run.threads());
        XYChart.Data<Number, Number> wall = new XYChart.Data<>(x, Math.log10(Math.max(run.wallMs(), 0.001)), run);
        XYChart.Data<Number, Number> rate = new XYChart.Data<>(x, run.throughputPerSecond(), run);
        seriesOf(wallSeries, seriesName.apply(run.strategy())).getData().add(wall);
        seriesOf(throughputSeries, seriesName.apply(run.strategy())).getData().add(rate);
        CompareRun was = best.get(run.strategy());
        if (isBetter(run, was)) best.put(run.strategy(), run);
        runs.add(run);
        verdicts.put(
                run.strategy(),
                verdict(runs.stream()
                        .filter(r -> r.strategy() == run.strategy())
                        .toList()));
    }

    /** Whether {@code run} is its strategy's best. */
    boolean isBest(CompareRun run) {
        return run != null && best.get(run.strategy()) == run;
    }

    /** One best per strategy: the highest throughput; of equal ones, the fewest threads. */
    static boolean isBetter(CompareRun run, CompareRun was) {
        if (was == null) return true;
        int c = Double.compare(run.throughputPerSecond(), was.throughputPerSecond());
        return c > 0 || c == 0 && run.threads() < was.threads();
    }

    private static XYChart.Series<Number, Number> seriesOf(
            ObservableList<XYChart.Series<Number, Number>> list, String name) {
        for (XYChart.Series<Number, Number> series : list) {
            if (series.getName().equals(name)) return series;
        }
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        list.add(series);
        return series;
    }

    /** The strategy whose series this is (by its name). */
    public static Strategy strategyOf(XYChart.Series<?, ?> series) {
        String name = series.getName();
        int space = name.indexOf(' ');
        return Strategy.parse(space < 0 ? name : name.substring(0, space));
    }

    /**
     * Where more threads stop helping, for one strategy's runs: its best throughput and the
     * fewest threads that reach {@value #LEVEL_SHARE} of it.
     */
    static String verdict(List<CompareRun> strategyRuns) {
        if (strategyRuns.isEmpty()) return "";
        List<CompareRun> sorted = strategyRuns.stream()
                .sorted(Comparator.comparingInt(CompareRun::threads))
                .toList();
        CompareRun best = sorted.getFirst();
        for (CompareRun r : sorted) if (isBetter(r, best)) best = r;
        CompareRun top = best;
        String head =
                "best " + Formats.rate(top.throughputPerSecond()) + " at " + Formats.count(top.threads(), "thread");
        if (sorted.size() == 1) return head;
        CompareRun enough = sorted.stream()
                .filter(r -> r.throughputPerSecond() >= LEVEL_SHARE * top.throughputPerSecond())
                .findFirst()
                .orElse(top);
        CompareRun last = sorted.getLast();
        if (enough == last) return head + " — still rising";
        String s = head + " — " + Formats.count(enough.threads(), "thread")
                + (enough.threads() == 1 ? " already reaches " : " already reach ") + Math.round(LEVEL_SHARE * 100)
                + "% of it";
        if (top != last)
            s += "; at " + Formats.count(last.threads(), "thread") + " " + Formats.rate(last.throughputPerSecond());
        return s;
    }
}
