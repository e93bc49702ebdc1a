package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.Errors.assertSyntaxError;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void hostsFileWithCommentsBlankLinesAndSeveralItemsPerLine() throws IOException {
        Path file = write("hosts.txt", """
                # targets
                127.0.0.1

                localhost, ::1   # two more
                   127.0.0.0/30
                """);
        HostSpec spec = HostSpec.fromFile(file);
        assertThat(spec.count()).isEqualTo(6);
        assertThat(HostSpecTest.list(spec))
                .containsExactly("127.0.0.1", "localhost", "::1", "127.0.0.0", "127.0.0.2", "127.0.0.3");
        assertThat(HostSpecTest.list(spec))
                .as("iterating again re-reads the file")
                .hasSize(6);
    }

    @Test
    void hostsFileIsReadAgainByEachIterator() throws IOException {
        Path file = write("hosts.txt", "127.0.0.1\n");
        HostSpec spec = HostSpec.fromFile(file);
        Files.writeString(file, "127.0.0.9\n");
        assertThat(HostSpecTest.list(spec)).containsExactly("127.0.0.9");
        assertThat(spec.count()).as("count is cached from the first pass").isEqualTo(1);
    }

    @Test
    void hostsFileErrorsNameTheLine() throws IOException {
        Path file = write("bad.txt", "127.0.0.1\n# fine\n\n127.0.0.1 ho$t\n");
        TargetSyntaxException e = assertSyntaxError(
                () -> HostSpec.fromFile(file), 12, "line 4: invalid character '$' in host name 'ho$t'");
        assertThat(e.getMessage()).startsWith("line 4: ");
        assertThat(e.input()).isEqualTo("127.0.0.1 ho$t");
    }

    @Test
    void hostsFileTotalIsCapped() throws IOException {
        Path file = write("big.txt", "127.0.0.0/8\n127.0.0.0/31\n");
        assertSyntaxError(() -> HostSpec.fromFile(file), 0, "line 2: range too large", "16777218 hosts");
    }

    @Test
    void missingAndEmptyHostsFiles() throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertSyntaxError(() -> HostSpec.fromFile(missing), -1, "cannot read hosts file " + missing + ": no such file");
        assertSyntaxError(() -> HostSpec.fromFile(dir), -1, "cannot read hosts file " + dir);
        Path empty = write("empty.txt", "# nothing\n\n");
        assertSyntaxError(() -> HostSpec.fromFile(empty), -1, "holds no hosts");
        Path binary = dir.resolve("bin.dat");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x31});
        assertSyntaxError(() -> HostSpec.fromFile(binary), -1, "cannot read hosts file", "not UTF-8");
    }

    @Test
    void hundredThousandLineHostsFileIsStreamed() throws IOException {
        Path file = dir.resolve("many.txt");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int i = 0; i < 100_000; i++) {
                w.write("127." + (i >> 16) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff) + "  # host " + i + "\n");
            }
        }
        HostSpec spec = HostSpec.fromFile(file);
        assertThat(spec.count()).isEqualTo(100_000);
        long n = 0;
        String last = null;
        for (String host : spec) {
            n++;
            last = host;
        }
        assertThat(n).isEqualTo(100_000);
        assertThat(last).isEqualTo("127.1.134.159");
        Resolver never = host -> {
            throw new AssertionError("count() must not resolve " + host);
        };
        TcpTargets targets = new TcpTargets(spec, PortSpec.of(80), never);
        assertThat(targets.count()).isEqualTo(100_000);
    }

    @Test
    void urlFile() throws IOException {
        Path file = write("urls.txt", """
                # health checks
                http://127.0.0.1:8080/health

                  https://localhost/a#frag   # trailing comment
                http://[::1]:9000/
                """);
        UrlSource source = UrlSource.fromFile(file);
        assertThat(source.count()).isEqualTo(3);
        List<URI> urls = new ArrayList<>();
        source.forEach(urls::add);
        assertThat(urls)
                .extracting(URI::toString)
                .containsExactly("http://127.0.0.1:8080/health", "https://localhost/a#frag", "http://[::1]:9000/");
        List<URI> again = new ArrayList<>();
        source.forEach(again::add);
        assertThat(again).isEqualTo(urls);
    }

    @Test
    void urlFileErrors() throws IOException {
        Path bad = write("bad.txt", "http://127.0.0.1/\n\n  ftp://127.0.0.1/\n");
        TargetSyntaxException e = assertSyntaxError(
                () -> UrlSource.fromFile(bad), 2, "line 3: URL 'ftp://127.0.0.1/': scheme 'ftp' is not http or https");
        assertThat(e.input()).isEqualTo("  ftp://127.0.0.1/");
        Path missing = dir.resolve("none.txt");
        assertSyntaxError(() -> UrlSource.fromFile(missing), -1, "cannot read URL file " + missing + ": no such file");
        Path empty = write("empty.txt", "\n# only comments\n");
        assertSyntaxError(() -> UrlSource.fromFile(empty), -1, "holds no URLs");
    }
}
