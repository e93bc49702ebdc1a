package org.fanout.ui.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.history.Change;
import org.fanout.history.Job;
import org.fanout.history.Run;
import org.fanout.history.RunDiff;
import org.fanout.history.RunRecorder;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.fx.Ending;
import org.fanout.ui.main.MainViewModel;

/**
 * Records each scan the main window runs, as the CLI records its runs: the FX thread only
 * hands batches over; the history's thread queues them into a {@link RunRecorder}, whose own
 * thread writes them in batched transactions. A run stopped early is kept as incomplete.
 *
 * <p>While the form repeats its scan, each recorded run is compared with the one before it
 * ({@link RunDiff}), and the window is told how many targets changed.
 */
final class AppRecording implements MainViewModel.RunListener {
    private final HistoryViewModel history;
    private final MainViewModel main;
    /** The run being recorded (FX thread), or null when this scan is not recorded. */
    private Recording current;
    /** The last run of a repeating series (history thread only). */
    private Run lastOfSeries;

    AppRecording(HistoryViewModel history, MainViewModel main) {
        this.history = history;
        this.main = main;
    }

    /** One scan's recording; its recorder is touched on the history's thread only. */
    private static final class Recording {
        final Job job;
        final long targets;
        final boolean repeating;
        /**
         * When the scan started, taken on the FX thread as it starts: the history's thread may
         * get to the recording much later (opening the database, a listing or a diff before it).
         */
        final Instant started;

        RunRecorder<ProbeResult> recorder;

        Recording(Job job, long targets, boolean repeating, Instant started) {
            this.job = job;
            this.targets = targets;
            this.repeating = repeating;
            this.started = started;
        }
    }

    @Override
    public void started(CompareJob job, Strategy strategy, int threads, long targets) {
        if (!history.isRecord()) {
            current = null;
            return;
        }
        Recording rec = new Recording(FormJobs.of(job, strategy, threads), targets, main.isRepeating(), Instant.now());
        current = rec;
        history.background(
                h -> {
                    rec.recorder = h.startRun(rec.job, rec.targets, rec.started);
                    return null;
                },
                this::failed);
    }

    @Override
    public void batch(List<ProbeResult> batch) {
        Recording rec = current;
        if (rec == null) return;
        List<ProbeResult> copy = List.copyOf(batch);
        history.background(
                h -> {
                    if (rec.recorder != null) for (ProbeResult r : copy) rec.recorder.record(r);
                    return null;
                },
                this::failed);
    }

    @Override
    public void ended(Ending ending, ScanProgress progress) {
        Recording rec = current;
        current = null;
        if (rec == null) return;
        // it ended as long after its start as the scan ran, so an opened run shows the time and
        // rate the scan had, not when the history's thread wrote its last result
        Instant finished = rec.started.plusNanos(progress.elapsedNanos());
        Object shown = main.getShownResults();
        history.background(
                h -> {
                    if (rec.recorder == null) return null;
                    Run done = rec.recorder.finish(ending == Ending.FINISHED, finished);
                    Run before = lastOfSeries;
                    lastOfSeries = rec.repeating ? done : null;
                    if (rec.repeating && before != null && before.jobKey().equals(done.jobKey())) {
                        List<Change> found = new ArrayList<>();
                        RunDiff.diff(h, before, done, found::add);
                        history.ui().onUi(() -> history.noticeChanges(before, done, found, shown));
                    }
                    history.ui().onUi(history::recorded);
                    return null;
                },
                this::failed);
    }

    private void failed(String why) {
        history.say("History: " + why + " (the scan is not recorded)", true);
    }
}
