package org.fanout.ui.history;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.CsvResultWriter;
import org.fanout.export.JsonLinesWriter;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.history.Change;
import org.fanout.history.History;
import org.fanout.history.HistoryException;
import org.fanout.history.Importer;
import org.fanout.history.Run;
import org.fanout.history.RunDiff;
import org.fanout.history.RunGroup;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.BackgroundPriority;
import org.fanout.ui.fx.UiExecutor;
import org.fanout.ui.main.MainViewModel;

/**
 * The History window's state: the recorded runs (newest first, searchable), the diff of two,
 * and the commands on runs (open into the main window, diff, re-run, import, export). It also
 * records every scan the main window starts ({@link AppRecording}).
 *
 * <p>The database is only touched on one background thread ({@link #work}); results come back
 * to the FX thread in chunks, so a run of 100,000 results never freezes the window.
 */
public final class HistoryViewModel {
    public static final String ALL = "all";
    public static final List<String> KINDS = List.of(ALL, "scan", "http");
    public static final List<String> CHANGE_FILTERS = List.of(ALL, "new", "gone", "changed");
    static final String RECORD_KEY = "history.record";
    /** Runs listed; older ones stay in the database (and in {@code fanout history}). */
    static final int LIST_LIMIT = 1000;

    static final String NO_RUNS =
            "No runs recorded yet: every scan started here or with fanout scan / http is recorded";
    static final String NO_MATCH = "No run matches the search and kind";
    static final String NOT_DIFFED = "Select two runs and press Diff";
    static final String NONE_OF_KIND = "No change of this kind";

    private static final int CHUNK = 5000;

    private final MainViewModel main;
    /**
     * At the lowest priority, as the scan: on two cores, opening the database and writing a
     * scan's results (the recorder's writer is started here and inherits it) took the FX thread's
     * time slices while results streamed in. A list or a diff waits for it, never a frame.
     */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(BackgroundPriority.lowering(
            Thread.ofPlatform().daemon().name("fanout-history-ui").factory()));

    private History history;

    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final FilteredList<Run> shownRuns = new FilteredList<>(runs);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final StringProperty kind = new SimpleStringProperty(this, "kind", ALL);
    private final BooleanProperty record = new SimpleBooleanProperty(this, "record", true);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper problem = new ReadOnlyBooleanWrapper(this, "problem", false);

    private final ObservableList<Change> changes = FXCollections.observableArrayList();
    private final FilteredList<Change> shownChanges = new FilteredList<>(changes);
    private final StringProperty changeFilter = new SimpleStringProperty(this, "changeFilter", ALL);
    private final ReadOnlyStringWrapper diffTitle = new ReadOnlyStringWrapper(this, "diffTitle", "");
    private final Map<Change.Type, ReadOnlyLongWrapper> changeCounts = new EnumMap<>(Change.Type.class);
    /** What the last diff found when it found nothing (or that there was none yet). */
    private final ReadOnlyStringWrapper noChanges = new ReadOnlyStringWrapper(this, "noChanges", NOT_DIFFED);

    private final ReadOnlyStringWrapper changeNotice = new ReadOnlyStringWrapper(this, "changeNotice", "");
    private final ReadOnlyLongWrapper noticedChanges = new ReadOnlyLongWrapper(this, "noticedChanges", 0);
    private int pending;

    /** How background work reaches the UI thread: the main window's. */
    public UiExecutor ui() {
        return main.getUi();
    }

    public HistoryViewModel(MainViewModel main) {
        this.main = main;
        Preferences prefs = main.getPreferences();
        if (prefs != null) record.set(prefs.getBoolean(RECORD_KEY, true));
        record.addListener((o, was, now) -> {
            if (prefs != null) prefs.putBoolean(RECORD_KEY, now);
        });
        for (Change.Type t : Change.Type.values()) changeCounts.put(t, new ReadOnlyLongWrapper(this, t.label(), 0));
        search.addListener(o -> refilterRuns());
        kind.addListener(o -> refilterRuns());
        changeFilter.addListener(o -> {
            String f = changeFilter.get();
            shownChanges.setPredicate(
                    f == null || ALL.equals(f) ? null : c -> c.type().label().equals(f));
        });
        main.setRunListener(new AppRecording(this, main));
        // the notice tells of one pair of a repeating series' runs: other results shown, it goes
        main.shownResultsProperty().addListener(o -> dismissNotice());
    }

