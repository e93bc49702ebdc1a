package org.fanout.ui.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.fx.BatchingAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The host view (one row per host) and the per-port table's default order, on the test's own listeners. */
@ExtendWith(ApplicationExtension.class)
class HostViewGuiTest extends GuiTestSupport {
    private TcpLab lab;
    private List<Integer> ports;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @BeforeEach
    void lab() throws Exception {
        lab = TcpLab.start(3, BannerMix.SILENT);
        ports = new ArrayList<>(lab.ports());
        ports.addAll(TcpLab.freeEphemeralPorts(2));
    }

    @AfterEach
    void closeLab() {
        if (lab != null) lab.close();
    }

    @Test
    @Timeout(60)
    void oneRowPerHostSortedByAddressAndThePortTableByAddressThenPort(FxRobot robot) throws Exception {
        // the lab listens on 127.0.0.1 only: 127.0.0.2-12 refuse every port
        robot.interact(() -> {
            vm.getForm().setHosts("127.0.0.1-12");
            vm.getForm().setPorts(ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
            vm.getForm().setThreads(16);
            vm.start();
        });
        waitForEnding(Duration.ofSeconds(30));
        assertThat(vm.getResults().getRowCount()).isEqualTo(60);

        // per-port table: by IP as numbers (127.0.0.2 before 127.0.0.10), then port
        List<String> shown = fx(() -> vm.getResults().getTableRows().stream()
                .map(r -> ((TcpResult) r).ip() + ":" + ((TcpResult) r).port())
                .toList());
        List<String> expected = new ArrayList<>();
        List<Integer> sortedPorts = ports.stream().sorted().toList();
        for (int h = 1; h <= 12; h++) for (int p : sortedPorts) expected.add("127.0.0." + h + ":" + p);
        assertThat(shown).containsExactlyElementsOf(expected);

        // the host view is not on screen: its rows are tallied, not sorted and published
        Thread.sleep(2 * HostViewModel.PUBLISH_MS);
        assertThat(fx(() -> vm.getHosts().getRows().size())).isZero();
        robot.clickOn("#byHostButton");
        assertThat(fx(() -> ((RadioMenuItem) lookupItem("byHostItem")).isSelected()))
                .isTrue();
        TableView<HostRow> hosts = window.mainView().resultsView().hostsTable();
        waitUntil(Duration.ofSeconds(10), () -> hosts.getItems().size() == 12);
        assertThat(fx(hosts::isVisible)).isTrue();
        assertThat(fx(() -> window.mainView().resultsView().table().isVisible()))
                .isFalse();
        List<HostRow> rows = fx(() -> List.copyOf(hosts.getItems()));
        assertThat(rows)
                .extracting(HostRow::ip)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 12)
                        .mapToObj(h -> "127.0.0." + h)
                        .toList());
        HostRow first = rows.getFirst();
        assertThat(first.state()).isEqualTo("alive");
        assertThat(first.open()).isEqualTo(3);
        assertThat(first.checked()).isEqualTo(5);
        assertThat(first.ports())
                .isEqualTo(lab.ports().stream().sorted().map(String::valueOf).collect(Collectors.joining(", ")));
        assertThat(rows.get(1).open()).isZero();
        assertThat(rows.get(1).state()).isEqualTo("alive"); // refused: the host answered
        assertThat(label(robot, "#shownText")).isEqualTo("12 hosts");

