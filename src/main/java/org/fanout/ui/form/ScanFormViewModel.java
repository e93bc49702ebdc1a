package org.fanout.ui.form;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.fanout.engine.AutoSettings;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.TcpTargets;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.job.JobDefaults;
import org.fanout.engine.job.JobKind;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.main.GuiOptions;

/**
 * The scan form: what to check and how. Every edit is validated at once with the engine's own
 * parsers; each field's error (empty when fine) says what is wrong and where, and
 * {@link #validProperty()} is false while any field of the current mode is wrong.
 */
public final class ScanFormViewModel {
    public static final String DEFAULT_HOSTS = "127.0.0.1";
    public static final String DEFAULT_PORTS = "ssh,telnet,80,443,8080";
    public static final String DEFAULT_URLS = "http://127.0.0.1:8080/";
    /** The app starts where {@code --strategy auto --threads auto} would for its default (TCP) job. */
    public static final Strategy DEFAULT_STRATEGY = AutoSettings.strategy(true);

    public static final int DEFAULT_THREADS = AutoSettings.threads(DEFAULT_STRATEGY, true);
    /** TCP's default connect timeout, the CLI's {@code scan --timeout} default. */
    public static final String DEFAULT_TIMEOUT = JobDefaults.TCP_TIMEOUT;
    /** HTTP's default timeout, the CLI's {@code http --timeout} default. */
    public static final String DEFAULT_HTTP_TIMEOUT = JobDefaults.HTTP_TIMEOUT;
    /** The longest pause between repeated runs: a day. */
    public static final int MAX_REPEAT_MINUTES = 1440;
    /** The thread slider spans 1 to this on a log scale; the spinner goes up to the engine's maximum. */
    public static final int SLIDER_MAX_THREADS = 10_000;
    /** Named port presets: button text to port list. */
    public static final List<String[]> PORT_PRESETS = List.of(
            new String[] {"ssh+telnet", "ssh,telnet"},
            new String[] {"web", "80,443,8000,8080,8443"},
            new String[] {"top 100", "top100"},
            new String[] {"1–1024", "1-1024"},
            new String[] {"all", "1-65535"});

    // ---- Properties: inputs ----
    private final ObjectProperty<ScanMode> mode = new SimpleObjectProperty<>(this, "mode", ScanMode.TCP);
    private final StringProperty hosts = new SimpleStringProperty(this, "hosts", DEFAULT_HOSTS);
    private final StringProperty ports = new SimpleStringProperty(this, "ports", DEFAULT_PORTS);
    private final StringProperty urls = new SimpleStringProperty(this, "urls", DEFAULT_URLS);
    private final StringProperty pattern = new SimpleStringProperty(this, "pattern", "");
    private final StringProperty method = new SimpleStringProperty(this, "method", JobDefaults.METHOD);
    /** The Threads field as typed: checked as typed, and a count that is right is the thread count. */
    private final CountField threads = new CountField(this, "threads", DEFAULT_THREADS, 1, ScanSettings.MAX_THREADS);

    private final DoubleProperty threadsScale =
            new SimpleDoubleProperty(this, "threadsScale", Math.log10(DEFAULT_THREADS));
    private final ObjectProperty<Strategy> strategy = new SimpleObjectProperty<>(this, "strategy", DEFAULT_STRATEGY);
    /** {@value #AUTO} or a strategy's label; each mode keeps its own (see {@link #otherStrategyChoice}). */
    private final StringProperty strategyChoice = new SimpleStringProperty(this, "strategyChoice", AUTO);

    private final StringProperty timeout = new SimpleStringProperty(this, "timeout", DEFAULT_TIMEOUT);
    private final IntegerProperty retries = new SimpleIntegerProperty(this, "retries", JobDefaults.retries());
    private final BooleanProperty banner = new SimpleBooleanProperty(this, "banner", true);
    private final BooleanProperty repeat = new SimpleBooleanProperty(this, "repeat", false);
    /** Minutes between repeated runs, as typed (checked only while {@link #repeat} is on). */
    private final CountField repeatEvery = new CountField(this, "repeatEvery", 10, 1, MAX_REPEAT_MINUTES);
    /** What one step of {@link #repeatEveryProperty()} is: a minute; tests make it a second. */
    public Duration repeatUnit = Duration.ofMinutes(1);

