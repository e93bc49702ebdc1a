package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A byte order mark at the start of a hosts or URL file (as Windows editors write) is skipped. */
class ByteOrderMarkTest {
    @TempDir
    Path dir;

    @Test
    void hostsFileStartingWithABom() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.txt"), "\uFEFF127.0.0.1\nlocalhost\n", StandardCharsets.UTF_8);
        HostSpec spec = HostSpec.fromFile(file);
        assertThat(spec.count()).isEqualTo(2);
        assertThat(HostSpecTest.list(spec)).containsExactly("127.0.0.1", "localhost");
    }

    @Test
    void urlFileStartingWithABom() throws IOException {
        Path file = Files.writeString(
                dir.resolve("urls.txt"),
                "\uFEFFhttp://127.0.0.1:8080/a\nhttp://127.0.0.1:8080/b\n",
                StandardCharsets.UTF_8);
        UrlSource urls = UrlSource.fromFile(file);
        List<URI> list = new ArrayList<>();
        urls.forEach(list::add);
        assertThat(urls.count()).isEqualTo(2);
        assertThat(list)
                .extracting(URI::toString)
                .containsExactly("http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b");
    }

    @Test
    void aBomAnywhereElseIsStillRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.txt"), "127.0.0.1\n\uFEFFlocalhost\n", StandardCharsets.UTF_8);
        Errors.syntaxError(() -> HostSpec.fromFile(file));
        Path onlyBom = Files.writeString(dir.resolve("bom.txt"), "\uFEFF", StandardCharsets.UTF_8);
        Errors.syntaxError(() -> HostSpec.fromFile(onlyBom));
    }
}
