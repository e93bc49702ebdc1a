package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fanout.engine.ScanProgress;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.charts.ChartsViewModel;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.status.StatusViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The "errors" tile and the "Errors by kind" chart count the same results: a filtered port's
 * timeout is a state (tile and bar "filtered"), not an error; an HTTP 1xx is a response.
 * View-models only (JavaFX collections and properties need no running toolkit).
 */
@Timeout(10)
class CountsConsistencyTest {
    @Test
    void aFilteredTimeoutIsNoErrorInTileOrChart() {
        List<ProbeResult> batch = List.of(
                new TcpResult("127.0.0.1", "127.0.0.1", 22, "ssh", TcpState.OPEN, 100_000, null, null),
                new TcpResult("127.0.0.1", "127.0.0.1", 23, "telnet", TcpState.CLOSED, 100_000, null, null),
                new TcpResult("127.0.0.1", "127.0.0.1", 24, "", TcpState.FILTERED, 1_000_000_000, null, "timeout"),
                new TcpResult("127.0.0.1", "127.0.0.1", 25, "smtp", TcpState.ERROR, 100_000, null, "unreachable"));
        // the engine's own error map also lists the filtered port's timeout
        ScanProgress p = new ScanProgress(
                4,
                4,
                Map.of("open", 1L, "closed", 1L, "filtered", 1L, "error", 1L),
                Map.of("timeout", 1L, "unreachable", 1L),
                1_000_000_000);
        StatusViewModel status = new StatusViewModel();
        status.reset(ScanMode.TCP, 4);
        status.update(p);
        ChartsViewModel charts = new ChartsViewModel();
        charts.reset(ScanMode.TCP);
        charts.update(batch, p);
        charts.finish(p);

        assertThat(status.count("errors")).isEqualTo(1);
        assertThat(status.count("filtered")).isEqualTo(1);
        long chartErrors = charts.getErrors().getData().stream()
                .mapToLong(d -> d.getYValue().longValue())
                .sum();
        assertThat(chartErrors).isEqualTo(status.count("errors"));
        assertThat(ChartsViewModel.valueOf(charts.getErrors(), "unreachable")).isEqualTo(1);
        assertThat(ChartsViewModel.valueOf(charts.getErrors(), "timeout")).isZero();
        assertThat(ChartsViewModel.valueOf(charts.getOutcomes(), "filtered")).isEqualTo(1);
    }

    @Test
    void http1xxIsAResponseNotAnError() {
        List<ProbeResult> batch = List.of(
                new HttpResult("http://127.0.0.1:9/a", 101, 1_000_000, "http://127.0.0.1:9/a", -1, null),
                new HttpResult("http://127.0.0.1:9/b", 200, 1_000_000, "http://127.0.0.1:9/b", 10, null),
                new HttpResult("http://127.0.0.1:9/c", 0, 1_000_000, null, -1, "connection_refused"));
        ScanProgress p = new ScanProgress(
                3,
                3,
                Map.of("101", 1L, "200", 1L, "connection_refused", 1L),
                Map.of("connection_refused", 1L),
                1_000_000_000);
        StatusViewModel status = new StatusViewModel();
        status.reset(ScanMode.HTTP, 3);
        status.update(p);
        ChartsViewModel charts = new ChartsViewModel();
        charts.reset(ScanMode.HTTP);
        charts.update(batch, p);
        charts.finish(p);

        assertThat(status.count("1xx")).isEqualTo(1);
        assertThat(status.count("2xx")).isEqualTo(1);
        assertThat(status.count("errors")).isEqualTo(1);
        assertThat(charts.getErrors().getData().stream()
                        .mapToLong(d -> d.getYValue().longValue())
                        .sum())
                .isEqualTo(1);
        assertThat(batch.get(0).category()).isEqualTo("1xx");
        assertThat(batch.get(2).category()).isEqualTo("errors");
    }

    @Test
    void certificatesAreChartedByDaysLeft() {
        List<ProbeResult> batch = new ArrayList<>();
        long[] days = {-400, -1, 0, 6, 7, 29, 30, 89, 90, 3650};
        for (long d : days) {
            var cert = new CertificateInfo("TLSv1.3", "CN=x", "CN=x", "", Instant.EPOCH, d, false);
            batch.add(
                    new HttpResult("https://127.0.0.1:9/" + d, 0, 1_000_000, null, -1, "tls", null, null, null, cert));
        }
        batch.add(new HttpResult("http://127.0.0.1:9/plain", 200, 1_000_000, "http://127.0.0.1:9/plain", 0, null));
        ScanProgress p = new ScanProgress(11, 11, Map.of("tls", 10L, "200", 1L), Map.of("tls", 10L), 1_000_000_000);
        ChartsViewModel charts = new ChartsViewModel();
        charts.reset(ScanMode.HTTP);
        charts.update(batch, p);
        charts.finish(p);
        assertThat(charts.getCertificates().getData())
                .extracting(d -> d.getXValue() + "=" + d.getYValue())
                .containsExactly("expired=2", "<7=2", "<30=2", "<90=2", "later=2");
    }
}
