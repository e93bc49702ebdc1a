package org.fanout.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.history.Database;

/**
 * The window as a whole: owns the four feature view-models, starts a scan from the form and
 * routes each batch from the {@link FxScanAdapter} to the status, the table and the charts.
 * Lives on the FX thread.
 */
public final class MainViewModel {
    private final ScanFormViewModel form = new ScanFormViewModel();
    private final StatusViewModel status = new StatusViewModel();
    private final ResultsViewModel results = new ResultsViewModel();
    private final ChartsViewModel charts = new ChartsViewModel();
    private final LabViewModel lab = new LabViewModel();
    private final Preferences prefs;
    private final Supplier<Database> historyDatabase;
    private RunListener runListener;
    private PauseTransition nextRepeat;
    private Map<String, Long> replayed;

    // ---- Properties ----
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<FxScanAdapter> adapter = new ReadOnlyObjectWrapper<>(this, "adapter");
    private final ReadOnlyBooleanWrapper repeating = new ReadOnlyBooleanWrapper(this, "repeating", false);
    private final ReadOnlyObjectWrapper<FxScanAdapter.Ending> lastEnding = new ReadOnlyObjectWrapper<>(this, "lastEnding");
    private final BooleanBinding canStart;

    /** @param prefs where the form's last inputs are remembered; null remembers nothing */
    public MainViewModel(Preferences prefs) {
        this(prefs, () -> Database.locate(null, System.getenv()));
    }

    /**
     * @param prefs           where the form's last inputs are remembered; null remembers nothing
     * @param historyDatabase where runs are recorded (the user's history by default)
     */
    public MainViewModel(Preferences prefs, Supplier<Database> historyDatabase) {
        this.prefs = prefs;
        this.historyDatabase = Objects.requireNonNull(historyDatabase, "historyDatabase");
        if (prefs != null) form.load(prefs);
        canStart = Bindings.createBooleanBinding(() -> form.isValid() && !running.get(), form.validProperty(), running);
    }

    public ScanFormViewModel getForm() { return form; }
    public StatusViewModel getStatus() { return status; }
    public ResultsViewModel getResults() { return results; }
    public ChartsViewModel getCharts() { return charts; }
    public LabViewModel getLab() { return lab; }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public boolean isRunning() { return running.get(); }

    /** True from a Start with "repeat every" on until Stop (or a failed run), between runs too. */
    public ReadOnlyBooleanProperty repeatingProperty() { return repeating.getReadOnlyProperty(); }
    public boolean isRepeating() { return repeating.get(); }

    public Preferences getPreferences() { return prefs; }

    /** Where the app's history is kept. */
    public Database historyDatabase() { return historyDatabase.get(); }

    /** Hears of each scan the window runs (the history records them); called on the FX thread. */
    public interface RunListener {
        void started(CompareJob job, org.fanout.engine.Strategy strategy, int threads, long targets);

        void batch(List<ProbeResult> batch);

        void ended(FxScanAdapter.Ending ending);
    }

    public void setRunListener(RunListener listener) { runListener = listener; }

    /** True while the form is valid and no scan runs. */
    public BooleanBinding canStartBinding() { return canStart; }
    public boolean canStart() { return canStart.get(); }

    /** The adapter of the current or last scan (null before the first). */
    public ReadOnlyObjectProperty<FxScanAdapter> adapterProperty() { return adapter.getReadOnlyProperty(); }
    public FxScanAdapter getAdapter() { return adapter.get(); }

    /** How the last scan ended (null while none has). */
    public ReadOnlyObjectProperty<FxScanAdapter.Ending> lastEndingProperty() { return lastEnding.getReadOnlyProperty(); }
    public FxScanAdapter.Ending getLastEnding() { return lastEnding.get(); }

    // ---- Commands ----

    /** Starts a scan of the form's targets, if the form is valid and none runs. Returns whether it started. */
    public boolean start() {
        if (!canStart()) return false;
        Scan<?, ? extends ProbeResult> scan;
        try {
            scan = form.createScan();
        } catch (IllegalArgumentException e) {
            status.reset(form.getMode(), 0);
            status.ended(FxScanAdapter.Ending.FAILED, new ScanProgress(0, 0, java.util.Map.of(), java.util.Map.of(), 0), e);
            return false;
        }
        rememberInputs();
        java.time.Duration pause = form.repeatPause();
        repeating.set(pause != null);
        RunListener listener = runListener;
        if (listener != null) {
            listener.started(CompareJob.of(form), form.getStrategy(), form.getThreads(), scan.progress().total());
        }
        ScanMode mode = form.getMode();
        status.reset(mode, scan.progress().total());
        results.reset(mode);
        charts.reset(mode);
        lastEnding.set(null);
        FxScanAdapter a = new FxScanAdapter(scan, new FxScanAdapter.Sink() {
            @Override
            public void onBatch(List<ProbeResult> batch, ScanProgress progress) {
                results.addAll(batch);
                if (listener != null) listener.batch(batch);
                status.update(progress);
                charts.update(batch, progress);
            }

            @Override
            public void onEnded(FxScanAdapter.Ending ending, ScanProgress progress, Throwable failure) {
                status.ended(ending, progress, failure);
                charts.finish(progress);
                running.set(false);
                lastEnding.set(ending);
                if (listener != null) listener.ended(ending);
                if (pause != null && ending == FxScanAdapter.Ending.FINISHED && repeating.get()) scheduleRepeat(pause);
                else repeating.set(false);
            }
        });
        adapter.set(a);
        running.set(true);
        status.started();
        a.start();
        return true;
    }

    private void scheduleRepeat(java.time.Duration pause) {
        nextRepeat = new PauseTransition(javafx.util.Duration.millis(pause.toMillis()));
        nextRepeat.setOnFinished(e -> {
            nextRepeat = null;
            if (repeating.get() && !start()) repeating.set(false);
        });
        nextRepeat.play();
    }

    /** Stops the running scan (and any repeating); the results so far stay. */
    public void stop() {
        repeating.set(false);
        if (nextRepeat != null) nextRepeat.stop();
        nextRepeat = null;
        FxScanAdapter a = adapter.get();
        if (a != null && running.get()) a.stop();
    }

    /** Empties the table, status and charts for a recorded run of {@code total} targets about to be shown. */
    public void beginReplay(ScanMode mode, long total) {
        status.reset(mode, total);
        results.reset(mode);
        charts.reset(mode);
        replayed = new LinkedHashMap<>();
        lastEnding.set(null);
    }

    /** Shows a batch of the recorded run's results, as a scan's batch is shown. */
    public void replayBatch(List<? extends ProbeResult> batch) {
        for (ProbeResult r : batch) replayed.merge(r.outcome() == null ? "error" : r.outcome(), 1L, Long::sum);
        results.addAll(batch);
        charts.update(batch, replayProgress());
    }

    /** The recorded run is all shown: the status and charts end as its scan did. */
    public void endReplay(boolean complete) {
        ScanProgress p = replayProgress();
        FxScanAdapter.Ending ending = complete ? FxScanAdapter.Ending.FINISHED : FxScanAdapter.Ending.STOPPED;
        status.ended(ending, p, null);
        charts.finish(p);
        lastEnding.set(ending);
    }

    private ScanProgress replayProgress() {
        long done = replayed.values().stream().mapToLong(Long::longValue).sum();
        return new ScanProgress(Math.max(done, status.getTotal()), done, Map.copyOf(replayed), Map.of(), 0);
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
    }
}
