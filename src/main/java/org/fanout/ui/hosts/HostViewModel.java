package org.fanout.ui.hosts;

import java.net.URI;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.IpOrder;
import org.fanout.ui.fx.BackgroundPriority;
import org.fanout.ui.fx.BatchingAdapter;
import org.fanout.ui.fx.UiExecutor;

/**
 * The host view's rows: one per host, aggregated from each batch the scan's {@link BatchingAdapter}
 * hands over. The aggregation runs on one background thread (the FX thread only submits the
 * batch), and at most every {@value #PUBLISH_MS} ms (longer when the FX thread is slow to take
 * the rows in: {@link #publishIntervalNanos}) a fresh list, sorted by IP, replaces the shown rows
 * in one change. A reset makes every later publish of the old scan be dropped. While
 * the rows are not on screen ({@link #setShown}) results are still tallied, but no list is sorted
 * or handed over: on a scan of a million hosts that was seconds of CPU for a view nobody looked at.
 */
public final class HostViewModel {
    static final long PUBLISH_MS = 250;
    /** Publishes wait at least this many times what the FX thread took to take the last one in. */
    static final int APPLY_SHARE = 10;
    /** ... but never more than this apart (one slow take-in, a long GC pause, must not hide rows for long). */
    static final long MAX_PUBLISH_GAP_MS = 5_000;
    /** A host's open ports are listed up to this many; more are counted. */
    static final int PORTS_LISTED = 20;

    private final ObservableList<HostRow> rows = FXCollections.observableArrayList();
    /** The per-port table's free-text filter, which the host view applies too. */
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    /** The rows the filter lets through. */
    private final FilteredList<HostRow> shownRows = new FilteredList<>(rows);

    private static final String NO_HOSTS = "No hosts yet — the host view fills as results come in.";
    private static final String NONE_MATCH = "No hosts match the filter";
    private final UiExecutor ui;
    /** At the lowest OS priority, as other work a frame never waits for (see BackgroundPriority). */
    private final ExecutorService worker = Executors.newSingleThreadExecutor(BackgroundPriority.lowering(
            Thread.ofPlatform().daemon().name("fanout-hosts").factory()));
    // ---- confined to the worker thread ----
    private final Map<String, Acc> hosts = new HashMap<>();
    private long lastPublish;
    private boolean publishQueued;
    /** The generation of the batch merged last: what a queued publish shows, whichever batch queued it. */
    private long merged;
    // ---- FX thread ----
    private long generation;
    private volatile long shownGeneration;
    private volatile boolean shown = true;
    /** What the FX thread took to take the last published list in (its table re-sorts it). */
    private volatile long applyNanos;

    /** @param ui how published rows reach the UI thread */
    public HostViewModel(UiExecutor ui) {
        this.ui = Objects.requireNonNull(ui, "ui");
        filterText.addListener(o -> {
            String text =
                    filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
            shownRows.setPredicate(text.isEmpty() ? null : r -> matches(r, text));
        });
    }

    /** The rows, sorted by IP then host (FX thread). */
    public ObservableList<HostRow> getRows() {
        return rows;
    }

    /** The rows the filter lets through, in the order of {@link #getRows()}. */
    public ObservableList<HostRow> getShownRows() {
        return shownRows;
    }

    /** The free-text filter (the per-port table's: the view binds it). */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    /**
     * What the table says when it shows no row: that there is no host yet, or that the filter
     * hides them all, in the per-port table's words.
     */
    public StringBinding placeholderBinding() {
        return Bindings.createStringBinding(
                () -> rows.isEmpty() ? NO_HOSTS : NONE_MATCH + " (" + Formats.count(rows.size(), "host") + " hidden)",
                rows);
    }

    private static boolean matches(HostRow r, String needle) {
        for (String s : List.of(r.host(), r.ip(), r.state(), r.ports())) {
            if (s != null && s.toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        return false;
    }

    /**
     * Whether the rows are on screen (FX thread). Hidden, publishing waits; shown again, what is
     * tallied is published at once.
     */
    public void setShown(boolean shown) {
        this.shown = shown;
        if (shown) flush();
    }

    /** Forgets every host (a new scan). */
    public void reset() {
        long g = ++generation;
        shownGeneration = g;
        rows.clear();
        applyNanos = 0; // a new scan starts small: the last one's big table says nothing about it
        worker.execute(() -> {
            hosts.clear();
            publishQueued = false;
            lastPublish = 0;
        });
    }

    /**
     * Takes a batch (FX thread); the rows follow at the next publish ({@link #publishIntervalNanos}),
     * or once they are shown.
     */
    public void addAll(List<? extends ProbeResult> batch) {
        if (batch.isEmpty()) return;
        long g = generation;
        List<? extends ProbeResult> copy = List.copyOf(batch);
        worker.execute(() -> {
            for (ProbeResult r : copy) merge(r);
            merged = g;
            schedulePublish(g);
        });
    }

    /** Publishes what is aggregated now, without waiting for the next slot (a scan ended); if shown. */
    public void flush() {
        long g = generation;
        worker.execute(() -> publish(g));
    }

    /** Waits until the worker has taken everything submitted so far (tests). */
    void awaitIdle() throws InterruptedException {
        var done = new CountDownLatch(1);
        worker.execute(done::countDown);
        if (!done.await(30, TimeUnit.SECONDS))
            throw new IllegalStateException("the hosts worker is still busy after 30 s");
    }

    /**
     * The least time between two publishes: {@value #APPLY_SHARE} times what the FX thread took to
     * take the last list in, at least {@value #PUBLISH_MS} ms and at most {@value
     * #MAX_PUBLISH_GAP_MS}. The table re-sorts
     * and re-filters every row it is given: for a million hosts that took the FX thread about a
     * second each time, so at four a second nothing else ran (and the scan, handed over on that
     * thread, slowed to half its speed).
     */
    private long publishIntervalNanos() {
        return Math.clamp(APPLY_SHARE * applyNanos, PUBLISH_MS * 1_000_000L, MAX_PUBLISH_GAP_MS * 1_000_000L);
    }

    private void schedulePublish(long g) {
        long now = System.nanoTime();
        long due = lastPublish + publishIntervalNanos();
        if (now - due >= 0) {
            publish(g);
        } else if (!publishQueued) {
            publishQueued = true;
            long waitMillis = Math.max(1, (due - now) / 1_000_000L);
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                // the scan's own generation, not g: a timer the last scan queued may be the one
                // that finds this scan's batch waiting (the flag is one for both)
                worker.execute(() -> {
                    if (publishQueued) publish(merged);
                });
            });
        }
    }

