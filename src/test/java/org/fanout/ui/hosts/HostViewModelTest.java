package org.fanout.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.ListChangeListener;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.fx.BackgroundPriority;
import org.fanout.ui.fx.BackgroundPriorityTest;
import org.fanout.ui.fx.DirectUiExecutor;
import org.junit.jupiter.api.Test;

/** The host view's aggregation, without a toolkit: rows hand over on the worker's own thread. */
class HostViewModelTest {
    private static TcpResult result(String host, String ip, int port, TcpState state) {
        return new TcpResult(host, ip, port, "", state, 1_000_000, null, null);
    }

    private static List<String> hostsInOrder(HostViewModel vm) {
        List<String> shown = new ArrayList<>();
        for (HostRow r : vm.getRows()) shown.add(r.host());
        return shown;
    }

    @Test
    void rowsAreSortedByAddressAsNumbersThenHostAndFollowEachNewResult() throws Exception {
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        vm.addAll(List.of(
                result("b.example", "127.0.0.10", 22, TcpState.CLOSED),
                result("unresolved", "", 22, TcpState.FILTERED),
                result("a.example", "127.0.0.2", 22, TcpState.CLOSED),
                result("six", "::1", 22, TcpState.CLOSED),
                result("c.example", "127.0.0.2", 80, TcpState.CLOSED)));
        vm.flush();
        vm.awaitIdle();
        assertThat(hostsInOrder(vm)).containsExactly("a.example", "b.example", "six", "unresolved");
        HostRow before = vm.getRows().getFirst();
        assertThat(before.checked()).isEqualTo(2);
        assertThat(before.open()).isZero();

        // a later result for a host already shown: its row changes, the others stay as they were
        HostRow untouched = vm.getRows().get(1);
        vm.addAll(List.of(
                result("a.example", "127.0.0.2", 443, TcpState.OPEN),
                result("a.example", "127.0.0.2", 22, TcpState.OPEN)));
        vm.flush();
        vm.awaitIdle();
        HostRow after = vm.getRows().getFirst();
        assertThat(after.host()).isEqualTo("a.example");
        assertThat(after.checked()).isEqualTo(4);
        assertThat(after.open()).isEqualTo(2);
        assertThat(after.ports()).isEqualTo("22, 443");
        assertThat(after.state()).isEqualTo("alive");
        assertThat(vm.getRows().get(1)).isSameAs(untouched);
    }

    /**
     * A new scan's first batch arrives while the last scan's publish timer is still pending: that
     * timer must not use up the publish the new batch queued, or the new rows would wait for the
     * scan's next batch or its end.
     */
    @Test
    void aNewScansRowsFollowByThemselvesWhileTheLastScansTimerIsPending() throws Exception {
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        List<List<String>> shown = new CopyOnWriteArrayList<>(); // rows change on the worker's thread
        vm.getRows().addListener((ListChangeListener<HostRow>) change -> {
            List<String> now = new ArrayList<>();
            for (HostRow r : change.getList()) now.add(r.host());
            shown.add(now);
        });
        vm.addAll(List.of(result("old", "127.0.0.1", 22, TcpState.CLOSED))); // published at once
        vm.addAll(List.of(result("old2", "127.0.0.2", 22, TcpState.CLOSED))); // queues a publish for later
        Thread.sleep(HostViewModel.PUBLISH_MS / 2); // so that the old scan's timer fires first
        vm.reset();
        vm.addAll(List.of(result("new", "127.0.0.3", 22, TcpState.CLOSED))); // no flush after it
        long deadline = System.nanoTime() + 4 * HostViewModel.PUBLISH_MS * 1_000_000L;
        while (System.nanoTime() < deadline
                && (shown.isEmpty() || !shown.getLast().equals(List.of("new")))) {
            Thread.sleep(10);
        }
        assertThat(shown).isNotEmpty();
        assertThat(shown.getLast())
                .as("rows %d ms after the new scan's batch", 4 * HostViewModel.PUBLISH_MS)
                .containsExactly("new");
    }

    /**
     * With hosts that the filter hides, the table says so, in the per-port table's words: it said
     * "No hosts yet" over hosts that were there.
     */
    @Test
    void thePlaceholderSaysWhenTheFilterHidesEveryHost() throws Exception {
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        var placeholder = vm.placeholderBinding();
        assertThat(placeholder.get()).isEqualTo("No hosts yet — the host view fills as results come in.");
        vm.addAll(List.of(result("a", "127.0.0.1", 22, TcpState.OPEN), result("b", "127.0.0.2", 22, TcpState.CLOSED)));
        vm.flush();
        vm.awaitIdle();
        vm.filterTextProperty().set("127.0.0.2");
        assertThat(vm.getShownRows()).extracting(HostRow::host).containsExactly("b");
        vm.filterTextProperty().set("nothing like it");
        assertThat(vm.getShownRows()).isEmpty();
        assertThat(placeholder.get()).isEqualTo("No hosts match the filter (2 hosts hidden)");
        vm.reset();
        assertThat(placeholder.get()).isEqualTo("No hosts yet — the host view fills as results come in.");
    }

