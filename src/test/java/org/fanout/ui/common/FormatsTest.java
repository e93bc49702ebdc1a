package org.fanout.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The window's counts read as English: one row, not "1 rows". */
class FormatsTest {
    @Test
    void aCountTakesItsNounSingularForOneOnly() {
        assertThat(Formats.count(1, "row")).isEqualTo("1 row");
        assertThat(Formats.count(0, "row")).isEqualTo("0 rows");
        assertThat(Formats.count(2_048, "host")).isEqualTo("2,048 hosts");
        assertThat(Formats.count(1_000_000, "result")).isEqualTo("1,000,000 results");
    }

    /**
     * The status bar's rate is the results over the elapsed time it shows: 1,000 results in half a
     * second showed "0:01" (whole seconds) beside "2,000/s" (the exact time).
     */
    @Test
    void theRateIsTheCountOverTheElapsedTimeShown() {
        Formats.Elapsed half = Formats.elapsed(500_000_000L);
        assertThat(half.text()).isEqualTo("500 ms");
        assertThat(half.rate(1_000)).isEqualTo("2,000/s");
        Formats.Elapsed tenths = Formats.elapsed(2_449_000_000L);
        assertThat(tenths.text()).isEqualTo("2.4 s");
        assertThat(tenths.rate(1_000)).isEqualTo("417/s"); // 1,000 / 2.4, not / 2.449 (408/s)
        Formats.Elapsed minutes = Formats.elapsed(62_400_000_000L);
        assertThat(minutes.text()).isEqualTo("1:02");
        assertThat(minutes.rate(620)).isEqualTo("10.0/s");
        assertThat(Formats.elapsed(999_600_000L).text()).isEqualTo("1.0 s");
        assertThat(Formats.elapsed(59_960_000_000L).text()).isEqualTo("1:00");
        assertThat(Formats.elapsed(200_000L).rate(5)).isEqualTo("—"); // "0 ms": no rate to show
        assertThat(Formats.elapsed(-1).text()).isEqualTo("—");
    }
}
