package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.fanout.engine.ListeningPorts;
import org.fanout.history.TestPostgres;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared history in a real PostgreSQL server ({@link TestPostgres}): four shard processes of
 * one loopback job record at once into one database, {@code history} reads them back as one run,
 * {@code diff} compares two sharded runs, and the password never shows.
 */
@Timeout(180)
@Tag("slow")
class PostgresHistoryTest {
    private static final String HOSTS = "127.0.0.0/28";
    private static final int SHARDS = 4;
    private static TestPostgres server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void fourShardProcessesRecordIntoOneDatabaseAndReadBackAsOneRun() throws Exception {
        String url = server.newDatabase("shards");
        String password = server.password();
        List<String> outputs = new ArrayList<>();
        int stays;
        int goes;
        int comes;
        try (ServerSocket reserved = listen(0)) {
            comes = reserved.getLocalPort(); // closed in the first run, open in the second
        }
        try (ServerSocket a = listen(0);
                ServerSocket b = listen(0)) {
            stays = a.getLocalPort();
            goes = b.getLocalPort();
            outputs.addAll(runShards(url, HOSTS, ports(stays, goes, comes), "first"));
        }

        CliRunner list = CliRunner.run("history", "--db", url);
        outputs.add(list.out() + list.err());
        assertThat(list.status()).as(list.err()).isZero();
        List<String> rows = list.out().lines().skip(1).toList();
        assertThat(rows).as(list.out()).hasSize(1);
        long total = 16L * 3;
        assertThat(rows.getFirst()).contains(total + "/" + total, "complete", "shards 4/4 complete", "--shard */4");

        CliRunner json = CliRunner.run("history", "--db", url, "--format", "json");
        outputs.add(json.out() + json.err());
        var node = HistoryCommand.JSON.readTree(json.out().lines().findFirst().orElseThrow());
        assertThat(node.get("shards").asInt()).isEqualTo(SHARDS);
        assertThat(node.get("shards_complete").asInt()).isEqualTo(SHARDS);
        assertThat(node.get("targets").asLong()).isEqualTo(total);
        assertThat(node.get("results").asLong()).isEqualTo(total);
        assertThat(node.get("seed").asLong()).isEqualTo(7);
        assertThat(node.get("counts").get("open").asLong()).isEqualTo(2);

        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = server.connect(db);
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT job, job_json, job_key, shard, shards, seed, group_id FROM runs")) {
            Set<Integer> shards = new HashSet<>();
            Set<Long> groups = new HashSet<>();
            while (rs.next()) {
                for (int col = 1; col <= 3; col++) {
                    assertThat(rs.getString(col))
                            .doesNotContain(password)
                            .doesNotContain("postgresql")
                            .doesNotContain("--db");
                }
                shards.add(rs.getInt(4));
                assertThat(rs.getInt(5)).isEqualTo(SHARDS);
                assertThat(rs.getLong(6)).isEqualTo(7);
                groups.add(rs.getLong(7));
            }
            assertThat(shards).containsExactlyInAnyOrder(1, 2, 3, 4);
            assertThat(groups).hasSize(1);
        }

