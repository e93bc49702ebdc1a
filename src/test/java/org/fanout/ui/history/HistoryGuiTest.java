package org.fanout.ui.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.TcpResult;
import org.fanout.history.Change;
import org.fanout.history.Database;
import org.fanout.history.Run;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.Formats;
import org.fanout.ui.fx.BackgroundPriority;
import org.fanout.ui.fx.BackgroundPriorityTest;
import org.fanout.ui.fx.Ending;
import org.fanout.ui.main.MainViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The History window over a history database of the test's own: scans started in the window
 * are recorded, listed, opened back into the table, compared (new / gone / changed with a
 * filter), re-run; a repeating scan tells of what changed.
 */
@ExtendWith(ApplicationExtension.class)
class HistoryGuiTest extends GuiTestSupport {
    private final Path db = tempDb();
    private final List<ServerSocket> listeners = new ArrayList<>();

    private static Path tempDb() {
        try {
            return Files.createTempDirectory("fanout-history-gui").resolve("history.db");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected MainViewModel newViewModel() {
        return new MainViewModel(prefs, () -> Database.sqlite(db));
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @AfterEach
    void closeListeners() throws IOException {
        for (ServerSocket s : listeners) s.close();
    }

    private ServerSocket listen() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listeners.add(s);
        return s;
    }

    private void scan(FxRobot robot, List<ServerSocket> open) {
        String ports = open.stream().map(s -> String.valueOf(s.getLocalPort())).collect(Collectors.joining(","));
        robot.interact(() -> {
            vm.getForm().setHosts("127.0.0.1");
            vm.getForm().setPorts(ports);
            vm.getForm().setBanner(false);
            vm.getForm().setThreads(4);
        });
        robot.clickOn("#startButton");
        waitForEnding(Duration.ofSeconds(20));
        assertThat(vm.getLastEnding()).isEqualTo(Ending.FINISHED);
    }

    private HistoryWindow openHistory(FxRobot robot) {
        robot.clickOn("#historyButton");
        return window.mainView().historyWindow();
    }

    private static String key(ServerSocket s) {
        return "127.0.0.1:" + s.getLocalPort();
    }

    @Test
    @Timeout(90)
    void recordsListsOpensDiffsAndReruns(FxRobot robot) throws IOException {
        ServerSocket kept = listen();
        ServerSocket removed = listen();
        scan(robot, List.of(kept, removed));
        removed.close();
        ServerSocket added = listen();
        scan(robot, List.of(kept, added));

        HistoryWindow history = openHistory(robot);
        TableView<Run> runs = history.runsTable();
        waitUntil(Duration.ofSeconds(20), () -> runs.getItems().size() == 2);
        List<Run> listed = fx(() -> List.copyOf(runs.getItems()));
        assertThat(listed.get(0).id()).isGreaterThan(listed.get(1).id()); // newest first
        assertThat(listed).allSatisfy(r -> {
            assertThat(r.complete()).isTrue();
            assertThat(r.kindName()).isEqualTo("scan");
            assertThat(r.counts()).containsEntry("open", 2L);
        });
        Run older = listed.get(1);

        // open the older run: the table shows its rows, not the last scan's
        robot.interact(() -> runs.getSelectionModel().clearAndSelect(1));
        robot.clickOn("#openRun");
        waitUntil(
                Duration.ofSeconds(20),
                () -> vm.getLastEnding() != null
                        && vm.getResults().getRowCount() == 2
                        && !vm.getResults().isSettling());
        Set<Integer> shown = fx(() -> vm.getResults().getRows().stream()
                .map(r -> ((TcpResult) r).port())
                .collect(Collectors.toSet()));
        assertThat(shown).containsExactlyInAnyOrder(kept.getLocalPort(), removed.getLocalPort());
        assertThat(label(robot, "#count-open")).isEqualTo("2");
        // with the run's own rate (its start and finish are recorded), not 0/s; a two-port scan of
        // loopback recorded as under half a millisecond shows "0 ms" and, with no time to divide
        // by, no rate (it failed CI once so)
        String rate = fx(() -> vm.getStatus().getRateText());
        assertThat(rate).isNotEqualTo(org.fanout.ui.common.Formats.rate(0));
        if (!fx(() -> vm.getStatus().getElapsedText()).equals("0 ms"))
            assertThat(rate).isNotEqualTo("—");

        // diff the two: exactly one new and one gone row, coloured, filterable
        robot.interact(() -> runs.getSelectionModel().selectAll());
        robot.clickOn("#diffRuns");
        TableView<Change> changes = history.changesTable();
        waitUntil(Duration.ofSeconds(20), () -> changes.getItems().size() == 2);
        List<Change> rows = fx(() -> List.copyOf(changes.getItems()));
        assertThat(rows)
                .extracting(Change::type, Change::key)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Change.Type.NEW, key(added)),
                        org.assertj.core.groups.Tuple.tuple(Change.Type.GONE, key(removed)));
        assertThat(label(robot, "#count-new")).isEqualTo("1 new");
        assertThat(label(robot, "#count-gone")).isEqualTo("1 gone");
        assertThat(label(robot, "#count-changed")).isEqualTo("0 changed");
        assertThat(robot.lookup(".table-row-cell.change-new").queryAll()).hasSize(1);
        assertThat(robot.lookup(".table-row-cell.change-gone").queryAll()).hasSize(1);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> filter = robot.lookup("#changeFilter").queryAs(ChoiceBox.class);
        robot.interact(() -> filter.setValue("gone"));
        assertThat(fx(() -> List.copyOf(changes.getItems())))
                .extracting(Change::key)
                .containsExactly(key(removed));
        robot.interact(() -> filter.setValue("new"));
        assertThat(fx(() -> List.copyOf(changes.getItems())))
                .extracting(Change::key)
                .containsExactly(key(added));

        // re-run the older job: the form gets its ports, the scan runs and is recorded
        robot.interact(() -> runs.getSelectionModel().clearAndSelect(1));
        robot.clickOn("#rerunRun");
        assertThat(fx(() -> vm.getForm().getPorts())).isEqualTo(kept.getLocalPort() + "," + removed.getLocalPort());
        waitForEnding(Duration.ofSeconds(20));
        waitUntil(Duration.ofSeconds(20), () -> runs.getItems().size() == 3);
        assertThat(fx(() -> runs.getItems().getFirst().jobKey())).isEqualTo(older.jobKey());

        // record history off: remembered, and the next scan is not recorded
        robot.clickOn("#recordHistory");
        assertThat(prefs.getBoolean("history.record", true)).isFalse();
        scan(robot, List.of(kept));
        robot.clickOn("#historyRefresh");
        waitUntil(Duration.ofSeconds(10), () -> !history.viewModel().isBusy());
        assertThat(fx(() -> runs.getItems().size())).isEqualTo(3);
    }