    private final BooleanProperty tls = new SimpleBooleanProperty(this, "tls", false);
    private final BooleanProperty resolveNames = new SimpleBooleanProperty(this, "resolveNames", false);
    private final BooleanProperty insecure = new SimpleBooleanProperty(this, "insecure", false);
    private final BooleanProperty title = new SimpleBooleanProperty(this, "title", false);

    // ---- Properties: validation (read-only) ----
    private final FormValidation validation = new FormValidation(this);
    private final ReadOnlyStringWrapper loadError = new ReadOnlyStringWrapper(this, "loadError", "");

    private boolean syncingThreads;
    /** The timeout of the mode not shown now (each mode keeps its own; {@link #timeout} shows the current one). */
    private String otherTimeout = DEFAULT_HTTP_TIMEOUT;
    /** The strategy choice of the mode not shown now: a TCP choice does not carry into HTTP. */
    private String otherStrategyChoice = AUTO;

    private boolean syncingStrategy;
    /** The strategy choice that lets the mode decide, as {@code --strategy auto}. */
    public static final String AUTO = "auto";

    public ScanFormViewModel() {
        mode.addListener((o, was, now) -> {
            if (was == now) return;
            String shown = timeout.get();
            timeout.set(otherTimeout);
            otherTimeout = shown;
            String choice = strategyChoice.get();
            strategyChoice.set(otherStrategyChoice);
            otherStrategyChoice = choice;
            resolveStrategy();
        });
        strategyChoice.addListener((o, was, now) -> resolveStrategy());
        // a strategy set directly (tests, the Compare window) is that mode's choice
        strategy.addListener((o, was, now) -> {
            if (!syncingStrategy && now != null) strategyChoice.set(now.label());
        });
        threads.value()
                .addListener((o, was, now) -> syncThreads(
                        () -> threadsScale.set(Math.log10(Math.clamp(now.intValue(), 1, SLIDER_MAX_THREADS)))));
        threadsScale.addListener(
                (o, was, now) -> syncThreads(() -> threads.value().set(sliderToThreads(now.doubleValue()))));
        for (Observable o :
                new Observable[] {mode, hosts, ports, urls, pattern, timeout, threads.text(), repeat, repeatEvery.text()
                }) {
            o.addListener(x -> validate());
        }
        validate();
    }

    /** Sets {@link #strategy} from the current mode's choice. */
    private void resolveStrategy() {
        String choice = strategyChoice.get();
        Strategy s = choice == null || AUTO.equals(choice)
                ? AutoSettings.strategy(mode.get() == ScanMode.TCP)
                : Strategy.parse(choice);
        syncingStrategy = true;
        try {
            strategy.set(s);
        } finally {
            syncingStrategy = false;
        }
    }

    /** The thread count a log-scale slider position (0..4) stands for, rounded to a friendly value. */
    public static int sliderToThreads(double scale) {
        double raw = Math.pow(10, Math.clamp(scale, 0, Math.log10(SLIDER_MAX_THREADS)));
        double step = raw < 20 ? 1 : raw < 200 ? 5 : raw < 2000 ? 50 : 500;
        return (int) Math.clamp(Math.round(raw / step) * step, 1, SLIDER_MAX_THREADS);
    }

    private void syncThreads(Runnable r) {
        if (syncingThreads) return;
        syncingThreads = true;
        try {
            r.run();
        } finally {
            syncingThreads = false;
        }
    }

    public ObjectProperty<ScanMode> modeProperty() {
        return mode;
    }

    public ScanMode getMode() {
        return mode.get();
    }

    public void setMode(ScanMode value) {
        mode.set(value);
    }

    public StringProperty hostsProperty() {
        return hosts;
    }

    public String getHosts() {
        return hosts.get();
    }

    public void setHosts(String value) {
        hosts.set(value);
    }

