package org.fanout.ui.main;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.history.Database;
import org.fanout.ui.charts.ChartTitle;
import org.fanout.ui.charts.ChartsViewModel;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.form.ScanFormViewModel;
import org.fanout.ui.fx.BatchingAdapter;
import org.fanout.ui.fx.Ending;
import org.fanout.ui.fx.FxUiExecutor;
import org.fanout.ui.fx.UiExecutor;
import org.fanout.ui.hosts.HostViewModel;
import org.fanout.ui.lab.LabViewModel;
import org.fanout.ui.results.Rescan;
import org.fanout.ui.results.ResultsViewModel;
import org.fanout.ui.status.StatusViewModel;
import org.fanout.ui.theme.Theme;
import org.fanout.ui.theme.Themes;

/**
 * The window as a whole: owns the four feature view-models, starts a scan from the form and
 * routes each batch from the {@link BatchingAdapter} to the status, the table and the charts.
 * Lives on the FX thread.
 */
public final class MainViewModel {
    private final ScanFormViewModel form = new ScanFormViewModel();
    private final StatusViewModel status = new StatusViewModel();
    private final ResultsViewModel results;
    private final ChartsViewModel charts = new ChartsViewModel();
    private final LabViewModel lab = new LabViewModel();
    private final HostViewModel hosts;
    private final UiExecutor ui;
    private final Themes themes;
    private final Preferences prefs;
    private final Supplier<Database> historyDatabase;
    private RunListener runListener;
    private PauseTransition nextRepeat;
    private Map<String, Long> replayed;

    // ---- Properties ----
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<BatchingAdapter<ProbeResult>> adapter =
            new ReadOnlyObjectWrapper<>(this, "adapter");
    private Scan<?, ? extends ProbeResult> scan;
    /** What {@link #scan} checks: its rate says nothing of the other kind's. */
    private ScanMode scanMode;

    private final ReadOnlyBooleanWrapper repeating = new ReadOnlyBooleanWrapper(this, "repeating", false);
    /**
     * Which results the window shows: a new token for each job started, rescan, opened file or
     * recorded run; the next run of a repeating series keeps its series' token.
     */
    private final ReadOnlyObjectWrapper<Object> shownResults =
            new ReadOnlyObjectWrapper<>(this, "shownResults", new Object());
    /** True while the repeat's timer starts the series' next run. */
    private boolean startingRepeat;

    private final ReadOnlyStringWrapper runningJob = new ReadOnlyStringWrapper(this, "runningJob", "");
    private final ReadOnlyObjectWrapper<Ending> lastEnding = new ReadOnlyObjectWrapper<>(this, "lastEnding");
    private final BooleanBinding canStart;
    /** What the table and charts show, and when it ran (null: unknown), for the charts PNG's title. */
    private String shownJob = "";

    private ZonedDateTime shownJobAt;

    /** @param prefs where the form's last inputs are remembered; null remembers nothing */
    public MainViewModel(Preferences prefs) {
        this(prefs, FxUiExecutor.INSTANCE);
    }

    /**
     * @param prefs           where the form's last inputs are remembered; null remembers nothing
     * @param historyDatabase where runs are recorded (the user's history by default)
     */
    public MainViewModel(Preferences prefs, Supplier<Database> historyDatabase) {
        this(prefs, FxUiExecutor.INSTANCE, historyDatabase);
    }

    /** @param ui how background work reaches the UI thread */
    public MainViewModel(Preferences prefs, UiExecutor ui) {
        this(prefs, ui, () -> Database.locate(null, System.getenv()));
    }

