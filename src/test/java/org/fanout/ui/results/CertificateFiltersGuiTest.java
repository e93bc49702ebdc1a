package org.fanout.ui.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.GuiTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The filter bar's "Cert ≤ N days" and "Untrusted" against a plain-Java reference, over more rows
 * than ResultRows.SYNC_LIMIT (so the filter runs in the background), combined with the text
 * filter, at the window's minimum size. No sockets: the rows are made up.
 */
@ExtendWith(ApplicationExtension.class)
class CertificateFiltersGuiTest extends GuiTestSupport {
    private static final int ROWS = 60_000;

    @Start
    void start(Stage stage) {
        open(stage);
        stage.setWidth(960);
        stage.setHeight(640);
    }

    @Test
    @Timeout(90)
    void certificateFiltersShowExactlyTheMatchingRows(FxRobot robot) {
        List<ProbeResult> all = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) all.add(row(i));
        robot.interact(() -> {
            for (int i = 0; i < ROWS; i += 10_000) vm.getResults().addAll(all.subList(i, i + 10_000));
        });
        settle();
        TableView<ProbeResult> table = window.mainView().resultsView().table();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(ROWS);
        TextField days = robot.lookup("#certDaysFilter").queryAs(TextField.class);
        CheckBox untrusted = robot.lookup("#untrustedFilter").queryAs(CheckBox.class);
        for (Node n : new Node[] {days, untrusted}) {
            Bounds b = fx(() -> n.localToScene(n.getBoundsInLocal()));
            assertThat(b.getWidth()).as(n.getId()).isPositive();
            assertThat(b.getMaxX()).as(n.getId() + " fits the minimum window").isLessThanOrEqualTo(fx(() -> n.getScene()
                    .getWidth()));
        }

        robot.clickOn(days).write("30");
        settle();
        assertThat(fx(() -> vm.getResults().getCertExpiresWithin())).isEqualTo(30);
        expect(table, all, r -> cert(r) != null && cert(r).daysLeft() <= 30);

        robot.clickOn(untrusted);
        settle();
        expect(table, all, r -> cert(r) != null && cert(r).daysLeft() <= 30 && !cert(r).trusted());

        robot.interact(() -> vm.getResults().setFilterText("127.0.1."));
        settle();
        expect(
                table,
                all,
                r -> cert(r) != null
                        && cert(r).daysLeft() <= 30
                        && !cert(r).trusted()
                        && ((TcpResult) r).ip().contains("127.0.1."));

        robot.interact(() -> {
            vm.getResults().setFilterText("");
            days.clear();
        });
        settle();
        assertThat(fx(() -> vm.getResults().getCertExpiresWithin())).isNull();
        expect(table, all, r -> cert(r) != null && !cert(r).trusted());

        robot.clickOn(untrusted);
        settle();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(ROWS);

        // a letter is refused, a negative number means "expired at least that long ago"
        robot.clickOn(days).write("x-5");
        settle();
        assertThat(fx(() -> days.getText())).isEqualTo("-5");
        expect(table, all, r -> cert(r) != null && cert(r).daysLeft() <= -5);
    }

    private void expect(TableView<ProbeResult> table, List<ProbeResult> all, Predicate<ProbeResult> shown) {
        List<ProbeResult> expected = all.stream().filter(shown).toList();
        assertThat(expected).isNotEmpty().hasSizeLessThan(ROWS);
        assertThat(fx(() -> List.copyOf(table.getItems()))).containsExactlyElementsOf(expected);
        assertThat(fx(() -> vm.getResults().getShownCount())).isEqualTo(expected.size());
    }

    private void settle() {
        waitUntil(Duration.ofSeconds(30), () -> !vm.getResults().isSettling());
    }

    private static CertificateInfo cert(ProbeResult r) {
        return ((TcpResult) r).certificate();
    }

    /** Every fifth row has no certificate; the others run from 20 days expired to 179 days left, every third untrusted. */
    private static TcpResult row(int i) {
        String ip = "127." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
        TcpResult r = new TcpResult(ip, ip, 443, "https", TcpState.OPEN, 1000 + i, null, null);
        if (i % 5 == 0) return r;
        long daysLeft = (i * 7L) % 200 - 20;
        return r.withCertificate(new CertificateInfo(
                "TLSv1.3",
                "CN=h" + i,
                "CN=ca",
                "DNS:h" + i,
                Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(daysLeft)),
                daysLeft,
                i % 3 != 0));
    }
}