    public StringProperty portsProperty() {
        return ports;
    }

    public String getPorts() {
        return ports.get();
    }

    public void setPorts(String value) {
        ports.set(value);
    }

    public StringProperty urlsProperty() {
        return urls;
    }

    public String getUrls() {
        return urls.get();
    }

    public void setUrls(String value) {
        urls.set(value);
    }

    public StringProperty patternProperty() {
        return pattern;
    }

    public String getPattern() {
        return pattern.get();
    }

    public void setPattern(String value) {
        pattern.set(value);
    }

    public StringProperty methodProperty() {
        return method;
    }

    public String getMethod() {
        return method.get();
    }

    public void setMethod(String value) {
        method.set(value);
    }

    public IntegerProperty threadsProperty() {
        return threads.value();
    }

    public int getThreads() {
        return threads.value().get();
    }

    public void setThreads(int value) {
        threads.set(value);
    }

    /** The Threads field as typed. */
    public StringProperty threadsTextProperty() {
        return threads.text();
    }

    public String getThreadsText() {
        return threads.text().get();
    }

    public void setThreadsText(String value) {
        threads.text().set(value);
    }

    /** log10 of the thread count, for a slider from 0 (1 thread) to 4 (10,000 threads). */
    public DoubleProperty threadsScaleProperty() {
        return threadsScale;
    }

    public double getThreadsScale() {
        return threadsScale.get();
    }

    public void setThreadsScale(double value) {
        threadsScale.set(value);
    }

    /** The strategy a scan uses: the chosen one, or auto's for the mode. */
    public ObjectProperty<Strategy> strategyProperty() {
        return strategy;
    }

    public Strategy getStrategy() {
        return strategy.get();
    }

    public void setStrategy(Strategy value) {
        strategy.set(value);
    }

    /** {@value #AUTO} or a strategy's label, for the current mode. */
    public StringProperty strategyChoiceProperty() {
        return strategyChoice;
    }

    public String getStrategyChoice() {
        return strategyChoice.get();
    }

    public void setStrategyChoice(String value) {
        strategyChoice.set(value);
    }

    /** The strategy choice the given mode uses (the shown one for the current mode). */
    String strategyChoiceFor(ScanMode m) {
        return m == mode.get() ? strategyChoice.get() : otherStrategyChoice;
    }

    /** Sets both modes' strategy choices and the strategy of the current one. */
    void setStrategyChoices(String tcp, String http) {
        boolean tcpShown = mode.get() == ScanMode.TCP;
        otherStrategyChoice = tcpShown ? http : tcp;
        strategyChoice.set(tcpShown ? tcp : http);
        resolveStrategy();
    }

    /** The choices offered: auto, then every strategy. */
    public static List<String> strategyChoices() {
        List<String> all = new ArrayList<>();
        all.add(AUTO);
        for (Strategy s : Strategy.values()) all.add(s.label());
        return all;
    }

    /** The current mode's timeout (TCP and HTTP keep one each: 1s and 5s by default). */
    public StringProperty timeoutProperty() {
        return timeout;
    }

    public String getTimeout() {
        return timeout.get();
    }

    public void setTimeout(String value) {
        timeout.set(value);
    }

    /** The timeout the given mode uses (the shown one for the current mode). */
    public String timeoutFor(ScanMode m) {
        return m == mode.get() ? timeout.get() : otherTimeout;
    }

    void setTimeoutFor(ScanMode m, String value) {
        if (m == mode.get()) timeout.set(value);
        else otherTimeout = value;
    }

    public IntegerProperty retriesProperty() {
        return retries;
    }

    public int getRetries() {
        return retries.get();
    }

    public void setRetries(int value) {
        retries.set(value);
    }

    public BooleanProperty bannerProperty() {
        return banner;
    }

    public boolean isBanner() {
        return banner.get();
    }

    public void setBanner(boolean value) {
        banner.set(value);
    }

    public BooleanProperty tlsProperty() {
        return tls;
    }

    public BooleanProperty resolveNamesProperty() {
        return resolveNames;
    }