    /**
     * A run opened from the History shows the time and rate its scan had, although the history's
     * thread was busy from the scan's start to well after its end (a listing, a diff, the
     * database opening): its start and end are the scan's, not when that thread got to them.
     */
    @Test
    @Timeout(60)
    void anOpenedRunShowsTheTimeAndRateItsScanHad(FxRobot robot) throws Exception {
        ServerSocket open = listen();
        HistoryViewModel history = fx(() -> window.mainView().historyWindow().viewModel());
        CountDownLatch busy = new CountDownLatch(1);
        robot.interact(() -> {
            vm.getForm().setHosts("127.0.0.1");
            vm.getForm().setPorts(String.valueOf(open.getLocalPort()));
            vm.getForm().setBanner(false);
            vm.getForm().setThreads(4);
            assertThat(vm.start()).isTrue();
            history.background(
                    h -> {
                        try {
                            busy.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    },
                    problem -> {});
        });
        waitForEnding(Duration.ofSeconds(20));
        long ranNanos = fx(() -> vm.getScan().progress().elapsedNanos());
        Thread.sleep(2500); // the history's thread is still busy
        busy.countDown();

        TableView<Run> runs = openHistory(robot).runsTable();
        waitUntil(Duration.ofSeconds(20), () -> runs.getItems().size() == 1);
        Run run = fx(() -> runs.getItems().getFirst());
        long recordedNanos = Duration.between(run.started(), run.finished()).toNanos();
        assertThat(recordedNanos)
                .as("the run's recorded time (its start and end are kept to the millisecond)")
                .isCloseTo(ranNanos, within(2_000_000L));

        robot.interact(() -> runs.getSelectionModel().clearAndSelect(0));
        robot.clickOn("#openRun");
        waitUntil(
                Duration.ofSeconds(20),
                () -> vm.getLastEnding() != null
                        && vm.getResults().getRowCount() == 1
                        && !vm.getResults().isSettling());
        // the recorded time (within 2 ms of the scan's, above), shown as the status bar shows a time
        Formats.Elapsed recorded = Formats.elapsed(recordedNanos);
        assertThat(fx(() -> vm.getStatus().getElapsedText())).isEqualTo(recorded.text());
        assertThat(fx(() -> vm.getStatus().getRateText()))
                .as("results / the run's recorded time as shown")
                .isEqualTo(recorded.rate(run.results()));
    }

    /**
     * The history's database work (opening it, handing results to the recorder, whose writer
     * thread it starts and which inherits it) runs at the scan's lowest priority, so it does not
     * take the FX thread's time slices while results stream in. Read on the history's own thread,
     * after it has recorded a scan.
     */
    @Test
    @Timeout(60)
    void theHistorysThreadRunsAtTheLowestPriority(FxRobot robot) throws Exception {
        assumeTrue(BackgroundPriorityTest.linux(), "setpriority and /proc: Linux");
        scan(robot, List.of(listen()));
        HistoryWindow history = openHistory(robot);
        waitUntil(Duration.ofSeconds(20), () -> history.runsTable().getItems().size() == 1);
        CompletableFuture<Integer> nice = new CompletableFuture<>();
        history.viewModel()
                .background(
                        h -> {
                            nice.complete(BackgroundPriorityTest.niceOfCurrentThread());
                            return null;
                        },
                        problem -> nice.completeExceptionally(new AssertionError(problem)));
        assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(BackgroundPriority.NICE);
    }

    @Test
    @Timeout(60)
    void repeatingScanTellsWhatChanged(FxRobot robot) throws IOException {
        ServerSocket kept = listen();
        ServerSocket stopping = listen();
        robot.interact(() -> {
            vm.getForm().repeatUnit = Duration.ofSeconds(1);
            vm.getForm().setRepeat(true);
            vm.getForm().setRepeatEvery(2);
        });
        long t0 = System.nanoTime();
        scan(robot, List.of(kept, stopping));
        stopping.close(); // before the next run, 2 s later
        HistoryWindow history = window.mainView().historyWindow();
        waitUntil(
                Duration.ofSeconds(30),
                () -> history.viewModel().noticedChangesProperty().get() > 0);
        assertThat(fx(() -> history.viewModel().noticedChangesProperty().get())).isEqualTo(1);
        assertThat(label(robot, "#messageLabel"))
                .contains("1 change since the last run")
                .contains("1 changed");
        assertThat(fx(() -> vm.isRepeating())).isTrue();
        robot.clickOn("#stopButton");
        waitUntil(Duration.ofSeconds(10), () -> !vm.isRepeating() && !vm.isRunning());
    }

    /**
     * The notice of what a repeated run changed tells of the runs shown: another job started, it
     * goes (it stayed in the message line over the new job's results, describing runs no longer
     * shown).
     */
    @Test
    @Timeout(60)
    void theChangeNoticeGoesWhenAnotherJobStarts(FxRobot robot) throws IOException {
        ServerSocket kept = listen();
        ServerSocket stopping = listen();
        robot.interact(() -> {
            vm.getForm().repeatUnit = Duration.ofSeconds(1);
            vm.getForm().setRepeat(true);
            vm.getForm().setRepeatEvery(3);
        });
        scan(robot, List.of(kept, stopping));
        stopping.close(); // before the next run, 3 s later
        HistoryWindow history = window.mainView().historyWindow();
        waitUntil(
                Duration.ofSeconds(30),
                () -> history.viewModel().noticedChangesProperty().get() > 0);
        robot.interact(vm::stop); // before a third run, which changes nothing and so takes the notice away
        waitUntil(Duration.ofSeconds(10), () -> !vm.isRepeating() && !vm.isRunning());
        assertThat(label(robot, "#messageLabel"))
                .as("while the runs it tells of are shown")
                .contains("1 change since the last run");

        robot.interact(() -> vm.getForm().setRepeat(false));
        scan(robot, List.of(kept)); // another job: one port
        assertThat(label(robot, "#messageLabel")).doesNotContain("since the last run");
        assertThat(fx(() -> history.viewModel().changeNoticeProperty().get())).isEmpty();
    }

    /**
     * Start pressed during a repeat's pause begins the series again: the first series' pending run
     * is dropped (it started a second series that ran beside the first, each on its own timer).
     */
    @Test
    @Timeout(60)
    void startDuringARepeatsPauseRestartsTheOneSeries(FxRobot robot) throws Exception {
        ServerSocket open = listen();
        AtomicInteger starts = new AtomicInteger();
        robot.interact(() -> {
            vm.getForm().repeatUnit = Duration.ofSeconds(1);
            vm.getForm().setRepeat(true);
            vm.getForm().setRepeatEvery(3);
            vm.runningProperty().addListener((o, was, now) -> {
                if (now) starts.incrementAndGet();
            });
        });
        scan(robot, List.of(open));
        long firstEnded = System.nanoTime(); // its next run would start 3 s from here
        Thread.sleep(2000);
        robot.interact(() -> assertThat(vm.start()).as("Start during the pause").isTrue());
        waitForEnding(Duration.ofSeconds(20));
        long firstSeriesDue = firstEnded + Duration.ofSeconds(4).toNanos(); // 1 s after it would have run
        Thread.sleep(Math.max(0, (firstSeriesDue - System.nanoTime()) / 1_000_000));
        assertThat(starts.get())
                .as("runs started by now: the first, the restart")
                .isEqualTo(2);
        waitUntil(Duration.ofSeconds(10), () -> starts.get() == 3); // the restarted series' own next run
        robot.clickOn("#stopButton");
        waitUntil(Duration.ofSeconds(10), () -> !vm.isRepeating() && !vm.isRunning());
    }

    /**
     * The window says what it shows: how many runs it listed (not "Listing runs…" for good), that a
     * search matched none (not that none was recorded), that a diff found nothing, and that a run
     * it compares is incomplete (what that run did not reach shows as gone).
     */
    @Test
    @Timeout(90)
    void theWindowSaysWhatItShows(FxRobot robot) throws Exception {
        // not built with the main window: the first frame does not wait for it
        assertThat(fx(() -> window.mainView().historyWindow().isBuilt())).isFalse();
        ServerSocket open = listen();
        scan(robot, List.of(open));
        scan(robot, List.of(open));
        HistoryWindow history = openHistory(robot);
        TableView<Run> runs = history.runsTable();
        waitUntil(
                Duration.ofSeconds(20),
                () -> runs.getItems().size() == 2 && !history.viewModel().isBusy());
        assertThat(label(robot, "#historyMessage")).isEqualTo("2 runs");
        assertThat(label(robot, "#changesPlaceholder")).isEqualTo(HistoryViewModel.NOT_DIFFED);

        robot.interact(() -> history.viewModel().searchProperty().set("no such job"));
        assertThat(fx(() -> runs.getItems().size())).isZero();
        assertThat(label(robot, "#runsPlaceholder")).isEqualTo(HistoryViewModel.NO_MATCH);
        robot.interact(() -> history.viewModel().searchProperty().set(""));

        robot.interact(() -> runs.getSelectionModel().selectAll());
        robot.clickOn("#diffRuns");
        waitUntil(Duration.ofSeconds(20), () -> !history.viewModel().isBusy());
        List<Run> two = fx(() -> List.copyOf(runs.getItems()));
        assertThat(label(robot, "#changesPlaceholder"))
                .isEqualTo("No change between runs " + two.get(1).id() + " and "
                        + two.get(0).id());
        assertThat(label(robot, "#diffTitle")).doesNotContain("incomplete");

        // a run stopped early: 16,777,216 targets on 1 thread, stopped once it has begun
        robot.interact(() -> {
            vm.getForm().setHosts("127.0.0.0/8");
            vm.getForm().setThreads(1);
            assertThat(vm.start()).isTrue();
        });
        waitUntil(Duration.ofSeconds(20), () -> vm.getStatus().getDone() > 10);
        robot.interact(vm::stop); // the History window covers the main window's Stop button
        waitForEnding(Duration.ofSeconds(20));
        assertThat(vm.getLastEnding()).isEqualTo(Ending.STOPPED);
        waitUntil(Duration.ofSeconds(20), () -> runs.getItems().size() == 3);
        Run stopped = fx(() -> runs.getItems().getFirst());
        assertThat(stopped.complete()).isFalse();
        robot.interact(() -> {
            runs.getSelectionModel().clearSelection();
            runs.getSelectionModel().select(0);
            runs.getSelectionModel().select(1);
        });
        robot.clickOn("#diffRuns");
        waitUntil(Duration.ofSeconds(20), () -> !history.viewModel().isBusy());
        assertThat(label(robot, "#diffTitle"))
                .contains("run " + stopped.id() + " is incomplete: what it did not reach shows as gone");

        // Ctrl+W closes it, as the shortcuts list says
        Stage stage = fx(() -> (Stage) runs.getScene().getWindow());
        robot.interact(stage::requestFocus);
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.W);
        robot.release(javafx.scene.input.KeyCode.W).release(javafx.scene.input.KeyCode.CONTROL);
        waitUntil(Duration.ofSeconds(5), () -> !stage.isShowing());
    }
}
