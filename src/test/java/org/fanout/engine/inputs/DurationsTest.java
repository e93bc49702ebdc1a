package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.Errors.assertSyntaxError;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @Test
    void parsesUnits() {
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("1s")).isEqualTo(Duration.ofSeconds(1));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("500us")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(Durations.parse("500\u00b5s")).isEqualTo(Duration.ofNanos(500_000));
        assertThat(Durations.parse("10ns")).isEqualTo(Duration.ofNanos(10));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("60m")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse(" 0.25s ")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("007ms")).isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void errors() {
        assertSyntaxError(() -> Durations.parse(""), 0, "empty duration");
        assertSyntaxError(() -> Durations.parse("5"), 1, "missing unit", "'5'");
        assertSyntaxError(() -> Durations.parse("1.5"), 3, "missing unit");
        assertSyntaxError(() -> Durations.parse("0s"), 0, "must be positive");
        assertSyntaxError(() -> Durations.parse("0.0000000001s"), 0, "must be positive");
        assertSyntaxError(() -> Durations.parse("-1s"), 0, "negative");
        assertSyntaxError(() -> Durations.parse("61m"), 0, "longer than 1h");
        assertSyntaxError(() -> Durations.parse("3601s"), 0, "longer than 1h");
        assertSyntaxError(() -> Durations.parse("1.5h"), 0, "longer than 1h");
        assertSyntaxError(() -> Durations.parse("99999999999999999999999999h"), 0, "longer than 1h");
        assertSyntaxError(() -> Durations.parse("10 s"), 2, "unknown unit ' s'");
        assertSyntaxError(() -> Durations.parse("10sec"), 2, "unknown unit 'sec'");
        assertSyntaxError(() -> Durations.parse("1d"), 1, "unknown unit 'd'");
        assertSyntaxError(() -> Durations.parse("ms"), 0, "'ms' is not a duration");
        assertSyntaxError(() -> Durations.parse(".5s"), 0, "not a duration");
        assertSyntaxError(() -> Durations.parse("1.s"), 2, "missing digits after '.'");
        assertSyntaxError(() -> Durations.parse("1e3ms"), 1, "unknown unit 'e3ms'");
    }

    @Test
    void formatIsShort() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
        assertThat(Durations.format(Duration.ofNanos(500_000))).isEqualTo("500us");
        assertThat(Durations.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
        assertThat(Durations.format(Duration.ofNanos(7))).isEqualTo("7ns");
        assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.format(Duration.ofMillis(-250))).isEqualTo("-250ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250ms", "1s", "1.5s", "2m", "500us", "1h", "90s", "1.234567891s", "3ns", "59.999s"})
    void formatParsesBack(String text) {
        Duration d = Durations.parse(text);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
        assertThat(Durations.format(d)).isEqualTo(text);
    }
}
