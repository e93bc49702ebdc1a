package org.fanout.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import org.fanout.engine.Scan;
import org.fanout.engine.probe.HttpResult;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "http",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "HTTP health check of many URLs: status, final URL, latency, size.",
        footer = {
            "",
            "Examples:",
            "  fanout http http://127.0.0.1:8080/ http://localhost:8080/health",
            "  fanout http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}{a-z}' \\",
            "      --threads 1000 --output codes.csv",
            "  fanout http --input urls.txt --method GET --timeout 2s"
        })
final class HttpCommand implements Callable<Integer> {
    @Mixin
    HttpJobOptions job = new HttpJobOptions();

    @Mixin
    ConcurrencyOptions concurrency = new ConcurrencyOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    HistoryOptions history = new HistoryOptions();

    private final PrintStream out;
    private final PrintStream err;

    HttpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        output.check(job.input, job.trust.trustStore, history.db.file());
        Scan<URI, HttpResult> scan = job.spec(concurrency.concurrency()).toScan();
        var manifest = job.order.startManifest(output, scan, ResultKind.HTTP, job.identity);
        Recording<HttpResult> recording = history.recording(ResultKind.HTTP, scan, err);
        int status = recording.run(() -> output.run(
                scan,
                ResultKind.HTTP,
                recording.toStream(ResultWriters::http),
                recording.toFile(ResultWriters::openHttp),
                r -> true,
                "URLs",
                out,
                err));
        return OrderOptions.finish(manifest, output, status);
    }
}
