package org.fanout.ui.results;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableListBase;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.ui.fx.UiExecutor;

/**
 * The results table's items, built to stay responsive at millions of rows.
 *
 * <ul>
 *   <li>Every result is kept once, in arrival order, in an append-only store of fixed-size
 *       chunks (no copying when it grows; four bytes of reference per row besides the record).</li>
 *   <li>What the table shows is an {@code int} index view into the store: absent (identity)
 *       while neither filtered nor sorted, else the indices of the shown rows in shown order.</li>
 *   <li>Appending a batch fires one change: one added range while unsorted, or, while sorted,
 *       the new rows sorted on their own and inserted by binary search, one change listing the
 *       added ranges (never a replacement of the whole list, never a permutation). At most
 *       {@link #SLICE} rows (while sorted: as many as fit {@link #SORTED_BUDGET_NANOS}) are taken
 *       into the view per pulse; a backlog continues on the next frames.</li>
 *   <li>A new filter or sort over more than {@link #SYNC_LIMIT} rows is computed on a
 *       background thread from a snapshot (the store is append-only, so rows below the
 *       snapshot's size never change) and swapped in with one change; rows that arrived in the
 *       meantime are merged in then. {@link #busyProperty()} is true while one is computing, and
 *       {@link #progressProperty()} says how far it got (updated once per frame).</li>
 * </ul>
 *
 * Read-only to everyone but its owner; use on the FX thread only.
 */
final class ResultRows extends ObservableListBase<ProbeResult> {
    /** At most this many new rows are taken into the view per pulse. */
    static final int SLICE = 20_000;
    /** Up to this many rows, a new filter or sort is computed at once on the FX thread. */
    static final int SYNC_LIMIT = 50_000;
    /** While sorted, new rows are inserted in steps of this many (each step moves the view once: O(n)) ... */
    static final int SORTED_STEP = 2_000;
    /** ... until this much FX-thread time was spent in one pulse. */
    static final long SORTED_BUDGET_NANOS = 6_000_000L;

    private static final int SHIFT = 14;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    /** Append-only rows; a snapshot (chunks, size) stays valid and unchanging below its size. */
    private ProbeResult[][] chunks = new ProbeResult[16][];

    private int stored;

    /** The shown rows as store indices, or null for "all rows in arrival order". */
    private int[] view;

    private int viewSize;
    /** Store rows below this have been offered to the view. */
    private int covered;

    private Predicate<? super ProbeResult> viewFilter;
    private Comparator<? super ProbeResult> viewOrder;
    /** Bumped by every new filter/sort and by clear, so late background results are dropped. */
    private long generation;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    /** The background filter/sort being computed, and what copies its progress each frame; else null. */
    private ViewComputation computing;

    private UiExecutor.Ticker progressTicker;
    private final Consumer<ResultRows> onCountsChanged;
    private final UiExecutor ui;
    /** Takes a backlog into the view once per frame while there is one, else null. */
    private UiExecutor.Ticker backlog;

    private Runnable beforeReplace = () -> {};
    private Runnable afterReplace = () -> {};

    /** @param onCountsChanged told after the stored or shown count changed */
    ResultRows(UiExecutor ui, Consumer<ResultRows> onCountsChanged) {
        this.ui = Objects.requireNonNull(ui);
        this.onCountsChanged = Objects.requireNonNull(onCountsChanged);
    }

    // ---- the list the table reads ----

    @Override
    public ProbeResult get(int index) {
        Objects.checkIndex(index, viewSize);
        return row(view == null ? index : view[index]);
    }

    @Override
    public int size() {
        return viewSize;
    }

    /**
     * Called just before and just after a new filter or sort replaces every shown row (one change
     * that a table answers by clearing its selection), so the table can put its selection back.
     */
    void setReplaceHooks(Runnable before, Runnable after) {
        beforeReplace = Objects.requireNonNull(before);
        afterReplace = Objects.requireNonNull(after);
    }

    // ---- state ----

    /** How many results are stored (shown or not). */
    int storedCount() {
        return stored;
    }

    /** The i-th stored result in arrival order. */
    ProbeResult stored(int i) {
        Objects.checkIndex(i, stored);
        return row(i);
    }

    /** All stored rows in arrival order, as a read-only view. */
    List<ProbeResult> storedRows() {
        return new AbstractList<>() {
            @Override
            public ProbeResult get(int index) {
                return stored(index);
            }

            @Override
            public int size() {
                return stored;
            }
        };
    }

