package org.fanout.engine.job;

import java.net.URI;
import java.util.Objects;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;

/**
 * An HTTP check job (see {@link JobSpec}).
 *
 * @param targets     the parsed URLs (a list, a file or a pattern; ordered or sharded as asked)
 * @param probe       method, deadline, redirects, retries, TLS trust, title
 * @param resolver    how host names become addresses
 * @param concurrency strategy, threads, workers, rate
 */
public record HttpJobSpec(TargetSource<URI> targets, HttpProbeConfig probe, Resolver resolver, Concurrency concurrency)
        implements JobSpec {
    public HttpJobSpec {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(concurrency, "concurrency");
    }

    @Override
    public boolean tcp() {
        return false;
    }

    @Override
    public Scan<URI, HttpResult> toScan(ScanSettings settings) {
        return JobSpec.paced(Scan.http(targets, probe, resolver, settings), concurrency);
    }

    @Override
    public Scan<URI, HttpResult> toScan() {
        return toScan(concurrency.settings(false));
    }

    @Override
    public long targetCount() {
        return targets.count();
    }
}
