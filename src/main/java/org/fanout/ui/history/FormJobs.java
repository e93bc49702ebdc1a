package org.fanout.ui.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.ResultKind;
import org.fanout.history.Job;
import org.fanout.history.Run;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.form.ScanFormViewModel;

/**
 * The app's side of a run's job: the form's job written as the CLI writes its jobs (option
 * names as keys, so an app run and the same {@code fanout scan} pair up in a diff), and a
 * recorded job — the app's or the CLI's — put back into the form to run again.
 */
final class FormJobs {
    private FormJobs() {}

    /** Made on first use: an ObjectMapper takes ~0.1 s to start, which the first Start should not wait for. */
    private static final class Reader {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    /**
     * The job a Start of the form runs, with the key and JSON the command line gives the same job
     * (its options with their defaults, as {@code HistoryOptions} records them), so the two pair
     * up in a diff; strategy and threads describe it but are not part of its key.
     */
    static Job of(CompareJob job, Strategy strategy, int threads) {
        Map<String, Object> identity = new TreeMap<>();
        List<String> described = new ArrayList<>();
        ResultKind kind = job.mode() == ScanMode.TCP ? ResultKind.TCP : ResultKind.HTTP;
        described.add(Job.kindName(kind));
        if (kind == ResultKind.TCP) {
            put(identity, described, "--hosts", job.hosts().strip().replaceAll("\\s+", ","));
            put(identity, described, "--ports", job.ports().strip());
            flag(identity, described, "--banner", job.banner());
            flag(identity, described, "--tls", job.tls());
            flag(identity, described, "--resolve-names", job.resolveNames());
            identity.put("--banner-timeout", JobDefaults.BANNER_TIMEOUT);
            identity.put("--tls-timeout", JobDefaults.TLS_TIMEOUT);
        } else {
            String pattern = job.pattern() == null ? "" : job.pattern().strip();
            if (!pattern.isEmpty()) {
                put(identity, described, "--pattern", pattern);
            } else {
                List<String> urls = ScanFormViewModel.urlList(job.urls());
                identity.put("URL", urls);
                described.addAll(urls);
            }
            put(identity, described, "--method", job.method());
            flag(identity, described, "--insecure", job.insecure());
            flag(identity, described, "--title", job.title());
            identity.put("--max-redirects", JobDefaults.MAX_REDIRECTS);
        }
        put(identity, described, "--timeout", job.timeout().strip());
        put(identity, described, "--retries", Integer.toString(job.retries()));
        identity.put("--order", JobDefaults.ORDER);
        Map<String, Object> all = new TreeMap<>(identity);
        all.put("--strategy", strategy.label());
        all.put("--threads", Integer.toString(threads));
        described.add("--strategy " + strategy.label());
        described.add("--threads " + threads);
        return Job.of(kind, identity, all, String.join(" ", described));
    }

    private static void flag(Map<String, Object> identity, List<String> described, String option, boolean on) {
        if (!on) return;
        identity.put(option, Boolean.TRUE);
        described.add(option);
    }

    private static void put(Map<String, Object> identity, List<String> described, String option, String value) {
        identity.put(option, value);
        described.add(option + " " + (value.matches("[A-Za-z0-9_./:,@%+=\\-\\[\\]{}]+") ? value : "'" + value + "'"));
    }

    /**
     * Puts a recorded run's job into the form (its targets, probe settings, strategy and threads).
     *
     * @throws IllegalArgumentException if the run has no job the form can hold (an import, say)
     */
    static void fill(ScanFormViewModel form, Run run) {
        JsonNode job;
        try {
            job = Reader.JSON.readTree(run.jobJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("run " + run.id() + " has an unreadable job");
        }
        if (job == null || !job.isObject() || job.has("import")) {
            throw new IllegalArgumentException(
                    "run " + run.id() + " was imported from a file: it has no job to run again");
        }
        ScanMode mode = run.kind() == ResultKind.TCP ? ScanMode.TCP : ScanMode.HTTP;
        form.setMode(mode);
        if (mode == ScanMode.TCP) {
            if (job.has("--hosts-file")) form.loadHostsFile(Path.of(text(job, "--hosts-file")));
            else form.setHosts(text(job, "--hosts"));
            form.setPorts(job.has("--ports") ? text(job, "--ports") : "top100");
            form.setBanner(job.path("--banner").asBoolean(false));
            form.tlsProperty().set(job.path("--tls").asBoolean(false));
            form.resolveNamesProperty().set(job.path("--resolve-names").asBoolean(false));
        } else {
            form.setPattern(job.has("--pattern") ? text(job, "--pattern") : "");
            if (job.has("--input")) form.loadUrlsFile(Path.of(text(job, "--input")));
            else if (job.has("URL")) form.setUrls(text(job, "URL", "\n"));
            form.setMethod("GET".equalsIgnoreCase(text(job, "--method")) ? "GET" : "HEAD");
            form.insecureProperty().set(job.path("--insecure").asBoolean(false));
            form.titleProperty().set(job.path("--title").asBoolean(false));
        }
        if (job.has("--timeout")) form.setTimeout(text(job, "--timeout"));
        if (job.has("--retries")) form.setRetries(Math.clamp(Integer.parseInt(text(job, "--retries")), 0, 10));
        if (job.has("--threads") && text(job, "--threads").matches("\\d+")) {
            form.setThreads(Math.max(1, Integer.parseInt(text(job, "--threads"))));
        }
        if (job.has("--strategy")) {
            try {
                form.setStrategy(Strategy.parse(text(job, "--strategy")));
            } catch (IllegalArgumentException auto) {
                // "auto" and the like: keep the form's choice
            }
        }
    }

    /** An option's value: a string, or a list's items joined by commas. */
    private static String text(JsonNode job, String option) {
        return text(job, option, ",");
    }

    private static String text(JsonNode job, String option, String separator) {
        JsonNode value = job.path(option);
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false)
                    .map(JsonNode::asText)
                    .collect(Collectors.joining(separator));
        }
        return value.asText("");
    }
}
