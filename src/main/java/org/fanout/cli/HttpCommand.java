package org.fanout.cli;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.fanout.engine.Scan;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.target.Resolver;
import org.fanout.engine.target.UrlSource;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResultWriters;
import org.fanout.export.ResumeReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "http", sortOptions = false, mixinStandardHelpOptions = true,
        description = "HTTP health check of many URLs: status, final URL, latency, size.",
        footer = {"", "Examples:",
                "  fanout http http://127.0.0.1:8080/ http://localhost:8080/health",
                "  fanout http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}{a-z}' --threads 1000 --output codes.csv",
                "  fanout http --input urls.txt --method GET --timeout 2s"})
final class HttpCommand implements Callable<Integer> {
    @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs to check.")
    List<String> urls;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "URLs, one per line; # starts a comment.")
    Path input;

    @Option(names = "--pattern", paramLabel = "P",
            description = "A URL with {a-z}, {0-9}, {1-100} or {x,y} groups, expanded lazily.")
    String pattern;

    @Option(names = "--method", paramLabel = "M", defaultValue = "HEAD",
            description = "HEAD (falls back to GET where refused) or GET (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "5s", converter = Converters.DurationConverter.class,
            description = "Deadline for each check, redirects included (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0", description = "Extra attempts where no response came, 0-10.")
    int retries;

    @Option(names = "--no-follow", description = "Report redirects instead of following them.")
    boolean noFollow;

    @Option(names = "--max-redirects", paramLabel = "N", defaultValue = "10", description = "Redirect hops before too_many_redirects, 0-50.")
    int maxRedirects;

    @Mixin
    ConcurrencyOptions concurrency = new ConcurrencyOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    private final PrintStream out;
    private final PrintStream err;

    HttpCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        HttpProbeConfig config = config();
        output.check();
        UrlSource targets = targets();
        Scan<URI, HttpResult> scan = Scan.http(targets, config, Resolver.system(), concurrency.settings(false));
        ResultWriter<HttpResult> writer;
        if (output.output == null) {
            writer = ResultWriters.http(output.format(), Streams.unclosable(out), true, false);
        } else {
            if (output.resume) scan = scan.skipping(ResumeReader.doneKeys(output.output, ResultKind.HTTP));
            writer = ResultWriters.openHttp(output.output, output.format(), output.resume);
        }
        return ScanSession.run(scan, writer, r -> true, "URLs", Streams.progressWanted(output), err);
    }

    private HttpProbeConfig config() {
        String m = method.trim().toUpperCase(java.util.Locale.ROOT);
        if (!m.equals("HEAD") && !m.equals("GET")) throw new UserError("--method must be HEAD or GET, got '" + method + "'");
        if (retries < 0 || retries > 10) throw new UserError("--retries must be 0-10, got " + retries);
        if (maxRedirects < 0 || maxRedirects > 50) throw new UserError("--max-redirects must be 0-50, got " + maxRedirects);
        return new HttpProbeConfig(m, timeout, !noFollow, maxRedirects, retries);
    }

    private UrlSource targets() {
        int given = (urls != null && !urls.isEmpty() ? 1 : 0) + (input != null ? 1 : 0) + (pattern != null ? 1 : 0);
        if (given == 0) throw new UserError("no URLs: give URLs, --input FILE or --pattern P");
        if (given > 1) throw new UserError("give only one of: URLs, --input FILE, --pattern P");
        if (pattern != null) return ScanCommand.parse("--pattern", () -> UrlSource.pattern(pattern));
        if (input != null) return ScanCommand.parse("--input", () -> UrlSource.fromFile(input));
        return ScanCommand.parse("URL", () -> UrlSource.of(urls));
    }
}
