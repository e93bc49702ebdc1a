package org.fanout.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fanout.engine.job.JobKind;
import org.fanout.ui.main.FanoutApp;
import org.fanout.ui.main.GuiOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "gui",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Open the desktop app, optionally pre-filled with scan options and started at once.",
        footer = {
            "",
            "Examples:",
            "  fanout gui --hosts 127.0.0.1 --ports 1-1024 --start",
            "  fanout gui --mode http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}' \\",
            "      --threads 100",
            "  fanout gui --theme dark"
        })
final class GuiCommand implements Callable<Integer> {
    @Option(
            names = "--mode",
            paramLabel = "M",
            description = "tcp or http (default: http when URLs or a pattern are given).")
    String mode;

    @Option(names = "--hosts", paramLabel = "H[,H...]", description = "Hosts to scan.")
    String hosts;

    @Option(
            names = {"-p", "--ports"},
            paramLabel = "P",
            description = "Ports to scan.")
    String ports;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "URLs to check.")
    List<String> urls;

    @Option(names = "--pattern", paramLabel = "P", description = "URL pattern to check.")
    String pattern;

    @Option(
            names = "--threads",
            paramLabel = "N",
            converter = Converters.ThreadsConverter.class,
            description = "Concurrency, 1-100000.")
    Integer threads;

    @Option(names = "--strategy", paramLabel = "S", description = "auto, serial, pool, virtual, nio or process.")
    String strategy;

    @Option(names = "--timeout", paramLabel = "D", description = "Probe deadline, e.g. 1s or 250ms.")
    String timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Extra attempts, 0-10.")
    Integer retries;

    @Option(names = "--banner", description = "Grab banners.")
    Boolean banner;

    @Option(names = "--start", description = "Start the scan as soon as the window opens.")
    boolean start;

    @Option(
            names = "--theme",
            paramLabel = "T",
            description = "light, dark or system (follow the desktop); remembered.")
    String theme;

    @Override
    public Integer call() {
        String m = mode;
        JobKind implied =
                JobKind.implied(pattern != null || (urls != null && !urls.isEmpty()), hosts != null || ports != null);
        if (m == null && implied != null) m = implied.name().toLowerCase(Locale.ROOT);
        if (m != null && !m.equals("tcp") && !m.equals("http"))
            throw new UserError("--mode must be tcp or http, got '" + m + "'");
        if (threads != null && threads == 0) throw new UserError("--threads: give a number for the app (1-100000)");
        if (theme != null
                && !List.of("light", "dark", "system").contains(theme.strip().toLowerCase(Locale.ROOT))) {
            throw new UserError("--theme must be light, dark or system, got '" + theme + "'");
        }
        String urlText = urls == null || urls.isEmpty() ? null : String.join("\n", urls);
        String noDisplay = System.getProperty("glass.platform") != null // Headless or Monocle: no display needed
                ? null
                : noDisplay(System.getenv(), System.getProperty("os.name", ""));
        if (noDisplay != null) return cannotOpen(noDisplay);
        try {
            FanoutApp.open(new GuiOptions(
                    m, hosts, ports, urlText, pattern, threads, strategy, timeout, retries, banner, start, theme));
        } catch (UnsupportedOperationException e) { // JavaFX's word for a display it cannot open
            return cannotOpen(e.getMessage() + " " + System.getenv().getOrDefault("DISPLAY", ""));
        }
        return 0;
    }

    /**
     * Why no window can open here, or null: on Linux and the BSDs a window needs an X or Wayland
     * display, and an ssh session or a container often has none (JavaFX then fails with a trace).
     */
    static String noDisplay(Map<String, String> env, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("mac") || os.startsWith("windows")) return null;
        boolean x = !env.getOrDefault("DISPLAY", "").isBlank();
        boolean wayland = !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
        return x || wayland ? null : "no display (DISPLAY and WAYLAND_DISPLAY are not set)";
    }

    /** One line, no trace: the window cannot open, and the command line needs none. */
    private static int cannotOpen(String why) {
        System.err.println("error: cannot open the window: " + why.strip()
                + "; the command line works without one (fanout --help)");
        return FanoutCommand.FAILURE;
    }
}
