package org.fanout.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.fanout.engine.compare.CompareRun;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.CompareChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Thread-count parsing and the "where more threads stop helping" verdict, without a window. */
@Timeout(10)
class CompareViewModelTest {
    private static CompareRun run(int threads, double perSecond) {
        return new CompareRun(Strategy.POOL, threads, 1000, 1000 * 1000 / perSecond, perSecond, 0, 0, 20, 10);
    }

    @Test
    void threadCountsAreSortedWithoutDuplicates() {
        assertThat(CompareViewModel.parseThreadCounts("1000, 1,10 100;10")).containsExactly(1, 10, 100, 1000);
        assertThat(CompareViewModel.parseThreadCounts("2k 100000")).containsExactly(2000, 100_000);
    }

    @Test
    void badThreadCountsSayWhichItemAndWhy() {
        assertThatThrownBy(() -> CompareViewModel.parseThreadCounts("0,abc"))
                .hasMessage("0 is out of range 1-100,000 (item 1)");
        assertThatThrownBy(() -> CompareViewModel.parseThreadCounts("1,abc"))
                .hasMessage("'abc' is not a whole number (item 2)");
        assertThatThrownBy(() -> CompareViewModel.parseThreadCounts("100001")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> CompareViewModel.parseThreadCounts(" , "))
                .hasMessageStartingWith("enter at least one");
        assertThatThrownBy(() -> CompareViewModel.parseThreadCounts("")).hasMessageStartingWith("enter at least one");
    }

    @Test
    void verdictSaysWhereMoreThreadsStopHelping() {
        assertThat(CompareResults.verdict(List.of(run(1, 20), run(10, 190), run(100, 1800), run(1000, 1700))))
                .isEqualTo(
                        "best 1,800/s at 100 threads — 100 threads already reach 90% of it; at 1,000 threads 1,700/s");
        // 1000 is best, but 100 already gives 95% of it
        assertThat(CompareResults.verdict(List.of(run(1, 20), run(100, 1900), run(1000, 2000))))
                .isEqualTo("best 2,000/s at 1,000 threads — 100 threads already reach 90% of it");
        assertThat(CompareResults.verdict(List.of(run(1, 20), run(10, 200))))
                .isEqualTo("best 200/s at 10 threads — still rising");
        assertThat(CompareResults.verdict(List.of(run(10, 200)))).isEqualTo("best 200/s at 10 threads");
    }

    @Test
    void onlyOneBestPerStrategyAndOfTiesTheFewestThreads() {
        // 1 and 1000 threads tie: the one with fewer threads is the best, whichever came first
        assertThat(CompareResults.verdict(List.of(run(1000, 2), run(1, 2), run(10, 1))))
                .startsWith("best 2.0/s at 1 thread");
        assertThat(CompareResults.isBetter(run(1, 2), run(1000, 2))).isTrue();
        assertThat(CompareResults.isBetter(run(1000, 2), run(1, 2))).isFalse();
        assertThat(CompareResults.isBetter(run(1000, 3), run(1, 2))).isTrue();
    }

    @Test
    void axisLabels() {
        assertThat(CompareCharts.threadsText(1)).isEqualTo("1");
        assertThat(CompareCharts.threadsText(100)).isEqualTo("100");
        assertThat(CompareCharts.threadsText(1000)).isEqualTo("1k");
        assertThat(CompareCharts.threadsText(100_000)).isEqualTo("100k");
        assertThat(CompareCharts.millisText(100)).isEqualTo("100 ms");
        assertThat(CompareCharts.millisText(10_000)).isEqualTo("10 s");
    }

    @Test
    void estimateBeforeRunIsRunsTimesTargetsAtTheLastRateOrUnknown() {
        assertThat(CompareViewModel.estimateText(12, 1000, 2000))
                .isEqualTo(
                        "12,000 checks in all; about 0:06 at the main window's last rate (2,000/s) — fewer threads run slower");
        assertThat(CompareViewModel.estimateText(3, 100, 0))
                .isEqualTo("300 checks in all; time unknown — no scan in the main window has measured a rate yet");
    }

    @Test
    void chartTitleNamesTheJobAndTheDate() {
        var when = ZonedDateTime.of(2026, 11, 30, 10, 45, 0, 0, ZoneOffset.UTC);
        assertThat(CompareChart.title("HTTP HEAD of 100 URLs", when))
                .isEqualTo("Fanout compare — HTTP HEAD of 100 URLs — 2026-11-30 10:45");
    }
}
