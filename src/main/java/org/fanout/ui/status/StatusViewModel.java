package org.fanout.ui.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.Ending;

/**
 * The status area: progress, done / total, counts by state (TCP) or status class (HTTP),
 * checks per second, elapsed time and ETA. Fed on the FX thread by {@link MainViewModel}.
 */
public final class StatusViewModel {
    /** The tile of TCP state {@code error}, named as HTTP's. */
    static final String ERRORS = HttpResult.ERRORS;
    /** TCP: the results' categories, the state {@code error} shown as {@value #ERRORS}. */
    public static final List<String> TCP_KEYS =
            TcpResult.CATEGORIES.stream().map(StatusViewModel::tileOf).toList();
    /** HTTP: every status class (a 1xx is a response, not an error); "errors" is "no response". */
    public static final List<String> HTTP_KEYS = HttpResult.CATEGORIES;

    // ---- Properties ----
    private final ReadOnlyObjectWrapper<ScanMode> mode = new ReadOnlyObjectWrapper<>(this, "mode", ScanMode.TCP);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper doneText = new ReadOnlyStringWrapper(this, "doneText", "0 / 0");
    private final ReadOnlyStringWrapper rateText = new ReadOnlyStringWrapper(this, "rateText", "—");
    private final ReadOnlyStringWrapper elapsedText = new ReadOnlyStringWrapper(this, "elapsedText", "0:00");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper(this, "etaText", "—");
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "Ready");
    private final ObservableMap<String, Long> counts = FXCollections.observableMap(new LinkedHashMap<>());
    private final ObservableMap<String, Long> readOnlyCounts = FXCollections.unmodifiableObservableMap(counts);
    /** Minimum milliseconds between changes of the status texts during a scan (each relayouts the bar). */
    static final int TEXT_MS = 200;

    private long lastTextNanos = Long.MIN_VALUE;
    private long done;
    private long total;

    public StatusViewModel() {
        reset(ScanMode.TCP, 0);
    }

    public ReadOnlyObjectProperty<ScanMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ScanMode getMode() {
        return mode.get();
    }

    /** 0..1, or -1 (indeterminate) while the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public double getProgress() {
        return progress.get();
    }

    public ReadOnlyStringProperty doneTextProperty() {
        return doneText.getReadOnlyProperty();
    }

    public String getDoneText() {
        return doneText.get();
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public String getRateText() {
        return rateText.get();
    }

    public ReadOnlyStringProperty elapsedTextProperty() {
        return elapsedText.getReadOnlyProperty();
    }

    public String getElapsedText() {
        return elapsedText.get();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    public String getEtaText() {
        return etaText.get();
    }

    /** Ready, Scanning…, Finished, Stopped or Failed: why. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public String getStateText() {
        return stateText.get();
    }

    /** Counts under {@link #TCP_KEYS} or {@link #HTTP_KEYS}, in that order. */
    public ObservableMap<String, Long> getCounts() {
        return readOnlyCounts;
    }

    public long count(String key) {
        return counts.getOrDefault(key, 0L);
    }

    public long getDone() {
        return done;
    }

    public long getTotal() {
        return total;
    }

    // ---- Commands ----

    public void reset(ScanMode newMode, long targets) {
        mode.set(newMode);
        counts.clear();
        for (String k : newMode == ScanMode.TCP ? TCP_KEYS : HTTP_KEYS) counts.put(k, 0L);
        done = 0;
        lastTextNanos = Long.MIN_VALUE;
        total = targets;
        progress.set(0);
        doneText.set("0 / " + Formats.count(targets));
        rateText.set("—");
        elapsedText.set("0:00");
        etaText.set("—");
    }

    public void started() {
        stateText.set("Scanning…");
    }

    /** Takes the counters of a batch; the texts change at most every {@value #TEXT_MS} ms (and at the end). */
    public void update(ScanProgress p) {
        long now = System.nanoTime();
        boolean last = p.total() > 0 && p.done() >= p.total();
        if (!last && lastTextNanos != Long.MIN_VALUE && now - lastTextNanos < TEXT_MS * 1_000_000L) return;
        lastTextNanos = now;
        show(p);
    }

    private void show(ScanProgress p) {
        done = p.done();
        total = p.total();
        progress.set(p.fraction());
        doneText.set(Formats.count(p.done()) + " / " + Formats.count(p.total()));
        Formats.Elapsed elapsed = Formats.elapsed(p.elapsedNanos()); // the rate is over the time shown
        rateText.set(elapsed.rate(p.done()));
        elapsedText.set(elapsed.text());
        etaText.set(p.done() >= p.total() ? "0:00" : Formats.clock(p.etaNanos()));
        Map<String, Long> next = new LinkedHashMap<>();
        for (String k : counts.keySet()) next.put(k, 0L);
        for (Map.Entry<String, Long> e : p.outcomes().entrySet()) {
            String key = keyOf(e.getKey());
            next.merge(key, e.getValue(), Long::sum);
        }
        next.forEach((k, v) -> {
            if (!v.equals(counts.get(k))) counts.put(k, v);
        });
    }

    /** The tile counting an outcome: its results' category. */
    private String keyOf(String outcome) {
        return tileOf(
                mode.get() == ScanMode.TCP
                        ? TcpResult.categoryOfOutcome(outcome)
                        : HttpResult.categoryOfOutcome(outcome));
    }

    private static String tileOf(String category) {
        return TcpState.ERROR.label().equals(category) ? ERRORS : category;
    }

    /** No rate and no time are known for what is shown (a recorded run that never finished). */
    public void untimed() {
        rateText.set("—");
        elapsedText.set("—");
        etaText.set("—");
    }

    /** Shows the counts of results opened from a file (no rate, no time). */
    public void opened(String fileName, ScanProgress p) {
        show(p);
        rateText.set("—");
        elapsedText.set("—");
        etaText.set("—");
        stateText.set("Opened " + fileName);
    }

    public void ended(Ending ending, ScanProgress p, Throwable failure) {
        show(p);
        stateText.set(
                switch (ending) {
                    case FINISHED -> "Finished";
                    case STOPPED -> "Stopped";
                    case FAILED -> "Failed: " + (failure == null ? "unknown error" : failure.getMessage());
                });
        if (ending != Ending.FINISHED) etaText.set("—");
    }
}