    /** True while a filter or sort is being computed in the background. */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** How far the background filter or sort is, 0 to 1, while {@link #busyProperty()} is true. */
    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** True while rows are stored that the view has not taken in yet, or a new view is computing. */
    boolean isSettling() {
        return busy.get() || covered < stored;
    }

    private ProbeResult row(int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    /** Row {@code i} of a (snapshot of the) store. */
    static ProbeResult row(ProbeResult[][] chunks, int i) {
        return chunks[i >>> SHIFT][i & MASK];
    }

    // ---- commands ----

    /** Stores the batch and takes (up to a slice of) it into the view, firing one change. */
    void append(List<? extends ProbeResult> batch) {
        if (batch.isEmpty()) return;
        for (ProbeResult r : batch) {
            int c = stored >>> SHIFT;
            if (c == chunks.length) chunks = Arrays.copyOf(chunks, chunks.length * 2);
            if (chunks[c] == null) chunks[c] = new ProbeResult[CHUNK];
            chunks[c][stored & MASK] = Objects.requireNonNull(r, "result");
            stored++;
        }
        integrate();
    }

    /** Forgets every row (one change removing all shown rows); the filter and sort stay. */
    void forgetAll() {
        generation++;
        stopComputing();
        List<ProbeResult> removed = frozen(chunks, view, viewSize);
        chunks = new ProbeResult[16][];
        stored = 0;
        covered = 0;
        int was = viewSize;
        viewSize = 0;
        view = viewFilter == null && viewOrder == null ? null : new int[16];
        if (was > 0) fireChange(new Ranges(this, new int[] {0}, new int[] {0}, removed));
        onCountsChanged.accept(this);
    }

    /**
     * Shows the rows passing {@code filter} (null: all) in {@code order} (null: arrival order).
     * Computed at once for small stores, else in the background (see the class comment).
     */
    void show(Predicate<? super ProbeResult> filter, Comparator<? super ProbeResult> order) {
        long gen = ++generation;
        stopComputing();
        if (filter == null && order == null) {
            swapIn(null, covered, null, null);
            return;
        }
        ProbeResult[][] snapChunks = chunks.clone();
        int snapSize = stored;
        if (snapSize <= SYNC_LIMIT) {
            swapIn(new ViewComputation().run(snapChunks, snapSize, filter, order), snapSize, filter, order);
            return;
        }
        ViewComputation c = new ViewComputation();
        computing = c;
        progress.set(0);
        busy.set(true);
        progressTicker = ui.everyFrame(() -> progress.set(c.fraction()));
        ui.background(
                "fanout-table-view",
                UiExecutor.Priority.LOW,
                () -> c.run(snapChunks, snapSize, filter, order),
                computed -> {
                    if (gen != generation) return;
                    stopComputing();
                    swapIn(computed, snapSize, filter, order);
                },
                failure -> {
                    if (gen == generation) stopComputing();
                });
    }

    /** Abandons the background filter or sort, if one is computing, and is no longer busy. */
    private void stopComputing() {
        if (computing != null) computing.cancel();
        computing = null;
        if (progressTicker != null) progressTicker.stop();
        progressTicker = null;
        busy.set(false);
    }

    // ---- the view ----

    private void integrate() {
        integrate(SLICE);
    }

    private void integrate(int limit) {
        int end = (int) Math.min(stored, (long) covered + limit);
        if (end > covered) {
            int from = covered;
            if (view == null) {
                covered = end;
                viewSize = end;
                fireChange(new Ranges(this, new int[] {from}, new int[] {end}, null));
            } else if (viewOrder == null) {
                covered = end;
                insert(from, end);
            } else {
                // sorted: binary searches over a big view touch memory all over; take steps
                // until this pulse's budget is spent and leave the rest to the next frames
                long deadline = System.nanoTime() + SORTED_BUDGET_NANOS;
                while (covered < end && System.nanoTime() < deadline) {
                    int stepEnd = Math.min(end, covered + SORTED_STEP);
                    int stepFrom = covered;
                    covered = stepEnd;
                    insert(stepFrom, stepEnd);
                }
            }
            onCountsChanged.accept(this);
        }
        boolean more = covered < stored;
        if (more && backlog == null) {
            backlog = ui.everyFrame(this::integrate);
        } else if (!more && backlog != null) {
            backlog.stop();
            backlog = null;
        }
    }

    /** Takes store rows [from, to) into the filtered and/or sorted view, firing one change. */
    private void insert(int from, int to) {
        int[] added = new int[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (viewFilter == null || viewFilter.test(row(i))) added[k++] = i;
        }
        if (k == 0) return;
        ensureCapacity(viewSize + k);
        if (viewOrder == null) {
            System.arraycopy(added, 0, view, viewSize, k);
            viewSize += k;
            fireChange(new Ranges(this, new int[] {viewSize - k}, new int[] {viewSize}, null));
            return;
        }
        IndexSort.sort(added, 0, k, indexOrder(chunks, viewOrder));
        // where each new row goes among the old ones (after equal ones: arrival order breaks ties)
        int[] at = new int[k];
        int lo = 0;
        for (int j = 0; j < k; j++) {
            lo = upperBound(lo, viewSize, row(added[j]));
            at[j] = lo;
        }
        // move blocks from the back; new row j ends at at[j] + j
        int oldEnd = viewSize;
        for (int j = k - 1; j >= 0; j--) {
            int block = oldEnd - at[j];
            if (block > 0) System.arraycopy(view, at[j], view, at[j] + j + 1, block);
            view[at[j] + j] = added[j];
            oldEnd = at[j];
        }
        viewSize += k;
        // contiguous runs of final positions
        int runs = 0;
        int[] froms = new int[k];
        int[] tos = new int[k];
        for (int j = 0; j < k; j++) {
            int pos = at[j] + j;
            if (runs > 0 && tos[runs - 1] == pos) tos[runs - 1] = pos + 1;
            else {
                froms[runs] = pos;
                tos[runs] = pos + 1;
                runs++;
            }
        }
        fireChange(new Ranges(this, Arrays.copyOf(froms, runs), Arrays.copyOf(tos, runs), null));
    }

    /** The first view position in [lo, hi) whose row sorts after {@code r}. */
    @SuppressWarnings("unchecked")
    private int upperBound(int lo, int hi, ProbeResult r) {
        Comparator<ProbeResult> c = (Comparator<ProbeResult>) viewOrder;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (c.compare(row(view[mid]), r) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void ensureCapacity(int n) {
        if (view.length < n) view = Arrays.copyOf(view, Math.max(n, view.length + (view.length >> 1) + 16));
    }

    /**
     * Replaces the view with {@code computed} (store rows below {@code snapSize}, filtered and
     * sorted), merging in the rows the old view took in after the snapshot, with one change.
     */
    private void swapIn(
            int[] computed,
            int snapSize,
            Predicate<? super ProbeResult> filter,
            Comparator<? super ProbeResult> order) {
        int was = viewSize;
        boolean replacing = was > 0 || (computed == null ? covered : computed.length) > 0 || covered > snapSize;
        if (replacing) beforeReplace.run(); // while the old rows are still what the list shows
        List<ProbeResult> removed = frozen(chunks, view, viewSize);
        viewFilter = filter;
        viewOrder = order;
        if (computed == null) {
            view = null;
            viewSize = covered;
        } else {
            view = computed;
            viewSize = computed.length;
            if (snapSize < covered) insertQuietly(snapSize, covered);
            else covered = snapSize;
        }
        if (was > 0 || viewSize > 0) fireChange(new Ranges(this, new int[] {0}, new int[] {viewSize}, removed));
        if (replacing) afterReplace.run();
        onCountsChanged.accept(this);
    }

    /** Like {@link #insert} but without firing (the caller fires one change for all). */
    private void insertQuietly(int from, int to) {
        int[] added = new int[to - from];
        int k = 0;
        for (int i = from; i < to; i++) {
            if (viewFilter == null || viewFilter.test(row(i))) added[k++] = i;
        }
        if (k == 0) return;
        if (viewOrder == null) {
            ensureCapacity(viewSize + k);
            System.arraycopy(added, 0, view, viewSize, k);
        } else {
            IndexSort.IntComparator c = indexOrder(chunks, viewOrder);
            IndexSort.sort(added, 0, k, c);
            view = IndexSort.merge(view, viewSize, added, k, c);
        }
        viewSize += k;
    }

    @SuppressWarnings("unchecked")
    static IndexSort.IntComparator indexOrder(ProbeResult[][] chunks, Comparator<? super ProbeResult> order) {
        Comparator<ProbeResult> c = (Comparator<ProbeResult>) order;
        return (a, b) -> c.compare(chunks[a >>> SHIFT][a & MASK], chunks[b >>> SHIFT][b & MASK]);
    }

    /** The shown rows as they are now, as a list that later appends do not change. */
    private static List<ProbeResult> frozen(ProbeResult[][] chunks, int[] view, int size) {
        ProbeResult[][] c = chunks.clone();
        int[] v = view == null ? null : Arrays.copyOf(view, size);
        return new AbstractList<>() {
            @Override
            public ProbeResult get(int index) {
                Objects.checkIndex(index, size);
                int i = v == null ? index : v[index];
                return c[i >>> SHIFT][i & MASK];
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** A change made of ascending ranges [from, to) added (the first may also replace {@code removed}). */
    private static final class Ranges extends ListChangeListener.Change<ProbeResult> {
        private final int[] froms;
        private final int[] tos;
        private final List<ProbeResult> removed;
        private int cursor = -1;

        Ranges(ResultRows list, int[] froms, int[] tos, List<ProbeResult> removed) {
            super(list);
            this.froms = froms;
            this.tos = tos;
            this.removed = removed;
        }

        @Override
        public boolean next() {
            if (cursor + 1 >= froms.length) return false;
            cursor++;
            return true;
        }

        @Override
        public void reset() {
            cursor = -1;
        }

        @Override
        public int getFrom() {
            check();
            return froms[cursor];
        }

        @Override
        public int getTo() {
            check();
            return tos[cursor];
        }

        @Override
        public List<ProbeResult> getRemoved() {
            check();
            return cursor == 0 && removed != null ? removed : List.of();
        }

        @Override
        protected int[] getPermutation() {
            check();
            return new int[0];
        }

        private void check() {
            if (cursor < 0) throw new IllegalStateException("call next() first");
        }
    }
}
