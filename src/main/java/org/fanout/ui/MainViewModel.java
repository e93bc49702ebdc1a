package org.fanout.ui;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;

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

    // ---- Properties ----
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyObjectWrapper<FxScanAdapter> adapter = new ReadOnlyObjectWrapper<>(this, "adapter");
    private final ReadOnlyObjectWrapper<FxScanAdapter.Ending> lastEnding = new ReadOnlyObjectWrapper<>(this, "lastEnding");
    private final BooleanBinding canStart;

    /** @param prefs where the form's last inputs are remembered; null remembers nothing */
    public MainViewModel(Preferences prefs) {
        this.prefs = prefs;
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
            status.ended(FxScanAdapter.Ending.FAILED, new ScanProgress(0, 0, Map.of(), Map.of(), 0), e);
            return false;
        }
        rememberInputs();
        ScanMode mode = form.getMode();
        status.reset(mode, scan.progress().total());
        results.reset(mode);
        charts.reset(mode);
        lastEnding.set(null);
        FxScanAdapter a = new FxScanAdapter(scan, new FxScanAdapter.Sink() {
            @Override
            public void onBatch(List<ProbeResult> batch, ScanProgress progress) {
                results.addAll(batch);
                status.update(progress);
                charts.update(batch, progress);
            }

            @Override
            public void onEnded(FxScanAdapter.Ending ending, ScanProgress progress, Throwable failure) {
                status.ended(ending, progress, failure);
                charts.finish(progress);
                running.set(false);
                lastEnding.set(ending);
            }
        });
        adapter.set(a);
        running.set(true);
        status.started();
        a.start();
        return true;
    }

    /** Stops the running scan; the results so far stay. */
    public void stop() {
        FxScanAdapter a = adapter.get();
        if (a != null && running.get()) a.stop();
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
