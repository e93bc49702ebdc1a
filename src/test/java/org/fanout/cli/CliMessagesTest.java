package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** What people read: one clean error line with a suggestion where one helps, and help that reads. */
@Timeout(30)
class CliMessagesTest {
    private static String errorLine(String... args) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String[] lines = r.err().strip().split("\\R");
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines[0]).startsWith("error: ").doesNotStartWithIgnoringCase("error: error");
        return lines[0];
    }

    @Test
    void aMissingOptionIsOneErrorPrefixAndAPlainMessage() {
        assertThat(errorLine("scan", "--ports", "22"))
                .startsWith("error: missing required argument")
                .contains("--hosts")
                .doesNotContain("Error:");
    }

    @Test
    void aUrlWithoutItsSchemeSuggestsHttp() {
        assertThat(errorLine("http", "127.0.0.1:8088")).contains("did you mean 'http://127.0.0.1:8088'?");
        assertThat(errorLine("http", "localhost:8088/health")).contains("did you mean 'http://localhost:8088/health'?");
        assertThat(errorLine("http", "ftp://127.0.0.1/")).doesNotContain("did you mean");
        assertThat(errorLine("http", "--pattern", "127.0.0.1:8088/{a-c}"))
                .contains("did you mean 'http://127.0.0.1:8088/{a-c}'?");
    }

    @Test
    void aBadUrlIsNamedOnce() {
        assertThat(errorLine("http", "ftp://127.0.0.1/x"))
                .isEqualTo("error: URL 'ftp://127.0.0.1/x': scheme 'ftp' is not http or https at position 0");
        assertThat(errorLine("http", "http://127.0.0.1:99999/"))
                .startsWith("error: URL 'http://127.0.0.1:99999/': port 99999");
    }

    @Test
    void aMistypedCommandOrOptionSuggestsTheNearOne() {
        assertThat(errorLine("scna")).contains("'scna'").endsWith("did you mean scan?");
        assertThat(errorLine("compare", "htpt")).contains("did you mean http?");
        assertThat(errorLine("scan", "--hosts", "127.0.0.1", "--prots", "22")).contains("did you mean --ports");
    }

    /** A command's footer as its built model has it (the top command's is not an annotation). */
    private static String[] footerOf(Class<?> command) {
        CommandLine cli = FanoutCommand.commandLine(System.out, System.err, FanoutCommand.SUBCOMMANDS);
        if (command != FanoutCommand.class) {
            String name = command.getAnnotation(CommandLine.Command.class).name();
            cli = cli.getSubcommands().get(name);
        }
        return cli.getCommandSpec().usageMessage().footer();
    }

    @Test
    void helpExamplesAreNeverWrappedInsideAWord() {
        Object[][] commands = {
            {new String[] {"--help"}, FanoutCommand.class},
            {new String[] {"scan", "--help"}, ScanCommand.class},
            {new String[] {"http", "--help"}, HttpCommand.class},
            {new String[] {"compare", "--help"}, CompareCommand.class},
            {new String[] {"lab", "--help"}, LabCommand.class},
            {new String[] {"gui", "--help"}, GuiCommand.class}
        };
        for (Object[] command : commands) {
            CliRunner r = CliRunner.run((String[]) command[0]);
            assertThat(r.status()).isZero();
            List<String> help = r.out().lines().toList();
            String[] footer = footerOf((Class<?>) command[1]);
            int examples = 0;
            for (String line : footer) {
                if (!line.startsWith("  ")) continue; // prose may wrap between words; examples may not
                examples++;
                assertThat(line.length())
                        .as("example in %s: %s", command[1], line)
                        .isLessThan(80);
                assertThat(help)
                        .as("%s help shows the example whole", command[1])
                        .contains(line);
                assertThat(line.chars().filter(ch -> ch == '\'').count() % 2)
                        .as("quotes open and close on one line: %s", line)
                        .isZero();
            }
            assertThat(examples).as("%s has examples", command[1]).isPositive();
        }
    }
}
