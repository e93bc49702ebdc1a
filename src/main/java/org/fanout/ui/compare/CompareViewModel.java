package org.fanout.ui.compare;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.scene.chart.XYChart;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.CompareChart;
import org.fanout.export.CompareCsvWriter;
import org.fanout.ui.common.Formats;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.form.ScanFormViewModel;
import org.fanout.ui.fx.BatchingAdapter;
import org.fanout.ui.fx.Ending;
import org.fanout.ui.fx.FxUiExecutor;
import org.fanout.ui.fx.UiExecutor;

/**
 * The Compare window: which thread counts and strategies to run the main window's job at, the
 * plan and its estimate, the run in progress, and the finished runs ({@link CompareResults}:
 * table rows, chart series, each strategy's best throughput and where more threads stop
 * helping). Lives on the FX thread.
 */
public final class CompareViewModel {
    /** {@code compare --threads}' default. */
    public static final String DEFAULT_THREADS = JobDefaults.COMPARE_THREADS;

    private final ScanFormViewModel form;

    // ---- Properties: inputs ----
    private final StringProperty threadsText = new SimpleStringProperty(this, "threadsText", DEFAULT_THREADS);
    private final Map<Strategy, BooleanProperty> strategies = new EnumMap<>(Strategy.class);
    /** Worker processes for {@code process}; 0 = one per core. */
    private final IntegerProperty workers = new SimpleIntegerProperty(this, "workers", 0);

    private final BooleanProperty warmUp = new SimpleBooleanProperty(this, "warmUp", true);

