package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.fanout.Await;
import org.fanout.export.Columns;
import org.fanout.lab.LabHttpServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No result lost on the way out: a failed write is an error, a stop signal leaves whole lines, inputs are never overwritten. */
@Tag("slow")
@Timeout(120)
class OutputSafetyTest {
    static final String URLS = "/{a-t}{a-y}"; // 500 URLs
    static final Pattern INTERRUPTED = Pattern.compile("interrupted after (\\d+) of 500");

    @TempDir
    Path dir;

    // ---- --output naming an input ----

    @Test
    void outputThatIsTheHostsFileIsRefusedAndTheFileKept() throws Exception {
        Path hosts = dir.resolve("hosts.txt");
        Files.writeString(hosts, "127.0.0.1\n# my list\n");
        byte[] before = Files.readAllBytes(hosts);
        Path symlink = Files.createSymbolicLink(dir.resolve("link.csv"), hosts);
        Path hardLink = Files.createLink(dir.resolve("hard.csv"), hosts);
        Path dotted = dir.resolve(".").resolve("hosts.txt");
        for (Path out : List.of(hosts, symlink, hardLink, dotted)) {
            CliRunner r =
                    CliRunner.run("scan", "--hosts-file", hosts.toString(), "--ports", "1", "--output", out.toString());
            assertThat(r.status()).as(out + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList())
                    .as(out.toString())
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("error: --output");
            assertThat(Files.readAllBytes(hosts)).as(out.toString()).isEqualTo(before);
            CliRunner resume = CliRunner.run(
                    "scan", "--hosts-file", hosts.toString(), "--ports", "1", "-o", out.toString(), "--resume");
            assertThat(resume.status()).isEqualTo(2);
            assertThat(Files.readAllBytes(hosts)).isEqualTo(before);
        }
    }