        // Between the two runs one listener goes and another comes: diff names exactly those two.
        try (ServerSocket a = listen(stays);
                ServerSocket c = listen(comes)) {
            outputs.addAll(runShards(url, HOSTS, ports(stays, goes, comes), "second"));
        }
        CliRunner diff = CliRunner.run("diff", "--db", url);
        outputs.add(diff.out() + diff.err());
        assertThat(diff.status()).as(diff.err()).isEqualTo(DiffCommand.CHANGED);
        assertThat(diff.out().lines().toList())
                .as(diff.out())
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).contains("127.0.0.1:" + goes, "open -> closed"))
                .anySatisfy(l -> assertThat(l).contains("127.0.0.1:" + comes, "closed -> open"));
        CliRunner grouped = CliRunner.run("history", "--db", url);
        assertThat(grouped.out().lines().skip(1).toList()).hasSize(2).allSatisfy(l -> assertThat(l)
                .contains("shards 4/4"));

        for (String output : outputs) assertThat(output).doesNotContain(password);
    }

    @Test
    void thePasswordComesFromPgpasswordOrThePasswordFileAndAWrongOneIsNeverPrinted() throws Exception {
        String url = server.newDatabase("credentials");
        String password = server.password();
        String bare = url.replace(":" + password + "@", "@");

        Path viaEnv = Files.createDirectories(dir.resolve("env"));
        Process p = CliProcess.start(viaEnv, "PGPASSWORD='" + password + "' HOME=" + viaEnv, "history", "--db", bare);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(viaEnv)).isZero();

        Path viaFile = Files.createDirectories(dir.resolve("file"));
        Path pgpass = viaFile.resolve("pgpass");
        Files.writeString(
                pgpass,
                "otherhost:*:*:*:nope\n127.0.0.1:" + server.port() + ":*:" + server.user() + ":"
                        + password.replace(":", "\\:") + "\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        p = CliProcess.start(
                viaFile, "unset PGPASSWORD; PGPASSFILE=" + pgpass + " HOME=" + viaFile, "history", "--db", bare);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(CliProcess.stderr(viaFile)).isZero();

        String wrong = "Wr0ngSecret-" + System.nanoTime();
        for (String db : List.of(
                bare.replace("@", ":" + wrong + "@"),
                "jdbc:" + bare.replace("postgresql://" + server.user() + "@", "postgresql://") + "?user="
                        + server.user() + "&password=" + wrong)) {
            CliRunner r = CliRunner.run("history", "--db", db);
            assertThat(r.status()).isNotZero();
            assertThat(r.err())
                    .startsWith("error: ")
                    .hasLineCount(1)
                    .contains("password authentication failed")
                    .doesNotContain(wrong)
                    .doesNotContain("Exception");
            assertThat(r.out()).doesNotContain(wrong);
        }
    }

    /**
     * Every port of 127.0.0.1 in four shards: nearly all closed, so packed ({@code tcp_closed}) in
     * PostgreSQL as in SQLite; each shard's run reads back as the file it wrote, and diff finds
     * the one port that opened.
     */
    @Test
    void aShardedFullRangeIsPackedAndReadsBackWhole() throws Exception {
        String url = server.newDatabase("packed");
        int coming = TcpLab.freeEphemeralPorts(1).getFirst();
        List<Integer> others =
                ListeningPorts.now().stream().filter(p -> p != coming).toList();
        // the server and whatever else listens: never probed
        String[] exclude = others.isEmpty()
                ? new String[0]
                : new String[] {
                    "--exclude-ports",
                    String.join(",", others.stream().map(String::valueOf).toList())
                };
        runShards(url, "127.0.0.1", "all", "packed-first", exclude);
        String db = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = server.connect(db);
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(port_count) FROM tcp_closed")) {
                rs.next();
                assertThat(rs.getLong(1)).isBetween(4L, 40L);
                assertThat(rs.getLong(2)).isEqualTo(65_535L - others.size());
            }
            // The id history lists is the group's, that of the first shard to start: it shows every
            // shard in turn; another shard's own id shows that shard alone, as its scan wrote it.
            List<String> everyShard = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT id, shard, group_id FROM runs ORDER BY shard")) {
                long listed = -1;
                while (rs.next()) {
                    listed = rs.getLong(3);
                    List<String> written = Files.readAllLines(
                            dir.resolve("packed-first-" + rs.getInt(2)).resolve("shard.csv"));
                    everyShard.addAll(everyShard.isEmpty() ? written : written.subList(1, written.size()));
                    if (rs.getLong(1) != listed)
                        assertThat(shown(url, rs.getLong(1))).isEqualTo(written);
                }
                assertThat(shown(url, listed)).isEqualTo(everyShard);
            }
        }
        try (ServerSocket opened = listen(coming)) {
            runShards(url, "127.0.0.1", "all", "packed-second", exclude);
        }
        CliRunner diff = CliRunner.run("diff", "--db", url);
        assertThat(diff.status()).as(diff.err()).isEqualTo(DiffCommand.CHANGED);
        assertThat(diff.out().lines().toList()).as(diff.out()).singleElement().satisfies(l -> assertThat(l)
                .contains("127.0.0.1:" + coming, "closed -> open"));
    }

    /** What {@code history show RUN -o FILE} writes, line by line. */
    private List<String> shown(String url, long run) throws Exception {
        Path back = dir.resolve("back-" + run + ".csv");
        CliRunner shown = CliRunner.run("history", "show", Long.toString(run), "--db", url, "-o", back.toString());
        assertThat(shown.status()).as(shown.err()).isZero();
        return Files.readAllLines(back);
    }

    /** Runs the four shards of the job as four processes at once; returns what they printed. */
    private List<String> runShards(String url, String hosts, String ports, String name, String... more)
            throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        for (int i = 1; i <= SHARDS; i++) {
            Path d = Files.createDirectories(dir.resolve(name + "-" + i));
            dirs.add(d);
            List<String> args = new ArrayList<>(List.of(
                    "scan",
                    "--hosts",
                    hosts,
                    "--ports",
                    ports,
                    "--timeout",
                    "2s",
                    "--no-progress",
                    "--seed",
                    "7",
                    "--shard",
                    i + "/" + SHARDS,
                    "--db",
                    url,
                    "-o",
                    d.resolve("shard.csv").toString()));
            args.addAll(List.of(more));
            processes.add(CliProcess.start(d, "unset PGPASSWORD;", args.toArray(String[]::new)));
        }
        List<String> printed = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            Process p = processes.get(i);
            assertThat(p.waitFor(90, TimeUnit.SECONDS))
                    .as("shard " + (i + 1) + " ends")
                    .isTrue();
            String err = CliProcess.stderr(dirs.get(i));
            assertThat(p.exitValue()).as(err).isZero();
            assertThat(err).doesNotContain("error");
            printed.add(err + Files.readString(dirs.get(i).resolve("stdout.txt")));
        }
        return printed;
    }

    private static String ports(int... ports) {
        return String.join(",", Arrays.stream(ports).mapToObj(Integer::toString).toList());
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 50);
        return s;
    }
}