    /** Runs that match the search and kind, newest first. */
    public ObservableList<Run> getRuns() {
        return shownRuns;
    }

    /** Text a run's id, job or start date must contain to be listed. */
    public StringProperty searchProperty() {
        return search;
    }
    /** {@link #ALL}, scan or http. */
    public StringProperty kindProperty() {
        return kind;
    }
    /** Whether the main window's scans are recorded (remembered in the preferences). */
    public BooleanProperty recordProperty() {
        return record;
    }

    public boolean isRecord() {
        return record.get();
    }

    /** True while the database is being read or written for a command. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public boolean isBusy() {
        return busy.get();
    }
    /** What the last command did, or why it failed ({@link #problemProperty()}). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String getMessage() {
        return message.get();
    }

    public ReadOnlyBooleanProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last diff's rows that pass the change filter. */
    public ObservableList<Change> getChanges() {
        return shownChanges;
    }
    /** {@link #ALL}, new, gone or changed. */
    public StringProperty changeFilterProperty() {
        return changeFilter;
    }

    /** What the runs table says when it lists none: that none was recorded, or that none matches. */
    public StringBinding runsPlaceholderBinding() {
        return Bindings.when(Bindings.isEmpty(runs)).then(NO_RUNS).otherwise(NO_MATCH);
    }

    /** What the changes table says when it shows none: no diff yet, none found, or none of the filter's kind. */
    public StringBinding changesPlaceholderBinding() {
        return Bindings.when(Bindings.isEmpty(changes))
                .then(noChanges.getReadOnlyProperty())
                .otherwise(NONE_OF_KIND);
    }

    public ReadOnlyStringProperty diffTitleProperty() {
        return diffTitle.getReadOnlyProperty();
    }
    /** How many rows of the last diff are of {@code type}. */
    public ReadOnlyLongProperty countProperty(Change.Type type) {
        return changeCounts.get(type).getReadOnlyProperty();
    }

