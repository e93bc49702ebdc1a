package org.fanout.ui.form;

import java.util.Locale;
import java.util.function.Function;
import org.fanout.engine.AnsweredPorts;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.compare.Comparison;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.ReverseResolver;
import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.HttpJobSpec;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.JobInputs;
import org.fanout.engine.job.JobSpec;
import org.fanout.engine.job.TcpJobSpec;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.ui.common.ScanMode;

/**
 * The form's job as a snapshot — what the Start button scans, and what a comparison repeats
 * as it was when Run was pressed: the {@link JobSpec} (targets as the form's validation parsed
 * them, probe settings, the form's strategy and threads) with the form's texts beside it, for
 * people and for the history. A comparison uses the spec's targets and probe settings at the
 * strategies and thread counts it chooses.
 *
 * <p>It is a snapshot, so editing the form while a comparison runs does not change its runs.
 * Probe settings the form has no field for (banner wait, redirects, TLS deadline) are the CLI's
 * defaults, {@link JobDefaults}.
 *
 * @param description what is checked, for people, e.g. {@code HTTP HEAD · pattern = 500 URLs}
 * @param targets     targets each run checks
 * @param spec        the job itself: every scan of it is made from this
 */
public record CompareJob(
        ScanMode mode,
        String hosts,
        String ports,
        String urls,
        String pattern,
        String method,
        String timeout,
        int retries,
        boolean banner,
        String description,
        long targets,
        boolean tls,
        boolean resolveNames,
        boolean insecure,
        boolean title,
        JobSpec spec) {

    /** The form's current job; only call while the form {@linkplain ScanFormViewModel#isValid() is valid}. */
    public static CompareJob of(ScanFormViewModel form) {
        String what = describe(form);
        Concurrency concurrency = Concurrency.of(form.getStrategy(), form.getThreads());
        JobSpec spec = form.getMode() == ScanMode.TCP
                ? new TcpJobSpec(form.parsedTcpTargets(), tcpProbe(form), answeredPorts(form), concurrency)
                : new HttpJobSpec(form.parsedUrls(), httpProbe(form), Resolver.system(), concurrency);
        return new CompareJob(
                form.getMode(),
                form.getHosts(),
                form.getPorts(),
                form.getUrls(),
                form.getPattern(),
                form.getMethod(),
                form.getTimeout(),
                form.getRetries(),
                form.isBanner(),
                what,
                form.getTargetCount(),
                form.tlsProperty().get(),
                form.resolveNamesProperty().get(),
                form.insecureProperty().get(),
                form.titleProperty().get(),
                spec);
    }

    /** What the form's job checks, for people, e.g. {@code HTTP HEAD · pattern = 500 URLs · timeout 5s}. */
    public static String describe(ScanFormViewModel form) {
        return (form.getMode() == ScanMode.TCP ? "TCP connect" : "HTTP " + form.getMethod()) + " · " + form.getSummary()
                + " · timeout " + form.getTimeout();
    }

    /** The form's TCP probe settings: its timeout, retries and banner; the banner wait is the CLI's default. */
    public static TcpProbeConfig tcpProbe(ScanFormViewModel form) {
        return new TcpProbeConfig(
                Durations.parseTimeout(form.timeoutFor(ScanMode.TCP)),
                JobInputs.retries(form.getRetries()),
                form.isBanner(),
                JobDefaults.bannerTimeout());
    }

    /** The form's HTTP probe settings; redirects are followed as the CLI's defaults say. */
    public static HttpProbeConfig httpProbe(ScanFormViewModel form) {
        return new HttpProbeConfig(
                JobInputs.method(form.getMethod()),
                Durations.parseTimeout(form.timeoutFor(ScanMode.HTTP)),
                true,
                JobDefaults.maxRedirects(),
                JobInputs.retries(form.getRetries()),
                form.insecureProperty().get(),
                form.titleProperty().get(),
                null);
    }

    private static AnsweredPorts answeredPorts(ScanFormViewModel form) {
        return new AnsweredPorts(
                form.tlsProperty().get() ? JobDefaults.tlsTimeout() : null,
                form.resolveNamesProperty().get() ? ReverseResolver.system() : null);
    }

    /** A fresh scan of this job's targets with the given strategy and threads. */
    public Scan<?, ?> scan(ScanSettings settings) {
        return spec.toScan(settings);
    }

    /** {@link #scan} as the factory a {@link Comparison} takes. */
    public Function<ScanSettings, Scan<?, ?>> factory() {
        return spec.factory();
    }

    /** What one target is called: "URL" or "target". */
    public String noun(long n) {
        String word = mode == ScanMode.HTTP ? "URL" : "target";
        return String.format(Locale.ROOT, "%s%s", word, n == 1 ? "" : "s");
    }
}
