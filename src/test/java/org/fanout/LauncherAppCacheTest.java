package org.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fanout.ui.main.FanoutApp;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./fanout} and the app's AOT cache, with the real launcher, JVM and window (under Xvfb): the
 * first session records what it loads, the next start creates the cache from that record in the
 * background, and every session after that starts from it; neither a rebuild nor a session without
 * a display leaves the app a cache it cannot use for good, and nothing of it reaches the user's
 * terminal. Each session is ended with SIGTERM once its window is shown (the JVM's normal exit,
 * when it writes the record).
 */
@Tag("slow")
@Timeout(900)
class LauncherAppCacheTest {
    private static final String APP_CLASS = FanoutApp.class.getName();
    private static final Duration SESSION_LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path root;

    private Path build;
    private int sessions;
    /** The user's own JVM options for the next sessions ({@code FANOUT_JAVA_OPTS}). */
    private String javaOptions = "";

    @Test
    void theAppStartsFromACacheOfItsOwnWindowAndItsCurrentJars() throws Exception {
        build = TestCheckout.create(root);
        Path cache = build.resolve("fanout-gui.aot");
        Path record = build.resolve("fanout-gui.aotconf");

        assertThat(windowSession()).as("the first session: no cache yet").isFalse();
        assertThat(record)
                .as("what the first session loaded, written when it ended")
                .exists();
        assertThat(cache).doesNotExist();

        // A creation that fails (here, of a damaged record; a killed creator, a full disk): it drops
        // the mark, so the next start records afresh; after two failures for these jars, no more.
        Path failed = build.resolve("fanout-gui.aot.failed");
        Files.write(record, new byte[4096]);
        assertThat(windowSession())
                .as("a session whose start creates from a damaged record")
                .isFalse();
        awaitCreator(failed, build.resolve("fanout-gui.aotconf.creating"));
        assertThat(build.resolve("fanout-gui.shown")).as("dropped").doesNotExist();
        assertThat(windowSession()).as("the session after a failed creation").isFalse();
        assertThat(record).as("recorded afresh").exists();

        // A creation under way: another start's creator holds the lock and has claimed the record.
        // This start neither creates nor records (which would make that creator's cache useless).
        Path lock = build.resolve("fanout-gui.aot.lock");
        Path claimed = build.resolve("fanout-gui.aotconf.creating");
        Files.move(record, claimed);
        Process holder = new ProcessBuilder("flock", "-o", lock.toString(), "sleep", "120")
                .redirectErrorStream(true)
                .start();
        try {
            while (new ProcessBuilder("flock", "-n", lock.toString(), "true")
                            .start()
                            .waitFor()
                    == 0) {
                assertThat(holder.isAlive()).as("flock holds the lock").isTrue();
                Thread.sleep(20);
            }
            assertThat(windowSession()).as("a session while a creator runs").isFalse();
            assertThat(record).as("this session recorded nothing").doesNotExist();
            assertThat(claimed).as("left to the creator").exists();
        } finally {
            holder.descendants().forEach(ProcessHandle::destroy);
            holder.destroy();
            holder.waitFor();
        }
        // That creator died before it was done: the next start clears what it left and records afresh.
        assertThat(windowSession()).as("the session after a creator died").isFalse();
        assertThat(claimed).doesNotExist();
        assertThat(record).exists();

        assertThat(sessionsUntilCached())
                .as("the next session creates it and starts without")
                .isFalse();
        assertThat(record).as("dropped once the cache is made").doesNotExist();
        assertThat(windowSession()).as("the session after that maps it").isTrue();
        assertThat(windowSession()).as("and the one after that").isTrue();

        // A cache the JVM refuses anyway (here a damaged one; after a JDK update, one of another
        // build): it says why, into a file, and the next start records afresh.
        Files.write(cache, new byte[64 * 1024]);
        assertThat(windowSession()).as("a session with a damaged cache").isFalse();
        assertThat(build.resolve("fanout-gui.aot.refused")).as("why").isNotEmptyFile();
        assertThat(windowSession()).as("the session after it records").isFalse();
        assertThat(record).exists();
        assertThat(sessionsUntilCached()).as("the next creates").isFalse();
        assertThat(windowSession())
                .as("and the one after that maps the new cache")
                .isTrue();
        assertThat(build.resolve("fanout-gui.aot.refused"))
                .as("mapped: no reasons")
                .isEmptyFile();

        // Options of the user's own that choose no archive: the launcher adds none of its own (the
        // JVM would refuse to start, with both) and leaves the cache alone.
        javaOptions = "-Xshare:off";
        assertThat(windowSession()).as("a session with -Xshare:off").isFalse();
        javaOptions = "";
        assertThat(record).doesNotExist();
        assertThat(windowSession()).as("the cache is still there").isTrue();

        // A rebuild: the JVM would refuse the cache of the old jar, silently, at every start.
        Path jar = build.resolve("fanout-0.1.0.jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now()));
        assertThat(windowSession()).as("the first session after a rebuild").isFalse();
        assertThat(sessionsUntilCached())
                .as("the second session after a rebuild")
                .isFalse();
        assertThat(windowSession()).as("the third session after a rebuild").isTrue();

        // A library updated, then one removed (no file newer: the JVM refuses the other class path).
        Path lib = build.resolve("lib");
        Files.setLastModifiedTime(lib.resolve(someLibrary(lib)), FileTime.from(Instant.now()));
        assertThat(windowSession())
                .as("the first session after a library's update")
                .isFalse();
        assertThat(sessionsUntilCached())
                .as("the second session after a library's update")
                .isFalse();
        assertThat(windowSession())
                .as("the third session after a library's update")
                .isTrue();
        Files.delete(lib.resolve(someLibrary(lib)));
        assertThat(windowSession())
                .as("the first session after a library's removal")
                .isFalse();
        assertThat(sessionsUntilCached())
                .as("the second session after a library's removal")
                .isFalse();
        assertThat(windowSession())
                .as("the third session after a library's removal")
                .isTrue();

        // No cache, and a session that cannot open the window: the JVM records the few classes it
        // loaded, and a cache of them would be valid (and useless) until the next rebuild.
        Files.delete(cache);
        assertThat(onlyLineOf(List.of(root.resolve("fanout").toString()))).contains("error: cannot open the window");
        assertThat(record)
                .as("the JVM's record of the session without a window")
                .exists();
        assertThat(windowSession()).as("the first window after it").isFalse();
        assertThat(sessionsUntilCached()).as("the second window after it").isFalse();
        assertThat(windowSession()).as("the third window after it").isTrue();
    }

    /**
     * A window session that finds a record and no cache, then waits for the cache the launcher
     * creates in the background (bounded); returns whether the session started from a cache.
     */
    private boolean sessionsUntilCached() throws Exception {
        boolean cached = windowSession();
        awaitCreator(build.resolve("fanout-gui.aot"), build.resolve("fanout-gui.aotconf"));
        return cached;
    }

    /**
     * Waits (bounded) until the creator the last session started is done: {@code written} is there
     * and {@code consumed} gone.
     */
    private void awaitCreator(Path written, Path consumed) throws Exception {
        Instant deadline = Instant.now().plus(SESSION_LIMIT);
        while (!Files.exists(written) || Files.exists(consumed)) {
            if (Instant.now().isAfter(deadline)) {
                fail("no " + written.getFileName() + " " + SESSION_LIMIT + " after session " + sessions + ": "
                        + listing());
            }
            Thread.sleep(100);
        }
    }

    private String listing() throws IOException {
        try (Stream<Path> files = Files.list(build)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().toString();
        }
    }

    /** A test library the app does not need, in the middle of the class path. */
    private static String someLibrary(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("junit-jupiter-") || n.startsWith("junit-platform-"))
                    .sorted()
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * A checkout its user cannot write (built by another account): no cache can be recorded or made,
     * so none is asked for (the JVM's class-data archive written at exit, this cache's forerunner,
     * failed such a session as it ended: "Error occurred during initialization of VM"; the launcher
     * stopped at its first failed write). Run without a display: the app's own one-line error must be all there is.
     */
    @Test
    void aCheckoutItsUserCannotWriteStillRunsTheApp() throws Exception {
        build = TestCheckout.create(root);
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            // root writes anywhere: the checkout is run by nobody instead, who may read but not write it
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.toList()) {
                    Files.setPosixFilePermissions(
                            p,
                            PosixFilePermissions.fromString(
                                    Files.isDirectory(p) || p.endsWith("fanout") ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            command.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        } else {
            Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        command.add(root.resolve("fanout").toString());
        assertThat(onlyLineOf(command)).startsWith("error: cannot open the window: ");
        assertThat(build.resolve("fanout-gui.aotconf")).doesNotExist();
        assertThat(build.resolve("fanout-gui.aot")).doesNotExist();
        // the command line too (it tried, and failed, to make its own archive at every start: ~4 s)
        command.add("--version");
        assertThat(onlyLineOf(command)).startsWith("Fanout ");
    }

    /** Runs {@code command} without a display; the one non-blank line it printed. */
    private String onlyLineOf(List<String> command) throws Exception {
        int n = ++sessions;
        Process p = start(command, null, false);
        if (!p.waitFor(SESSION_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command + " did not end: " + output(n));
        }
        List<String> lines = output(n).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("%s", command).hasSize(1);
        return lines.getFirst();
    }

    private static boolean isRoot() throws Exception {
        Process id = new ProcessBuilder("id", "-u").start();
        return new String(id.getInputStream().readAllBytes()).strip().equals("0");
    }

    /**
     * Runs {@code ./fanout} under Xvfb until its window is mapped and viewable, then ends it; returns
     * whether the app's main class came from the app's cache (the JDK's own archive has none of
     * its classes). Nothing may reach the terminal: not the JVM's lines about the cache either.
     */
    private boolean windowSession() throws Exception {
        int n = ++sessions;
        // (%p: the JVM's pid. A cache's creator gets the same options, and would write the same file.)
        Path log = root.resolve("classes-" + n + "-%p.txt");
        Path pidFile = root.resolve("app-" + n + ".pid");
        Path shown = root.resolve("shown-" + n);
        // Inside xvfb-run: start the launcher, note its pid (it execs the JVM), and note when a
        // window named Fanout is viewable (no window manager: as soon as it is mapped).
        String script = """
                command -v xwininfo >/dev/null || { echo "this test needs xwininfo (apt-get install -y x11-utils)"; exit 3; }
                "$0" & app=$!; echo $app > "$1"
                while kill -0 $app 2>/dev/null && [ ! -e "$2" ]; do
                  for id in $(xwininfo -root -tree 2>/dev/null | grep -i fanout | grep -oE '0x[0-9a-f]+'); do
                    xwininfo -id "$id" 2>/dev/null | grep -q IsViewable && : > "$2"
                  done
                  sleep 0.05
                done
                wait $app
                """;
        Process p = start(
                List.of(
                        "xvfb-run",
                        "-a",
                        "-s",
                        "-screen 0 1280x800x24",
                        "sh",
                        "-c",
                        script,
                        root.resolve("fanout").toString(),
                        pidFile.toString(),
                        shown.toString()),
                log,
                true);
        Instant deadline = Instant.now().plus(SESSION_LIMIT);
        while (!Files.exists(shown)) {
            if (!p.isAlive()) fail("session " + n + " ended before its window was shown: " + output(n));
            if (Instant.now().isAfter(deadline)) {
                p.destroyForcibly();
                fail("session " + n + ": no window within " + SESSION_LIMIT + ": " + output(n));
            }
            Thread.sleep(50);
        }
        Thread.sleep(1000); // what the app does right after the window is shown
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // SIGTERM: the JVM's normal exit
        if (!p.waitFor(SESSION_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("session " + n + " did not end after SIGTERM: " + output(n));
        }
        assertThat(output(n)).as("what session %d printed", n).isBlank();
        String line = Files.readAllLines(root.resolve("classes-" + n + "-" + pid + ".txt")).stream()
                .filter(l -> l.contains(" " + APP_CLASS + " source:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("session " + n + " never loaded " + APP_CLASS));
        return line.endsWith("source: shared objects file");
    }

    private Process start(List<String> command, Path classLog, boolean display) throws IOException {
        Path home = Files.createDirectories(root.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("out-" + sessions + ".txt").toFile());
        var env = pb.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.put("HOME", home.toString());
        env.put("XDG_DATA_HOME", home.resolve("data").toString());
        env.put("FANOUT_JAVA", ProcessHandle.current().info().command().orElse("java"));
        // The JVM takes user.home from the user database, not $HOME: the app's preferences stay here.
        env.put(
                "FANOUT_JAVA_OPTS",
                javaOptions + " -Duser.home=" + home + " -D" + FanoutApp.PREFS_PROPERTY + "=/org/fanout/test/launcher"
                        + (classLog == null ? "" : " -Xlog:class+load=info:file=" + classLog));
        try {
            return pb.start();
        } catch (IOException e) {
            if (display) throw new IOException("this test needs xvfb-run (apt-get install -y xvfb)", e);
            throw e;
        }
    }

    private String output(int n) throws IOException {
        Path out = root.resolve("out-" + n + ".txt");
        return Files.exists(out) ? Files.readString(out) : "(no output)";
    }
}
