package org.fanout.ui.form;

import java.util.Locale;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.job.JobDefaults;
import org.fanout.ui.common.ScanMode;

/**
 * Remembers the scan form's inputs between sessions in {@link Preferences}, and reads the keys
 * older versions wrote (one strategy and one timeout for both modes, strategies by enum name).
 */
final class FormPreferences {
    private FormPreferences() {}

    /** Restores the last inputs from {@code prefs} (missing keys keep their current value). */
    static void load(ScanFormViewModel form, Preferences prefs) {
        try {
            form.setMode(ScanMode.valueOf(prefs.get("mode", form.getMode().name())));
        } catch (IllegalArgumentException ignored) {
            // an old or edited value: keep the default
        }
        // one strategy choice per mode; "strategy" (one for both) was kept before: TCP's
        String tcpChoice =
                choiceOr(prefs.get("strategy.tcp", prefs.get("strategy", null)), form.strategyChoiceFor(ScanMode.TCP));
        String httpChoice = choiceOr(prefs.get("strategy.http", null), form.strategyChoiceFor(ScanMode.HTTP));
        form.setStrategyChoices(tcpChoice, httpChoice);
        // one timeout per mode; "timeout" (one for both) was kept before, and was TCP's
        form.setTimeoutFor(ScanMode.TCP, prefs.get("timeout.tcp", prefs.get("timeout", form.timeoutFor(ScanMode.TCP))));
        form.setTimeoutFor(ScanMode.HTTP, prefs.get("timeout.http", form.timeoutFor(ScanMode.HTTP)));
        form.setHosts(prefs.get("hosts", form.getHosts()));
        form.setPorts(prefs.get("ports", form.getPorts()));
        form.setUrls(prefs.get("urls", form.getUrls()));
        form.setPattern(prefs.get("pattern", form.getPattern()));
        form.setMethod("GET".equals(prefs.get("method", form.getMethod())) ? "GET" : "HEAD");
        form.setThreads(Math.clamp(prefs.getInt("threads", form.getThreads()), 1, ScanSettings.MAX_THREADS));
        form.setRetries(Math.clamp(prefs.getInt("retries", form.getRetries()), 0, JobDefaults.MAX_RETRIES));
        form.setBanner(prefs.getBoolean("banner", form.isBanner()));
        form.setRepeatEvery(Math.clamp(prefs.getInt("repeatEvery", form.getRepeatEvery()), 1, 1440));
        form.tlsProperty().set(prefs.getBoolean("tls", form.tlsProperty().get()));
        form.resolveNamesProperty()
                .set(prefs.getBoolean(
                        "resolveNames", form.resolveNamesProperty().get()));
        form.insecureProperty()
                .set(prefs.getBoolean("insecure", form.insecureProperty().get()));
        form.titleProperty().set(prefs.getBoolean("title", form.titleProperty().get()));
    }

    /** Remembers the current inputs in {@code prefs} (texts too long for preferences are skipped). */
    static void save(ScanFormViewModel form, Preferences prefs) {
        prefs.put("mode", form.getMode().name());
        prefs.put("strategy.tcp", form.strategyChoiceFor(ScanMode.TCP));
        prefs.put("strategy.http", form.strategyChoiceFor(ScanMode.HTTP));
        prefs.remove("strategy");
        putText(prefs, "hosts", form.getHosts());
        putText(prefs, "ports", form.getPorts());
        putText(prefs, "urls", form.getUrls());
        putText(prefs, "pattern", form.getPattern());
        prefs.put("method", form.getMethod());
        prefs.putInt("threads", form.getThreads());
        putText(prefs, "timeout.tcp", form.timeoutFor(ScanMode.TCP));
        putText(prefs, "timeout.http", form.timeoutFor(ScanMode.HTTP));
        prefs.remove("timeout");
        prefs.putInt("retries", form.getRetries());
        prefs.putBoolean("banner", form.isBanner());
        prefs.putInt("repeatEvery", form.getRepeatEvery());
        prefs.putBoolean("tls", form.tlsProperty().get());
        prefs.putBoolean("resolveNames", form.resolveNamesProperty().get());
        prefs.putBoolean("insecure", form.insecureProperty().get());
        prefs.putBoolean("title", form.titleProperty().get());
        try {
            prefs.flush();
        } catch (BackingStoreException ignored) {
            // remembering inputs is a convenience; the scan does not depend on it
        }
    }

    /** A remembered strategy choice if it is one (old files kept the enum name), else {@code fallback}. */
    private static String choiceOr(String saved, String fallback) {
        if (saved == null) return fallback;
        String c = saved.strip().toLowerCase(Locale.ROOT);
        return ScanFormViewModel.strategyChoices().contains(c) ? c : fallback;
    }

    private static void putText(Preferences prefs, String key, String value) {
        String v = value == null ? "" : value;
        if (v.length() <= Preferences.MAX_VALUE_LENGTH) prefs.put(key, v);
    }
}
