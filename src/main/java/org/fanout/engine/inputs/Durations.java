package org.fanout.engine.inputs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Short durations as users write them: a decimal number and a unit, e.g. {@code 250ms},
 * {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 500us}. Units: {@code ns}, {@code us}
 * (or {@code µs}), {@code ms}, {@code s}, {@code m}, {@code h}. The value must be positive and
 * at most one hour.
 */
public final class Durations {
    /** The longest duration {@link #parse} accepts. */
    public static final Duration MAX = Duration.ofHours(1);

    private static final long NANOS_PER_US = 1_000L;
    private static final long NANOS_PER_MS = 1_000_000L;
    private static final long NANOS_PER_S = 1_000_000_000L;
    private static final long NANOS_PER_M = 60 * NANOS_PER_S;
    private static final long NANOS_PER_H = 60 * NANOS_PER_M;

    private Durations() {}

    /**
     * Parses a duration such as {@code 250ms} or {@code 1.5s}; surrounding whitespace is ignored.
     * Fractions finer than a nanosecond are dropped.
     *
     * @throws TargetSyntaxException if the text is not a positive duration of at most one hour
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw Syntax.error("empty duration", text == null ? "" : text, 0);
        }
        int from = 0;
        int to = text.length();
        while (Syntax.isSpace(text.charAt(from))) {
            from++;
        }
        while (Syntax.isSpace(text.charAt(to - 1))) {
            to--;
        }
        char first = text.charAt(from);
        if (first == '-') {
            throw Syntax.error("duration " + Syntax.quote(text.substring(from, to)) + " is negative", text, from);
        }
        int i = from;
        while (i < to && isDigit(text.charAt(i))) {
            i++;
        }
        int intEnd = i;
        if (i < to && text.charAt(i) == '.') {
            i++;
            int fractionStart = i;
            while (i < to && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fractionStart) {
                throw Syntax.error(
                        "missing digits after '.' in duration " + Syntax.quote(text.substring(from, to)), text, i);
            }
        }
        if (intEnd == from) {
            throw Syntax.error(
                    Syntax.quote(text.substring(from, to))
                            + " is not a duration (expected a number and a unit, e.g. 250ms or 1.5s)",
                    text,
                    from);
        }
        String number = text.substring(from, i);
        String unit = text.substring(i, to);
        if (unit.isEmpty()) {
            throw Syntax.error(
                    "missing unit in duration " + Syntax.quote(number) + " (use ms, s or m, e.g. " + number + "ms)",
                    text,
                    i);
        }
        long unitNanos =
                switch (unit) {
                    case "ns" -> 1L;
                    case "us", "\u00b5s", "\u03bcs" -> NANOS_PER_US;
                    case "ms" -> NANOS_PER_MS;
                    case "s" -> NANOS_PER_S;
                    case "m" -> NANOS_PER_M;
                    case "h" -> NANOS_PER_H;
                    default ->
                        throw Syntax.error(
                                "unknown unit " + Syntax.quote(unit) + " in duration (use ns, us, ms, s, m or h)",
                                text,
                                i);
                };
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos));
        if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
            throw Syntax.error("duration " + Syntax.quote(text.substring(from, to)) + " is longer than 1h", text, from);
        }
        long whole = nanos.setScale(0, RoundingMode.DOWN).longValueExact();
        if (whole <= 0) {
            throw Syntax.error("duration " + Syntax.quote(text.substring(from, to)) + " must be positive", text, from);
        }
        return Duration.ofNanos(whole);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * A short form that {@link #parse} reads back (for positive durations up to an hour):
     * {@code 2m}, {@code 1.5s}, {@code 250ms}, {@code 500us}, {@code 10ns}; {@code 0s} for zero.
     */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        BigDecimal nanos = new BigDecimal(duration.getSeconds())
                .multiply(BigDecimal.valueOf(NANOS_PER_S))
                .add(BigDecimal.valueOf(duration.getNano()));
        long[] units = {NANOS_PER_H, NANOS_PER_M, NANOS_PER_S, NANOS_PER_MS, NANOS_PER_US};
        String[] names = {"h", "m", "s", "ms", "us"};
        for (int k = 0; k < units.length; k++) {
            BigDecimal unit = BigDecimal.valueOf(units[k]);
            boolean whole = nanos.remainder(unit).signum() == 0;
            // hours and minutes only when whole; seconds and finer with decimals as needed
            if (nanos.compareTo(unit) >= 0 && (whole || k >= 2)) {
                return nanos.divide(unit).stripTrailingZeros().toPlainString() + names[k];
            }
        }
        return nanos.toPlainString() + "ns";
    }
}