    @Test
    void hiddenRowsAreTalliedButPublishedOnlyOnceShown() throws Exception {
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        vm.setShown(false);
        vm.addAll(List.of(result("b", "127.0.0.2", 22, TcpState.CLOSED), result("a", "127.0.0.1", 22, TcpState.OPEN)));
        vm.flush();
        vm.addAll(List.of(result("a", "127.0.0.1", 80, TcpState.OPEN)));
        vm.flush();
        vm.awaitIdle();
        assertThat(vm.getRows()).as("rows while hidden").isEmpty();
        vm.setShown(true);
        vm.awaitIdle();
        assertThat(hostsInOrder(vm)).containsExactly("a", "b");
        assertThat(vm.getRows().getFirst().ports()).isEqualTo("22, 80");
    }

    /**
     * When the FX thread is slow to take the rows in (a table re-sorting a million hosts), the
     * publishes space out to {@value HostViewModel#APPLY_SHARE} times that, and still come.
     */
    @Test
    void publishesSpaceOutWhenTakingTheRowsInIsSlow() throws Exception {
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        List<Long> publishedAt = new CopyOnWriteArrayList<>();
        vm.getRows().addListener((ListChangeListener<HostRow>) change -> {
            publishedAt.add(System.nanoTime());
            try {
                Thread.sleep(100); // what a big table's re-sort would take
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long end = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; System.nanoTime() < end; i++) {
            vm.addAll(List.of(result("h" + i, "127.0." + (i >> 8 & 255) + "." + (i & 255), 22, TcpState.CLOSED)));
            Thread.sleep(20);
        }
        vm.awaitIdle();
        // 3 s at one publish per 250 ms + 100 ms would be 8; at one per 10 x 100 ms, 3 or 4
        assertThat(publishedAt).hasSizeBetween(2, 4);
        for (int i = 1; i < publishedAt.size(); i++) {
            assertThat(publishedAt.get(i) - publishedAt.get(i - 1))
                    .as("ns between publishes")
                    .isGreaterThan(900_000_000L);
        }
    }

    /** The spacing a big scan's slow take-in set does not hold a new scan's first rows back. */
    @Test
    void aNewScansRowsAreNotHeldBackByTheLastScansSlowTakeIn() throws Exception {
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        List<List<String>> shown = new CopyOnWriteArrayList<>();
        vm.getRows().addListener((ListChangeListener<HostRow>) change -> {
            List<String> now = new ArrayList<>();
            for (HostRow r : change.getList()) now.add(r.host());
            shown.add(now);
            try {
                Thread.sleep(100); // a big table's re-sort: the next publish waits 10 x as long
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        vm.addAll(List.of(result("old", "127.0.0.1", 22, TcpState.CLOSED)));
        vm.awaitIdle();
        vm.reset();
        long start = System.nanoTime();
        vm.addAll(List.of(result("new", "127.0.0.2", 22, TcpState.CLOSED)));
        while (System.nanoTime() - start < 3_000_000_000L && !shown.getLast().equals(List.of("new"))) {
            Thread.sleep(10);
        }
        assertThat(shown.getLast()).containsExactly("new");
        assertThat((System.nanoTime() - start) / 1_000_000)
                .as("ms until the new scan's first row")
                .isLessThan(600);
    }

    @Test
    void theAggregationRunsAtTheLowestPriority() throws Exception {
        assumeTrue(BackgroundPriorityTest.linux(), "setpriority and /proc: Linux");
        assumeTrue(
                BackgroundPriorityTest.niceOfCurrentThread() < BackgroundPriority.NICE,
                "tests already run at the lowest priority: a worker would inherit it");
        // DirectUiExecutor hands the rows over on the calling thread: the worker's own
        HostViewModel vm = new HostViewModel(new DirectUiExecutor());
        List<Integer> nice = new CopyOnWriteArrayList<>();
        vm.getRows().addListener((ListChangeListener<HostRow>) change -> {
            try {
                nice.add(BackgroundPriorityTest.niceOfCurrentThread());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        vm.addAll(List.of(result("h", "127.0.0.1", 22, TcpState.CLOSED)));
        vm.flush();
        vm.awaitIdle();
        assertThat(nice).isNotEmpty().allMatch(n -> n == BackgroundPriority.NICE);
    }
}
