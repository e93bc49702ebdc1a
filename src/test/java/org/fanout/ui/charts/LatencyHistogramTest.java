package org.fanout.ui.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.fanout.engine.ScanCounters;
import org.fanout.engine.probe.ErrorKinds;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.ui.common.ScanMode;
import org.junit.jupiter.api.Test;

/** The latency chart shows round trips only: timeouts and errors are not latencies. */
class LatencyHistogramTest {
    private static final long MS = 1_000_000L;

    private static long total(ChartsViewModel charts) {
        return charts.getLatency().getData().stream()
                .mapToLong(d -> d.getYValue().longValue())
                .sum();
    }

    private static void show(ChartsViewModel charts, List<? extends ProbeResult> batch) {
        ScanCounters counters = new ScanCounters(batch.size());
        batch.forEach(counters::record);
        charts.update(batch, counters.snapshot());
        charts.finish(counters.snapshot());
    }

    @Test
    void tcpTimeoutsAndErrorsAreLeftOut() {
        ChartsViewModel charts = new ChartsViewModel();
        charts.reset(ScanMode.TCP);
        show(
                charts,
                List.of(
                        new TcpResult("127.0.0.1", "127.0.0.1", 1, "", TcpState.CLOSED, 50_000, null, null),
                        new TcpResult("127.0.0.1", "127.0.0.1", 2, "", TcpState.OPEN, 3 * MS, null, null),
                        new TcpResult("127.0.0.1", "127.0.0.1", 3, "", TcpState.FILTERED, 1000 * MS, null, null),
                        new TcpResult("127.0.0.1", "127.0.0.1", 4, "", TcpState.ERROR, 700 * MS, null, "io")));
        assertThat(total(charts)).isEqualTo(2);
        assertThat(ChartsViewModel.valueOf(charts.getLatency(), "<0.1")).isEqualTo(1);
        assertThat(ChartsViewModel.valueOf(charts.getLatency(), "2–5")).isEqualTo(1);
        assertThat(ChartsViewModel.valueOf(charts.getLatency(), ">1k")).isZero();
        assertThat(ChartsViewModel.valueOf(charts.getLatency(), "500–1k")).isZero();
    }

    @Test
    void httpCountsResponsesOfAnyStatusButNotTimeouts() {
        ChartsViewModel charts = new ChartsViewModel();
        charts.reset(ScanMode.HTTP);
        show(
                charts,
                List.of(
                        new HttpResult("http://127.0.0.1:1/a", 200, 3 * MS, "http://127.0.0.1:1/a", 0, null),
                        new HttpResult("http://127.0.0.1:1/b", 503, 3 * MS, "http://127.0.0.1:1/b", 0, null),
                        new HttpResult("http://127.0.0.1:1/c", 0, 5000 * MS, null, -1, ErrorKinds.TIMEOUT),
                        new HttpResult("http://127.0.0.1:1/d", 0, 200 * MS, null, -1, "connection_refused")));
        assertThat(total(charts)).isEqualTo(2);
        assertThat(ChartsViewModel.valueOf(charts.getLatency(), "2–5")).isEqualTo(2);
    }
}
