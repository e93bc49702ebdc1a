package org.fanout.engine.job;

import java.util.Objects;
import org.fanout.engine.AnsweredPorts;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;

/**
 * A TCP connect job (see {@link JobSpec}).
 *
 * @param targets     the parsed hosts x ports (ordered, sharded or with hosts left out as asked)
 * @param probe       connect deadline, retries, banner and banner wait
 * @param after       what is asked of a port that answered: TLS certificate, name
 * @param concurrency strategy, threads, workers, rate
 */
public record TcpJobSpec(
        TargetSource<Endpoint> targets, TcpProbeConfig probe, AnsweredPorts after, Concurrency concurrency)
        implements JobSpec {
    public TcpJobSpec {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(concurrency, "concurrency");
    }

    @Override
    public boolean tcp() {
        return true;
    }

    @Override
    public Scan<Endpoint, TcpResult> toScan(ScanSettings settings) {
        return JobSpec.paced(Scan.tcp(targets, probe, settings, after), concurrency);
    }

    @Override
    public Scan<Endpoint, TcpResult> toScan() {
        return toScan(concurrency.settings(true));
    }

    @Override
    public long targetCount() {
        return targets.count();
    }
}
