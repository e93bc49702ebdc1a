package org.fanout.ui.results;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.CellSafety;
import org.fanout.export.Columns;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResultWriters;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.UiExecutor;

/**
 * The results table's data: every result record as it came (nothing per cell is kept), in a
 * {@link ResultRows} store whose shown rows are an index view filtered by free text and by state
 * or status class and sorted by the table's order (both computed off the FX thread for many
 * rows), CSV export of all or of the filtered rows (the CLI's columns, via {@link Columns}) and
 * copying rows as TSV.
 */
public final class ResultsViewModel {
    /** The state filter value that shows every row. */
    public static final String ALL = "all";
    /** {@link #ALL}, then the results' categories. */
    public static final List<String> TCP_FILTERS = withAll(TcpResult.CATEGORIES);

    public static final List<String> HTTP_FILTERS = withAll(HttpResult.CATEGORIES);

    private static final String NO_RESULTS = "No results yet — fill in the form and press Start (Ctrl+Enter).";
    private static final String NONE_MATCH = "No results match the filter";

    // ---- Properties ----
    private final ReadOnlyObjectWrapper<ScanMode> mode = new ReadOnlyObjectWrapper<>(this, "mode", ScanMode.TCP);
    private final StringProperty filterText = new SimpleStringProperty(this, "filterText", "");
    private final StringProperty stateFilter = new SimpleStringProperty(this, "stateFilter", ALL);
    private final ObservableList<String> stateFilters = FXCollections.observableArrayList(TCP_FILTERS);
    private final ObjectProperty<Integer> certExpiresWithin = new SimpleObjectProperty<>(this, "certExpiresWithin");
    private final BooleanProperty untrustedOnly = new SimpleBooleanProperty(this, "untrustedOnly", false);
    private final ReadOnlyIntegerWrapper rowCount = new ReadOnlyIntegerWrapper(this, "rowCount", 0);
    private final ReadOnlyIntegerWrapper shownCount = new ReadOnlyIntegerWrapper(this, "shownCount", 0);
    /** Every row in a compact store; what the table shows is an index view into it. */
    private final ResultRows tableRows;

    private final UiExecutor ui;
    private final ReadOnlyObjectWrapper<Comparator<? super ProbeResult>> comparator =
            new ReadOnlyObjectWrapper<>(this, "comparator");
    private Predicate<ProbeResult> predicate;
    private final BooleanProperty byHost = new SimpleBooleanProperty(this, "byHost", false);

    /** @param ui how sorting and filtering in the background reach the UI thread */
    public ResultsViewModel(UiExecutor ui) {
        this.ui = ui;
        tableRows = new ResultRows(ui, r -> {
            rowCount.set(r.storedCount());
            shownCount.set(r.size());
        });
        filterText.addListener(o -> refilter());
        stateFilter.addListener(o -> refilter());
        certExpiresWithin.addListener(o -> refilter());
        untrustedOnly.addListener(o -> refilter());
    }

    /** View → By host (one row per host) instead of By port (one row per target). */
    public BooleanProperty byHostProperty() {
        return byHost;
    }

    public boolean isByHost() {
        return byHost.get();
    }

    public void setByHost(boolean value) {
        byHost.set(value);
    }

    public ReadOnlyObjectProperty<ScanMode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ScanMode getMode() {
        return mode.get();
    }

    /** Free text: a row is shown when any of its cells contains it (ignoring case). */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    public String getFilterText() {
        return filterText.get();
    }

    public void setFilterText(String value) {
        filterText.set(value);
    }

    /** {@link #ALL}, a TCP state, or an HTTP status class / "errors". */
    public StringProperty stateFilterProperty() {
        return stateFilter;
    }

    public String getStateFilter() {
        return stateFilter.get();
    }

    public void setStateFilter(String value) {
        stateFilter.set(value);
    }

    /** Days: only rows whose certificate expires within them (expired ones included); null for no such filter. */
    public ObjectProperty<Integer> certExpiresWithinProperty() {
        return certExpiresWithin;
    }

    public Integer getCertExpiresWithin() {
        return certExpiresWithin.get();
    }

    public void setCertExpiresWithin(Integer days) {
        certExpiresWithin.set(days);
    }

    /** Only rows with a certificate that is not trusted. */
    public BooleanProperty untrustedOnlyProperty() {
        return untrustedOnly;
    }

    public boolean isUntrustedOnly() {
        return untrustedOnly.get();
    }

    public void setUntrustedOnly(boolean value) {
        untrustedOnly.set(value);
    }

