import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Fanout's self-contained app image (and on Linux a .deb) with the JDK that runs this file:
 * jdeps chooses the JDK modules, jlink makes a trimmed runtime with them and JavaFX's modular jars,
 * jpackage wraps runtime + jars + launcher. Run by {@code mvn -Ppackage package}, which starts it
 * with the JDK 25 that the toolchains plugin found, so nothing here depends on PATH's java.
 *
 * <pre>java packaging/Package.java TARGET_DIR MAIN_JAR VERSION [deb=auto|true|false]</pre>
 */
public final class Package {
    /** JavaFX modules the app uses; each must be among the javafx-*-OS.jar files in target/lib. */
    static final List<String> JAVAFX =
            List.of("javafx.base", "javafx.graphics", "javafx.controls", "javafx.fxml", "javafx.swing");
    /** Passed to every start: JavaFX (GUI) and jline (CLI terminal) load native code. */
    static final String JAVA_OPTIONS = "--enable-native-access=ALL-UNNAMED,javafx.graphics";
    /**
     * The app's launcher ({@code bin/fanout}): the options {@code ./fanout} gives the desktop app —
     * G1 (its first frame sooner than ZGC's, a row in 124 bytes instead of 166, the longest FX-thread
     * stall no longer; see {@code ./fanout}), and C2 compiling later than by default, so the
     * compiler threads leave the two cores to the FX thread while the first frame is built, and
     * reflection without a method handle spun per method (FXML's; see {@code gui_flags} in
     * {@code ./fanout}).
     */
    static final String APP_JAVA_OPTIONS = "-XX:+UseG1GC -XX:Tier4InvocationThreshold=40000 "
            + "-XX:Tier4MinInvocationThreshold=4800 -XX:Tier4CompileThreshold=120000 "
            + "-XX:Tier4BackEdgeThreshold=320000 -Djdk.reflect.useNativeAccessorOnly=true " + JAVA_OPTIONS;
    /**
     * The command-line launcher ({@code bin/fanout-cli}, which the .deb links as /usr/bin/fanout):
     * the JVM options {@code ./fanout} gives the CLI, so it starts as quickly (C1 only, serial GC,
     * a small young generation with large survivor spaces, no HotSpot exit wait after outputs are
     * closed).
     */
    static final String CLI_JAVA_OPTIONS =
            "-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms40m -Xmn32m -XX:SurvivorRatio=2 "
                    + "-XX:UserThreadWaitAttemptsAtExit=0 " + JAVA_OPTIONS;
    /**
     * Where sqlite-jdbc finds its native library in the app image (Linux): otherwise it copies it
     * into /tmp on every start, under a new name, and a killed process leaves the copy behind. Its
     * temporary folder is the library's too: it lists that folder at every start (~30 ms in a busy /tmp).
     */
    static final String SQLITE_OPTIONS = "-Dorg.sqlite.lib.path=$APPDIR/native -Dorg.sqlite.lib.name=libsqlitejdbc.so "
            + "-Dorg.sqlite.tmpdir=$APPDIR/native ";
    /** The system property naming the app's mark (org.fanout.ui.main.FanoutApp.SHOWN_MARK_PROPERTY). */
    static final String APP_SHOWN_MARK = "fanout.shownMark";

