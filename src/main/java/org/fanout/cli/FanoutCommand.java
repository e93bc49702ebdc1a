package org.fanout.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import org.fanout.Version;
import org.fanout.engine.target.TargetSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top of the command line: {@code fanout scan|http|compare|lab|gui}. The only code that prints. */
@Command(name = "fanout", mixinStandardHelpOptions = true, subcommands = {ScanCommand.class, HttpCommand.class, CompareCommand.class, MergeCommand.class, LabCommand.class, GuiCommand.class, SelfTestCommand.class,
                HistoryCommand.class, DiffCommand.class, WatchCommand.class, ImportCommand.class}, versionProvider = FanoutCommand.VersionProvider.class,
        description = "Check many host:port pairs and URLs at once, and see what each thread count buys.",
        footer = {"", "With no command, the desktop app opens. Every example here targets loopback:",
                "  fanout scan --hosts 127.0.0.1 --ports 1-1024 --open-only",
                "  fanout http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}' --threads 100",
                "  fanout compare --threads 1,10,100 http --pattern 'http://127.0.0.1:8080/{a-z}{a-z}'",
                "  fanout lab --http-port 8080"})
public final class FanoutCommand implements Runnable {
    public static final int BAD_INPUT = 2;
    public static final int FAILURE = 1;

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Fanout " + Version.get() + " (Java " + Runtime.version() + ")"};
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given (try scan, http, compare, lab or gui; see --help)");
    }

    /** Runs the command line with the process's stdout and stderr; returns the exit status. */
    public static int execute(String[] args) {
        return execute(args, System.out, System.err);
    }

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new FanoutCommand(), new Factory(out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.getSubcommands().get("watch").setStopAtPositional(true); // everything after scan|http is the job's
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("error: " + oneLine(e.getMessage()));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            if (e instanceof UserError || e instanceof TargetSyntaxException) {
                err.println("error: " + oneLine(e.getMessage()));
                return BAD_INPUT;
            }
            if (e instanceof IllegalArgumentException && e.getStackTrace().length > 0
                    && e.getStackTrace()[0].getClassName().startsWith("org.fanout.")) {
                err.println("error: " + oneLine(e.getMessage())); // a value our own code refused
                return BAD_INPUT;
            }
            if (e instanceof org.fanout.history.HistoryException) {
                err.println("error: history: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            if (e instanceof org.fanout.engine.ScanFailedException) {
                err.println("error: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            if (e instanceof UncheckedIOException io) {
                err.println("error: " + oneLine(e.getMessage() + ": " + io.getCause().getMessage()));
                return FAILURE;
            }
            if (e instanceof java.io.IOException) {
                err.println("error: " + oneLine(e.getMessage()));
                return FAILURE;
            }
            err.println("error: internal failure: " + e);
            e.printStackTrace(err);
            return FAILURE;
        });
        return cli.execute(args);
    }

    static String oneLine(String message) {
        return message == null ? "unknown problem" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** Hands each subcommand the streams it may print to; nothing else in Fanout prints. */
    private record Factory(PrintStream out, PrintStream err) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            Object made;
            if (type == FanoutCommand.class) made = new FanoutCommand();
            else if (type == ScanCommand.class) made = new ScanCommand(out, err);
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
