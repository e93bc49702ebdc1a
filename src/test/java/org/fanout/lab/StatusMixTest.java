package org.fanout.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class StatusMixTest {

    @Test
    void parsesCodesAndWeightsInOrder() {
        StatusMix mix = StatusMix.parse("200:90,404:5,500:3,301:2");
        assertThat(mix.entries())
                .containsExactly(
                        new StatusMix.Entry(200, 90),
                        new StatusMix.Entry(404, 5),
                        new StatusMix.Entry(500, 3),
                        new StatusMix.Entry(301, 2));
        assertThat(mix.totalWeight()).isEqualTo(100);
        assertThat(mix.share(404)).isEqualTo(0.05);
        assertThat(mix.share(418)).isZero();
        assertThat(mix).hasToString("200:90,404:5,500:3,301:2");
        assertThat(StatusMix.parse(mix.toString())).isEqualTo(mix);
    }

    @Test
    void allowsSpacesAndBareCodes() {
        assertThat(StatusMix.parse(" 200 : 3 , 503 ").entries())
                .containsExactly(new StatusMix.Entry(200, 3), new StatusMix.Entry(503, 1));
        assertThat(StatusMix.parse("418").pick(0.99)).isEqualTo(418);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''                | empty",
                "'200:90,,404:1'   | empty entry",
                "'200:'            | weight '' is not a whole number",
                "'abc:1'           | status code 'abc' is not a whole number",
                "'200:1:2'         | should be code:weight",
                "'200:90,200:1'    | names status 200 twice",
                "'99:1'            | status 99 is outside 200-599",
                "'600:1'           | status 600 is outside 200-599",
                "'200:-1'          | weight '-1' is not a whole number",
                "'200:0,404:0'     | at least one positive weight",
                "'200:2.5'         | weight '2.5' is not a whole number",
                "'200:99999999'    | is not a whole number",
            })
    void rejectsBadInputWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> StatusMix.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void pickSplitsTheUnitIntervalByWeight() {
        StatusMix mix = new StatusMix(
                List.of(new StatusMix.Entry(200, 1), new StatusMix.Entry(404, 0), new StatusMix.Entry(500, 3)));
        assertThat(mix.pick(0.0)).isEqualTo(200);
        assertThat(mix.pick(0.2499)).isEqualTo(200);
        assertThat(mix.pick(0.25)).isEqualTo(500);
        assertThat(mix.pick(Math.nextDown(1.0))).isEqualTo(500);
        assertThatThrownBy(() -> mix.pick(1.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plannerFollowsTheSharesAndIsAPureFunctionOfSeedAndPath() {
        StatusMix mix = StatusMix.parse("200:80,404:20");
        DefaultPlanner planner = new DefaultPlanner(7, mix, 10, 30, 0.1, 0.2, 1000);
        DefaultPlanner same = new DefaultPlanner(7, mix, 10, 30, 0.1, 0.2, 1000);
        DefaultPlanner otherSeed = new DefaultPlanner(8, mix, 10, 30, 0.1, 0.2, 1000);
        int resets = 0;
        int slows = 0;
        int notFound = 0;
        int differ = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            String path = "/p" + i;
            DefaultPlanner.Plan plan = planner.plan(path);
            assertThat(same.plan(path)).isEqualTo(plan);
            if (!otherSeed.plan(path).equals(plan)) {
                differ++;
            }
            switch (plan.kind()) {
                case RESET -> resets++;
                case SLOW -> {
                    slows++;
                    assertThat(plan.delayMillis()).isBetween(1010L, 1030L);
                }
                case RESPOND -> assertThat(plan.delayMillis()).isBetween(10L, 30L);
            }
            if (plan.kind() != DefaultPlanner.Kind.RESET && plan.status() == 404) {
                notFound++;
            }
        }
        assertThat(resets / (double) n).isBetween(0.09, 0.11);
        assertThat(slows / (double) n).isBetween(0.19, 0.21);
        assertThat(notFound / (double) (n - resets)).isBetween(0.19, 0.21);
        assertThat(differ).isGreaterThan(n / 2);
    }
}