    /** While repeating: what the last run changed since the one before ("" until something did). */
    public ReadOnlyStringProperty changeNoticeProperty() {
        return changeNotice.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty noticedChangesProperty() {
        return noticedChanges.getReadOnlyProperty();
    }

    // ---- Commands ----

    /** Lists the runs again from the database. */
    public void refresh() {
        run("Listing runs", h -> {
            int listed = list(h).size();
            if (listed == 0) return "No runs recorded yet";
            return Formats.count(listed, "run") + (listed >= LIST_LIMIT ? ", the newest" : "");
        });
    }

    /** Puts the newest runs into the list; their number. */
    private List<Run> list(History h) {
        List<Run> newest = h.runs(LIST_LIMIT);
        main.getUi().onUi(() -> runs.setAll(newest));
        return newest;
    }

    /** Shows a run's results in the main window's table, status and charts, as if it had just run. */
    public void open(Run run) {
        if (main.isRunning()) {
            say("Stop the scan first: the table is in use", true);
            return;
        }
        ScanMode mode = run.kind() == ResultKind.TCP ? ScanMode.TCP : ScanMode.HTTP;
        main.getUi().onUi(() -> main.beginReplay(mode, run.targets()));
        run("Opening run " + run.id(), h -> {
            List<ProbeResult> chunk = new ArrayList<>(CHUNK);
            long[] n = {0};
            h.forEachResult(run, r -> {
                chunk.add(r);
                n[0]++;
                if (chunk.size() == CHUNK) handOver(chunk);
            });
            handOver(chunk);
            long elapsed = run.finished() == null
                    ? -1
                    : Duration.between(run.started(), run.finished()).toNanos();
            main.getUi().onUi(() -> main.endReplay(run.complete(), elapsed));
            return "Opened run " + run.id() + ": " + Formats.count(n[0], "result");
        });
    }

    private void handOver(List<ProbeResult> chunk) {
        if (chunk.isEmpty()) return;
        List<ProbeResult> batch = List.copyOf(chunk);
        chunk.clear();
        main.getUi().onUi(() -> main.replayBatch(batch));
    }

    /** Compares two runs (the older one first, whichever order they are given in). */
    public void diff(Run a, Run b) {
        Run older = a.id() < b.id() ? a : b;
        Run newer = older == a ? b : a;
        showDiff(List.of(), Map.of(), "", NOT_DIFFED); // a failed diff must not leave the last one standing
        run("Comparing runs " + older.id() + " and " + newer.id(), h -> {
            List<Change> found = new ArrayList<>();
            RunDiff.diff(h, older, newer, found::add);
            Map<Change.Type, Long> counts = tally(found);
            String note = RunDiff.incompleteNote(RunGroup.of(older), RunGroup.of(newer));
            String title = "Run " + older.id() + " → run " + newer.id() + ": " + summary(counts)
                    + (note.isEmpty() ? "" : " — " + note);
            String none = "No change between runs " + older.id() + " and " + newer.id();
            main.getUi().onUi(() -> showDiff(found, counts, title, none));
            return found.isEmpty()
                    ? none
                    : Formats.count(found.size(), "change") + " between runs " + older.id() + " and " + newer.id();
        });
    }

    private void showDiff(List<Change> found, Map<Change.Type, Long> counts, String title, String whenNone) {
        changes.setAll(found);
        changeCounts.forEach((t, c) -> c.set(counts.getOrDefault(t, 0L)));
        diffTitle.set(title);
        noChanges.set(whenNone);
    }

    /** Puts a run's job into the main form and starts it. */
    public boolean rerun(Run run) {
        if (main.isRunning()) {
            say("Stop the scan first", true);
            return false;
        }
        try {
            FormJobs.fill(main.getForm(), run);
        } catch (IllegalArgumentException e) {
            say(e.getMessage(), true);
            return false;
        }
        if (!main.getForm().isValid() || !main.start()) {
            say(
                    "The job of run " + run.id() + " does not start: "
                            + main.getForm().getSummary(),
                    true);
            return false;
        }
        say("Running the job of run " + run.id() + " again", false);
        return true;
    }

    /** Turns a results file (CSV or JSON lines of ours) into a run. */
    public void importFile(Path file) {
        run("Importing " + file.getFileName(), h -> {
            Run run;
            try {
                run = Importer.importFile(h, file);
            } catch (IllegalArgumentException e) {
                throw new HistoryException(e.getMessage(), e);
            }
            list(h);
            return "Imported " + file.getFileName() + " as run " + run.id() + " ("
                    + Formats.count(run.results(), "result") + ")";
        });
    }

    /** Writes a run's results to {@code file}: JSON lines if it ends in .jsonl or .json, else CSV. */
    public void export(Run run, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".jsonl") || name.endsWith(".json");
        run("Exporting run " + run.id(), h -> {
            long[] n = {0};
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                    ResultWriter<ProbeResult> writer = writerFor(run.kind(), out, json)) {
                h.forEachResult(run, r -> {
                    writer.write(r);
                    n[0]++;
                });
            }
            return "Exported run " + run.id() + " (" + Formats.count(n[0], "result") + ") to " + file.getFileName();
        });
    }

    @SuppressWarnings("unchecked")
    private static ResultWriter<ProbeResult> writerFor(ResultKind kind, Writer out, boolean json) throws IOException {
        ResultWriter<?> w;
        if (kind == ResultKind.TCP) w = json ? JsonLinesWriter.tcp(out, false) : CsvResultWriter.tcp(out, true, false);
        else w = json ? JsonLinesWriter.http(out, false) : CsvResultWriter.http(out, true, false);
        return (ResultWriter<ProbeResult>) w;
    }

    /** Forgets the change notice (the user has seen it). */
    public void dismissNotice() {
        changeNotice.set("");
        noticedChanges.set(0);
    }

    /** Ends the background thread; the window is closing. */
    public void shutdown() {
        worker.submit(() -> {
            if (history != null) history.close();
            history = null;
        });
        worker.shutdown();
    }

    // ---- Background work ----

    /** Work on the database, done on {@link #worker}; returns a message for the user, or null. */
    @FunctionalInterface
    interface Work {
        String on(History history) throws IOException;
    }

    /** Runs {@code work} in the background, showing what it does, then its message or its failure. */
    void run(String doing, Work work) {
        pending++;
        busy.set(true);
        say(doing + "…", false);
        worker.submit(() -> {
            String done;
            boolean failed = false;
            try {
                done = work.on(history());
            } catch (IOException | RuntimeException e) {
                done = doing + " failed: " + e.getMessage();
                failed = true;
            }
            String text = done;
            boolean bad = failed;
            main.getUi().onUi(() -> {
                if (--pending == 0) busy.set(false);
                if (text != null) say(text, bad);
            });
        });
    }

    /** Submits database work with no message (recording). */
    void background(Work work, Consumer<String> onFailure) {
        worker.submit(() -> {
            try {
                work.on(history());
            } catch (IOException | RuntimeException e) {
                main.getUi().onUi(() -> onFailure.accept(e.getMessage()));
            }
        });
    }

    /** The open history (on {@link #worker} only). */
    private History history() {
        if (history == null) history = History.open(main.historyDatabase());
        return history;
    }

    /**
     * Tells what changed from {@code older} to {@code newer}, or says nothing when nothing did;
     * dropped when the window shows other results than {@code shown} by now.
     */
    void noticeChanges(Run older, Run newer, List<Change> found, Object shown) {
        if (shown != main.getShownResults()) return;
        Map<Change.Type, Long> counts = tally(found);
        long total = found.size();
        noticedChanges.set(total);
        changeNotice.set(
                total == 0
                        ? ""
                        : "⚠ " + Formats.count(total, "change") + " since the last run (" + summary(counts) + ") — run "
                                + newer.id() + " vs run " + older.id());
    }

    /** A scan was recorded: the list shows it, with no message over the user's last one. */
    void recorded() {
        background(
                h -> {
                    list(h);
                    return null;
                },
                problem -> say("Cannot list the runs: " + problem, true));
    }

    void say(String text, boolean isProblem) {
        problem.set(isProblem);
        message.set(text);
    }

    private void refilterRuns() {
        String needle = search.get() == null ? "" : search.get().strip().toLowerCase(Locale.ROOT);
        String k = kind.get() == null ? ALL : kind.get();
        shownRuns.setPredicate(r -> (ALL.equals(k) || r.kindName().equals(k))
                && (needle.isEmpty()
                        || Long.toString(r.id()).equals(needle)
                        || r.job().toLowerCase(Locale.ROOT).contains(needle)
                        || HistoryView.date(r.started()).contains(needle)));
    }

    static Map<Change.Type, Long> tally(List<Change> found) {
        Map<Change.Type, Long> counts = new EnumMap<>(Change.Type.class);
        for (Change.Type t : Change.Type.values()) counts.put(t, 0L);
        for (Change c : found) counts.merge(c.type(), 1L, Long::sum);
        return counts;
    }

    static String summary(Map<Change.Type, Long> counts) {
        return counts.get(Change.Type.NEW) + " new · " + counts.get(Change.Type.GONE) + " gone · "
                + counts.get(Change.Type.CHANGED) + " changed";
    }
}