    /**
     * The app's own JDK 25 AOT cache (Linux), kept by the rules {@code ./fanout} keeps its own by (see
     * the comment there), in the user's cache folder: the first session records what it loads
     * (written when it ends), the next start creates the cache from that record in the background at
     * the lowest priority, and the sessions after that map it. A record is kept only if written
     * after the mark the app makes when its window is shown, and only for this build of the image
     * (the files' names carry the build's time: the image's jars all carry one time, see {@link
     * #JAR_TIME_SECONDS}, so a new build cannot be told by them); files of other builds are removed.
     * A cache the JVM refused is made again; one creator at a time, which installs its cache only
     * for the mark it began with; a failed creation is tried once more, not a third time for the
     * same build. Where there is no cache folder (no $HOME), it cannot be made or written, or the
     * user's options choose another archive, the app starts without one.
     *
     * @param java the command that starts the app's JVM, with its options and class path but no
     *     main class: the cache is created with exactly these (the JVM refuses a cache made with other
     *     paths or another collector)
     */
    static String appCache(String version, String java) {
        String base = "$cache/app-" + version + "-" + Long.toString(System.currentTimeMillis(), 36);
        // The cache is used only where it is this user's own (made 0700 here): not a relative
        // XDG_CACHE_HOME (the XDG rule), not a home that `sudo -E` leaves pointing at someone else's,
        // not a folder another user made (who could put a cache there), nor a path with ':' or ','
        // (HotSpot splits its file options there).
        return """
                use="" refused="" record="" mark=""
                case "${1:-gui}" in gui)
                  cache="${XDG_CACHE_HOME:-${HOME:+$HOME/.cache}}"
                  case "$cache" in *:* | *,*) cache="" ;; /*) ;; *) cache="" ;; esac
                  case " ${JDK_JAVA_OPTIONS:-} ${JAVA_TOOL_OPTIONS:-} " in
                    *-Xshare:* | *SharedArchiveFile* | *-XX:?AOT* | *-XX:AOT* | *ArchiveClassesAtExit*) cache="" ;;
                  esac
                  if [ -n "$cache" ] && { [ -O "$cache" ] || { [ ! -e "$cache" ] && [ -O "${cache%/*}" ]; }; } &&
                    cache="$cache/fanout" && mkdir -p -m 700 "$cache" 2>/dev/null && [ -O "$cache" ] && [ -w "$cache" ]; then
                    base="@BASE@"
                    for old in "$cache"/app-*; do
                      [ -e "$old" ] || continue
                      case "$old" in "$base".*) ;; *) rm -f "$old" ;; esac
                    done
                    [ -s "$base.aot.refused" ] && rm -f "$base.aot" "$base.aot.refused" "$base.shown"
                    asks=no # (help or the version: nothing worth recording)
                    for arg; do case "$arg" in -h | --help | -V | --version | -hV | -Vh) asks=yes ;; esac; done
                    failures=0 # (creations that failed for this build: after two, no more)
                    [ -s "$base.aot.failed" ] && read -r failures <"$base.aot.failed"
                    case "$failures" in "" | *[!0-9]*) failures=0 ;; esac
                    lockable=no # (a lock file that cannot be opened: no lock rather than no cache)
                    { [ ! -e "$base.lock" ] || { [ -f "$base.lock" ] && [ -w "$base.lock" ]; }; } &&
                      command -v flock >/dev/null && lockable=yes
                    if [ -e "$base.shown" ] && [ "$base.aot" -nt "$base.shown" ]; then
                      use="$base.aot" refused="$base.aot.refused"
                    elif [ $asks = yes ] || [ "$failures" -ge 2 ]; then
                      : # without a cache this time
                    elif [ $lockable = yes ] && ! { flock -n 9; } 2>/dev/null 9>"$base.lock"; then
                      : # a creator at work: without a cache this time, its record and mark left alone
                    elif { [ -e "$base.aotconf.creating" ] || [ -e "$base.aot.creating" ] || [ -e "$base.shown.creating" ]; } &&
                      ! rm -f "$base.aotconf.creating" "$base.aot.creating" "$base.shown.creating"; then
                      : # what a creator that died left, and cannot be cleared
                    elif [ -e "$base.shown" ] && [ "$base.aotconf" -nt "$base.shown" ]; then
                      # in the background, without the terminal's output or hang-up, one at a time,
                      # for this mark only; a failure drops the mark (recorded afresh, twice at most)
                      ( ( set +e; trap '' HUP; cd / || exit
                          if [ $lockable = yes ]; then exec 9>"$base.lock"; flock -n 9 || exit 0; fi
                          mv -f "$base.aotconf" "$base.aotconf.creating" && ln -f "$base.shown" "$base.shown.creating" || exit 0
                          nice=""; command -v nice >/dev/null && nice="nice -n 19"
                          if $nice @JAVA@ \\
                              -XX:AOTMode=create "-XX:AOTConfiguration=$base.aotconf.creating" "-XX:AOTCache=$base.aot.creating"; then
                            [ "$base.shown" -ef "$base.shown.creating" ] && mv -f "$base.aot.creating" "$base.aot"
                          else
                            echo $((failures + 1)) >"$base.aot.failed"
                            [ "$base.shown" -ef "$base.shown.creating" ] && rm -f "$base.shown"
                          fi
                          rm -f "$base.aotconf.creating" "$base.aot.creating" "$base.shown.creating" ) </dev/null >/dev/null 2>&1 & )
                    else
                      rm -f "$base.aot" "$base.aotconf" "$base.shown"
                      record="$base.aotconf" mark="$base.shown"
                      # The JVM's "AOTConfiguration recorded" line on stdout as the session ends,
                      # whatever -Xlog says: stdout passes a filter that drops that line only.
                      fifo="$cache/stdout.$$"
                      rm -f "$fifo"
                      if command -v grep >/dev/null && mkfifo -m 600 "$fifo" 2>/dev/null; then
                        grep -v '^ *AOTConfiguration recorded: ' <"$fifo" &
                        exec >"$fifo"
                        rm -f "$fifo"
                      fi
                    fi
                  fi ;;
                esac
                """.replace("@BASE@", base).replace("@JAVA@", java);
    }

