package org.fanout.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.inputs.TargetSyntaxException;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.strategy.Strategy;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for Fanout's value syntaxes, so bad values fail with a clear message. */
final class Converters {
    private Converters() {}

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parsed(Durations::parse, value);
        }
    }

    /** A timeout: a duration of at least 1 ms. */
    static final class TimeoutConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return parsed(Durations::parseTimeout, value);
        }
    }

    /** {@code parse}'s value, its syntax error as picocli's conversion error. */
    private static <T> T parsed(Function<String, T> parse, String value) {
        try {
            return parse.apply(value);
        } catch (TargetSyntaxException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A thread count as {@link JobInputs#threads} reads it (the app's Threads too), or {@code auto} (0). */
    static final class ThreadsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.strip().equalsIgnoreCase("auto")) return 0;
            try {
                return JobInputs.threads(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("not a thread count: " + e.getMessage() + " (or auto)");
            }
        }
    }

    /** A rate: {@code 100/s}, {@code 6000/m} or a bare number per second; 0.01 to 10,000,000 a second. */
    static final class RateConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            double per = 1;
            if (v.endsWith("/s")) v = v.substring(0, v.length() - 2);
            else if (v.endsWith("/m")) {
                v = v.substring(0, v.length() - 2);
                per = 60;
            } else if (v.endsWith("/h")) {
                v = v.substring(0, v.length() - 2);
                per = 3600;
            }
            try {
                double r = Double.parseDouble(v) / per;
                if (r >= 0.01 && r <= 10_000_000) return r;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a rate (e.g. 100/s, 6000/m)");
        }
    }

    /** A strategy name, or {@code auto} (null): the fastest for the job. */
    static final class StrategyConverter implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            if (value.trim().equalsIgnoreCase("auto")) return null;
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " or auto");
            }
        }
    }

    /**
     * One value of compare's --threads: a list of thread counts, 1-100000 each (no auto: a
     * comparison names its counts), in the syntax the app's Compare window reads.
     */
    static final class ThreadListConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            try {
                JobInputs.threadCounts(value);
                return value;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** One strategy name of compare's --strategies list (no auto: a comparison names its strategies). */
    static final class StrategyNameConverter implements ITypeConverter<Strategy> {
        @Override
        public Strategy convert(String value) {
            try {
                return Strategy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
