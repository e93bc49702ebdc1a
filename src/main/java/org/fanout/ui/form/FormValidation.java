package org.fanout.ui.form;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TargetSyntaxException;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.job.JobInputs;
import org.fanout.ui.common.Formats;
import org.fanout.ui.common.ScanMode;

/**
 * The scan form's checks: parses the current mode's fields with the engine's own parsers, keeps
 * each field's error (empty when fine), the summary and target count, and the targets it parsed
 * (what Start scans). {@link ScanFormViewModel} shows these as its read-only properties.
 */
final class FormValidation {
    final ReadOnlyStringWrapper hostsError;
    final ReadOnlyStringWrapper portsError;
    final ReadOnlyStringWrapper urlsError;
    final ReadOnlyStringWrapper patternError;
    final ReadOnlyStringWrapper timeoutError;
    final ReadOnlyStringWrapper summary;
    final ReadOnlyLongWrapper targetCount;
    final ReadOnlyBooleanWrapper valid;
    final ReadOnlyStringWrapper patternNotice;

    /** The targets the last validation parsed (null while the current mode's are wrong): what Start scans. */
    private TcpTargets parsedTcp;

    private UrlSource parsedUrls;

    /** @param bean the form whose properties these are */
    FormValidation(Object bean) {
        hostsError = new ReadOnlyStringWrapper(bean, "hostsError", "");
        portsError = new ReadOnlyStringWrapper(bean, "portsError", "");
        urlsError = new ReadOnlyStringWrapper(bean, "urlsError", "");
        patternError = new ReadOnlyStringWrapper(bean, "patternError", "");
        timeoutError = new ReadOnlyStringWrapper(bean, "timeoutError", "");
        summary = new ReadOnlyStringWrapper(bean, "summary", "");
        targetCount = new ReadOnlyLongWrapper(bean, "targetCount", 0);
        valid = new ReadOnlyBooleanWrapper(bean, "valid", false);
        patternNotice = new ReadOnlyStringWrapper(bean, "patternNotice", "");
    }

    TcpTargets parsedTcp() {
        return parsedTcp;
    }

    UrlSource parsedUrls() {
        return parsedUrls;
    }

    /**
     * Checks the fields of {@code mode} (the other mode's errors are cleared); {@code countErrors}
     * are the whole-number fields' own ({@link CountField}), which hold Start back as these do.
     */
    void validate(
            ScanMode mode,
            String hosts,
            String ports,
            String urls,
            String pattern,
            String timeout,
            List<String> countErrors) {
        timeoutError.set(check(() -> Durations.parseTimeout(timeout)));
        parsedTcp = null;
        parsedUrls = null;
        long count = mode == ScanMode.TCP ? validateTcp(hosts, ports) : validateHttp(urls, pattern);
        String why = null;
        List<String> errors = new ArrayList<>(
                List.of(hostsError.get(), portsError.get(), urlsError.get(), patternError.get(), timeoutError.get()));
        errors.addAll(countErrors);
        for (String e : errors) {
            if (!e.isEmpty() && why == null) why = e;
        }
        if (why != null) summary.set("Fix the marked field to start");
        targetCount.set(why == null ? count : 0);
        valid.set(why == null && count > 0);
    }

    /** Checks hosts and ports; returns how many targets they make (0 while wrong). */
    private long validateTcp(String hosts, String ports) {
        HostSpec h = null;
        PortSpec p = null;
        try {
            h = HostSpec.parse(hosts);
            hostsError.set("");
        } catch (TargetSyntaxException e) {
            hostsError.set(e.getMessage());
        }
        try {
            p = PortSpec.parse(ports);
            portsError.set("");
        } catch (TargetSyntaxException e) {
            portsError.set(e.getMessage());
        }
        urlsError.set("");
        patternError.set("");
        patternNotice.set("");
        if (h == null || p == null) return 0;
        try {
            parsedTcp = JobInputs.tcpTargets(h, p, Resolver.system());
            long count = parsedTcp.count();
            summary.set(Formats.count(h.count(), "host") + " × " + Formats.count(p.count(), "port") + " = "
                    + Formats.count(count, "target"));
            return count;
        } catch (IllegalArgumentException e) {
            portsError.set(e.getMessage());
            return 0;
        }
    }

    /** Checks the pattern, or else the URL list; returns how many URLs they make (0 while wrong). */
    private long validateHttp(String urls, String pattern) {
        hostsError.set("");
        portsError.set("");
        String pat = pattern == null ? "" : pattern.strip();
        int listed = ScanFormViewModel.urlList(urls).size();
        patternNotice.set(
                !pat.isEmpty() && listed > 0
                        ? "Both are filled: the pattern is checked and the " + Formats.count(listed, "URL")
                                + " in the list above " + (listed == 1 ? "is" : "are") + " ignored. Clear one of them."
                        : "");
        boolean byPattern = !pat.isEmpty();
        ReadOnlyStringWrapper used = byPattern ? patternError : urlsError;
        (byPattern ? urlsError : patternError).set("");
        try {
            parsedUrls = byPattern ? UrlSource.pattern(pat) : UrlSource.of(ScanFormViewModel.urlList(urls));
            long count = parsedUrls.count();
            used.set("");
            summary.set((byPattern ? "pattern = " : "") + Formats.count(count, "URL"));
            return count;
        } catch (TargetSyntaxException e) {
            used.set(e.getMessage());
            return 0;
        }
    }

    private static String check(Runnable parse) {
        try {
            parse.run();
            return "";
        } catch (TargetSyntaxException e) {
            return e.getMessage();
        }
    }
}
