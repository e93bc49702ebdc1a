package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.fanout.engine.ListeningPorts;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriters;
import org.fanout.history.SqliteCount;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The history as scripts use it: recorded runs, diff's rows and exit status, import, prune, watch, a bad database. */
@Tag("slow")
@Timeout(120)
class HistoryCliTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static ServerSocket listen(int port) throws Exception {
        return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    }

    static List<String> errorLines(String err) {
        return err.lines().filter(l -> l.startsWith("error:")).toList();
    }

    String db() {
        return dir.resolve("history.db").toString();
    }

    CliRunner scan(String ports, String... more) {
        String[] base = {
            "scan", "--hosts", "127.0.0.1", "--ports", ports, "--db", db(), "--format", "csv", "--threads", "8"
        };
        String[] args = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRunner.run(args);
    }

    static long count(String db, String sql) throws Exception {
        return SqliteCount.of(db, sql);
    }

    @Test
    void aListenerAddedAndOneRemovedAreExactlyTheTwoRowsOfDiff() throws Exception {
        int added;
        int removed;
        try (ServerSocket steady = listen(0)) {
            String ports;
            try (ServerSocket going = listen(0)) {
                added = TcpLab.freeEphemeralPorts(1).getFirst(); // while both listeners hold theirs
                removed = going.getLocalPort();
                ports = steady.getLocalPort() + "," + removed + "," + added;
                CliRunner first = scan(ports);
                assertThat(first.status()).as(first.err()).isZero();
            }
            ServerSocket coming = listen(added);
            CliRunner second = scan(ports, "--strategy", "pool");
            assertThat(second.status()).as(second.err()).isZero();
            CliRunner diff = CliRunner.run("diff", "--db", db(), "--format", "json");
            assertThat(diff.status()).as(diff.err()).isEqualTo(1);
            List<JsonNode> rows = diff.out().lines().map(HistoryCliTest::parse).toList();
            assertThat(rows).hasSize(2);
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.get("key").asText()).isEqualTo("127.0.0.1:" + removed);
                assertThat(r.get("change").asText()).isEqualTo("changed");
                assertThat(r.get("before").asText()).isEqualTo("open");
                assertThat(r.get("after").asText()).isEqualTo("closed");
            });
            assertThat(rows).anySatisfy(r -> {
                assertThat(r.get("key").asText()).isEqualTo("127.0.0.1:" + added);
                assertThat(r.get("before").asText()).isEqualTo("closed");
                assertThat(r.get("after").asText()).isEqualTo("open");
            });

            CliRunner csv = CliRunner.run("diff", "1", "2", "--db", db(), "--format", "csv");
            assertThat(csv.status()).isEqualTo(1);
            assertThat(csv.out().lines().toList())
                    .hasSize(3)
                    .first()
                    .isEqualTo("\"key\",\"change\",\"before\",\"after\"");

            CliRunner third = scan(ports);
            coming.close();
            assertThat(third.status()).isZero();
            CliRunner same = CliRunner.run("diff", "--db", db());
            assertThat(same.status()).as(same.out() + same.err()).isZero();
            assertThat(same.out()).isEmpty();
        }
    }

    @Test
    void historyListsRunsNewestFirstWithTheContractFields() throws Exception {
        try (ServerSocket open = listen(0)) {
            assertThat(scan(Integer.toString(open.getLocalPort())).status()).isZero();
            assertThat(scan(open.getLocalPort() + ","
                                    + TcpLab.freeEphemeralPorts(1).getFirst())
                            .status())
                    .isZero();
        }
        CliRunner list = CliRunner.run("history", "--db", db(), "--format", "json");
        assertThat(list.status()).as(list.err()).isZero();
        List<JsonNode> runs = list.out().lines().map(HistoryCliTest::parse).toList();
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).get("id").asLong())
                .isGreaterThan(runs.get(1).get("id").asLong());
        JsonNode newest = runs.getFirst();
        for (String field : List.of("id", "started", "finished", "kind", "job", "targets", "counts", "complete")) {
            assertThat(newest.has(field)).as(field).isTrue();
        }
        assertThat(newest.get("kind").asText()).isEqualTo("scan");
        assertThat(newest.get("job").asText()).startsWith("scan --hosts 127.0.0.1 --ports ");
        assertThat(newest.get("targets").asLong()).isEqualTo(2);
        assertThat(newest.get("counts").get("open").asLong()).isEqualTo(1);
        assertThat(newest.get("complete").asBoolean()).isTrue();
        assertThat(CliRunner.run("history", "--db", db(), "--limit", "1")
                        .out()
                        .lines()
                        .count())
                .isEqualTo(2);

        CliRunner pruned = CliRunner.run("history", "prune", "--keep", "1", "--db", db());
        assertThat(pruned.status()).as(pruned.err()).isZero();
        assertThat(count(db(), "SELECT COUNT(*) FROM runs")).isEqualTo(1);
        assertThat(count(db(), "SELECT COUNT(*) FROM tcp_results")).isEqualTo(2);
        assertThat(CliRunner.run("history", "prune", "--older-than", "30d", "--db", db())
                        .out())
                .contains("pruned 0 runs");
        assertThat(CliRunner.run("history", "prune", "--older-than", "1ms", "--db", db())
                        .out())
                .contains("pruned 1 run");
        assertThat(count(db(), "SELECT COUNT(*) FROM tcp_results")).isZero();
    }

    /** A job holding control characters (a hosts file's name) is listed escaped: a terminal never runs them. */
    @Test
    void aJobsControlCharactersAreListedEscaped() throws Exception {
        Path hosts = Files.writeString(dir.resolve("hosts\u001b]0;owned\u0007\u001b[31m.txt"), "127.0.0.1\n");
        try (ServerSocket open = listen(0)) {
            CliRunner r = CliRunner.run(
                    "scan",
                    "--hosts-file",
                    hosts.toString(),
                    "--ports",
                    Integer.toString(open.getLocalPort()),
                    "--db",
                    db(),
                    "--no-progress");
            assertThat(r.status()).as(r.err()).isZero();
        }
        for (String format : List.of("text", "csv")) {
            String listed =
                    CliRunner.run("history", "--db", db(), "--format", format).out();
            assertThat(listed)
                    .as(format)
                    .contains("hosts")
                    .doesNotContain("\u001b")
                    .doesNotContain("\u0007");
        }
        assertThat(CliRunner.run("history", "--db", db(), "--format", "json").out())
                .containsIgnoringCase("\\u001b");
    }

    /** prune counts and keeps runs as history lists them: a sharded run's shards go together or stay together. */
    @Test
    void pruneKeepsOrDeletesASharedRunWhole() throws Exception {
        try (ServerSocket open = listen(0)) {
            String port = Integer.toString(open.getLocalPort());
            assertThat(scan(port).status()).isZero();
            for (int shard = 1; shard <= 2; shard++) {
                CliRunner part = CliRunner.run(
                        "scan",
                        "--hosts",
                        "127.0.0.1-40",
                        "--ports",
                        port,
                        "--db",
                        db(),
                        "--seed",
                        "7",
                        "--shard",
                        shard + "/2",
                        "--no-progress");
                assertThat(part.status()).as(part.err()).isZero();
            }
        }
        assertThat(count(db(), "SELECT COUNT(*) FROM runs")).isEqualTo(3);
        assertThat(CliRunner.run("history", "--db", db()).out().lines().count())
                .as("a header and two runs listed")
                .isEqualTo(3);
        assertThat(CliRunner.run("history", "show", "2", "--format", "csv", "--db", db())
                        .out()
                        .lines()
                        .count())
                .as("the listed id shows every shard")
                .isEqualTo(1 + 40);
        assertThat(CliRunner.run("history", "show", "3", "--format", "csv", "--db", db())
                        .out()
                        .lines()
                        .count())
                .as("a later shard's own id, that shard")
                .isEqualTo(1 + 20);

        CliRunner keepOne = CliRunner.run("history", "prune", "--keep", "1", "--db", db());
        assertThat(keepOne.out()).contains("pruned 1 run");
        assertThat(count(db(), "SELECT COUNT(*) FROM runs"))
                .as("both shards kept")
                .isEqualTo(2);
        assertThat(count(db(), "SELECT SUM(results) FROM runs")).isEqualTo(40);
        assertThat(CliRunner.run("history", "show", "2", "--db", db()).status()).isZero();

        CliRunner keepNone = CliRunner.run("history", "prune", "--keep", "0", "--db", db());
        assertThat(keepNone.out()).contains("pruned 1 run");
        assertThat(count(db(), "SELECT COUNT(*) FROM runs")).isZero();
        assertThat(count(db(), "SELECT COUNT(*) FROM tcp_results")).isZero();
        assertThat(count(db(), "SELECT COUNT(*) FROM tcp_closed")).isZero();
    }

    /**
     * At the size a user meets it (every port of a host, nearly all closed, so packed), the
     * history gives back exactly what the scan wrote, in its order, from a few rows; and diff
     * finds the one port that opened between two such scans.
     */
    @Test
    void aFullRangeScanReadsBackAsItsOutputAndDiffFindsTheOnePortThatOpened() throws Exception {
        int coming = TcpLab.freeEphemeralPorts(1).getFirst();
        List<String> others = ListeningPorts.now().stream()
                .filter(p -> p != coming)
                .map(String::valueOf)
                .toList();
        String[] exclude =
                others.isEmpty() ? new String[0] : new String[] {"--exclude-ports", String.join(",", others)};
        Path first = dir.resolve("first.csv");
        CliRunner a = scan("all", concat(exclude, "--output", first.toString()));
        assertThat(a.status()).as(a.err()).isZero();
        Path back = dir.resolve("back.csv");
        CliRunner shown = CliRunner.run("history", "show", "1", "--db", db(), "--output", back.toString());
        assertThat(shown.status()).as(shown.err()).isZero();
        List<String> written = Files.readAllLines(first);
        assertThat(written).hasSize(65_535 - others.size() + 1);
        assertThat(Files.readAllLines(back)).isEqualTo(written);
        assertThat(count(db(), "SELECT COUNT(*) FROM tcp_closed")).isBetween(1L, 30L);
        assertThat(count(db(), "SELECT COUNT(*) FROM tcp_results")).isLessThan(30);

        try (ServerSocket opened = listen(coming)) {
            CliRunner b = scan(
                    "all", concat(exclude, "--output", dir.resolve("second.csv").toString()));
            assertThat(b.status()).as(b.err()).isZero();
        }
        CliRunner diff = CliRunner.run("diff", "--db", db(), "--format", "json");
        assertThat(diff.status()).as(diff.err()).isEqualTo(1);
        List<JsonNode> rows = diff.out().lines().map(HistoryCliTest::parse).toList();
        assertThat(rows).as(diff.out()).hasSize(1);
        assertThat(rows.getFirst().get("key").asText()).isEqualTo("127.0.0.1:" + coming);
        assertThat(rows.getFirst().get("before").asText()).isEqualTo("closed");
        assertThat(rows.getFirst().get("after").asText()).isEqualTo("open");
    }

    /** Whatever strategy made the results, a full range packs and reads back as the scan wrote it. */
    @ParameterizedTest
    @EnumSource(Strategy.class)
    void everyStrategysFullRangeReadsBackAsItsOutput(Strategy strategy) throws Exception {
        List<String> others = ListeningPorts.now().stream().map(String::valueOf).toList();
        String[] exclude =
                others.isEmpty() ? new String[0] : new String[] {"--exclude-ports", String.join(",", others)};
        Path written = dir.resolve(strategy.label() + ".csv");
        CliRunner r = scan("all", concat(exclude, "--strategy", strategy.label(), "--output", written.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        Path back = dir.resolve("back.csv");
        CliRunner shown = CliRunner.run("history", "show", "1", "--db", db(), "--output", back.toString());
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(Files.readAllLines(back)).hasSize(65_535 - others.size() + 1).isEqualTo(Files.readAllLines(written));
        assertThat(count(db(), "SELECT SUM(port_count) FROM tcp_closed")).isGreaterThan(65_000L);
    }

    /**
     * The seed orders a job's targets, it does not choose them: runs that differ only in --seed are
     * one job, which diff pairs; shards of different seeds are different splits, never one group.
     */
    @Test
    void runsOfAnotherSeedAreTheSameJobButNotTheSameSplit() throws Exception {
        List<Integer> closed = TcpLab.freeEphemeralPorts(10);
        String ports = String.join(",", closed.stream().map(String::valueOf).toList());
        for (String seed : List.of("1", "2")) {
            assertThat(scan(ports, "--order", "random", "--seed", seed, "--no-progress")
                            .status())
                    .isZero();
        }
        CliRunner diff = CliRunner.run("diff", "--db", db());
        assertThat(diff.status()).as(diff.err()).isZero();
        assertThat(diff.err()).contains("0 changes from run 1 to run 2").doesNotContain("different jobs");
        for (String shard : List.of("1/2", "2/2")) {
            assertThat(scan(
                                    ports,
                                    "--order",
                                    "random",
                                    "--seed",
                                    shard.substring(0, 1),
                                    "--shard",
                                    shard,
                                    "--no-progress")
                            .status())
                    .isZero();
        }
        List<JsonNode> listed = CliRunner.run("history", "--format", "json", "--db", db())
                .out()
                .lines()
                .map(l -> {
                    try {
                        return JSON.readTree(l);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
        assertThat(listed)
                .as("two half-groups of other seeds, and the two whole runs")
                .hasSize(4);
        assertThat(listed.subList(0, 2))
                .allSatisfy(g -> assertThat(g.get("runs")).hasSize(1));
    }

    /**
     * A run's recorded start and end are its scan's, not when the history got round to them: with
     * the database locked by another program for 3 s, a scan of a fraction of a second is
     * recorded once the lock is free, with its own elapsed time (it was recorded as 3 s long).
     */
    @Test
    void aRunRecordedLateKeepsItsScansOwnTime() throws Exception {
        assertThat(scan("1").status()).isZero(); // the history exists, with its tables
        List<Integer> closed = TcpLab.freeEphemeralPorts(20);
        String ports = String.join(",", closed.stream().map(String::valueOf).toList());
        CompletableFuture<CliRunner> late;
        try (Connection locker = DriverManager.getConnection("jdbc:sqlite:" + db());
                Statement s = locker.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            late = CompletableFuture.supplyAsync(() -> scan(ports, "--no-progress"));
            Thread.sleep(3_000);
            assertThat(late).as("the scan is waiting for the history").isNotDone();
            s.execute("COMMIT");
        }
        CliRunner r = late.get(30, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.err()).isZero();
        // the summary line's own elapsed time: "fanout: 20 ports in 0.04 s (...)"
        double said = Double.parseDouble(r.err().replaceFirst("(?s).*? in ([0-9.]+) s.*", "$1"));
        JsonNode newest = JSON.readTree(CliRunner.run("history", "--format", "json", "--limit", "1", "--db", db())
                .out()
                .lines()
                .findFirst()
                .orElseThrow());
        double recorded = Duration.between(
                                Instant.parse(newest.get("started").asText()),
                                Instant.parse(newest.get("finished").asText()))
                        .toNanos()
                / 1e9;
        assertThat(newest.get("results").asLong()).isEqualTo(20);
        assertThat(recorded).as("recorded seconds; the scan said %s s", said).isBetween(said - 0.01, said + 0.5);
    }

    /** A mistyped --db is refused by the commands that only read, and leaves no file or folder behind. */
    @Test
    void readingANamedHistoryThatDoesNotExistIsRefusedAndMakesNothing() throws InterruptedException {
        Path missing = dir.resolve("typo").resolve("histroy.db");
        for (String[] command : List.of(
                new String[] {"history"},
                new String[] {"history", "show", "1"},
                new String[] {"history", "prune", "--keep", "1"},
                new String[] {"diff"})) {
            CliRunner r = CliRunner.run(concat(command, "--db", missing.toString()));
            assertThat(r.status())
                    .as(String.join(" ", command) + ": " + r.err())
                    .isEqualTo(2);
            assertThat(errorLines(r.err())).singleElement().asString().contains("no such history", missing.toString());
        }
        assertThat(missing.getParent()).doesNotExist();
        // a run records into it: then it reads
        CliRunner recorded = CliRunner.run("scan", "--hosts", "127.0.0.1", "--ports", "1", "--db", missing.toString());
        assertThat(recorded.status()).as(recorded.err()).isZero();
        assertThat(CliRunner.run("history", "--db", missing.toString()).status())
                .isZero();
        // every run pruned: the list says so, rather than a header over nothing; csv keeps its header
        Thread.sleep(1_100);
        assertThat(CliRunner.run("history", "prune", "--older-than", "1s", "--db", missing.toString())
                        .status())
                .isZero();
        CliRunner none = CliRunner.run("history", "--db", missing.toString());
        assertThat(none.status()).as(none.err()).isZero();
        assertThat(none.out()).isEqualTo("no runs recorded yet\n");
        assertThat(CliRunner.run("history", "--format", "csv", "--db", missing.toString())
                        .out()
                        .lines())
                .singleElement()
                .asString()
                .startsWith("\"id\",\"started\"");
    }

    static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void importOfOurOwnCsvAndJsonRoundTrips() throws Exception {
        try (ServerSocket open = listen(0)) {
            String ports =
                    open.getLocalPort() + "," + TcpLab.freeEphemeralPorts(1).getFirst();
            for (String name : List.of("ports.csv", "ports.jsonl")) {
                Path file = dir.resolve(name);
                CliRunner made = CliRunner.run(
                        "scan", "--hosts", "127.0.0.1", "--ports", ports, "--no-history", "--output", file.toString());
                assertThat(made.status()).as(made.err()).isZero();
                CliRunner imported = CliRunner.run("import", file.toString(), "--db", db());
                assertThat(imported.status()).as(imported.err()).isZero();
                long run = Long.parseLong(imported.out().replaceAll("(?s).* as run (\\d+) .*", "$1"));
                Path back = dir.resolve("back-" + name);
                CliRunner shown =
                        CliRunner.run("history", "show", Long.toString(run), "--db", db(), "--output", back.toString());
                assertThat(shown.status()).as(shown.err()).isZero();
                assertThat(Files.readAllLines(back)).isEqualTo(Files.readAllLines(file));
            }
        }
        for (OutputFormat format : List.of(OutputFormat.CSV, OutputFormat.JSON)) {
            Path web = dir.resolve("web." + format.label());
            try (var w = ResultWriters.openHttp(web, format, false)) {
                w.write(new HttpResult("http://127.0.0.1:1/a", 301, 2_500_000, "http://127.0.0.1:1/b", 0, null));
                w.write(new HttpResult("http://127.0.0.1:1/c", 0, -1, null, -1, "timeout"));
            }
            CliRunner imported = CliRunner.run("import", web.toString(), "--db", db());
            assertThat(imported.out()).as(imported.err()).contains("(http, 2 results)");
            long run = Long.parseLong(imported.out().replaceAll("(?s).* as run (\\d+) .*", "$1"));
            Path back = dir.resolve("back-web." + format.label());
            assertThat(CliRunner.run("history", "show", Long.toString(run), "--db", db(), "-o", back.toString())
                            .status())
                    .isZero();
            assertThat(Files.readAllLines(back)).isEqualTo(Files.readAllLines(web));
        }
        Path notOurs = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        CliRunner bad = CliRunner.run("import", notOurs.toString(), "--db", db());
        assertThat(bad.status()).isEqualTo(2);
        assertThat(errorLines(bad.err())).hasSize(1);
        assertThat(CliRunner.run("diff", "41", "42", "--db", db()).status()).isEqualTo(2);
        CliRunner arabicOne = CliRunner.run("history", "show", "\u0661", "--db", db());
        assertThat(arabicOne.status()).isEqualTo(2);
        assertThat(arabicOne.err()).contains("is not a run id");

        // import --help's example: an imported file diffed by its run id against a later run
        String help = CliRunner.run("import", "--help").out();
        assertThat(help).contains("fanout import old.csv").contains("fanout diff 7 12");
        try (ServerSocket open = listen(0)) {
            String port = Integer.toString(open.getLocalPort());
            Path old = dir.resolve("old.csv");
            assertThat(CliRunner.run(
                                    "scan",
                                    "--hosts",
                                    "127.0.0.1",
                                    "--ports",
                                    port,
                                    "--no-history",
                                    "-o",
                                    old.toString())
                            .status())
                    .isZero();
            long imported = Long.parseLong(CliRunner.run("import", old.toString(), "--db", db())
                    .out()
                    .replaceAll("(?s).* as run (\\d+) .*", "$1"));
            assertThat(scan(port).status()).isZero();
            long newest = Long.parseLong(CliRunner.run("history", "--db", db(), "--format", "csv", "--limit", "1")
                    .out()
                    .lines()
                    .skip(1)
                    .findFirst()
                    .orElseThrow()
                    .replaceAll("^\"?(\\d+).*", "$1"));
            CliRunner diff = CliRunner.run("diff", Long.toString(imported), Long.toString(newest), "--db", db());
            assertThat(diff.status()).as(diff.err()).isZero();
        }
    }

    @Test
    void aCorruptDatabaseIsOneErrorLineAndTheScanStillWritesItsOutput() throws Exception {
        byte[] garbage = new byte[16384];
        new Random(7).nextBytes(garbage);
        Files.write(Path.of(db()), garbage);
        Path out = dir.resolve("out.csv");
        try (ServerSocket open = listen(0)) {
            CliRunner r = scan(
                    open.getLocalPort() + "," + TcpLab.freeEphemeralPorts(1).getFirst(), "--output", out.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(errorLines(r.err()))
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("error: history: ")
                    .contains(db());
            assertThat(r.err()).doesNotContain("Exception").contains("fanout: 2 ports");
            assertThat(ScanOutputTest.readCsv(out)).hasSize(2);
        }
        CliRunner list = CliRunner.run("history", "--db", db());
        assertThat(list.status()).isEqualTo(1);
        assertThat(errorLines(list.err())).hasSize(1);
    }

    @Test
    void aDatabaseFromANewerFanoutIsRefusedWithOneLine() throws Exception {
        try (ServerSocket open = listen(0)) {
            String port = Integer.toString(open.getLocalPort());
            assertThat(scan(port).status()).isZero();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
                    Statement s = c.createStatement()) {
                s.executeUpdate(
                        "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                                + " checksum, installed_by, installed_on, execution_time, success)"
                                + " VALUES (99, '99', 'from the future', 'SQL', 'V99__future.sql', 0, 'test', CURRENT_TIMESTAMP, 0, 1)");
            }
            Path out = dir.resolve("out.csv");
            CliRunner r = scan(port, "--output", out.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(errorLines(r.err())).hasSize(1).first().asString().contains("newer Fanout");
            assertThat(ScanOutputTest.readCsv(out)).hasSize(1);
            assertThat(count(db(), "SELECT COUNT(*) FROM runs")).isEqualTo(1);
        }
    }

    /** watch with --resume: refused at once, where its second run found the file complete and it exited 1 unexplained. */
    @Test
    void watchRefusesResume() {
        Path out = dir.resolve("out.csv");
        CliRunner r = CliRunner.run(
                "watch",
                "--every",
                "1s",
                "--count",
                "2",
                "scan",
                "--hosts",
                "127.0.0.1",
                "--ports",
                "1",
                "--db",
                db(),
                "--output",
                out.toString(),
                "--resume");
        assertThat(r.status()).isEqualTo(2);
        assertThat(errorLines(r.err())).singleElement().asString().contains("leave out --resume");
        assertThat(out).doesNotExist();
    }

    @Test
    void watchPrintsTheChangeBetweenRunsAndHandsItToOnChange() throws Exception {
        Path hookInput = dir.resolve("changes.json");
        try (ServerSocket steady = listen(0)) {
            int later = TcpLab.freeEphemeralPorts(1).getFirst(); // while steady holds its port
            String ports = steady.getLocalPort() + "," + later;
            CompletableFuture<CliRunner> watch = CompletableFuture.supplyAsync(() -> CliRunner.run(
                    "watch",
                    "--every",
                    "4s",
                    "--count",
                    "2",
                    "--format",
                    "json",
                    "--on-change",
                    "cat > '" + hookInput + "'",
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    ports,
                    "--db",
                    db()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (completeRuns() < 1) {
                assertThat(System.nanoTime()).as("first run recorded").isLessThan(deadline);
                Thread.sleep(50);
            }
            try (ServerSocket appeared = listen(later)) { // the change the second run sees
                CliRunner r = watch.get(60, TimeUnit.SECONDS);
                assertThat(r.status()).as(r.err()).isZero();
                JsonNode change = parse(r.out().strip());
                assertThat(change.get("key").asText()).isEqualTo("127.0.0.1:" + later);
                assertThat(change.get("after").asText()).isEqualTo("open");
                JsonNode hook = parse(Files.readString(hookInput));
                assertThat(hook.get("old_run").asLong()).isEqualTo(1);
                assertThat(hook.get("new_run").asLong()).isEqualTo(2);
                assertThat(hook.get("changes")).hasSize(1);
                assertThat(hook.get("changes").get(0).get("change").asText()).isEqualTo("changed");
            }
        }
    }

    long completeRuns() {
        try {
            return count(db(), "SELECT COUNT(*) FROM runs WHERE complete = TRUE");
        } catch (Exception notYet) {
            return 0; // the first run has not created the database yet
        }
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