    @Test
    void outputThatIsTheUrlFileIsRefusedForHttpAndCompare() throws Exception {
        Path urls = dir.resolve("urls.txt");
        Files.writeString(urls, "http://127.0.0.1:9/\n");
        byte[] before = Files.readAllBytes(urls);
        Path link = Files.createSymbolicLink(dir.resolve("out.csv"), urls);
        for (String[] args : List.of(
                new String[] {"http", "--input", urls.toString(), "--output", link.toString()},
                new String[] {
                    "compare", "--threads", "1", "--output", link.toString(), "http", "--input", urls.toString()
                },
                new String[] {
                    "compare", "--threads", "1", "--chart", urls.toString(), "http", "--input", urls.toString()
                })) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.status()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ");
            assertThat(Files.readAllBytes(urls)).isEqualTo(before);
        }
    }

    @Test
    void outputThatIsTheHistoryOrAnotherFileOfTheCommandIsRefused() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            refusedOutputs(String.valueOf(listener.getLocalPort()));
        }
    }

    private void refusedOutputs(String port) throws Exception {
        Path db = dir.resolve("h.db");
        Path exclude = dir.resolve("exclude.txt");
        Files.writeString(exclude, "127.0.0.9\n");
        byte[] excludeBefore = Files.readAllBytes(exclude);
        // not made yet, then made by a first run: refused by name and as the same file
        for (int round = 0; round < 2; round++) {
            for (String out : List.of(db.toString(), dir.resolve("sub/../h.db").toString())) {
                CliRunner r = CliRunner.run(
                        "scan", "--hosts", "127.0.0.1", "--ports", port, "--db", db.toString(), "--output", out);
                assertThat(r.status()).as(out + ": " + r.err()).isEqualTo(2);
                assertThat(r.err()).startsWith("error: --output").doesNotContain("\tat ");
            }
            if (round == 0) {
                assertThat(Files.exists(db)).isFalse();
                CliRunner first = CliRunner.run(
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        port,
                        "--db",
                        db.toString(),
                        "--output",
                        dir.resolve("first.csv").toString());
                assertThat(first.status()).as(first.err()).isZero();
            }
        }
        byte[] dbBefore = Files.readAllBytes(db);
        CliRunner show = CliRunner.run("history", "show", "1", "--db", db.toString(), "--output", db.toString());
        assertThat(show.status()).as(show.err()).isEqualTo(2);
        assertThat(Files.readAllBytes(db)).isEqualTo(dbBefore);
        CliRunner listed = CliRunner.run("history", "--db", db.toString(), "--format", "json");
        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out().lines()).hasSize(1);

        CliRunner excluded = CliRunner.run(
                "scan",
                "--hosts",
                "127.0.0.1",
                "--ports",
                port,
                "--no-history",
                "--exclude-hosts-file",
                exclude.toString(),
                "--output",
                exclude.toString());
        assertThat(excluded.status()).as(excluded.err()).isEqualTo(2);
        assertThat(Files.readAllBytes(exclude)).isEqualTo(excludeBefore);

        Path both = dir.resolve("compare.csv");
        CliRunner compare = CliRunner.run(
                "compare",
                "--threads",
                "1",
                "--strategies",
                "pool",
                "--no-warmup",
                "--output",
                both.toString(),
                "--chart",
                both.toString(),
                "scan",
                "--hosts",
                "127.0.0.1",
                "--ports",
                port);
        assertThat(compare.status()).as(compare.err()).isEqualTo(2);
        assertThat(compare.err()).startsWith("error: --chart");
        assertThat(Files.exists(both)).isFalse();
    }

    /** --resume appends to a Fanout file of the job, never to something else, which it leaves as it was. */
    @Test
    void resumeLeavesAFileThatIsNotFanoutsAsItWas() throws Exception {
        List<ServerSocket> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) listeners.add(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            resumes(listeners.stream()
                    .map(l -> String.valueOf(l.getLocalPort()))
                    .toList());
        } finally {
            for (ServerSocket l : listeners) l.close();
        }
    }

    private void resumes(List<String> ports) throws Exception {
        String port = ports.getFirst();
        String all = String.join(",", ports);
        Map<String, String> notOurs = Map.of(
                "notes.csv", "my notes, no line break",
                "quoted.csv", "\"Important\nline2\nline3\n",
                "object.json", "{\"not\":\"fanout\"}",
                "binary.csv", "\u0000\u0001\u0002binary",
                "host.json", "{\"host\":\"db1\",\"password\":\"hunter2\"}");
        for (var file : notOurs.entrySet()) {
            Path f = dir.resolve(file.getKey());
            Files.writeString(f, file.getValue());
            CliRunner r = scanInto(port, f, "--resume");
            assertThat(r.status()).as(file.getKey() + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(file.getKey()).startsWith("error: ").contains("not a Fanout");
            assertThat(Files.readString(f)).as(file.getKey()).isEqualTo(file.getValue());
            CliRunner imported = CliRunner.run(
                    "import", f.toString(), "--db", dir.resolve("i.db").toString());
            assertThat(imported.status())
                    .as("import " + file.getKey() + ": " + imported.err())
                    .isEqualTo(2);
        }
        // a text table is never appended to a file, which keeps its CSV
        Path csv = dir.resolve("full.csv");
        CliRunner whole = scanInto(all, csv);
        assertThat(whole.status()).as(whole.err()).isZero();
        byte[] before = Files.readAllBytes(csv);
        CliRunner text = scanInto(all, csv, "--resume", "--format", "text");
        assertThat(text.status()).as(text.err()).isEqualTo(2);
        assertThat(Files.readAllBytes(csv)).isEqualTo(before);
        // a Fanout file killed while writing its header, or its first JSON line, is resumed
        Path cutJson = dir.resolve("cut.json");
        Files.writeString(cutJson, "{\"host\":\"127.0.0.1\",\"ip\":\"127.0.0");
        CliRunner resumedJson = scanInto(all, cutJson, "--resume");
        assertThat(resumedJson.status()).as(resumedJson.err()).isZero();
        assertThat(Files.readAllLines(cutJson)).hasSize(ports.size());

        Path cut = dir.resolve("cut.csv");
        Files.write(cut, Arrays.copyOf(before, 30));
        CliRunner resumed = scanInto(all, cut, "--resume");
        assertThat(resumed.status()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(cut))
                .hasSize(5)
                .first()
                .isEqualTo(Files.readAllLines(csv).getFirst());
    }

    /** {@code fanout scan} of 127.0.0.1's {@code ports} into {@code out}, no history, with {@code more}. */
    private static CliRunner scanInto(String ports, Path out, String... more) {
        List<String> args = new ArrayList<>(
                List.of("scan", "--hosts", "127.0.0.1", "--ports", ports, "--no-history", "--output", out.toString()));
        args.addAll(List.of(more));
        return CliRunner.run(args.toArray(String[]::new));
    }

    // ---- stdout that cannot be written ----

    @Test
    void scanToAFullOrClosedStdoutFailsWithOneErrorLine() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")));
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(open.getLocalPort());
            for (String redirect : List.of("exec 1>/dev/full;", "exec 1>&-;")) {
                for (String format : List.of("text", "csv", "json")) {
                    Process p = CliProcess.start(
                            dir, redirect, "scan", "--hosts", "127.0.0.1", "--ports", port, "--format", format);
                    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                    String err = CliProcess.stderr(dir);
                    assertThat(p.exitValue()).as(redirect + format + ": " + err).isEqualTo(1);
                    assertThat(err.lines().filter(l -> l.startsWith("error: ")).count())
                            .as(err)
                            .isEqualTo(1);
                    assertThat(err).contains("standard output").doesNotContain("\tat ");
                }
            }
        }
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
    }

    /**
     * {@code fanout scan … | head -3}: once the reader has closed the pipe, the scan stops (its run is
     * recorded incomplete) and the command ends as cat or grep would, with 141 and no error.
     */
    @ParameterizedTest
    @CsvSource({
        "scan, text, nio",
        "scan, csv, nio",
        "scan, json, nio",
        "scan, csv, serial",
        "scan, csv, pool",
        "scan, csv, virtual",
        "scan, csv, process",
        "http, csv, nio",
        "http, csv, virtual"
    })
    void aReaderThatGoesAwayStopsTheScanQuietly(String command, String format, String strategy) throws Exception {
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                LabHttpServer server = LabHttpServer.builder()
                        .port(0)
                        .latency(Duration.ofMillis(20))
                        .start()) {
            Path db = dir.resolve("history.db");
            // 1,048,576 targets, every one refused but our own listener's: minutes of output nobody reads
            String[] job = command.equals("scan")
                    ? new String[] {"--hosts", "127.0.0.0/12", "--ports", String.valueOf(open.getLocalPort())}
                    : new String[] {"--pattern", server.baseUrl() + "/{a-z}{a-z}{a-z}{a-z}", "--threads", "50"};
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of(job));
            args.addAll(List.of("--format", format, "--strategy", strategy, "--db", db.toString(), "--no-progress"));
            Process p = CliProcess.startPiped(dir, args.toArray(String[]::new));
            try (var lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < 3; i++)
                    assertThat(lines.readLine()).as("line " + i).isNotNull();
            } // head has read its lines and exits: the pipe's reading end is closed
            assertThat(p.waitFor(30, TimeUnit.SECONDS))
                    .as("still running with nobody reading")
                    .isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(p.exitValue()).as(err).isEqualTo(FanoutCommand.READER_GONE);
            assertThat(err).doesNotContain("error").doesNotContain("\tat ");
            CliRunner runs = CliRunner.run("history", "--db", db.toString(), "--format", "json");
            assertThat(runs.status()).as(runs.err()).isZero();
            assertThat(runs.out().strip().lines().toList())
                    .as("one run, stopped before its end")
                    .singleElement()
                    .asString()
                    .contains("\"complete\":false");
        }
    }

    @Test
    void helpAndVersionToAFullStdoutFail() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")));
        for (String[] args : new String[][] {{"--help"}, {"--version"}, {"scan", "--help"}}) {
            Process p = CliProcess.start(dir, "exec 1>/dev/full;", args);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(p.exitValue()).as(String.join(" ", args) + ": " + err).isEqualTo(1);
            assertThat(err.lines().filter(l -> l.startsWith("error: ")).toList())
                    .singleElement()
                    .asString()
                    .contains("standard output");
        }
    }

    @Test
    void compareToAFullStdoutOrChartFails() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")));
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(open.getLocalPort());
            Process table = CliProcess.start(
                    dir,
                    "exec 1>/dev/full;",
                    "compare",
                    "--threads",
                    "1",
                    "--strategies",
                    "pool",
                    "--no-warmup",
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    port);
            assertThat(table.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = CliProcess.stderr(dir);
            assertThat(table.exitValue()).as(err).isEqualTo(1);
            assertThat(err).contains("error: cannot write the table").doesNotContain("\tat ");

            // ImageIO.write(image, "png", File) would delete /dev/full first (we are often root here)
            Process chart = CliProcess.start(
                    dir,
                    null,
                    "compare",
                    "--threads",
                    "1",
                    "--strategies",
                    "pool",
                    "--no-warmup",
                    "--chart",
                    "/dev/full",
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    port);
            assertThat(chart.waitFor(60, TimeUnit.SECONDS)).isTrue();
            err = CliProcess.stderr(dir);
            assertThat(chart.exitValue()).as(err).isEqualTo(1);
            assertThat(err)
                    .contains("error: cannot write /dev/full")
                    .doesNotContain("drew")
                    .doesNotContain("\tat ");
            assertThat(Files.isRegularFile(Path.of("/dev/full")))
                    .as("/dev/full replaced by a file")
                    .isFalse();
        }
    }

    // ---- SIGTERM and SIGHUP ----

    @ParameterizedTest(name = "{0} {1} to {2}")
    @CsvSource({
        "TERM, pool, pipe",
        "TERM, virtual, pipe",
        "TERM, nio, pipe",
        "HUP, pool, pipe",
        "HUP, virtual, pipe",
        "HUP, nio, pipe",
        "TERM, pool, file",
        "TERM, virtual, file",
        "TERM, nio, file",
        "HUP, pool, file",
        "HUP, virtual, file",
        "HUP, nio, file"
    })
    void stopSignalLeavesEveryRowWholeAndCountedLikeCtrlC(String signal, String strategy, String sink)
            throws Exception {
        try (LabHttpServer server =
                LabHttpServer.builder().port(0).latency(Duration.ofMillis(150)).start()) {
            Path file = dir.resolve("out.csv");
            String[] args = {
                "http",
                "--pattern",
                server.baseUrl() + URLS,
                "--strategy",
                strategy,
                "--threads",
                "8",
                "--format",
                "csv"
            };
            Process p;
            ByteArrayOutputStream piped = new ByteArrayOutputStream();
            Thread reader = null;
            if (sink.equals("pipe")) {
                p = CliProcess.startPiped(dir, args);
                InputStream in = p.getInputStream();
                reader = Thread.ofPlatform().start(() -> {
                    try {
                        in.transferTo(piped);
                    } catch (IOException ignored) {
                        // the process ended
                    }
                });
                waitFor(() -> countLines(piped) > 20);
            } else {
                String[] withFile = Arrays.copyOf(args, args.length + 2);
                withFile[args.length] = "--output";
                withFile[args.length + 1] = file.toString();
                p = CliProcess.start(dir, null, withFile);
                waitFor(() -> Files.exists(file) && Files.readAllLines(file).size() > 20);
            }
            assertThat(CliProcess.signal(p, signal)).isTrue();
            assertThat(p.waitFor(10, TimeUnit.SECONDS))
                    .as("still running after SIG" + signal)
                    .isTrue();
            if (reader != null) reader.join(5000);
            String err = CliProcess.stderr(dir);
            assertThat(p.exitValue()).as(err).isEqualTo(signal.equals("TERM") ? 143 : 129);
            String text = sink.equals("pipe") ? piped.toString(StandardCharsets.UTF_8) : Files.readString(file);
            assertThat(text).endsWith("\r\n"); // no half line
            List<CSVRecord> rows = CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(new StringReader(text))
                    .getRecords();
            for (CSVRecord row : rows) assertThat(row.size()).as(row.toString()).isEqualTo(Columns.HTTP.size());
            Matcher m = INTERRUPTED.matcher(err);
            assertThat(m.find()).as(err).isTrue();
            assertThat(rows).hasSize(Integer.parseInt(m.group(1)));
            assertThat(rows.size()).isBetween(20, 499);
        }
    }

    static void waitFor(Await.Condition check) throws Exception {
        Await.until(Duration.ofSeconds(30), check);
    }

    private static long countLines(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8).lines().count();
        }
    }
}