    /** The state filter values for the current mode. */
    public ObservableList<String> getStateFilters() {
        return FXCollections.unmodifiableObservableList(stateFilters);
    }

    /** Every result so far, in arrival order (a read-only view). */
    public List<ProbeResult> getRows() {
        return tableRows.storedRows();
    }

    /**
     * The rows as the table shows them: filtered, and sorted once {@link #sortBy} got a comparator.
     * A new filter or sort of many rows is computed in the background ({@link #busyProperty()}).
     */
    public ObservableList<ProbeResult> getTableRows() {
        return tableRows;
    }

    /** True while a new filter or sort is being computed off the FX thread. */
    public ReadOnlyBooleanProperty busyProperty() {
        return tableRows.busyProperty();
    }

    /** How far the background filter or sort is, 0 to 1, while {@link #busyProperty()} is true. */
    public ReadOnlyDoubleProperty progressProperty() {
        return tableRows.progressProperty();
    }

    /** True while the table does not yet show the current filter and sort over every stored row. */
    public boolean isSettling() {
        return tableRows.isSettling();
    }

    /** The table's current sort, or null for arrival order. */
    public ReadOnlyObjectProperty<Comparator<? super ProbeResult>> comparatorProperty() {
        return comparator.getReadOnlyProperty();
    }

    public Comparator<? super ProbeResult> getComparator() {
        return comparator.get();
    }

    public ReadOnlyIntegerProperty rowCountProperty() {
        return rowCount.getReadOnlyProperty();
    }

    public int getRowCount() {
        return rowCount.get();
    }

    public ReadOnlyIntegerProperty shownCountProperty() {
        return shownCount.getReadOnlyProperty();
    }

    public int getShownCount() {
        return shownCount.get();
    }

    /** What the table says when it shows no row: that there is none yet, or that the filter hides them all. */
    public StringBinding placeholderBinding() {
        return Bindings.createStringBinding(
                () -> rowCount.get() == 0
                        ? NO_RESULTS
                        : NONE_MATCH + " (" + Formats.count(rowCount.get(), "result") + " hidden)",
                rowCount);
    }

    // ---- Commands ----

    private static List<String> withAll(List<String> categories) {
        List<String> all = new ArrayList<>(categories.size() + 1);
        all.add(ALL);
        all.addAll(categories);
        return List.copyOf(all);
    }

    /** Empties the table for a new scan of the given mode. */
    public void reset(ScanMode newMode) {
        tableRows.forgetAll();
        if (newMode != mode.get()) {
            mode.set(newMode);
            stateFilters.setAll(newMode == ScanMode.TCP ? TCP_FILTERS : HTTP_FILTERS);
            stateFilter.set(ALL);
        }
    }

    /** Sorts the table's rows with {@code order} (null: arrival order); new rows keep to it. */
    public void sortBy(Comparator<? super ProbeResult> order) {
        comparator.set(order);
        tableRows.show(predicate, order);
    }

    /** Appends a batch (one change to the table; a huge batch is taken in over several pulses). */
    public void addAll(List<? extends ProbeResult> batch) {
        tableRows.append(batch);
    }

    /** Writes all rows (in arrival order), or only the filtered ones (in table order), as CSV with the CLI's header and columns. */
    public int exportCsv(Path file, boolean filteredOnly) throws IOException {
        return export(file, filteredOnly, ExportFormat.CSV);
    }

    /**
     * Writes all rows (in arrival order) or only the shown ones (in table order): CSV and JSON lines
     * as the CLI writes them; a list has one line per open port ({@code ip:port}, IPv6 in brackets)
     * or per URL that answered. Returns the number of lines of results written.
     */
    public int export(Path file, boolean filteredOnly, ExportFormat format) throws IOException {
        return write(file, filteredOnly ? List.copyOf(tableRows) : List.copyOf(getRows()), mode.get(), format);
    }

    /**
     * As {@link #export(Path, boolean, ExportFormat)}, but only the snapshot of the rows is taken
     * on the UI thread: the file is written in the background, then {@code written} gets the
     * count, or {@code failed} what went wrong (on the UI thread).
     */
    public void exportInBackground(
            Path file,
            boolean filteredOnly,
            ExportFormat format,
            Consumer<Integer> written,
            Consumer<Throwable> failed) {
        List<ProbeResult> source = filteredOnly ? List.copyOf(tableRows) : List.copyOf(getRows());
        ScanMode m = mode.get();
        ui.background("fanout-export", UiExecutor.Priority.LOW, () -> write(file, source, m, format), written, failed);
    }

