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

    /** The shortest timeout a check can keep: a connect's own scheduling takes longer than less. */
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    /**
     * A timeout: {@link #parse a duration} of at least {@link #MIN_TIMEOUT} (1us was taken, and
     * open and closed ports came back "filtered" after 2-20 ms, a different answer per strategy).
     *
     * @throws TargetSyntaxException if the text is not a duration from 1 ms to one hour
     */
    public static Duration parseTimeout(String text) {
        Duration d = parse(text);
        if (d.compareTo(MIN_TIMEOUT) < 0) {
            throw Syntax.error(
                    "timeout " + Syntax.quote(text.strip()) + " is shorter than 1ms, which no check can keep;"
                            + " use 1ms or more",
                    text,
                    -1);
        }
        return d;
    }

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
        long whole = nanos(text, from, intEnd, i, unitNanos);
        if (whole > MAX.toNanos()) {
            throw Syntax.error("duration " + Syntax.quote(text.substring(from, to)) + " is longer than 1h", text, from);
        }
        if (whole <= 0) {
            throw Syntax.error("duration " + Syntax.quote(text.substring(from, to)) + " must be positive", text, from);
        }
        return Duration.ofNanos(whole);
    }

    /**
     * The number {@code text[from, end)} (digits, and a fraction from {@code intEnd}) times
     * {@code unitNanos}, rounded down to whole nanoseconds; {@code MAX + 1} for anything longer
     * than {@link #MAX}. In exact long arithmetic, not BigDecimal: its first use costs a fresh JVM
     * ~20 ms (BigInteger's and BigDecimal's class initialisation), and every command that takes a
     * duration (its defaults too) parses one before it starts.
     */
    private static long nanos(String text, int from, int intEnd, int end, long unitNanos) {
        long tooLong = MAX.toNanos() + 1;
        while (from < intEnd - 1 && text.charAt(from) == '0') from++; // leading zeros
        if (intEnd - from > 13) return tooLong; // 10^13 ns is over an hour whatever the unit
        long whole = Long.parseLong(text, from, intEnd, 10);
        if (whole > MAX.toNanos() / unitNanos) return tooLong;
        long nanos = whole * unitNanos;
        // the fraction: unitNanos = factor * 10^exponent (factor 1, 6 or 36), so up to 17 digits
        // after the point times the unit are exact in a long
        int exponent = 0;
        long factor = unitNanos;
        while (factor % 10 == 0) {
            factor /= 10;
            exponent++;
        }
        int digits = end - intEnd - 1; // after the '.'
        if (digits <= 0) return nanos;
        int used = Math.min(digits, 17); // so that fraction * factor fits in a long
        for (int k = used; k < digits; k++) {
            if (text.charAt(intEnd + 1 + k) != '0') { // more than 17 significant decimals: rare, exact anyway
                BigDecimal exact = new BigDecimal(text.substring(from, end)).multiply(BigDecimal.valueOf(unitNanos));
                return exact.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0
                        ? tooLong
                        : exact.setScale(0, RoundingMode.DOWN).longValueExact();
            }
        }
        long fraction = 0;
        for (int k = 0; k < used; k++) fraction = fraction * 10 + (text.charAt(intEnd + 1 + k) - '0');
        boolean remainder = false;
        long part; // floor(0.<digits> * unitNanos), and whether anything was dropped
        if (used <= exponent) {
            part = fraction * factor * pow10(exponent - used);
        } else {
            long scaled = fraction * factor; // < 10^17 * 36
            long divisor = pow10(used - exponent);
            part = scaled / divisor;
            remainder = scaled % divisor != 0;
        }
        nanos += part;
        // exactly an hour and a bit is longer than an hour
        return nanos == MAX.toNanos() && remainder ? tooLong : nanos;
    }

    private static long pow10(int n) {
        long p = 1;
        for (int k = 0; k < n; k++) p *= 10;
        return p;
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
        long seconds = duration.getSeconds(); // whole seconds and nanoseconds: no overflow at any size
        int nano = duration.getNano();
        // hours and minutes only when whole; seconds and finer with decimals as needed
        if (nano == 0 && seconds >= 3600 && seconds % 3600 == 0) return seconds / 3600 + "h";
        if (nano == 0 && seconds >= 60 && seconds % 60 == 0) return seconds / 60 + "m";
        if (seconds > 0) return seconds + decimals(nano, 9) + "s";
        if (nano >= NANOS_PER_MS) return nano / NANOS_PER_MS + decimals((int) (nano % NANOS_PER_MS), 6) + "ms";
        if (nano >= NANOS_PER_US) return nano / NANOS_PER_US + decimals((int) (nano % NANOS_PER_US), 3) + "us";
        return nano + "ns";
    }

    /** {@code value} as the decimals after a point, {@code places} of them less trailing zeros; "" for 0. */
    private static String decimals(int value, int places) {
        if (value == 0) return "";
        String digits = Integer.toString(value);
        StringBuilder b = new StringBuilder(places + 1).append('.');
        for (int k = digits.length(); k < places; k++) b.append('0');
        int last = digits.length();
        while (digits.charAt(last - 1) == '0') last--;
        return b.append(digits, 0, last).toString();
    }
}
