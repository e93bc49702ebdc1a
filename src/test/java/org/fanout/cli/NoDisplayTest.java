package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./fanout} over ssh or in a container: one line saying the window cannot open, no trace. */
@Timeout(120)
class NoDisplayTest {
    @TempDir
    Path dir;

    @Test
    void aWindowNeedsADisplayOnlyWhereThereAreDisplays() {
        assertThat(GuiCommand.noDisplay(Map.of(), "Linux")).contains("no display");
        assertThat(GuiCommand.noDisplay(Map.of("DISPLAY", " "), "FreeBSD")).contains("no display");
        assertThat(GuiCommand.noDisplay(Map.of("DISPLAY", ":0"), "Linux")).isNull();
        assertThat(GuiCommand.noDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"), "Linux"))
                .isNull();
        assertThat(GuiCommand.noDisplay(Map.of(), "Mac OS X")).isNull();
        assertThat(GuiCommand.noDisplay(Map.of(), "Windows 11")).isNull();
    }

    @Test
    void withoutADisplayTheAppSaysSoInOneLine() throws Exception {
        // none at all, and one that names an X server nobody runs
        for (String env :
                new String[] {"unset DISPLAY WAYLAND_DISPLAY;", "unset WAYLAND_DISPLAY; export DISPLAY=:8765;"}) {
            for (String[] args : new String[][] {{}, {"gui", "--hosts", "127.0.0.1"}}) {
                Process p = CliProcess.start(dir, env, args);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(env).isTrue();
                String err = CliProcess.stderr(dir);
                assertThat(p.exitValue()).as(env + err).isEqualTo(FanoutCommand.FAILURE);
                // (JavaFX on the test's class path warns of it first: the launchers use the module path)
                assertThat(err.lines().filter(l -> l.startsWith("error: ")).toList())
                        .as(env)
                        .singleElement()
                        .asString()
                        .startsWith("error: cannot open the window: ");
                assertThat(err).as(env).doesNotContain("\tat ").doesNotContain("Exception");
            }
        }
    }
}
