package org.fanout.ui.charts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.ui.common.ScanMode;

/**
 * The live charts' data: counts by state or status code, errors by kind, a latency histogram
 * and throughput over time. Counts are taken from every batch, but the series are updated in
 * place (values changed, categories added) one chart per turn, each at most every
 * {@value #REDRAW_MS} ms, and all at the end: redrawing four charts on every 75 ms pulse cost the
 * FX thread more than it told anyone.
 */
public final class ChartsViewModel {
    /** Upper bounds of the latency buckets in milliseconds; the last bucket is open-ended. */
    static final double[] LATENCY_BOUNDS_MS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    static final List<String> LATENCY_LABELS = List.of(
            "<0.1", "0.1–0.2", "0.2–0.5", "0.5–1", "1–2", "2–5", "5–10", "10–20", "20–50", "50–100", "100–200",
            "200–500", "500–1k", ">1k");
    static final List<String> TCP_STATES = TcpResult.CATEGORIES;
    /** Certificates by days left: expired, under a week, a month, a quarter, later. */
    static final List<String> CERT_BUCKETS = List.of("expired", "<7", "<30", "<90", "later");
    /** Seconds between throughput samples. */
    static final double SAMPLE_SECONDS = 0.5;
    /** Past this many points, every other throughput point is dropped. */
    static final int MAX_POINTS = 400;

    static final String NO_RESPONSE = "no resp.";
    /** The one (zero) bar of the errors chart while there are none, so its axes look like the others'. */
    static final String NO_ERRORS = "none";
    /** Minimum milliseconds between chart redraws during a scan. */
    static final int REDRAW_MS = 400;

    // ---- Properties (chart data) ----
    private final XYChart.Series<String, Number> outcomes = new XYChart.Series<>();
    private final XYChart.Series<String, Number> errors = new XYChart.Series<>();
    private final XYChart.Series<String, Number> latency = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> throughput = new XYChart.Series<>();
    private final XYChart.Series<String, Number> certificates = new XYChart.Series<>();
    private final long[] certificateCounts = new long[CERT_BUCKETS.size()];
    private final long[] latencyCounts = new long[LATENCY_LABELS.size()];
    /** Results by {@link ProbeResult#errorKind()}: the same results the status area counts as "errors". */
    private final TreeMap<String, Long> errorCounts = new TreeMap<>();

    private ScanMode mode = ScanMode.TCP;
    private long lastSampleNanos;
    private long lastSampleDone;
    private long lastRedrawNanos = Long.MIN_VALUE;
    private int nextChart;
    private static final int CHARTS = 4;

    public ChartsViewModel() {
        outcomes.setName("results");
        errors.setName("errors");
        latency.setName("latency");
        throughput.setName("checks/s");
        certificates.setName("certificates");
        reset(ScanMode.TCP);
    }

    public XYChart.Series<String, Number> getOutcomes() {
        return outcomes;
    }

    public XYChart.Series<String, Number> getErrors() {
        return errors;
    }

    public XYChart.Series<String, Number> getLatency() {
        return latency;
    }

    public XYChart.Series<Number, Number> getThroughput() {
        return throughput;
    }
    /** HTTP mode: the certificates seen, by days left ({@link #CERT_BUCKETS}). */
    public XYChart.Series<String, Number> getCertificates() {
        return certificates;
    }

    public ScanMode getMode() {
        return mode;
    }

    /** The value shown for a category of a bar series, 0 if absent. */
    public static long valueOf(XYChart.Series<String, Number> series, String category) {
        for (XYChart.Data<String, Number> d : series.getData()) {
            if (d.getXValue().equals(category)) return d.getYValue().longValue();
        }
        return 0;
    }

    // ---- Commands ----