    /**
     * The options that make the app's JVM map its cache ({@code $use}, logging why to {@code
     * $refused} should it refuse it) or record one ({@code $record}, marked at {@code $mark}), as
     * {@link #appCache} set them.
     */
    static final String APP_CACHE_OPTIONS = "${use:+\"-XX:AOTCache=$use\"}"
            + " ${refused:+\"-Xlog:aot=error,cds=error:file=$refused::filecount=0\"}"
            + " ${record:+-XX:AOTMode=record} ${record:+\"-XX:AOTConfiguration=$record\"}"
            + " ${mark:+\"-D" + APP_SHOWN_MARK + "=$mark\"}";

    /** Off in the app's JVM and its cache's creator: lines about the cache are no user's business. */
    static final String APP_CACHE_LOGS = "'-Xlog:aot*=off' '-Xlog:cds*=off'";

    /**
     * The CLI's class-data archive inside the app image, made as {@code ./fanout} makes its own
     * (see the comment there): the classes the image's self-test loads, dumped without the class
     * list lines that would link picocli's Java 5 classes. A JVM that cannot use it (moved jars, a
     * damaged file) starts without it, silently.
     */
    static final String CLI_ARCHIVE = "fanout-cli.jsa";

    /**
     * The time the image's jars carry when the archive is dumped (2000-01-01): CDS refuses an archive
     * whose jars' times changed, and jpackage's copy into the .deb stamps them anew, so the .deb's
     * postinst sets this time again.
     */
    static final long JAR_TIME_SECONDS = 946_684_800L;

