package org.fanout.engine.job;

import java.util.function.Function;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.probe.ProbeResult;

/**
 * One job, parsed and checked: its targets, how each is probed, and at what concurrency. The
 * CLI's {@code scan}, {@code http} and {@code compare}, the app's Start button and its Compare
 * window all build one of these and make every {@link Scan} from it, so they cannot drift.
 */
public sealed interface JobSpec permits TcpJobSpec, HttpJobSpec {
    /** TCP connects (true) or HTTP checks. */
    boolean tcp();

    Concurrency concurrency();

    /** A fresh scan of the job at these settings (paced at the job's rate, if it has one). */
    Scan<?, ? extends ProbeResult> toScan(ScanSettings settings);

    /** A fresh scan of the job at its own concurrency. */
    default Scan<?, ? extends ProbeResult> toScan() {
        return toScan(concurrency().settings(tcp()));
    }

    /** How many targets each scan checks. */
    long targetCount();

    /** {@link #toScan(ScanSettings)} as the factory a comparison takes. */
    default Function<ScanSettings, Scan<?, ?>> factory() {
        return this::toScan;
    }

    /** Where a rate was asked for, the scan paced at it. */
    static <T, R extends ProbeResult> Scan<T, R> paced(Scan<T, R> scan, Concurrency concurrency) {
        return concurrency.rate() > 0 ? scan.pacedAt(concurrency.rate()) : scan;
    }
}
