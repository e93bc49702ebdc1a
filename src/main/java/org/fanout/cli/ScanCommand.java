package org.fanout.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.fanout.engine.Scan;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.probe.NioTcpEngine;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
        name = "scan",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "TCP connect scan of hosts x ports.",
        footer = {
            "",
            "Examples:",
            "  fanout scan --hosts 127.0.0.1 --ports 1-1024 --open-only",
            "  fanout scan --hosts 127.0.0.0/24 --ports ssh,telnet --threads 1000 \\",
            "      --output ports.csv",
            "  fanout scan --hosts localhost --ports top100 --banner --format json"
        })
final class ScanCommand implements Callable<Integer> {
    @Mixin
    TcpJobOptions job = new TcpJobOptions();

    @Option(names = "--open-only", description = "Write only open ports (the summary still counts all).")
    boolean openOnly;

    @Mixin
    ConcurrencyOptions concurrency = new ConcurrencyOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    HistoryOptions history = new HistoryOptions();

    private final PrintStream out;
    private final PrintStream err;

    ScanCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
        NioTcpEngine.prepareSockets(); // meanwhile: its options are parsed after this
    }

    @Override
    public Integer call() throws Exception {
        output.check(job.hosts.hostsFile, job.excludeHostsFile, job.trust.trustStore, history.db.file());
        Scan<Endpoint, TcpResult> scan = job.spec(concurrency.concurrency()).toScan();
        var manifest = job.order.startManifest(output, scan, ResultKind.TCP, job.identity);
        Recording<TcpResult> recording = history.recording(ResultKind.TCP, scan, err);
        int status = recording.run(() -> output.run(
                scan,
                ResultKind.TCP,
                recording.toStream(ResultWriters::tcp),
                recording.toFile(ResultWriters::openTcp),
                r -> !openOnly || r.state() == TcpState.OPEN,
                "ports",
                out,
                err));
        return OrderOptions.finish(manifest, output, status);
    }
}
