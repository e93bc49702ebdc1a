package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run builds only the subcommand it runs, and nobody can tell from what is printed. */
@Timeout(60)
class SubcommandRegistrationTest {
    private static final String[][] CASES = {
        {"--help"},
        {"-h"},
        {"--version"},
        {"-V"},
        {},
        {"scan", "--help"},
        {"http", "--help"},
        {"compare", "--help"},
        {"compare", "scan", "--help"},
        {"history", "show", "--help"},
        {"watch", "--help"},
        {"lab", "--help"},
        {"selftest", "--help"},
        {"merge", "--help"},
        {"diff", "--help"},
        {"import", "--help"},
        {"gui", "--help"},
        {"scna"},
        {"bogus"},
        {"--bogus"},
        {"compare", "htpt"},
        {"scan", "--hosts", "127.0.0.1", "--prots", "22"},
        {"scan"},
        {"http", "127.0.0.1:8088"},
        {"-V", "scan"},
        {"--help", "scan"}
    };

    private static String run(String[] args, List<Class<?>> subcommands) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FanoutCommand.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                subcommands);
        return "status " + status + "\nout:\n" + out.toString(StandardCharsets.UTF_8) + "err:\n"
                + err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpVersionErrorsAndSuggestionsReadAsWithEveryCommandRegistered() {
        for (String[] args : CASES) {
            assertThat(run(args, FanoutCommand.subcommandsFor(args)))
                    .as("fanout %s", String.join(" ", args))
                    .isEqualTo(run(args, FanoutCommand.SUBCOMMANDS));
        }
    }

    /** The name a run picks its command by (its class's) is the one picocli parses and help lists. */
    @Test
    void everyCommandAnswersTheVersionAsFanoutDoes() {
        String version = run(new String[] {"--version"}, List.of());
        assertThat(version).contains("out:\nFanout ");
        for (String[] args : List.of(
                new String[] {"scan", "--version"},
                new String[] {"gui", "-V"},
                new String[] {"compare", "scan", "--version"},
                new String[] {"history", "show", "-V"})) {
            assertThat(run(args, FanoutCommand.subcommandsFor(args)))
                    .as("fanout %s", String.join(" ", args))
                    .isEqualTo(version);
        }
    }

    @Test
    void everyCommandIsNamedAsItsClass() {
        for (Class<?> command : FanoutCommand.SUBCOMMANDS) {
            assertThat(FanoutCommand.nameOf(command))
                    .as(command.getName())
                    .isEqualTo(command.getAnnotation(picocli.CommandLine.Command.class)
                            .name());
            assertThat(FanoutCommand.subcommandsFor(new String[] {FanoutCommand.nameOf(command)}))
                    .isEqualTo(command == SelfTestCommand.class ? FanoutCommand.SUBCOMMANDS : List.of(command));
        }
    }

    /**
     * {@code fanout --version} and {@code -V} alone are answered before picocli is touched
     * (StartupWorkTest), and say what picocli's -V says.
     */
    @Test
    void theVersionAloneSaysWhatPicocliSays(@TempDir Path dir) throws Exception {
        String picocliSays = run(new String[] {"--version"}, List.of());
        for (String flag : List.of("--version", "-V")) {
            Process fanout = CliProcess.start(dir, null, flag);
            assertThat(fanout.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat("status " + fanout.exitValue() + "\nout:\n" + Files.readString(dir.resolve("stdout.txt"))
                            + "err:\n" + CliProcess.stderr(dir))
                    .as("fanout " + flag)
                    .isEqualTo(picocliSays);
        }
    }

    @Test
    void onlyTheCommandBeingRunIsBuilt() {
        assertThat(FanoutCommand.subcommandsFor(new String[] {"--version"})).isEmpty();
        assertThat(FanoutCommand.subcommandsFor(new String[] {"-V"})).isEmpty();
        assertThat(FanoutCommand.subcommandsFor(new String[] {"scan", "--hosts", "127.0.0.1"}))
                .containsExactly(ScanCommand.class);
        assertThat(FanoutCommand.subcommandsFor(new String[] {"watch", "scan"})).containsExactly(WatchCommand.class);
        assertThat(FanoutCommand.subcommandsFor(new String[] {"--help"})).isEqualTo(FanoutCommand.SUBCOMMANDS);
        assertThat(FanoutCommand.subcommandsFor(new String[] {"scna"})).isEqualTo(FanoutCommand.SUBCOMMANDS);
        // the launchers' class-data archive is written by a selftest run: it holds every command
        assertThat(FanoutCommand.subcommandsFor(new String[] {"selftest", "--quiet"}))
                .isEqualTo(FanoutCommand.SUBCOMMANDS);
    }

    @Test
    void topLevelHelpListsEveryCommandInItsOrder() {
        String help = run(new String[] {"--help"}, FanoutCommand.subcommandsFor(new String[] {"--help"}));
        String commands = help.substring(help.indexOf("Commands:"));
        int at = 0;
        for (String name : List.of(
                "scan", "http", "compare", "merge", "lab", "gui", "selftest", "history", "diff", "watch", "import")) {
            int found = commands.indexOf("\n  " + name + " ", at);
            assertThat(found)
                    .as("%s listed after the previous command\n%s", name, help)
                    .isGreaterThan(at);
            at = found;
        }
    }
}
