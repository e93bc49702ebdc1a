package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.fanout.Version;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.inputs.TargetSyntaxException;
import org.fanout.history.HistoryException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The top of the command line: {@code fanout scan|http|compare|lab|gui}. The only code that prints. */
// The subcommands are registered in execute(), not here: see SUBCOMMANDS. This command's own model is
// built in code (model()), not read from annotations: see there.
public final class FanoutCommand implements Runnable {
    private static final String NAME = "fanout";
    private static final String DESCRIPTION =
            "Check many host:port pairs and URLs at once, and see what each thread count buys.";
    private static final String[] FOOTER = {
        "",
        "With no command, the desktop app opens. Every example here targets loopback:",
        "  fanout scan --hosts 127.0.0.1 --ports 1-1024 --open-only",
        "  fanout http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}' --threads 100",
        "  fanout compare --threads 1,10,100 \\",
        "      http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}'",
        "  fanout lab --http-port 8080"
    };

    /**
     * picocli's default factory, when first used, looks for Groovy's {@code Closure} class (a
     * {@code ClassNotFoundException} after searching every jar on the class path: ~20 ms of every
     * command on a slow VM). Fanout has no Groovy; this property tells picocli not to look.
     */
    private static final String NO_GROOVY_CLOSURES = "picocli.disable.closures";

    static {
        if (System.getProperty(NO_GROOVY_CLOSURES) == null) System.setProperty(NO_GROOVY_CLOSURES, "true");
    }

    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;
    /** Standard output's reader went away ({@code | head}): 128 + SIGPIPE, what a program that signal ends reports. */
    public static final int READER_GONE = 141;

