package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and adversarial files (hosts files, URL files): reading one either succeeds, with a
 * count the iterator agrees with, or fails with a TargetSyntaxException that names the line or
 * says why the file cannot be read; never another exception, never a hang.
 */
class TargetFilePropertiesTest {
    private static final Duration GUARD = Duration.ofSeconds(10);

    @Provide
    Arbitrary<List<String>> hostLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(
                        "127.0.0.1",
                        "localhost",
                        "# a comment",
                        "",
                        "   ",
                        "127.0.0.0/30",
                        "127.0.0.1-3",
                        "::1",
                        "127.0.0.1, 127.0.0.2",
                        "127.0.0.256",
                        "\u0000",
                        "ho$t",
                        "127.0.0.0/33",
                        "\t127.0.0.9 # x"),
                Arbitraries.strings().all().ofMaxLength(40));
        return line.list().ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> urlLines() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(
                        "http://127.0.0.1/",
                        "https://localhost:8443/x?y=1",
                        "# c",
                        "",
                        "ftp://127.0.0.1/",
                        "http://",
                        "not a url",
                        "http://127.0.0.1:99999/",
                        "http://[::1]:8080/",
                        "\ufeffhttp://127.0.0.1/"),
                Arbitraries.strings().all().ofMaxLength(40));
        return line.list().ofMaxSize(30);
    }

    private static void succeedsOrSyntaxError(List<String> lines, Consumer<Path> read) {
        assertTimeoutPreemptively(GUARD, () -> {
            Path file = Files.createTempFile("fanout-prop", ".txt");
            try {
                Files.write(file, String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
                try {
                    read.accept(file);
                } catch (TargetSyntaxException e) {
                    assertThat(e.getMessage())
                            .isNotBlank()
                            .doesNotStartWith("error:")
                            .matches("(?s)(line \\d+: .*|.*holds no .*|cannot read .*)");
                }
            } finally {
                Files.deleteIfExists(file);
            }
        });
    }

    @Property(tries = 300)
    void hostsFiles(@ForAll("hostLines") List<String> lines) {
        succeedsOrSyntaxError(lines, file -> {
            HostSpec hosts = HostSpec.fromFile(file);
            long n = 0;
            for (String ignored : hosts) n++;
            assertThat(n).isEqualTo(hosts.count());
        });
    }

    @Property(tries = 300)
    void urlFiles(@ForAll("urlLines") List<String> lines) {
        succeedsOrSyntaxError(lines, file -> {
            UrlSource urls = UrlSource.fromFile(file);
            long n = 0;
            for (var ignored : urls) n++;
            assertThat(n).isEqualTo(urls.count());
        });
    }

    @Property(tries = 50)
    void bytesThatAreNotUtf8(@ForAll byte[] bytes) throws IOException {
        assertTimeoutPreemptively(GUARD, () -> {
            Path file = Files.createTempFile("fanout-prop", ".bin");
            try {
                Files.write(file, bytes);
                for (Consumer<Path> read : List.<Consumer<Path>>of(HostSpec::fromFile, UrlSource::fromFile)) {
                    try {
                        read.accept(file);
                    } catch (TargetSyntaxException expected) {
                        assertThat(expected.getMessage()).isNotBlank();
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        });
    }
}
