package org.fanout.ui.form;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.fanout.engine.AnsweredPorts;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.ReverseResolver;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.ui.common.ScanMode;

/**
 * The form's job as a snapshot — what the Start button scans, and what a comparison repeats
 * as it was when Run was pressed (TCP
 * hosts and ports, or HTTP URLs or pattern, with timeout, retries, banner, method), able to
 * make a fresh {@link Scan} of the same targets for any strategy and thread count. The form's
 * own strategy and thread count are not used: the comparison chooses those.
 *
 * <p>It is a snapshot, so editing the form while a comparison runs does not change its runs.
 * It is the one place the app turns form fields into a {@link Scan}.
 *
 * @param description what is checked, for people, e.g. {@code HTTP HEAD · pattern = 500 URLs}
 * @param targets     targets each run checks
 */
public record CompareJob(ScanMode mode, String hosts, String ports, String urls, String pattern, String method,
                         String timeout, int retries, boolean banner, String description, long targets,
                         boolean tls, boolean resolveNames, boolean insecure, boolean title) {

    /** The form's current job; only call while the form {@linkplain ScanFormViewModel#isValid() is valid}. */
    public static CompareJob of(ScanFormViewModel form) {
        String what = (form.getMode() == ScanMode.TCP ? "TCP connect" : "HTTP " + form.getMethod())
                + " · " + form.getSummary() + " · timeout " + form.getTimeout();
        return new CompareJob(form.getMode(), form.getHosts(), form.getPorts(), form.getUrls(), form.getPattern(),
                form.getMethod(), form.getTimeout(), form.getRetries(), form.isBanner(), what, form.getTargetCount(),
                form.tlsProperty().get(), form.resolveNamesProperty().get(), form.insecureProperty().get(),
                form.titleProperty().get());
    }

    /** A fresh scan of this job's targets with the given strategy and threads. */
    public Scan<?, ?> scan(ScanSettings settings) {
        Duration t = Durations.parse(timeout);
        if (mode == ScanMode.TCP) {
            TcpTargets targets = new TcpTargets(HostSpec.parse(hosts), PortSpec.parse(ports), Resolver.system());
            Duration bannerWait = t.compareTo(Duration.ofMillis(500)) < 0 ? t : Duration.ofMillis(500);
            AnsweredPorts after = new AnsweredPorts(tls ? Duration.ofSeconds(2) : null,
                    resolveNames ? ReverseResolver.system() : null);
            return Scan.tcp(targets, new TcpProbeConfig(t, retries, banner, bannerWait), settings, after);
        }
        HttpProbeConfig config = new HttpProbeConfig(method, t, true, 10, retries).with(insecure, title, null);
        String p = pattern == null ? "" : pattern.strip();
        UrlSource source = p.isEmpty() ? UrlSource.of(ScanFormViewModel.urlList(urls)) : UrlSource.pattern(p);
        return Scan.http(source, config, Resolver.system(), settings);
    }

    /** {@link #scan} as the factory a {@link Comparison} takes. */
    public Function<ScanSettings, Scan<?, ?>> factory() {
        return this::scan;
    }

    /** What one target is called: "URL" or "target". */
    public String noun(long n) {
        String word = mode == ScanMode.HTTP ? "URL" : "target";
        return String.format(Locale.ROOT, "%s%s", word, n == 1 ? "" : "s");
    }
}
