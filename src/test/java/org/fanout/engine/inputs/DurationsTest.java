package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.Errors.assertSyntaxError;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Random;
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

    /**
     * Parse and format use long arithmetic; exact decimal arithmetic is the reference: 200,000
     * random numbers (leading zeros, up to 25 decimals, every unit, around the one-hour limit) parse
     * to the duration BigDecimal gives or are refused exactly when it is out of range, and
     * random durations of every size format as the BigDecimal version of format did.
     */
    @Test
    void parseAndFormatAgreeWithExactDecimalArithmetic() {
        String[] units = {"ns", "us", "ms", "s", "m", "h"};
        long[] unitNanos = {1, 1_000, 1_000_000, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L};
        Random random = new Random(20261130);
        for (int n = 0; n < 200_000; n++) {
            int u = random.nextInt(units.length);
            String number = randomNumber(random, unitNanos[u]);
            BigDecimal exact = new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos[u]));
            long floor = exact.setScale(0, RoundingMode.DOWN)
                    .min(BigDecimal.valueOf(Long.MAX_VALUE))
                    .longValue();
            Duration expected = exact.compareTo(BigDecimal.valueOf(Durations.MAX.toNanos())) > 0 || floor <= 0
                    ? null
                    : Duration.ofNanos(floor);
            Duration got;
            try {
                got = Durations.parse(number + units[u]);
            } catch (TargetSyntaxException refused) {
                got = null;
            }
            assertThat(got).as(number + units[u]).isEqualTo(expected);
            if (got != null) assertThat(Durations.parse(Durations.format(got))).isEqualTo(got);
        }
        for (int n = 0; n < 200_000; n++) {
            Duration d =
                    switch (n % 4) {
                        case 0 -> Duration.ofNanos(1 + (random.nextLong() & Long.MAX_VALUE) % 4_000_000_000_000L);
                        case 1 -> Duration.ofSeconds(random.nextInt(100_000) * (random.nextBoolean() ? 60L : 3600L));
                        case 2 -> Duration.ofNanos(random.nextInt(2_000_000));
                        default ->
                            Duration.ofSeconds(random.nextLong() & Long.MAX_VALUE, random.nextInt(1_000_000_000));
                    };
            assertThat(Durations.format(d)).as(d.toString()).isEqualTo(formatExactly(d));
        }
    }

    private static String randomNumber(Random random, long unitNanos) {
        StringBuilder b = new StringBuilder();
        int zeros = random.nextInt(8) == 0 ? 1 + random.nextInt(3) : 0;
        b.append("0".repeat(zeros));
        // around the limit as often as not: digits that make about an hour in this unit
        long hour = Durations.MAX.toNanos() / unitNanos;
        if (random.nextBoolean()) {
            b.append(hour + random.nextInt(3) - 1);
        } else {
            int digits = 1 + random.nextInt(15);
            for (int k = 0; k < digits; k++) b.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) > 0) {
            b.append('.');
            int decimals = 1 + random.nextInt(random.nextBoolean() ? 6 : 25);
            for (int k = 0; k < decimals; k++) {
                b.append(random.nextInt(4) == 0 ? '0' : (char) ('0' + random.nextInt(10)));
            }
        }
        return b.toString();
    }

    /** The BigDecimal version of {@link Durations#format}, the reference. */
    private static String formatExactly(Duration duration) {
        if (duration.isZero()) return "0s";
        BigDecimal nanos = new BigDecimal(duration.getSeconds())
                .multiply(BigDecimal.valueOf(1_000_000_000L))
                .add(BigDecimal.valueOf(duration.getNano()));
        long[] units = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
        String[] names = {"h", "m", "s", "ms", "us"};
        for (int k = 0; k < units.length; k++) {
            BigDecimal unit = BigDecimal.valueOf(units[k]);
            boolean whole = nanos.remainder(unit).signum() == 0;
            if (nanos.compareTo(unit) >= 0 && (whole || k >= 2)) {
                return nanos.divide(unit).stripTrailingZeros().toPlainString() + names[k];
            }
        }
        return nanos.toPlainString() + "ns";
    }

    @Test
    void aTimeoutIsAtLeastAMillisecond() {
        assertThat(Durations.parseTimeout("1ms")).isEqualTo(Duration.ofMillis(1));
        assertThat(Durations.parseTimeout("1000us")).isEqualTo(Duration.ofMillis(1));
        assertThat(Durations.parseTimeout(" 2.5s ")).isEqualTo(Duration.ofMillis(2500));
        for (String tooShort : new String[] {"1us", "999us", "100ns", "0.5ms", "0.0009s"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parseTimeout(tooShort))
                    .as(tooShort)
                    .isInstanceOf(TargetSyntaxException.class)
                    .hasMessageContaining("shorter than 1ms")
                    .hasMessageNotContaining("position");
        }
    }
}
