package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fanout.Version;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** selftest runs the real scan and http commands (output, history) under every strategy, and cleans up. */
@Tag("slow")
@Timeout(120)
class SelfTestCommandTest {
    @Test
    void everyStrategyPassesThroughTheRealCommandsAndNothingIsLeftBehind() throws Exception {
        List<Path> before = scratchFolders();

        CliRunner r = CliRunner.run("selftest");

        assertThat(r.status()).as(r.out() + r.err()).isZero();
        for (Strategy s : Strategy.values()) {
            assertThat(r.out()).contains("ok    tcp  " + s.label() + "  {closed=1, open=4}");
            assertThat(r.out()).contains("ok    http " + s.label() + "  {200=2, 404=1}");
        }
        assertThat(r.out()).contains("ok    history  {complete=" + 2 * Strategy.values().length + "}");
        assertThat(r.out())
                .endsWith("selftest: all strategies ok (Fanout " + Version.get() + " (Java " + Runtime.version()
                        + "))\n");
        assertThat(scratchFolders()).isEqualTo(before);
    }

    @Test
    void quietPrintsNothingWhenAllIsWell() {
        CliRunner r = CliRunner.run("selftest", "--quiet");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
    }

    private static List<Path> scratchFolders() throws Exception {
        try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return all.filter(p -> p.getFileName().toString().startsWith("fanout-selftest"))
                    .sorted()
                    .toList();
        }
    }
}