    /**
     * @param ui              how background work reaches the UI thread
     * @param historyDatabase where runs are recorded
     */
    public MainViewModel(Preferences prefs, UiExecutor ui, Supplier<Database> historyDatabase) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.results = new ResultsViewModel(ui);
        this.hosts = new HostViewModel(ui);
        hosts.setShown(results.isByHost()); // the host view sorts and publishes only when it is on screen
        results.byHostProperty().addListener((o, was, byHost) -> hosts.setShown(byHost));
        this.prefs = prefs;
        this.historyDatabase = Objects.requireNonNull(historyDatabase, "historyDatabase");
        this.themes = new Themes(prefs);
        if (prefs != null) form.load(prefs);
        canStart = Bindings.createBooleanBinding(() -> form.isValid() && !running.get(), form.validProperty(), running);
    }

    public ScanFormViewModel getForm() {
        return form;
    }

    public StatusViewModel getStatus() {
        return status;
    }

    public ResultsViewModel getResults() {
        return results;
    }

    public ChartsViewModel getCharts() {
        return charts;
    }

    public LabViewModel getLab() {
        return lab;
    }

    public HostViewModel getHosts() {
        return hosts;
    }

    public Themes getThemes() {
        return themes;
    }

    public UiExecutor getUi() {
        return ui;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** True from a Start with "repeat every" on until Stop (or a failed run), between runs too. */
    public ReadOnlyBooleanProperty repeatingProperty() {
        return repeating.getReadOnlyProperty();
    }

    public boolean isRepeating() {
        return repeating.get();
    }

    /** Changes (to a new token) when the window shows other results than the series it showed. */
    public ReadOnlyObjectProperty<Object> shownResultsProperty() {
        return shownResults.getReadOnlyProperty();
    }

    public Object getShownResults() {
        return shownResults.get();
    }

    public Preferences getPreferences() {
        return prefs;
    }

    /** Where the app's history is kept. */
    public Database historyDatabase() {
        return historyDatabase.get();
    }

    /** Hears of each scan the window runs (the history records them); called on the FX thread. */
    public interface RunListener {
        /** Called as the scan starts. */
        void started(CompareJob job, Strategy strategy, int threads, long targets);

        void batch(List<ProbeResult> batch);

        /** {@code progress}: the scan's own at its end; its elapsed time is how long the scan ran. */
        void ended(Ending ending, ScanProgress progress);
    }

    public void setRunListener(RunListener listener) {
        runListener = listener;
    }

    /** True while the form is valid and no scan runs. */
    public BooleanBinding canStartBinding() {
        return canStart;
    }

    public boolean canStart() {
        return canStart.get();
    }

    /** The adapter of the current or last scan (null before the first). */
    public ReadOnlyObjectProperty<BatchingAdapter<ProbeResult>> adapterProperty() {
        return adapter.getReadOnlyProperty();
    }

    public BatchingAdapter<ProbeResult> getAdapter() {
        return adapter.get();
    }

    /** The current or last scan (null before the first). */
    public Scan<?, ? extends ProbeResult> getScan() {
        return scan;
    }

    /** How the last scan ended (null while none has). */
    public ReadOnlyObjectProperty<Ending> lastEndingProperty() {
        return lastEnding.getReadOnlyProperty();
    }

    public Ending getLastEnding() {
        return lastEnding.get();
    }

    // ---- Commands ----

    /** Starts a scan of the form's targets, if the form is valid and none runs. Returns whether it started. */
    public boolean start() {
        if (!canStart()) return false;
        Scan<?, ? extends ProbeResult> scan;
        try {
            scan = form.createScan();
        } catch (IllegalArgumentException e) {
            status.reset(form.getMode(), 0);
            status.ended(Ending.FAILED, new ScanProgress(0, 0, Map.of(), Map.of(), 0), e);
            return false;
        }
        rememberInputs();
        if (!startingRepeat) shownResults.set(new Object());
        shownJob = ChartTitle.job(form);
        cancelNextRepeat(); // Start during a repeat's pause begins the series again: one series, not two
        java.time.Duration pause = form.repeatPause();
        repeating.set(pause != null);
        RunListener listener = runListener;
        if (listener != null) {
            listener.started(
                    CompareJob.of(form),
                    form.getStrategy(),
                    form.getThreads(),
                    scan.progress().total());
        }
        run(scan, form.getMode(), listener, pause);
        return true;
    }

    /**
     * Checks the given rows again (their own targets, with the form's timeout, retries and
     * strategy), replacing the table. Returns whether it started (not while a scan runs).
     */
    public boolean rescan(List<? extends ProbeResult> rows) {
        if (running.get() || rows.isEmpty()) return false;
        Scan<?, ? extends ProbeResult> scan;
        try {
            scan = Rescan.of(rows, form);
        } catch (IllegalArgumentException e) {
            status.reset(results.getMode(), 0);
            status.ended(Ending.FAILED, new ScanProgress(0, 0, Map.of(), Map.of(), 0), e);
            return false;
        }
        boolean tcp = rows.getFirst() instanceof TcpResult;
        shownResults.set(new Object());
        shownJob = (tcp ? "TCP connect" : "HTTP " + form.getMethod()) + " · rescan of " + Formats.count(rows.size())
                + (tcp ? " targets" : " URLs");
        run(scan, tcp ? ScanMode.TCP : ScanMode.HTTP, null, null);
        return true;
    }

    /** The heading of the saved charts PNG: what the charts show and when it was scanned. */
    public String chartTitle() {
        return ChartTitle.title(shownJob, shownJobAt);
    }

    /** The form locked while a scan runs shows the running job: this is its description. */
    public ReadOnlyStringProperty runningJobProperty() {
        return runningJob.getReadOnlyProperty();
    }

    /** Runs a scan into the window; {@code listener} (the history) hears of it, {@code pause} repeats it. */
    private void run(
            Scan<?, ? extends ProbeResult> scan, ScanMode mode, RunListener listener, java.time.Duration pause) {
        status.reset(mode, scan.progress().total());
        results.reset(mode);
        hosts.reset();
        charts.reset(mode);
        lastEnding.set(null);
        shownJobAt = ZonedDateTime.now();
        runningJob.set(Formats.count(scan.progress().total()) + " " + (mode == ScanMode.TCP ? "targets" : "URLs")
                + " · " + scan.settings().strategy().label() + " × "
                + Formats.count(scan.settings().threads()));
        BatchingAdapter<ProbeResult> a = new BatchingAdapter<>(
                ui,
                "fanout-scan",
                UiExecutor.Priority.LOW,
                out -> scan.run(out::accept),
                BatchingAdapter.Stoppable.of(scan::isCancelled, scan::cancel),
                BatchingAdapter.MAX_BATCH,
                new BatchingAdapter.Sink<>() {
                    @Override
                    public void onBatch(List<ProbeResult> batch) {
                        ScanProgress progress = scan.progress();
                        results.addAll(batch);
                        hosts.addAll(batch);
                        if (listener != null) listener.batch(batch);
                        status.update(progress);
                        charts.update(batch, progress);
                    }

                    @Override
                    public void onEnded(Ending ending, Throwable failure) {
                        ScanProgress progress = scan.progress();
                        status.ended(ending, progress, failure);
                        charts.finish(progress);
                        hosts.flush();
                        running.set(false);
                        lastEnding.set(ending);
                        if (listener != null) listener.ended(ending, progress);
                        if (pause != null && ending == Ending.FINISHED && repeating.get()) scheduleRepeat(pause);
                        else repeating.set(false);
                    }
                });
        this.scan = scan;
        this.scanMode = mode;
        adapter.set(a);
        running.set(true);
        status.started();
        a.start();
    }

    /**
     * Shows the results of a Fanout CSV or JSON-lines file (TCP or HTTP, recognised from its
     * content) in the table, status and charts. The file is read off the FX thread;
     * {@code done} gets null when shown, or the reason it could not be read.
     */
    public void openResults(Path file, Consumer<String> done) {
        if (running.get()) {
            done.accept("stop the scan first");
            return;
        }
        ui.background(
                "fanout-open",
                UiExecutor.Priority.LOW,
                () -> LoadedResults.read(file),
                loaded -> {
                    if (running.get()) {
                        done.accept("a scan started meanwhile");
                        return;
                    }
                    shownResults.set(new Object());
                    status.reset(loaded.mode(), loaded.rows().size());
                    results.reset(loaded.mode());
                    charts.reset(loaded.mode());
                    results.addAll(loaded.rows());
                    hosts.reset();
                    hosts.addAll(loaded.rows());
                    hosts.flush();
                    charts.update(loaded.rows(), loaded.progress());
                    charts.finish(loaded.progress());
                    status.opened(file.getFileName().toString(), loaded.progress());
                    shownJob = "results from " + file.getFileName();
                    shownJobAt = modified(file);
                    lastEnding.set(Ending.FINISHED);
                    done.accept(null);
                },
                e -> done.accept(e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    private static ZonedDateTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().atZone(ZoneId.systemDefault());
        } catch (IOException e) {
            return null;
        }
    }

    /** Scans of more targets than this ask first (with an estimate of how long they take). */
    public static final long CONFIRM_ABOVE = 1_000_000;

    /** Checks per second of the last scan (or of the running one) of the form's kind, 0 before any. */
    public double measuredRate() {
        return scan == null || scanMode != form.getMode() ? 0 : scan.progress().ratePerSecond();
    }

    /**
     * What to ask before starting the form's job, or null when it needs no asking (a million
     * targets or fewer): the count and, at the last measured rate, how long it would take.
     */
    public String startQuestion() {
        long n = form.getTargetCount();
        if (n <= CONFIRM_ABOVE) return null;
        double rate = measuredRate();
        String noun = form.getMode() == ScanMode.TCP ? " targets" : " URLs";
        String estimate = rate > 0
                ? "At the last scan's rate (" + Formats.rate(rate) + ") it takes about "
                        + Formats.clock((long) (n / rate * 1e9))
                        + " (h:mm:ss) — an estimate; the rate depends on the targets, threads and strategy."
                : "No scan of this kind has run yet to measure a rate, so how long it takes is unknown: try a smaller"
                        + " part first to see the rate.";
        return "Scan " + Formats.count(n) + noun + "? " + estimate;
    }

    private void scheduleRepeat(java.time.Duration pause) {
        nextRepeat = new PauseTransition(javafx.util.Duration.millis(pause.toMillis()));
        nextRepeat.setOnFinished(e -> {
            nextRepeat = null;
            startingRepeat = true;
            try {
                if (repeating.get() && !start()) repeating.set(false);
            } finally {
                startingRepeat = false;
            }
        });
        nextRepeat.play();
    }

    private void cancelNextRepeat() {
        if (nextRepeat != null) nextRepeat.stop();
        nextRepeat = null;
    }

    /** Stops the running scan (and any repeating); the results so far stay. */
    public void stop() {
        repeating.set(false);
        cancelNextRepeat();
        BatchingAdapter<ProbeResult> a = adapter.get();
        if (a != null && running.get()) a.stop();
    }

    /** Empties the table, status and charts for a recorded run of {@code total} targets about to be shown. */
    public void beginReplay(ScanMode mode, long total) {
        shownResults.set(new Object());
        status.reset(mode, total);
        results.reset(mode);
        charts.reset(mode);
        hosts.reset();
        replayed = new LinkedHashMap<>();
        lastEnding.set(null);
        shownJob = "a recorded run";
        shownJobAt = null;
    }

    /** Shows a batch of the recorded run's results, as a scan's batch is shown. */
    public void replayBatch(List<? extends ProbeResult> batch) {
        for (ProbeResult r : batch) replayed.merge(r.outcome(), 1L, Long::sum);
        results.addAll(batch);
        hosts.addAll(batch);
        charts.update(batch, replayProgress(0));
    }

    /**
     * The recorded run is all shown: the status and charts end as its scan did, with its rate and
     * time where it was timed ({@code elapsedNanos} from its start to its finish; negative for a run
     * that never finished, whose rate and time are not known).
     */
    public void endReplay(boolean complete, long elapsedNanos) {
        ScanProgress p = replayProgress(Math.max(elapsedNanos, 0));
        Ending ending = complete ? Ending.FINISHED : Ending.STOPPED;
        status.ended(ending, p, null);
        if (elapsedNanos < 0) status.untimed();
        charts.finish(p);
        hosts.flush();
        lastEnding.set(ending);
    }

    private ScanProgress replayProgress(long elapsedNanos) {
        long done = replayed.values().stream().mapToLong(Long::longValue).sum();
        return new ScanProgress(Math.max(done, status.getTotal()), done, Map.copyOf(replayed), Map.of(), elapsedNanos);
    }

    /** The window is closing: stops the scan and the lab, remembers the inputs. */
    public void shutdown() {
        stop();
        lab.stop();
        rememberInputs();
    }

    public void rememberInputs() {
        if (prefs != null) form.save(prefs);
    }

    /** Pre-fills the form from command-line options. */
    public void apply(GuiOptions options) {
        form.apply(Objects.requireNonNull(options, "options"));
        if (options.theme() != null) themes.setTheme(Theme.parse(options.theme()));
    }
}