    public void reset(ScanMode newMode) {
        mode = newMode;
        Arrays.fill(latencyCounts, 0);
        Arrays.fill(certificateCounts, 0);
        List<XYChart.Data<String, Number>> certBars = new ArrayList<>();
        for (String label : CERT_BUCKETS) certBars.add(new XYChart.Data<>(label, 0));
        certificates.getData().setAll(certBars);
        errorCounts.clear();
        lastSampleNanos = 0;
        lastSampleDone = 0;
        lastRedrawNanos = Long.MIN_VALUE;
        nextChart = 0;
        outcomes.getData().clear();
        if (newMode == ScanMode.TCP) {
            for (String s : TCP_STATES) outcomes.getData().add(new XYChart.Data<>(s, 0));
        }
        errors.getData().setAll(List.of(new XYChart.Data<>(NO_ERRORS, 0)));
        List<XYChart.Data<String, Number>> buckets = new ArrayList<>();
        for (String label : LATENCY_LABELS) buckets.add(new XYChart.Data<>(label, 0));
        latency.getData().setAll(buckets);
        throughput.getData().clear();
        throughput.getData().add(new XYChart.Data<>(0, 0));
    }

    public void update(List<? extends ProbeResult> batch, ScanProgress progress) {
        for (ProbeResult r : batch) {
            long nanos = r.latencyNanos();
            // only an answer's latency is a round trip: a timeout's is the deadline, an error's when it gave up
            if (nanos >= 0 && r.isAnswered()) latencyCounts[bucketOf(nanos / 1e6)]++;
            String kind = r.errorKind();
            if (kind != null) errorCounts.merge(kind, 1L, Long::sum);
            if (r instanceof HttpResult h && h.certificate() != null) {
                certificateCounts[certificateBucket(h.certificate().daysLeft())]++;
            }
        }
        // one chart per turn, each every REDRAW_MS: a chart's layout (axis ticks, labels) is the
        // dearest thing on a pulse, so four at once would make every fifth pulse a long one
        long now = System.nanoTime();
        if (lastRedrawNanos != Long.MIN_VALUE && now - lastRedrawNanos < REDRAW_MS * 1_000_000L / CHARTS) return;
        lastRedrawNanos = now;
        switch (nextChart) {
            case 0 -> redrawLatency();
            case 1 -> updateOutcomes(progress.outcomes());
            case 2 -> updateErrors();
            default -> sample(progress, false);
        }
        nextChart = (nextChart + 1) % CHARTS;
    }

    private void redrawLatency() {
        ObservableList<XYChart.Data<String, Number>> data = latency.getData();
        for (int i = 0; i < latencyCounts.length; i++) setValue(data.get(i), latencyCounts[i]);
        ObservableList<XYChart.Data<String, Number>> certs = certificates.getData();
        for (int i = 0; i < certificateCounts.length; i++) setValue(certs.get(i), certificateCounts[i]);
    }

    /** The index in {@link #CERT_BUCKETS} of a certificate with {@code daysLeft}. */
    static int certificateBucket(long daysLeft) {
        if (daysLeft < 0) return 0;
        if (daysLeft < 7) return 1;
        if (daysLeft < 30) return 2;
        if (daysLeft < 90) return 3;
        return 4;
    }

    private void redraw(ScanProgress progress) {
        redrawLatency();
        updateOutcomes(progress.outcomes());
        updateErrors();
        sample(progress, false);
    }

    /** Adds the last throughput point (at the scan's end). */
    public void finish(ScanProgress progress) {
        redraw(progress);
        sample(progress, true);
    }

    static int bucketOf(double ms) {
        for (int i = 0; i < LATENCY_BOUNDS_MS.length; i++) {
            if (ms < LATENCY_BOUNDS_MS[i]) return i;
        }
        return LATENCY_BOUNDS_MS.length;
    }