    private static int write(Path file, List<ProbeResult> source, ScanMode mode, ExportFormat format)
            throws IOException {
        int n = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            if (format == ExportFormat.LIST) {
                for (ProbeResult r : source) {
                    String line = listLine(r);
                    if (line == null) continue;
                    out.write(line);
                    out.write('\n');
                    n++;
                }
                return n;
            }
            OutputFormat f = format == ExportFormat.CSV ? OutputFormat.CSV : OutputFormat.JSON;
            if (mode == ScanMode.TCP) {
                try (ResultWriter<TcpResult> w = ResultWriters.tcp(f, out, true, false)) {
                    for (ProbeResult r : source) w.write((TcpResult) r);
                }
            } else {
                try (ResultWriter<HttpResult> w = ResultWriters.http(f, out, true, false)) {
                    for (ProbeResult r : source) w.write((HttpResult) r);
                }
            }
        }
        return source.size();
    }

    /** A row's line in a plain list: open TCP ports as ip:port, answering URLs; null for the rest. */
    static String listLine(ProbeResult r) {
        if (r instanceof TcpResult t) {
            if (t.state() != TcpState.OPEN) return null;
            String ip = t.ip() == null || t.ip().isEmpty() ? t.host() : t.ip();
            return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + t.port();
        }
        HttpResult h = (HttpResult) r;
        return h.isAnswered() ? CellSafety.escapeControls(h.url()) : null;
    }

    /** The given rows as tab-separated text with a header line, for the clipboard. */
    public String copyText(List<? extends ProbeResult> selected) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join("\t", header())).append('\n');
        for (ProbeResult r : selected) {
            boolean tcp = r instanceof TcpResult;
            List<String> cells = tcp ? Columns.tcpRow((TcpResult) r) : Columns.httpRow((HttpResult) r);
            List<String> names = tcp ? Columns.TCP : Columns.HTTP;
            List<String> safe = new ArrayList<>(cells.size());
            for (int i = 0; i < cells.size(); i++) { // Columns escapes the server's own text already: not twice
                safe.add(
                        Columns.ESCAPED.contains(names.get(i))
                                ? cells.get(i)
                                : CellSafety.escapeControls(cells.get(i)));
            }
            sb.append(String.join("\t", safe)).append('\n');
        }
        return sb.toString();
    }

    public List<String> header() {
        return mode.get() == ScanMode.TCP ? Columns.TCP : Columns.HTTP;
    }

    private void refilter() {
        String text = filterText.get() == null ? "" : filterText.get().strip().toLowerCase(Locale.ROOT);
        String state = stateFilter.get() == null ? ALL : stateFilter.get();
        Integer days = certExpiresWithin.get();
        boolean untrusted = untrustedOnly.get();
        if (text.isEmpty() && ALL.equals(state) && days == null && !untrusted) {
            predicate = null;
        } else {
            Predicate<ProbeResult> byState = ALL.equals(state) ? r -> true : r -> state.equals(r.category());
            Predicate<ProbeResult> byText = text.isEmpty() ? r -> true : r -> matches(r, text);
            Predicate<ProbeResult> byCertificate = r -> certificateMatches(certificateOf(r), days, untrusted);
            predicate = byState.and(byText).and(byCertificate);
        }
        tableRows.show(predicate, comparator.get());
    }

    private static CertificateInfo certificateOf(ProbeResult r) {
        return r instanceof TcpResult t ? t.certificate() : ((HttpResult) r).certificate();
    }

    /** With either certificate filter on, a row without a certificate is not shown. */
    static boolean certificateMatches(CertificateInfo c, Integer expiresWithin, boolean untrustedOnly) {
        if (expiresWithin == null && !untrustedOnly) return true;
        if (c == null) return false;
        return (expiresWithin == null || c.daysLeft() <= expiresWithin) && (!untrustedOnly || !c.trusted());
    }

    private static boolean matches(ProbeResult r, String needle) {
        if (r instanceof TcpResult t) {
            return has(t.host(), needle)
                    || has(t.ip(), needle)
                    || has(Integer.toString(t.port()), needle)
                    || has(t.service(), needle)
                    || has(t.state() == null ? null : t.state().label(), needle)
                    || has(t.banner(), needle)
                    || has(t.error(), needle);
        }
        HttpResult h = (HttpResult) r;
        return has(h.url(), needle)
                || (h.status() > 0 && has(Integer.toString(h.status()), needle))
                || has(h.finalUrl(), needle)
                || has(h.error(), needle);
    }

    private static boolean has(String hay, String needle) {
        return hay != null && hay.toLowerCase(Locale.ROOT).contains(needle);
    }
}