    static final String CLI_ARCHIVE_OPTIONS =
            "-XX:SharedArchiveFile=$APPDIR/" + CLI_ARCHIVE + " -Xlog:cds=off -Xlog:cds+dynamic=off ";

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: java packaging/Package.java TARGET_DIR MAIN_JAR VERSION [deb=auto|true|false]");
            System.exit(2);
        }
        Path target = Path.of(args[0]).toAbsolutePath();
        Path root = target.getParent();
        Path mainJar = target.resolve(args[1]);
        String version = args[2].replaceAll("[^0-9.].*$", ""); // jpackage wants 1.2.3, not 1.2.3-SNAPSHOT
        String deb = args.length > 3 ? args[3] : "auto";
        Os os = Os.current();
        String name = os == Os.LINUX
                ? "fanout"
                : "Fanout"; // a lower-case command on Linux, Fanout.app / Fanout.exe elsewhere

        Path out = target.resolve("jpackage");
        deleteTree(out);
        Path input = Files.createDirectories(out.resolve("input"));

        // 1. Jars: JavaFX's modular per-OS jars go into the runtime; everything else is the app's classpath.
        List<Path> fxJars = new ArrayList<>();
        List<Path> appJars = new ArrayList<>(List.of(mainJar));
        try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
            for (Path jar :
                    libs.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String file = jar.getFileName().toString();
                if (!file.startsWith("javafx-")) appJars.add(jar);
                else if (isModular(jar)) fxJars.add(jar); // the platform-less javafx-*.jar are empty stubs
            }
        }
        for (Path jar : appJars) Files.copy(jar, input.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        // SQLite's native library beside the jars, loaded from there (see SQLITE_OPTIONS)
        String sqliteOptions = "";
        Path sqlite = target.resolve("sqlite-native/org/sqlite/native/Linux/" + linuxArch() + "/libsqlitejdbc.so");
        if (os == Os.LINUX && Files.isRegularFile(sqlite)) {
            Files.copy(sqlite, Files.createDirectories(input.resolve("native")).resolve("libsqlitejdbc.so"));
            sqliteOptions = SQLITE_OPTIONS;
        }
        TreeSet<String> fxFound = new TreeSet<>();
        for (ModuleReference m : ModuleFinder.of(fxJars.toArray(Path[]::new)).findAll())
            fxFound.add(m.descriptor().name());
        if (!fxFound.containsAll(JAVAFX)) {
            throw new IllegalStateException(
                    "JavaFX modules missing from target/lib: want " + JAVAFX + ", found " + fxFound);
        }

        // 2. JDK modules: what jdeps says each jar needs (its java.* and jdk.* part; jlink adds what those require).
        String modulePath = String.join(
                java.io.File.pathSeparator,
                Stream.concat(appJars.stream(), fxJars.stream())
                        .map(Path::toString)
                        .toList());
        TreeSet<String> modules = new TreeSet<>();
        for (Path jar : appJars) {
            String deps = run(
                            "jdeps",
                            "--multi-release",
                            Integer.toString(Runtime.version().feature()),
                            "--print-module-deps",
                            "--ignore-missing-deps",
                            "--module-path",
                            modulePath,
                            jar.toString())
                    .strip();
            for (String m : deps.isEmpty() ? new String[0] : deps.split(",")) {
                if (m.startsWith("java.") || m.startsWith("jdk.")) modules.add(m.strip());
            }
        }
        modules.add("java.base");
        modules.addAll(JAVAFX);
        String moduleList = String.join(",", modules);
        Files.writeString(out.resolve("modules.txt"), moduleList + "\n");
        System.out.println("[package] runtime modules (jdeps + JavaFX): " + moduleList);

        // 3. A trimmed runtime. bin/java stays: the `process` strategy starts worker JVMs with it.
        Path runtime = out.resolve("runtime");
        run(
                "jlink",
                "--module-path",
                String.join(
                        java.io.File.pathSeparator,
                        fxJars.stream().map(Path::toString).toList()),
                "--add-modules",
                moduleList,
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--compress=zip-6",
                "--generate-cds-archive",
                "--output",
                runtime.toString());
        // The class-data archive saves ~0.25 s per start. jlink writes two, both kept: classes.jsa,
        // which the app (G1, compressed oops) maps until it has its own cache (see appCache), as does
        // the CLI where its own archive is refused; and classes_nocoops.jsa (15 MB) for a collector
        // without compressed oops that a user may choose for the app (ZGC, its collector until 2026-12-02).
        System.out.println("[package] runtime " + runtime + " (" + mb(size(runtime)) + ")");

        // 4. The app image: runtime + jars + a native launcher running org.fanout.Main (no args: GUI; args: CLI).
        Path packaging = root.resolve("packaging");
        List<String> common = List.of(
                "--name",
                name,
                "--app-version",
                version,
                "--vendor",
                "Fanout",
                "--description",
                "Check many host:port pairs and URLs at once, and see what each thread count buys.",
                "--dest",
                out.toString());
        List<String> image = new ArrayList<>(List.of(
                "--type",
                "app-image",
                "--runtime-image",
                runtime.toString(),
                "--input",
                input.toString(),
                "--main-jar",
                mainJar.getFileName().toString(),
                "--main-class",
                "org.fanout.Main"));
        for (String option : (APP_JAVA_OPTIONS + " " + sqliteOptions).split(" ")) {
            if (!option.isBlank()) image.addAll(List.of("--java-options", option));
        }
        image.addAll(icon(packaging, os));
        // a second launcher for the command line, with the CLI's own options (see CLI_JAVA_OPTIONS)
        Path cliProperties = out.resolve("fanout-cli.properties");
        Files.writeString(
                cliProperties,
                "main-class=org.fanout.Main\njava-options=" + sqliteOptions
                        + (os == Os.LINUX ? CLI_ARCHIVE_OPTIONS : "") + CLI_JAVA_OPTIONS + "\n"
                        + (os == Os.WINDOWS ? "win-console=true\n" : "") + "linux-shortcut=false\n");
        image.addAll(List.of("--add-launcher", "fanout-cli=" + cliProperties));
        image.addAll(common);
        run("jpackage", image.toArray(String[]::new));
        Path appImage = out.resolve(os == Os.MAC ? name + ".app" : name);
        System.out.println("[package] app image " + appImage + " (" + mb(size(appImage)) + ")");
        if (os == Os.LINUX) {
            launcherScript(appImage, name, LauncherConfig.read(appImage, name), version);
            LauncherConfig cli = LauncherConfig.read(appImage, "fanout-cli");
            launcherScript(appImage, "fanout-cli", cli, null);
            cliArchive(appImage, cli);
        }
        Files.writeString(out.resolve("app-image-size.txt"), mb(size(appImage)) + "\n");

        // 5. On Linux a .deb, where jpackage's tools for it (dpkg-deb, fakeroot) are installed.
        if (os == Os.LINUX && !deb.equals("false")) {
            List<String> missing =
                    Stream.of("dpkg-deb", "fakeroot").filter(t -> !onPath(t)).toList();
            if (!missing.isEmpty()) {
                String why = "[package] no .deb: " + String.join(" and ", missing)
                        + " not on PATH (apt-get install dpkg-dev fakeroot)";
                if (deb.equals("true")) throw new IllegalStateException(why);
                System.out.println(why);
            } else {
                List<String> debArgs = new ArrayList<>(List.of(
                        "--type",
                        "deb",
                        "--app-image",
                        appImage.toString(),
                        "--linux-package-name",
                        "fanout",
                        "--linux-app-category",
                        "net",
                        "--linux-menu-group",
                        "Network;System;",
                        "--linux-shortcut",
                        "--resource-dir",
                        packaging.resolve("linux").toString(),
                        // JavaFX loads GTK 3 at run time, so jpackage's ldd scan cannot see it (t64: Debian 13, Ubuntu
                        // 24.04)
                        "--linux-package-deps",
                        "libgtk-3-0 | libgtk-3-0t64"));
                debArgs.addAll(icon(packaging, os));
                debArgs.addAll(common);
                run("jpackage", debArgs.toArray(String[]::new));
                try (Stream<Path> debs = Files.list(out)) {
                    for (Path p :
                            debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                        System.out.println("[package] deb " + p + " (" + mb(Files.size(p)) + ")");
                    }
                }
            }
        }
    }

    /**
     * Replaces one of jpackage's native launchers in a Linux app image ({@code bin/NAME}) by a shell
     * script that runs the bundled java with the class path and options of its .cfg ({@code cfg}). The
     * native one asks rpm and then dpkg which package owns it, twice, at every start: ~0.2 s on a
     * Debian machine before the JVM even starts, where a whole CLI {@code --version} takes ~0.2 s.
     */
    static void launcherScript(Path appImage, String name, LauncherConfig cfg, String version) throws IOException {
        StringBuilder options = new StringBuilder();
        for (String option : cfg.options()) options.append(" \\\n  ").append(shellWord(option));
        boolean app = version != null;
        String java = "\"$java\"" + options + (app ? " " + APP_CACHE_LOGS : "") + " \\\n  -cp "
                + shellWord(String.join(":", cfg.classPath()));
        String script = "#!/bin/sh\n"
                + "# Fanout (written by packaging/Package.java from lib/app/" + name + ".cfg): the bundled java\n"
                + "# with that class path and those options. Not jpackage's native launcher, which asks rpm\n"
                + "# and dpkg which package owns it at every start (~0.2 s).\n"
                + "self=\"$(readlink -f \"$0\")\"\n"
                + "APPDIR=\"${self%/bin/*}/lib/app\"\n"
                + "java=\"${self%/bin/*}/lib/runtime/bin/java\"\n"
                + (app ? appCache(version, java) : "")
                + "exec " + java + (app ? " \\\n  " + APP_CACHE_OPTIONS : "") + " org.fanout.Main \"$@\"\n";
        Path launcher = appImage.resolve("bin").resolve(name);
        Files.writeString(launcher, script);
        launcher.toFile().setExecutable(true, false);
    }

    /** A launcher's class path and Java options as jpackage wrote them in {@code lib/app/NAME.cfg} ({@code $APPDIR} unexpanded). */
    record LauncherConfig(List<String> classPath, List<String> options) {
        static LauncherConfig read(Path appImage, String name) throws IOException {
            List<String> lines = Files.readAllLines(appImage.resolve("lib/app").resolve(name + ".cfg"));
            return new LauncherConfig(values(lines, "app.classpath="), values(lines, "java-options="));
        }

        private static List<String> values(List<String> lines, String key) {
            return lines.stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(key.length()))
                    .toList();
        }
    }

    /** A word for the script: in double quotes, so $APPDIR expands and nothing else does. */
    static String shellWord(String s) {
        if (!s.matches("[A-Za-z0-9_./:=,+$-]*") || s.replace("$APPDIR", "").contains("$")) {
            throw new IllegalArgumentException("not a safe launcher option: " + s);
        }
        return "\"" + s + "\"";
    }

    /**
     * Writes {@link #CLI_ARCHIVE} into a Linux app image: its runtime's java runs the self-test with
     * the CLI launcher's class path and options (from its .cfg) to list the classes it loads, then
     * dumps those into the archive.
     */
    static void cliArchive(Path appImage, LauncherConfig cfg) throws IOException, InterruptedException {
        Path app = appImage.resolve("lib/app");
        String appDir = app.toString();
        List<String> command =
                new ArrayList<>(List.of(appImage.resolve("lib/runtime/bin/java").toString()));
        cfg.options().stream()
                .filter(o -> !o.contains("SharedArchiveFile"))
                .map(o -> o.replace("$APPDIR", appDir))
                .forEach(command::add);
        command.add("-cp");
        command.add(String.join(
                java.io.File.pathSeparator,
                cfg.classPath().stream().map(c -> c.replace("$APPDIR", appDir)).toList()));
        try (Stream<Path> jars = Files.list(app)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.setLastModifiedTime(
                        jar,
                        java.nio.file.attribute.FileTime.from(JAR_TIME_SECONDS, java.util.concurrent.TimeUnit.SECONDS));
            }
        }
        Path list = Files.createTempFile("fanout-classes", ".txt");
        try {
            List<String> train = new ArrayList<>(command);
            train.addAll(List.of("-XX:DumpLoadedClassList=" + list, "org.fanout.Main", "selftest", "--quiet"));
            exec(train); // a failed self-test still lists what it loaded
            // the lines that would link picocli's classes while dumping (see ./fanout)
            List<String> kept = Files.readAllLines(list).stream()
                    .filter(l -> !l.startsWith("@cp ") && !(l.startsWith("@lambda-proxy ") && l.contains("picocli/")))
                    .toList();
            Files.write(list, kept);
            List<String> dump = new ArrayList<>(command);
            dump.addAll(List.of(
                    "-Xshare:dump",
                    "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + app.resolve(CLI_ARCHIVE),
                    "-Xlog:cds=off",
                    "-Xlog:aot=off"));
            if (exec(dump) != 0 || !Files.isRegularFile(app.resolve(CLI_ARCHIVE))) {
                throw new IllegalStateException(
                        "could not dump the CLI's class-data archive: " + String.join(" ", dump));
            }
            System.out.println("[package] CLI class-data archive " + app.resolve(CLI_ARCHIVE) + " ("
                    + mb(Files.size(app.resolve(CLI_ARCHIVE))) + ", " + kept.size() + " classes)");
        } finally {
            Files.deleteIfExists(list);
        }
    }

    /** Runs a command with its output discarded; its exit status (bounded: 5 minutes). */
    static int exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("still running after 5 minutes: " + String.join(" ", command));
        }
        return p.exitValue();
    }

    enum Os {
        LINUX("fanout.png"),
        MAC("fanout.icns"),
        WINDOWS("fanout.ico");

        final String icon;

        Os(String icon) {
            this.icon = icon;
        }

        static Os current() {
            String n = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return n.contains("win") ? WINDOWS : n.contains("mac") ? MAC : LINUX;
        }
    }

    /** {@code --icon FILE} where packaging/ has this OS's icon (macOS's .icns is made on a Mac, see packaging/README.md). */
    static List<String> icon(Path packaging, Os os) {
        Path icon = packaging.resolve(os.icon);
        if (Files.isRegularFile(icon)) return List.of("--icon", icon.toString());
        System.out.println("[package] no " + icon + ": jpackage's default icon");
        return List.of();
    }

    /** Runs a JDK tool in this JVM (the toolchain's JDK 25) and returns what it printed; fails the build if it fails. */
    static String run(String tool, String... args) {
        ToolProvider provider = ToolProvider.findFirst(tool)
                .orElseThrow(() -> new IllegalStateException(
                        tool + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        if (!tool.equals("jdeps")) System.out.println("[package] " + tool + " " + String.join(" ", args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = provider.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (!tool.equals("jdeps")) System.out.print(out);
        if (status != 0) {
            System.err.print(out);
            System.err.print(err);
            throw new IllegalStateException(tool + " failed with status " + status);
        }
        return out.toString();
    }

    /** sqlite-jdbc's name for this machine's architecture (its folder under org/sqlite/native/Linux). */
    static String linuxArch() {
        String arch = System.getProperty("os.arch");
        return arch.equals("amd64") ? "x86_64" : arch;
    }

    static boolean isModular(Path jar) throws IOException {
        try (var zip = new java.util.zip.ZipFile(jar.toFile())) {
            return zip.getEntry("module-info.class") != null;
        }
    }

    static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
    }

    static long size(Path p) throws IOException {
        try (Stream<Path> all = Files.walk(p)) {
            return all.filter(Files::isRegularFile)
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> all = Files.walk(p)) {
            for (Path f : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }
}