    public BooleanProperty insecureProperty() {
        return insecure;
    }

    public BooleanProperty titleProperty() {
        return title;
    }

    /** Whether Start keeps scanning, every {@link #repeatEveryProperty()} minutes, until Stop. */
    public BooleanProperty repeatProperty() {
        return repeat;
    }

    public boolean isRepeat() {
        return repeat.get();
    }

    public void setRepeat(boolean value) {
        repeat.set(value);
    }

    /** Minutes between the end of one run and the start of the next, 1 to {@value #MAX_REPEAT_MINUTES}. */
    public IntegerProperty repeatEveryProperty() {
        return repeatEvery.value();
    }

    public int getRepeatEvery() {
        return repeatEvery.value().get();
    }

    public void setRepeatEvery(int value) {
        repeatEvery.set(value);
    }

    /** The Repeat every field as typed. */
    public StringProperty repeatEveryTextProperty() {
        return repeatEvery.text();
    }

    public void setRepeatEveryText(String value) {
        repeatEvery.text().set(value);
    }

    /** Why the Repeat every text is not a count of minutes (empty when it is, or while Repeat is off). */
    public ReadOnlyStringProperty repeatEveryErrorProperty() {
        return repeatEvery.error();
    }

    public String getRepeatEveryError() {
        return repeatEvery.error().get();
    }

    /** The pause between repeated runs, or null when Start runs once. */
    public Duration repeatPause() {
        return repeat.get() ? repeatUnit.multipliedBy(getRepeatEvery()) : null;
    }

    /** The whole-number fields, for the view's spinners. */
    CountField threadsField() {
        return threads;
    }

    CountField repeatEveryField() {
        return repeatEvery;
    }

    public ReadOnlyStringProperty hostsErrorProperty() {
        return validation.hostsError.getReadOnlyProperty();
    }

    public String getHostsError() {
        return validation.hostsError.get();
    }

    public ReadOnlyStringProperty portsErrorProperty() {
        return validation.portsError.getReadOnlyProperty();
    }

    public String getPortsError() {
        return validation.portsError.get();
    }

    public ReadOnlyStringProperty urlsErrorProperty() {
        return validation.urlsError.getReadOnlyProperty();
    }

    public String getUrlsError() {
        return validation.urlsError.get();
    }

    public ReadOnlyStringProperty patternErrorProperty() {
        return validation.patternError.getReadOnlyProperty();
    }

    public String getPatternError() {
        return validation.patternError.get();
    }

    public ReadOnlyStringProperty timeoutErrorProperty() {
        return validation.timeoutError.getReadOnlyProperty();
    }

    public String getTimeoutError() {
        return validation.timeoutError.get();
    }

    public ReadOnlyStringProperty threadsErrorProperty() {
        return threads.error();
    }

    public String getThreadsError() {
        return threads.error().get();
    }

    /** "1 host × 5 ports = 5 targets", or the first problem. */
    public ReadOnlyStringProperty summaryProperty() {
        return validation.summary.getReadOnlyProperty();
    }

    public String getSummary() {
        return validation.summary.get();
    }

    public ReadOnlyLongProperty targetCountProperty() {
        return validation.targetCount.getReadOnlyProperty();
    }

    public long getTargetCount() {
        return validation.targetCount.get();
    }

    /** Why the last "load from file" failed, or empty. */
    public ReadOnlyStringProperty loadErrorProperty() {
        return loadError.getReadOnlyProperty();
    }

    public String getLoadError() {
        return loadError.get();
    }

    /** In HTTP mode with both a URL list and a pattern: which one is used (empty otherwise). */
    public ReadOnlyStringProperty patternNoticeProperty() {
        return validation.patternNotice.getReadOnlyProperty();
    }

    public String getPatternNotice() {
        return validation.patternNotice.get();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return validation.valid.getReadOnlyProperty();
    }

    public boolean isValid() {
        return validation.valid.get();
    }

    // ---- Commands ----