        // the filter applies to hosts too
        robot.interact(() -> vm.getResults().setFilterText("127.0.0.1"));
        waitUntil(Duration.ofSeconds(5), () -> hosts.getItems().size() == 4); // .1, .10, .11, .12
        // a filter that hides every host says so (it said "No hosts yet" over 12 hosts)
        robot.interact(() -> vm.getResults().setFilterText("no such host"));
        waitUntil(Duration.ofSeconds(5), () -> hosts.getItems().isEmpty());
        assertThat(fx(() -> ((Label) hosts.getPlaceholder()).getText()))
                .isEqualTo("No hosts match the filter (12 hosts hidden)");
        robot.clickOn("#byPortButton");
        assertThat(fx(() -> vm.getResults().isByHost())).isFalse();
    }

    private Object lookupItem(String id) {
        return window.mainView().resultsView().table().getScene().getRoot().lookup("#menuBar") == null
                ? null
                : ((MenuBar) window.scene().lookup("#menuBar"))
                        .getMenus().stream()
                                .flatMap(m -> m.getItems().stream())
                                .filter(i -> id.equals(i.getId()))
                                .findFirst()
                                .orElseThrow();
    }

    @Test
    @Timeout(60)
    void deadHostsWorstStatusAndManyResultsWithoutBlockingTheFxThread(FxRobot robot) throws Exception {
        robot.interact(() -> vm.getResults().setByHost(true)); // rows are published while they are shown
        robot.interact(() -> {
            vm.getHosts().reset();
            vm.getHosts()
                    .addAll(List.of(
                            new TcpResult("127.0.0.9", "127.0.0.9", 22, "ssh", TcpState.FILTERED, 1, null, null),
                            new TcpResult(
                                    "127.0.0.9", "127.0.0.9", 80, "http", TcpState.ERROR, 1, null, "unreachable")));
            vm.getHosts().flush();
        });
        waitUntil(Duration.ofSeconds(5), () -> vm.getHosts().getRows().size() == 1);
        assertThat(fx(() -> vm.getHosts().getRows().getFirst().state())).isEqualTo("dead");

        robot.interact(() -> {
            vm.getHosts().reset();
            vm.getHosts()
                    .addAll(List.of(
                            new HttpResult("http://127.0.0.1:8080/a", 200, 1, null, 0, null),
                            new HttpResult("http://127.0.0.1:8080/b", 503, 1, null, 0, null),
                            new HttpResult("http://127.0.0.1:8080/c", 404, 1, null, 0, null),
                            new HttpResult("http://127.0.0.2:8080/", 0, 1, null, -1, "timeout")));
            vm.getHosts().flush();
        });
        waitUntil(Duration.ofSeconds(5), () -> vm.getHosts().getRows().size() == 2);
        HostRow one = fx(() -> vm.getHosts().getRows().stream()
                .filter(r -> r.host().equals("127.0.0.1:8080"))
                .findFirst()
                .orElseThrow());
        assertThat(one.state()).isEqualTo("503");
        assertThat(one.ports()).isEqualTo("http://127.0.0.1:8080/b");
        assertThat(one.open()).isEqualTo(3);
        assertThat(one.checked()).isEqualTo(3);

        // 300,000 results over 65,536 hosts: handing a batch over costs the FX thread little
        List<ProbeResult> many = new ArrayList<>(300_000);
        for (int i = 0; i < 300_000; i++) {
            int h = i % 65_536;
            many.add(new TcpResult(
                    "127.0." + (h >> 8) + "." + (h & 255),
                    "127.0." + (h >> 8) + "." + (h & 255),
                    1 + i / 65_536,
                    "",
                    i % 7 == 0 ? TcpState.OPEN : TcpState.CLOSED,
                    1,
                    null,
                    null));
        }
        robot.interact(() -> vm.getHosts().reset());
        long worst = 0;
        for (int from = 0; from < many.size(); from += BatchingAdapter.MAX_BATCH) {
            List<ProbeResult> batch = many.subList(from, Math.min(many.size(), from + BatchingAdapter.MAX_BATCH));
            long t0 = System.nanoTime();
            robot.interact(() -> vm.getHosts().addAll(batch));
            worst = Math.max(worst, fx(() -> 0L) + System.nanoTime() - t0);
        }
        robot.interact(() -> vm.getHosts().flush());
        waitUntil(Duration.ofSeconds(20), () -> vm.getHosts().getRows().size() == 65_536);
        assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofSeconds(2));
        assertThat(fx(() -> vm.getHosts().getRows().get(1).ip())).isEqualTo("127.0.0.1");
        assertThat(fx(() -> vm.getHosts().getRows().get(256).ip())).isEqualTo("127.0.1.0");
    }
}
