package org.fanout.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Tests save preferences in a tree of their own under target/, never into the user's real one. */
class TestPreferencesTest {
    @Test
    void preferencesGoToTheBuildDirectoryNotTheHome() throws Exception {
        String root = System.getProperty("java.util.prefs.userRoot");
        assertThat(root).as("surefire sets java.util.prefs.userRoot").isNotBlank();
        Path testRoot = Path.of(root).toAbsolutePath().normalize();
        Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
        assertThat(testRoot.startsWith(home.resolve(".java")))
                .as(testRoot + " is not the real tree")
                .isFalse();

        String name = "pref-check-" + UUID.randomUUID();
        Preferences node = Preferences.userRoot().node("/org/fanout/ui-test/" + name);
        try {
            node.put("hosts", "127.0.0.1");
            node.flush();
            assertThat(contains(testRoot, name)).as("written under " + testRoot).isTrue();
            assertThat(contains(home.resolve(".java/.userPrefs"), name))
                    .as("the user's own preferences")
                    .isFalse();
        } finally {
            node.removeNode();
            node.flush();
        }
    }

    private static boolean contains(Path dir, String name) throws Exception {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().contains(name));
        }
    }
}
