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
}