    /** Applies the port preset with the given button text (see {@link #PORT_PRESETS}). */
    public void applyPortPreset(String name) {
        for (String[] p : PORT_PRESETS) {
            if (p[0].equals(name)) {
                ports.set(p[1]);
                return;
            }
        }
        throw new IllegalArgumentException("unknown preset " + name);
    }

    /** Puts a hosts file's text into the hosts field (validated like typed text). */
    public void loadHostsFile(Path file) {
        readFile(file).ifPresent(hosts::set);
    }

    /** Puts a URL file's text into the URLs field and clears the pattern. */
    public void loadUrlsFile(Path file) {
        readFile(file).ifPresent(text -> {
            urls.set(text);
            pattern.set("");
        });
    }

    /**
     * Puts a pattern in and clears the URL list: with both filled the list is ignored and the form
     * warns until one is cleared, which a fill must not leave to the user.
     */
    public void fillPattern(String value) {
        urls.set("");
        pattern.set(value);
    }

    private Optional<String> readFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            loadError.set("");
            return Optional.of(text);
        } catch (IOException | RuntimeException e) {
            loadError.set("cannot read " + file.getFileName() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Fills in what the options give; null fields are left as they are. Bad values throw IllegalArgumentException. */
    public void apply(GuiOptions o) {
        if (o.mode() != null) mode.set(ScanMode.parse(o.mode()));
        if (o.hosts() != null) hosts.set(o.hosts());
        if (o.ports() != null) ports.set(o.ports());
        if (o.urls() != null) urls.set(o.urls());
        if (o.pattern() != null) pattern.set(o.pattern());
        if (o.threads() != null) setThreads(Math.clamp(o.threads(), 1, ScanSettings.MAX_THREADS));
        if (o.retries() != null) retries.set(Math.clamp(o.retries(), 0, JobDefaults.MAX_RETRIES));
        if (o.banner() != null) banner.set(o.banner());
        JobKind implied =
                JobKind.implied(o.urls() != null || o.pattern() != null, o.hosts() != null || o.ports() != null);
        if (o.mode() == null && implied != null) mode.set(implied == JobKind.TCP ? ScanMode.TCP : ScanMode.HTTP);
        if (o.timeout() != null) timeout.set(o.timeout()); // the timeout of the mode chosen above
        if (o.strategy() != null) { // the strategy of the mode chosen above
            if (AUTO.equalsIgnoreCase(o.strategy().strip())) strategyChoice.set(AUTO);
            else strategy.set(Strategy.parse(o.strategy()));
        }
    }

    /** Restores the last inputs from {@code prefs} (missing keys keep their current value). */
    public void load(Preferences prefs) {
        FormPreferences.load(this, prefs);
    }

    /** Remembers the current inputs in {@code prefs} (texts too long for preferences are skipped). */
    public void save(Preferences prefs) {
        FormPreferences.save(this, prefs);
    }

    /** A new scan for the current inputs, made from their {@link CompareJob#spec()}; only call while {@link #isValid()}. */
    public Scan<?, ? extends ProbeResult> createScan() {
        return CompareJob.of(this).spec().toScan();
    }

    /** The hosts x ports the last validation parsed, or null while TCP's fields are wrong (or HTTP is shown). */
    public TcpTargets parsedTcpTargets() {
        return validation.parsedTcp();
    }

    /** The URLs (of the pattern, or else the list) the last validation parsed, or null while they are wrong (or TCP is shown). */
    public UrlSource parsedUrls() {
        return validation.parsedUrls();
    }

    /** The URLs in a text: separated by whitespace; lines starting with '#' are comments. */
    public static List<String> urlList(String text) {
        if (text == null) return List.of();
        return text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .flatMap(l -> Arrays.stream(l.split("\\s+")))
                .toList();
    }

    private void validate() {
        threads.read(true);
        repeatEvery.read(repeat.get()); // while Repeat is off its field is locked and not used
        validation.validate(
                mode.get(),
                hosts.get(),
                ports.get(),
                urls.get(),
                pattern.get(),
                timeout.get(),
                List.of(threads.error().get(), repeatEvery.error().get()));
    }
}
