package org.fanout.cli;

import java.time.Duration;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.Strategy;
import org.fanout.engine.target.Durations;
import org.fanout.engine.target.TargetSyntaxException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters for Fanout's value syntaxes, so bad values fail with a clear message. */
final class Converters {
    private Converters() {
    }

    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (TargetSyntaxException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A thread count 1-100000, or {@code auto} (0): chosen per strategy and target count. */
    static final class ThreadsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.trim().equalsIgnoreCase("auto")) return 0;
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= 1 && n <= ScanSettings.MAX_THREADS) return n;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a thread count (1-" + ScanSettings.MAX_THREADS + " or auto)");
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
}