    /**
     * Every subcommand, in the order help lists them. picocli builds a command's model by reflection
     * (~0.27 s of start-up for all of them), so a run registers only the one it runs; help, no
     * command, and a name that is none of these (for "did you mean") get all of them.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ScanCommand.class,
            HttpCommand.class,
            CompareCommand.class,
            MergeCommand.class,
            LabCommand.class,
            GuiCommand.class,
            SelfTestCommand.class,
            HistoryCommand.class,
            DiffCommand.class,
            WatchCommand.class,
            ImportCommand.class);

    /** What every command's -V prints (it holds nothing: one for all). */
    static final VersionProvider VERSION = new VersionProvider();

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Version.line()};
        }
    }

    private CommandSpec spec;

    /**
     * This command's model: its name, help, {@code -h} and {@code -V}, as
     * {@code @Command(mixinStandardHelpOptions = true)} would make them. Built in code because every
     * run builds it, {@code --version} included: read from annotations it cost a fresh JVM ~40 ms,
     * half of {@code --version}'s own work (picocli's reflection over the class, its help mixin and
     * {@code java.lang.Object} made the JDK generate six annotation proxy classes).
     */
    static CommandSpec model(FanoutCommand command) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name(NAME).versionProvider(VERSION);
        spec.usageMessage().description(DESCRIPTION).footer(FOOTER);
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print version information and exit.")
                .build());
        command.spec = spec;
        return spec;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "no command given (try scan, http, compare, lab or gui; see --help)");
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        List<Class<?>> subcommands = subcommandsFor(args);
        if (subcommands.size() == 1) readAnnotationsAhead(subcommands.getFirst());
        return execute(args, out, err, subcommands);
    }

    static int execute(String[] args, PrintStream out, PrintStream err, List<Class<?>> subcommands) {
        CommandLine cli = commandLine(out, err, subcommands);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine watch = cli.getSubcommands().get("watch");
        if (watch != null) watch.setStopAtPositional(true); // everything after scan|http is the job's
        // Named classes, not lambdas: a lambda implementing a picocli interface is spun at every start
        // (the class-data archive cannot hold it), ~10 ms of each command on a slow VM.
        cli.setParameterExceptionHandler(new BadInput(err));
        cli.setExecutionExceptionHandler(new Failure(err));
        return cli.execute(args);
    }

    /** The command tree: this command and {@code subcommands}, made with the streams they print to. */
    static CommandLine commandLine(PrintStream out, PrintStream err, List<Class<?>> subcommands) {
        CommandLine cli = new CommandLine(model(new FanoutCommand()), new Factory(out, err));
        for (Class<?> command : subcommands) cli.addSubcommand(command);
        answerVersion(cli.getSubcommands().values());
        return cli;
    }

    /**
     * Every subcommand, nested ones too, answers {@code -V} as this command does: picocli's help
     * mixin gives each its own -V, which without a version of its own printed nothing.
     */
    private static void answerVersion(Collection<CommandLine> commands) {
        for (CommandLine command : commands) {
            command.getCommandSpec().versionProvider(VERSION);
            answerVersion(command.getSubcommands().values());
        }
    }

    static int internalFailure(Exception e, PrintStream err) {
        err.println("error: internal failure: " + e);
        e.printStackTrace(err);
        return FAILURE;
    }

    /**
     * The subcommands {@code args} need: none for the version alone, the one named first, or else
     * all. {@code selftest} builds all too: it checks that the whole command line works here, and
     * the launchers' class-data archive, written by a selftest run, then holds every command.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (Launch.asksTheVersionAlone(args)) return List.of();
        if (args.length > 0 && !args[0].equals("selftest")) {
            for (Class<?> command : SUBCOMMANDS) {
                if (nameOf(command).equals(args[0])) return List.of(command);
            }
        }
        return SUBCOMMANDS;
    }

    /**
     * A subcommand's name, from its class's ({@code ScanCommand}: {@code scan}); its
     * {@code @Command(name)} says the same (SubcommandRegistrationTest). Not read from that
     * annotation: the first annotation a JVM reads makes it set up its proxy classes (~30 ms here),
     * which {@link #readAnnotationsAhead} does meanwhile on another thread.
     */
    static String nameOf(Class<?> command) {
        return command.getSimpleName().replaceFirst("Command$", "").toLowerCase(Locale.ROOT);
    }

    /**
     * Reads the annotations picocli is about to read of {@code command} (its class, its fields and
     * its mixins' fields) on another thread, while this one builds the top command: the JDK makes a
     * proxy class for each annotation type on its first read, ~0.1 s of a cold start on two cores.
     */
    static void readAnnotationsAhead(Class<?> command) {
        Thread.ofPlatform().daemon().name("fanout-annotations").start(() -> readAnnotations(command, 0));
    }

    private static void readAnnotations(Class<?> type, int depth) {
        if (depth > 3 || type.getPackage() != FanoutCommand.class.getPackage()) return;
        type.getAnnotations();
        for (Field field : type.getDeclaredFields()) {
            if (field.getAnnotations().length > 0) readAnnotations(field.getType(), depth + 1);
        }
    }

    /** One line, without the "Error: " picocli puts before some messages (the caller writes "error: "). */
    static String oneLine(String message) {
        if (message == null) return "unknown problem";
        String line = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        if (line.regionMatches(true, 0, "error:", 0, 6))
            line = line.substring(6).trim();
        if (line.isEmpty()) return "unknown problem";
        boolean capitalisedWord =
                line.length() > 1 && Character.isUpperCase(line.charAt(0)) && Character.isLowerCase(line.charAt(1));
        return capitalisedWord ? Character.toLowerCase(line.charAt(0)) + line.substring(1) : line; // "URL" stays
    }

    /** For a mistyped command or option, what was probably meant: {@code ; did you mean scan?} */
    private static String suggestion(CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
                || unmatched.getUnmatched().isEmpty()) return "";
        List<String> close = unmatched.getSuggestions();
        if (close.isEmpty())
            close = nearest(
                    unmatched.getUnmatched().getFirst(), e.getCommandLine().getCommandSpec());
        if (close.isEmpty()) return "";
        return "; did you mean " + String.join(" or ", close.subList(0, Math.min(3, close.size()))) + "?";
    }

    /** The option or subcommand names within two typing slips of {@code typed} (picocli misses some, e.g. --prots). */
    private static List<String> nearest(String typed, CommandLine.Model.CommandSpec spec) {
        Collection<String> names = typed.startsWith("-")
                ? spec.optionsMap().keySet()
                : spec.subcommands().keySet();
        int limit = Math.min(2, typed.replaceFirst("^-+", "").length() / 3);
        return names.stream()
                .filter(n -> !n.equals(typed) && slips(typed, n) <= limit)
                .sorted()
                .toList();
    }

    /** Edits (insert, delete, replace, swap two neighbours) turning a into b. */
    static int slips(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** A command line picocli refused: one {@code error:} line, status 2. */
    private record BadInput(PrintStream err) implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            err.println("error: " + oneLine(e.getMessage()) + suggestion(e));
            return BAD_INPUT;
        }
    }

    /** What a command threw: one {@code error:} line and its status, or an internal failure's report. */
    private record Failure(PrintStream err) implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
            if (e instanceof UserError || e instanceof TargetSyntaxException) {
                err.println("error: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            if (e instanceof IllegalArgumentException
                    && e.getStackTrace().length > 0
                    && e.getStackTrace()[0].getClassName().startsWith("org.fanout.")) {
                err.println("error: " + oneLine(e.getMessage())); // a value our own code refused
                return BAD_INPUT;
            }
            if (e instanceof HistoryException) {
                err.println("error: history: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            if (e instanceof ScanFailedException) {
                err.println("error: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            if (Stdout.readerGone(e)) return READER_GONE; // nobody reads on: no error, as cat or grep
            if (e instanceof UncheckedIOException io) {
                err.println("error: "
                        + oneLine(e.getMessage() + ": " + io.getCause().getMessage()));
                return FAILURE;
            }
            if (e instanceof IOException) {
                err.println("error: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            return internalFailure(e, err);
        }
    }

    /** Hands each subcommand the streams it may print to; nothing else in Fanout prints. */
    private record Factory(PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object made;
            if (type == ScanCommand.class) made = new ScanCommand(out, err);
            else if (type == HttpCommand.class) made = new HttpCommand(out, err);
            else if (type == CompareCommand.class) made = new CompareCommand(out, err);
            else if (type == MergeCommand.class) made = new MergeCommand(out, err);
            else if (type == LabCommand.class) made = new LabCommand(out);
            else if (type == SelfTestCommand.class) made = new SelfTestCommand(out);
            else if (type == HistoryCommand.class) made = new HistoryCommand(out);
            else if (type == HistoryCommand.Show.class) made = new HistoryCommand.Show(out);
            else if (type == HistoryCommand.Prune.class) made = new HistoryCommand.Prune(out);
            else if (type == DiffCommand.class) made = new DiffCommand(out, err);
            else if (type == WatchCommand.class) made = new WatchCommand(out, err);
            else if (type == ImportCommand.class) made = new ImportCommand(out);
            else return CommandLine.defaultFactory().create(type);
            return type.cast(made);
        }
    }
}