    // ---- Properties: state (read-only) ----
    private final ReadOnlyStringWrapper threadsError = new ReadOnlyStringWrapper(this, "threadsError", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyStringWrapper jobText = new ReadOnlyStringWrapper(this, "jobText", "");
    private final ReadOnlyStringWrapper plan = new ReadOnlyStringWrapper(this, "plan", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyBooleanWrapper canRun = new ReadOnlyBooleanWrapper(this, "canRun", false);
    private final ReadOnlyStringWrapper phaseText = new ReadOnlyStringWrapper(this, "phaseText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "Ready");
    private final ReadOnlyObjectWrapper<Ending> lastEnding = new ReadOnlyObjectWrapper<>(this, "lastEnding");
    private final CompareResults results = new CompareResults();
    private final ObservableList<Integer> plannedThreads = FXCollections.observableArrayList();
    // a read-only view, made once: a view made per call would drop its listeners when collected
    private final ObservableList<Integer> plannedView = FXCollections.unmodifiableObservableList(plannedThreads);

    private List<Integer> parsedThreads = List.of();
    private final UiExecutor ui;
    private BatchingAdapter<CompareRun> adapter;
    private Comparison comparison;
    private long startedNanos;
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper(this, "estimate", "");
    private DoubleSupplier lastRate = () -> 0;
    private ZonedDateTime startedAt;

    public CompareViewModel(ScanFormViewModel form) {
        this(form, FxUiExecutor.INSTANCE);
    }

    /** @param ui how the comparison's runs and the exports' outcomes reach the UI thread */
    public CompareViewModel(ScanFormViewModel form, UiExecutor ui) {
        this.form = form;
        this.ui = ui;
        for (Strategy s : Strategy.values()) {
            boolean on = JobDefaults.COMPARE_STRATEGIES.contains(s);
            strategies.put(s, new SimpleBooleanProperty(this, s.label(), on));
        }
        List<Observable> inputs = new ArrayList<>(List.of(
                threadsText,
                workers,
                running,
                form.validProperty(),
                form.summaryProperty(),
                form.modeProperty(),
                form.methodProperty(),
                form.timeoutProperty()));
        inputs.addAll(strategies.values());
        for (Observable o : inputs) o.addListener(x -> validate());
        validate();
    }

    public StringProperty threadsTextProperty() {
        return threadsText;
    }

    public String getThreadsText() {
        return threadsText.get();
    }

    public void setThreadsText(String value) {
        threadsText.set(value);
    }

    /** Whether {@code s} is compared. */
    public BooleanProperty strategyProperty(Strategy s) {
        return strategies.get(s);
    }

    public boolean isSelected(Strategy s) {
        return strategies.get(s).get();
    }

    public void setSelected(Strategy s, boolean value) {
        strategies.get(s).set(value);
    }

    public IntegerProperty workersProperty() {
        return workers;
    }

    public int getWorkers() {
        return workers.get();
    }

    public void setWorkers(int value) {
        workers.set(value);
    }

    public BooleanProperty warmUpProperty() {
        return warmUp;
    }

    public boolean isWarmUp() {
        return warmUp.get();
    }

    public void setWarmUp(boolean value) {
        warmUp.set(value);
    }

    /** What is wrong with the thread counts, or empty. */
    public ReadOnlyStringProperty threadsErrorProperty() {
        return threadsError.getReadOnlyProperty();
    }

    public String getThreadsError() {
        return threadsError.get();
    }

    /** Why Run is not possible now, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String getProblem() {
        return problem.get();
    }

    /** The job compared: the main window's form (while running, the snapshot being run). */
    public ReadOnlyStringProperty jobTextProperty() {
        return jobText.getReadOnlyProperty();
    }

    public String getJobText() {
        return jobText.get();
    }

    /**
     * How long the planned runs may take, before Run: every run checks the whole job, so at the
     * main window's last measured rate it is runs × targets ÷ rate; "unknown" without a rate.
     */
    public ReadOnlyStringProperty estimateProperty() {
        return estimate.getReadOnlyProperty();
    }

    public String getEstimate() {
        return estimate.get();
    }

    /** Where the main window's last measured rate (checks per second, 0 = none yet) comes from. */
    public void setLastRate(DoubleSupplier rate) {
        lastRate = Objects.requireNonNull(rate, "rate");
        validate();
    }

    /** Recomputes the plan and estimate (e.g. when the window is shown again after another scan). */
    public void refresh() {
        validate();
    }

    /** "3 strategies × 4 thread counts = 12 runs". */
    public ReadOnlyStringProperty planProperty() {
        return plan.getReadOnlyProperty();
    }

    public String getPlan() {
        return plan.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    public ReadOnlyBooleanProperty canRunProperty() {
        return canRun.getReadOnlyProperty();
    }

    public boolean canRun() {
        return canRun.get();
    }

    /** The run in progress, e.g. "pool × 100: 1,234 / 2,000, 1,850/s"; empty when none. */
    public ReadOnlyStringProperty phaseTextProperty() {
        return phaseText.getReadOnlyProperty();
    }

    public String getPhaseText() {
        return phaseText.get();
    }

    /** The run in progress, 0..1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public double getProgress() {
        return progress.get();
    }

    /** "Ready", "Run 3 of 12 · 0:42", "Finished 12 runs in 1:23", "Stopped after 3 of 12 runs". */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public String getStateText() {
        return stateText.get();
    }

    public ReadOnlyObjectProperty<Ending> lastEndingProperty() {
        return lastEnding.getReadOnlyProperty();
    }

    public Ending getLastEnding() {
        return lastEnding.get();
    }

    /** Finished runs, in the order they ran. */
    public ObservableList<CompareRun> getRuns() {
        return results.runs();
    }

    /** The thread counts of the current or last comparison (or of the input, before any). */
    public ObservableList<Integer> getPlannedThreads() {
        return plannedView;
    }

    /** Wall time, one series per strategy run so far: x = log10(threads), y = log10(wall ms). */
    public ObservableList<XYChart.Series<Number, Number>> getWallSeries() {
        return results.wallSeries();
    }

    /** Throughput, one series per strategy run so far: x = log10(threads), y = targets per second. */
    public ObservableList<XYChart.Series<Number, Number>> getThroughputSeries() {
        return results.throughputSeries();
    }

    /** Each strategy's run with the highest throughput so far. */
    public ObservableMap<Strategy, CompareRun> getBest() {
        return results.best();
    }

    /** Per strategy, where more threads stop helping, e.g. "best 1,850/s at 100 threads — 10 threads already reach 90% of it". */
    public ObservableMap<Strategy, String> getVerdicts() {
        return results.verdicts();
    }

    /** Whether {@code run} is its strategy's best. */
    public boolean isBest(CompareRun run) {
        return results.isBest(run);
    }

    /** The strategy column's text: the strategy, and for process its split (e.g. "process 4x25"). */
    public String label(CompareRun run) {
        return comparison == null ? run.strategy().label() : comparison.label(run.strategy(), run.threads());
    }

    /** A series' name for a strategy: the strategy, for process with its worker count. */
    public String seriesName(Strategy s) {
        if (s != Strategy.PROCESS || comparison == null) return s.label();
        int w = comparison.workersFor(s, comparison.threadCounts().getLast());
        return s.label() + " (" + w + (w == 1 ? " worker)" : " workers)");
    }

    // ---- Commands ----

    /** Starts the comparison of the form's job, if possible. Returns whether it started. */
    public boolean run() {
        if (!canRun()) return false;
        CompareJob job = CompareJob.of(form);
        List<Strategy> chosen = selectedStrategies();
        Comparison c;
        try {
            c = new Comparison(job.factory(), chosen, parsedThreads, workers.get(), warmUp.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        comparison = c;
        results.clear();
        plannedThreads.setAll(c.threadCounts());
        jobText.set(job.description());
        lastEnding.set(null);
        phaseText.set("");
        progress.set(0);
        startedNanos = System.nanoTime();
        startedAt = ZonedDateTime.now();
        stateText.set("Starting " + Formats.count(c.runCount(), "run"));
        ComparePhases phases = new ComparePhases(c);
        // normal priority: the comparison measures throughput
        adapter = new BatchingAdapter<>(
                ui,
                "fanout-compare",
                UiExecutor.Priority.NORMAL,
                phases,
                BatchingAdapter.Stoppable.of(c::isCancelled, c::cancel),
                Integer.MAX_VALUE,
                new BatchingAdapter.Sink<>() {
                    @Override
                    public void onBatch(List<CompareRun> finished) {
                        finished.forEach(run -> results.add(run, CompareViewModel.this::seriesName));
                        showPhase(phases.phase());
                    }

                    @Override
                    public void onEnded(Ending ending, Throwable failure) {
                        ended(ending, failure);
                    }
                });
        running.set(true);
        adapter.start();
        return true;
    }

    /** Stops the comparison; finished runs stay. */
    public void stop() {
        if (adapter != null && running.get()) adapter.stop();
    }

    /**
     * Writes the finished runs as the compare CSV (columns of {@code Columns.COMPARE}) off the UI
     * thread; {@code done} then gets null, or what went wrong (on the UI thread).
     */
    public void exportCsv(Path file, Consumer<Throwable> done) {
        List<CompareRun> snapshot = List.copyOf(results.runs());
        ui.background(
                "fanout-export",
                UiExecutor.Priority.LOW,
                () -> {
                    try (CompareCsvWriter w = CompareCsvWriter.open(file)) {
                        for (CompareRun r : snapshot) w.write(r);
                    }
                    return file;
                },
                written -> done.accept(null),
                done);
    }

    /** Draws the finished runs as a PNG chart (the same picture as {@code fanout compare --chart}), as {@link #exportCsv} writes. */
    public void exportPng(Path file, Consumer<Throwable> done) {
        List<CompareRun> snapshot = List.copyOf(results.runs());
        String title = chartTitle();
        Map<Strategy, String> names = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) names.put(s, seriesName(s));
        ui.background(
                "fanout-export",
                UiExecutor.Priority.LOW,
                () -> {
                    CompareChart.write(file, snapshot, title, names::get);
                    return file;
                },
                written -> done.accept(null),
                done);
    }

    /** The PNG's title: the job and when the comparison started. */
    String chartTitle() {
        return CompareChart.title(jobText.get(), startedAt == null ? ZonedDateTime.now() : startedAt);
    }

    // ---- internals ----

    private void showPhase(ComparePhases.Phase phase) {
        Comparison c = comparison;
        long elapsed = System.nanoTime() - startedNanos;
        if (phase == null || c == null) {
            if (running.get())
                stateText.set("Run " + Math.min(results.runs().size() + 1, c == null ? 1 : c.runCount()) + " of "
                        + (c == null ? 1 : c.runCount()) + " · " + Formats.clock(elapsed));
            return;
        }
        var p = phase.progress();
        String who = c.label(phase.strategy(), phase.threads()) + " × " + Formats.count(phase.threads());
        if (phase.warmUp()) {
            phaseText.set("warming up " + who + ": " + Formats.count(p.done()) + " / "
                    + Formats.count(Math.min(p.total(), Comparison.WARMUP_RESULTS)));
            progress.set(
                    Math.min(1.0, p.done() / (double) Math.max(1, Math.min(p.total(), Comparison.WARMUP_RESULTS))));
            stateText.set("Warm-up · " + Formats.clock(elapsed));
        } else {
            phaseText.set(who + ": " + Formats.count(p.done()) + " / " + Formats.count(p.total()) + ", "
                    + Formats.rate(p.ratePerSecond()));
            progress.set(p.fraction());
            stateText.set("Run " + (phase.runIndex() + 1) + " of " + c.runCount() + " · " + Formats.clock(elapsed));
        }
    }

    private void ended(Ending ending, Throwable failure) {
        running.set(false);
        phaseText.set("");
        String time = Formats.clock(System.nanoTime() - startedNanos);
        int total = comparison.runCount();
        switch (ending) {
            case FINISHED -> {
                stateText.set("Finished " + Formats.count(results.runs().size(), "run") + " in " + time);
                progress.set(1);
            }
            case STOPPED ->
                stateText.set("Stopped after " + results.runs().size() + " of " + Formats.count(total, "run") + " ("
                        + time + ")");
            case FAILED ->
                stateText.set("Failed after " + results.runs().size() + " of " + Formats.count(total, "run") + ": "
                        + (failure == null ? "unknown error" : String.valueOf(failure.getMessage())));
        }
        lastEnding.set(ending);
    }

    private List<Strategy> selectedStrategies() {
        List<Strategy> chosen = new ArrayList<>();
        for (Strategy s : Strategy.values()) if (strategies.get(s).get()) chosen.add(s);
        return chosen;
    }

    private void validate() {
        String threadsWhy = "";
        try {
            parsedThreads = parseThreadCounts(threadsText.get());
        } catch (IllegalArgumentException e) {
            parsedThreads = List.of();
            threadsWhy = e.getMessage();
        }
        threadsError.set(threadsWhy);
        if (!running.get()) {
            plannedThreads.setAll(parsedThreads);
            jobText.set(form.isValid() ? CompareJob.describe(form) : "the main window's form: " + form.getSummary());
        }
        List<Strategy> chosen = selectedStrategies();
        String why;
        if (!threadsWhy.isEmpty()) why = "Thread counts: " + threadsWhy;
        else if (chosen.isEmpty()) why = "Choose at least one strategy";
        else if (!form.isValid()) why = "Fix the job in the main window's form first";
        else if (workers.get() < 0 || workers.get() > ScanSettings.MAX_WORKERS)
            why = "Workers must be 0 (auto) to " + ScanSettings.MAX_WORKERS;
        else why = "";
        problem.set(why);
        // how many runs the plan makes, counted as the comparison itself counts them
        int runCount = why.isEmpty() ? new Comparison(settings -> null, chosen, parsedThreads, 0, false).runCount() : 0;
        plan.set(
                why.isEmpty()
                        ? (chosen.size() == 1 ? "1 strategy" : chosen.size() + " strategies") + " × "
                                + Formats.count(parsedThreads.size(), "thread count") + " = "
                                + Formats.count(runCount, "run")
                                + (chosen.contains(Strategy.SERIAL) && parsedThreads.size() > 1
                                        ? " (serial once, at 1 thread)"
                                        : "")
                        : "");
        canRun.set(why.isEmpty() && !running.get());
        if (!running.get()) {
            estimate.set(why.isEmpty() ? estimateText(runCount, form.getTargetCount(), lastRate.getAsDouble()) : "");
        }
    }

    /** The estimate for {@code runs} runs of {@code targets} each at {@code rate} per second (0 = unknown). */
    static String estimateText(int runs, long targets, double rate) {
        long checks = runs * Math.max(0, targets);
        String all = Formats.count(checks) + " checks in all";
        if (!(rate > 0)) return all + "; time unknown — no scan in the main window has measured a rate yet";
        return all + "; about " + Formats.clock((long) (checks / rate * 1e9)) + " at the main window's last rate ("
                + Formats.rate(rate) + ") — fewer threads run slower";
    }

    /**
     * Thread counts from text such as {@code 1,10,100,1000} or {@code 1k, 2000}, read as
     * {@code compare --threads} reads them ({@link JobInputs#threadCounts}). Sorted, without duplicates.
     *
     * @throws IllegalArgumentException saying which item is wrong and why
     */
    public static List<Integer> parseThreadCounts(String text) {
        return JobInputs.threadCounts(text);
    }
}