    private void updateOutcomes(Map<String, Long> counts) {
        Map<String, Long> shown = new LinkedHashMap<>();
        if (mode == ScanMode.TCP) {
            for (String s : TCP_STATES) shown.put(s, counts.getOrDefault(s, 0L));
        } else {
            TreeMap<String, Long> codes =
                    new TreeMap<>(Comparator.comparing((String s) -> s.length()).thenComparing(s -> s));
            long none = 0;
            for (Map.Entry<String, Long> e : counts.entrySet()) {
                if (HttpResult.isStatus(e.getKey())) codes.put(e.getKey(), e.getValue());
                else none += e.getValue();
            }
            shown.putAll(codes);
            if (none > 0) shown.put(NO_RESPONSE, none);
        }
        updateBars(outcomes, shown);
    }

    /** True once any result counted as an error. */
    public boolean hasErrors() {
        return !errorCounts.isEmpty();
    }

    private void updateErrors() {
        if (errorCounts.isEmpty()) return;
        if (errors.getData().size() == 1
                && NO_ERRORS.equals(errors.getData().getFirst().getXValue())) {
            List<XYChart.Data<String, Number>> first = new ArrayList<>();
            errorCounts.forEach((k, v) -> first.add(new XYChart.Data<>(k, v)));
            errors.getData().setAll(first);
            return;
        }
        updateBars(errors, errorCounts);
    }

    /** Sets each category's value, adding categories in order as they first appear. */
    private static void updateBars(XYChart.Series<String, Number> series, Map<String, Long> values) {
        Map<String, XYChart.Data<String, Number>> byName = new HashMap<>();
        for (XYChart.Data<String, Number> d : series.getData()) byName.put(d.getXValue(), d);
        List<XYChart.Data<String, Number>> added = new ArrayList<>();
        for (Map.Entry<String, Long> e : values.entrySet()) {
            XYChart.Data<String, Number> d = byName.get(e.getKey());
            if (d == null) added.add(new XYChart.Data<>(e.getKey(), e.getValue()));
            else setValue(d, e.getValue());
        }
        if (!added.isEmpty()) {
            // fresh Data objects: charts do not like a Data removed and re-added in one change
            List<XYChart.Data<String, Number>> all = new ArrayList<>();
            for (XYChart.Data<String, Number> d : series.getData())
                all.add(new XYChart.Data<>(d.getXValue(), d.getYValue()));
            all.addAll(added);
            List<String> order = new ArrayList<>(values.keySet());
            all.sort(Comparator.comparingInt(d -> order.indexOf(d.getXValue())));
            series.getData().setAll(all);
        }
    }

    private static void setValue(XYChart.Data<String, Number> d, long v) {
        if (d.getYValue().longValue() != v) d.setYValue(v);
    }

    private void sample(ScanProgress p, boolean last) {
        long now = p.elapsedNanos();
        long span = now - lastSampleNanos;
        if (span <= 0 || (!last && span < SAMPLE_SECONDS * 1e9)) return;
        // the end soon after a sample: a few checks over a sliver of time would plunge the line
        if (last && throughput.getData().size() > 1 && span < SAMPLE_SECONDS * 1e9 / 4) return;
        double rate = (p.done() - lastSampleDone) * 1e9 / span;
        lastSampleNanos = now;
        lastSampleDone = p.done();
        ObservableList<XYChart.Data<Number, Number>> data = throughput.getData();
        double seconds = Math.round(now / 1e7) / 100.0;
        if (last && data.size() == 1) {
            // a run shorter than one sample: its average as a flat line, not a spike from zero
            data.setAll(
                    List.of(new XYChart.Data<>(0, Math.round(rate)), new XYChart.Data<>(seconds, Math.round(rate))));
            return;
        }
        data.add(new XYChart.Data<>(seconds, Math.round(rate)));
        if (data.size() > MAX_POINTS) {
            List<XYChart.Data<Number, Number>> kept = new ArrayList<>(data.size() / 2 + 1);
            for (int i = 0; i < data.size(); i += 2) kept.add(data.get(i));
            if (!kept.getLast().equals(data.getLast())) kept.add(data.getLast());
            data.setAll(kept);
        }
    }
}