    private void publish(long g) {
        publishQueued = false;
        if (!shown) return; // setShown(true) publishes
        lastPublish = System.nanoTime();
        List<HostRow> snapshot = new ArrayList<>(hosts.size());
        for (Acc a : hosts.values()) snapshot.add(a.row());
        snapshot.sort(ROW_ORDER);
        ui.onUi(() -> {
            if (g != shownGeneration) return;
            long start = System.nanoTime();
            rows.setAll(snapshot);
            applyNanos = System.nanoTime() - start;
        });
    }

    /** The rows' order: IP as a number, parsed once per host ({@link HostRow#BY_IP}), then host. */
    private static final Comparator<HostRow> ROW_ORDER = HostRow.BY_IP.thenComparing(HostRow::host);

    private void merge(ProbeResult r) {
        if (r instanceof TcpResult t) {
            String key = t.ip() == null || t.ip().isEmpty() ? t.host() : t.ip();
            hosts.computeIfAbsent(key, k -> new Acc(t.host(), t.ip() == null ? "" : t.ip(), true))
                    .add(t);
        } else if (r instanceof HttpResult h) {
            String host = hostOf(h.url());
            hosts.computeIfAbsent(host, k -> new Acc(host, "", false)).add(h);
        }
    }

    /** A URL's host[:port], or the URL itself if it has none. */
    static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) return url;
            String h = u.getHost();
            return u.getPort() >= 0 ? h + ":" + u.getPort() : h;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** HTTP categories from best to worst: a 2xx is best, a redirect or client error worse than a 1xx. */
    private static final List<String> BEST_FIRST = List.of("2xx", "1xx", "3xx", "4xx", "5xx");

    /** HTTP severity: higher is worse; a status past 5xx is worse than any class, no response worst. */
    static int severity(HttpResult h) {
        int rank = BEST_FIRST.indexOf(h.category());
        return rank >= 0 ? rank : h.isAnswered() ? BEST_FIRST.size() : BEST_FIRST.size() + 1;
    }

    /** One host's tallies (worker thread only). */
    private static final class Acc {
        final String host;
        final String ip;
        final long ipv4;
        final boolean tcp;
        final BitSet openPorts = new BitSet();
        boolean answered;
        int checked;
        int open;
        HttpResult worst;
        /** The row last published, until a result changes the tallies: most hosts of a large scan stay as they were. */
        private HostRow shown;

        Acc(String host, String ip, boolean tcp) {
            this.host = host;
            this.ip = ip;
            this.ipv4 = IpOrder.ipv4(ip);
            this.tcp = tcp;
        }

        void add(TcpResult t) {
            shown = null;
            checked++;
            if (t.state() == TcpState.OPEN) {
                if (!openPorts.get(t.port())) open++;
                openPorts.set(t.port());
            }
            if (t.isAnswered()) answered = true;
        }

        void add(HttpResult h) {
            shown = null;
            checked++;
            if (h.isAnswered()) open++;
            if (worst == null || severity(h) > severity(worst)) worst = h;
        }

        HostRow row() {
            if (shown == null) shown = newRow();
            return shown;
        }

        private HostRow newRow() {
            if (!tcp) {
                String state = worst.isAnswered() ? worst.outcome() : "error";
                return new HostRow(host, ip, state, worst.url(), open, checked, ipv4);
            }
            StringBuilder ports = new StringBuilder();
            int listed = 0;
            for (int p = openPorts.nextSetBit(0); p >= 0; p = openPorts.nextSetBit(p + 1)) {
                if (listed == PORTS_LISTED) {
                    ports.append(" … (").append(Formats.count(open)).append(" open)");
                    break;
                }
                if (listed++ > 0) ports.append(", ");
                ports.append(p);
            }
            return new HostRow(host, ip, answered ? "alive" : "dead", ports.toString(), open, checked, ipv4);
        }
    }
}
