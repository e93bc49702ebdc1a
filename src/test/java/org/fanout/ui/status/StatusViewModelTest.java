package org.fanout.ui.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.fanout.engine.ScanProgress;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.fx.Ending;
import org.junit.jupiter.api.Test;

/** The status bar's numbers agree with each other as shown. */
class StatusViewModelTest {
    /**
     * The rate shown is the results over the elapsed time shown, at its precision: 1,000 results
     * in half a second showed "0:01" beside "2,000/s" (the time rounded to whole seconds, the rate
     * over the exact time).
     */
    @Test
    void theRateIsTheResultsOverTheElapsedTimeShown() {
        long[][] runs = { // results, elapsed nanoseconds
            {1_000, 500_000_000L},
            {1_000, 2_449_000_000L},
            {5, 12_345_678L},
            {120_000, 61_700_000_000L},
            {3, 1_500_000_000L}
        };
        for (long[] run : runs) {
            StatusViewModel status = new StatusViewModel();
            status.reset(ScanMode.TCP, run[0]);
            status.started();
            status.ended(Ending.FINISHED, new ScanProgress(run[0], run[0], Map.of(), Map.of(), run[1]), null);
            String elapsed = status.getElapsedText();
            double seconds = shownSeconds(elapsed);
            double rate = run[0] / seconds;
            String expected = rate >= 100
                    ? String.format(Locale.ROOT, "%,.0f/s", rate)
                    : String.format(Locale.ROOT, "%.1f/s", rate);
            assertThat(status.getRateText())
                    .as("%,d results in %s", run[0], elapsed)
                    .isEqualTo(expected);
        }
    }

    /** The seconds an elapsed text says: "35 ms", "2.4 s", "1:02" or "1:02:03". */
    private static double shownSeconds(String text) {
        if (text.endsWith(" ms")) return Double.parseDouble(text.substring(0, text.length() - 3)) / 1000;
        if (text.endsWith(" s")) return Double.parseDouble(text.substring(0, text.length() - 2));
        double s = 0;
        for (String part : text.split(":")) s = s * 60 + Integer.parseInt(part);
        return s;
    }
}
