package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fanout.engine.job.JobInputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad input: exit status 2, one line on stderr that starts with error: and names the problem. */
@Timeout(30)
class BadInputTest {
    @TempDir
    static Path dir;

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad("port above 65535", "70000", "scan", "--hosts", "127.0.0.1", "--ports", "70000"),
                bad("port zero", "0", "scan", "--hosts", "127.0.0.1", "--ports", "0"),
                bad("reversed port range", "100-20", "scan", "--hosts", "127.0.0.1", "--ports", "100-20"),
                bad(
                        "unknown service name",
                        "nosuchservice",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        "nosuchservice"),
                bad("empty port item", "--ports", "scan", "--hosts", "127.0.0.1", "--ports", "22,,80"),
                bad("octet above 255", "300", "scan", "--hosts", "127.0.0.1-300", "--ports", "22"),
                bad("bad CIDR prefix", "prefix", "scan", "--hosts", "127.0.0.0/33", "--ports", "22"),
                bad("bad host syntax", "ho$t", "scan", "--hosts", "ho$t", "--ports", "22"),
                bad("malformed IPv6", "--hosts", "scan", "--hosts", "::1::2", "--ports", "22"),
                bad("range too large", "too many targets", "scan", "--hosts", "127.0.0.0/8", "--ports", "all"),
                bad(
                        "missing hosts file",
                        "no-such-file",
                        "scan",
                        "--hosts-file",
                        "/nonexistent/no-such-file",
                        "--ports",
                        "22"),
                bad("no hosts at all", "--hosts", "scan", "--ports", "22"),
                bad(
                        "hosts and hosts file together",
                        "mutually exclusive",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--hosts-file",
                        "x"),
                bad(
                        "exclusion leaves nothing",
                        "no port",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        "22",
                        "--exclude-ports",
                        "22"),
                bad(
                        "bad excluded host",
                        "--exclude-hosts",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        "22",
                        "--exclude-hosts",
                        "ho$t"),
                bad(
                        "missing exclude file",
                        "--exclude-hosts-file",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        "22",
                        "--exclude-hosts-file",
                        "/nonexistent/no-such-file"),
                bad(
                        "zero TLS timeout",
                        "--tls-timeout",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        "22",
                        "--tls",
                        "--tls-timeout",
                        "0s"),
                bad("threads zero", "thread count", "scan", "--hosts", "127.0.0.1", "--threads", "0"),
                bad("threads too many", "thread count", "scan", "--hosts", "127.0.0.1", "--threads", "100001"),
                bad("unknown strategy", "unknown strategy", "scan", "--hosts", "127.0.0.1", "--strategy", "turbo"),
                bad("duration without unit", "--timeout", "scan", "--hosts", "127.0.0.1", "--timeout", "5"),
                bad("negative duration", "--timeout", "scan", "--hosts", "127.0.0.1", "--timeout", "-1s"),
                bad("retries out of range", "--retries", "scan", "--hosts", "127.0.0.1", "--retries", "99"),
                bad("unknown format", "format", "scan", "--hosts", "127.0.0.1", "--format", "xml"),
                bad("resume without output", "--resume", "scan", "--hosts", "127.0.0.1", "--resume"),
                bad(
                        "output directory missing",
                        "does not exist",
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--output",
                        "/nonexistent/dir/out.csv"),
                bad("unknown option", "--frobnicate", "scan", "--hosts", "127.0.0.1", "--frobnicate"),
                bad("unknown command", "bogus", "bogus"),
                bad("malformed URL", "not a url", "http", "not a url"),
                bad("URL with a non-http scheme", "ftp", "http", "ftp://127.0.0.1/"),
                bad("unclosed pattern group", "{", "http", "--pattern", "http://127.0.0.1/{a-z"),
                bad("reversed pattern range", "z-a", "http", "--pattern", "http://127.0.0.1/{z-a}"),
                bad(
                        "pattern too large",
                        "at most",
                        "http",
                        "--pattern",
                        "http://127.0.0.1/{a-z}{a-z}{a-z}{a-z}{a-z}{a-z}{a-z}"),
                bad("missing URL file", "no-such-urls", "http", "--input", "/nonexistent/no-such-urls.txt"),
                bad("no URLs", "no URLs", "http"),
                bad("two URL sources", "only one", "http", "http://127.0.0.1/", "--pattern", "http://127.0.0.1/{a-z}"),
                bad("unknown method", "--method", "http", "http://127.0.0.1/", "--method", "POST"),
                bad("bad lab status mix", "mix", "lab", "--status-mix", "200:x", "--for", "1s"),
                bad("lab on a non-loopback address", "loopback", "lab", "--bind", "0.0.0.0", "--for", "1s"),
                bad("lab on an address that is not loopback", "loopback", "lab", "--bind", "0.0.0.1", "--for", "1s"),
                bad("lab tcp ports not a range", "--tcp-ports", "lab", "--tcp-ports", "9000-x", "--for", "1s"),
                bad("no command", "no command", new String[0]));
    }

    static Arguments bad(String what, String mentions, String... args) {
        return Arguments.of(what, mentions, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusedWithOneClearLine(String what, String mentions, String[] args) {
        CliRunner r = CliRunner.run(args);
        assertThat(r.status()).as(what + ": " + r.err()).isEqualTo(2);
        String[] lines = r.err().strip().split("\\R");
        assertThat(lines).as(what + ": " + r.err()).hasSize(1);
        assertThat(lines[0]).startsWith("error: ").containsIgnoringCase(mentions);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadLineInAHostsFileNamesTheLine() throws Exception {
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, "# lab hosts\n127.0.0.1\n127.0.0.999\n");
        CliRunner r = CliRunner.run("scan", "--hosts-file", hosts.toString(), "--ports", "22");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("error: --hosts-file: ").contains("line 3");
    }

    /**
     * --threads refuses what the app's Threads field refuses, in the same words (JobInputs.threads):
     * the CLI had its own check, which said "1-100000" where the app says "a whole number 1-100,000".
     */
    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "100001", "99999999", "1.5"})
    void threadCountsAreRefusedByTheAppsRule(String typed) {
        String why = assertThrows(IllegalArgumentException.class, () -> JobInputs.threads(typed))
                .getMessage();
        for (String command : List.of("scan", "gui")) {
            CliRunner r = CliRunner.run(command, "--hosts", "127.0.0.1", "--threads", typed);
            assertThat(r.status()).as(command + " " + typed + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip())
                    .as(command)
                    .isEqualTo(
                            "error: invalid value for option '--threads': not a thread count: " + why + " (or auto)");
        }
    }
}
