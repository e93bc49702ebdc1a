package org.fanout.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.HttpJobSpec;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.probe.HttpProbeConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Which URLs an HTTP check visits and how: shared by {@code http} and {@code compare http}. */
final class HttpJobOptions {
    @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs to check.")
    List<String> urls;

    @Option(
            names = {"-i", "--input"},
            paramLabel = "FILE",
            description = "URLs, one per line; # starts a comment.")
    Path input;

    @Option(
            names = "--pattern",
            paramLabel = "P",
            description = "A URL with {a-z}, {0-9}, {1-100} or {x,y} groups, expanded lazily.")
    String pattern;

    @Option(
            names = "--method",
            paramLabel = "M",
            defaultValue = JobDefaults.METHOD,
            description = "HEAD (falls back to GET where refused) or GET (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(
            names = "--timeout",
            paramLabel = "D",
            defaultValue = JobDefaults.HTTP_TIMEOUT,
            converter = Converters.TimeoutConverter.class,
            description = "Deadline for each check, redirects included (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--retries",
            paramLabel = "N",
            defaultValue = JobDefaults.RETRIES,
            description = "Extra attempts where no response came, 0-10.")
    int retries;

    @Option(names = "--no-follow", description = "Report redirects instead of following them.")
    boolean noFollow;

    @Option(
            names = "--max-redirects",
            paramLabel = "N",
            defaultValue = JobDefaults.MAX_REDIRECTS,
            description = "Redirect hops before too_many_redirects, 0-50.")
    int maxRedirects;

    @Mixin
    OrderOptions order = new OrderOptions();

    @Option(
            names = {"-k", "--insecure"},
            description = "Check the server behind any certificate (cert_trusted still says whether it is trusted).")
    boolean insecure;

    @Option(names = "--title", description = "GET each page and report its <title> (reads at most 256 KB).")
    boolean title;

    @Mixin
    TrustStoreOptions trust = new TrustStoreOptions();

    /** Parses and checks everything into the job, at this concurrency; bad input becomes a {@link UserError}. */
    HttpJobSpec spec(Concurrency concurrency) {
        HttpProbeConfig config = config();
        return new HttpJobSpec(order.apply(targets()), config, Resolver.system(), concurrency);
    }

    private HttpProbeConfig config() {
        String m = TcpJobOptions.parse("--method", () -> JobInputs.method(method));
        TcpJobOptions.parse("--retries", () -> JobInputs.retries(retries));
        TcpJobOptions.parse("--max-redirects", () -> JobInputs.maxRedirects(maxRedirects));
        return new HttpProbeConfig(m, timeout, !noFollow, maxRedirects, retries, insecure, title, trust.pemFile());
    }

    /** The URLs as text, equal for equal jobs (set by {@link #scan}): what shard manifests compare. */
    String identity;

    private UrlSource targets() {
        int given = (urls != null && !urls.isEmpty() ? 1 : 0) + (input != null ? 1 : 0) + (pattern != null ? 1 : 0);
        if (given == 0) throw new UserError("no URLs: give URLs, --input FILE or --pattern P");
        if (given > 1) throw new UserError("give only one of: URLs, --input FILE, --pattern P");
        identity = "http "
                + (pattern != null
                        ? "pattern=" + pattern
                        : input != null ? "input=" + OrderOptions.contentOf(input) : "urls=" + String.join(" ", urls));
        if (pattern != null) return TcpJobOptions.parse("--pattern", () -> UrlSource.pattern(pattern));
        if (input != null) return TcpJobOptions.parse("--input", () -> UrlSource.fromFile(input));
        return TcpJobOptions.parse("URL", () -> UrlSource.of(urls));
    }
}
