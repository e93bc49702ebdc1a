package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVRecord;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The history across processes: a scan killed with -9 keeps its committed results and resumes as the same run; two writers at once. */
@Tag("slow")
@Timeout(180)
class HistoryProcessTest {
    @TempDir
    Path dir;

    static Set<String> keys(String db, long run) throws Exception {
        Set<String> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT host, port FROM tcp_results WHERE run_id = " + run)) {
            while (rs.next()) keys.add(rs.getString(1) + ":" + rs.getInt(2));
        }
        return keys;
    }

    static String runRow(String db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT group_concat(id || ' ' || complete || ' ' || results || ' '"
                        + " || COALESCE(finished, 'null'), ';') FROM runs")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aRunKilledWithSigkillKeepsItsBatchesAndResumesAsTheSameRun() throws Exception {
        try (ServerSocket open = HistoryCliTest.listen(0)) {
            String db = dir.resolve("h.db").toString();
            Path out = dir.resolve("out.csv");
            String[] job = {
                "scan",
                "--hosts",
                "127.0.0.1-200",
                "--ports",
                Integer.toString(open.getLocalPort()),
                "--strategy",
                "pool",
                "--threads",
                "4",
                "--db",
                db,
                "--output",
                out.toString()
            };
            String[] slow = new String[job.length + 2];
            System.arraycopy(job, 0, slow, 0, job.length);
            slow[job.length] = "--rate";
            slow[job.length + 1] = "40/s";
            Process p = CliProcess.start(dir, null, slow);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(out) || Files.readAllLines(out).size() < 60) {
                assertThat(System.nanoTime()).as("results written").isLessThan(deadline);
                assertThat(p.isAlive()).as(CliProcess.stderr(dir)).isTrue();
                Thread.sleep(20);
            }
            assertThat(CliProcess.signal(p, "KILL")).isTrue();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

            Set<String> inFile = new HashSet<>();
            for (CSVRecord r : ScanOutputTest.readCsv(out)) inFile.add(r.get("host") + ":" + r.get("port"));
            Set<String> recorded = keys(db, 1);
            // incomplete, never finished, and its row counts the results its batches committed
            assertThat(runRow(db)).isEqualTo("1 0 " + recorded.size() + " null");
            // Batches commit every 200 ms: all but the last ~0.2-0.5 s of results are in the database.
            assertThat(recorded).isNotEmpty().hasSizeGreaterThanOrEqualTo(inFile.size() - 40);
            assertThat(inFile).containsAll(recorded);

            String[] resume = new String[job.length + 1];
            System.arraycopy(job, 0, resume, 0, job.length);
            resume[job.length] = "--resume";
            CliRunner r = CliRunner.run(resume);
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(ScanOutputTest.readCsv(out)).hasSize(200);
            assertThat(keys(db, 1)).hasSize(200);
            assertThat(runRow(db)).startsWith("1 1 200 ").doesNotContain(";");
        }
    }

    @Test
    void ctrlCEndsAWatchBetweenRunsCleanly() throws Exception {
        try (ServerSocket open = HistoryCliTest.listen(0)) {
            String db = dir.resolve("w.db").toString();
            Process p = CliProcess.start(
                    dir,
                    null,
                    "watch",
                    "--every",
                    "1h",
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    Integer.toString(open.getLocalPort()),
                    "--db",
                    db);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!CliProcess.stderr(dir).contains("run 1 recorded")) {
                assertThat(System.nanoTime()).as(CliProcess.stderr(dir)).isLessThan(deadline);
                assertThat(p.isAlive()).as(CliProcess.stderr(dir)).isTrue();
                Thread.sleep(20);
            }
            assertThat(CliProcess.signal(p, "INT")).isTrue();
            assertThat(p.waitFor(10, TimeUnit.SECONDS))
                    .as("ends within 10 s of Ctrl-C")
                    .isTrue();
            assertThat(p.exitValue()).isEqualTo(130);
            assertThat(CliProcess.stderr(dir)).doesNotContain("Exception").doesNotContain("error:");
            assertThat(runRow(db)).startsWith("1 1 1 ");
        }
    }

    /**
     * The history is opened beside the scan, not before it: with another program holding the
     * database's write lock, the scan still runs and writes all its results; the run is recorded
     * once the lock is released.
     */
    @Test
    void aLockedHistoryDoesNotHoldUpTheScan() throws Exception {
        try (ServerSocket open = HistoryCliTest.listen(0)) {
            String db = dir.resolve("h.db").toString();
            Path out = dir.resolve("out.csv");
            String port = Integer.toString(open.getLocalPort());
            CliRunner first = CliRunner.run("scan", "--hosts", "127.0.0.1", "--ports", port, "--db", db);
            assertThat(first.status()).as(first.err()).isZero(); // the database exists, schema and all

            Process p;
            try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db);
                    Statement s = lock.createStatement()) {
                s.execute("BEGIN EXCLUSIVE");
                s.execute("INSERT INTO counters (name, value) VALUES ('held by the test', 1)");
                p = CliProcess.start(
                        dir,
                        null,
                        "scan",
                        "--hosts",
                        "127.0.0.1-50",
                        "--ports",
                        port,
                        "--threads",
                        "10",
                        "--db",
                        db,
                        "--output",
                        out.toString());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!Files.exists(out) || Files.readAllLines(out).size() < 51) {
                    assertThat(System.nanoTime())
                            .as("all 50 results written while the lock is held")
                            .isLessThan(deadline);
                    assertThat(p.isAlive()).as(CliProcess.stderr(dir)).isTrue();
                    Thread.sleep(20);
                }
                assertThat(p.isAlive())
                        .as("the run waits for the database, not the scan")
                        .isTrue();
                s.execute("ROLLBACK");
            }
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(CliProcess.stderr(dir)).isZero();
            assertThat(CliProcess.stderr(dir)).doesNotContain("error");
            String[] runs = runRow(db).split(";");
            assertThat(runs).hasSize(2);
            assertThat(runs[1]).startsWith("2 1 50 ");
            assertThat(keys(db, 2)).hasSize(50);
        }
    }

    @Test
    void twoProcessesWritingAtOnceBothSucceed() throws Exception {
        try (TcpLab lab = TcpLab.start(4, BannerMix.SILENT)) {
            String db = dir.resolve("shared.db").toString();
            String ports = ScanOutputTest.portList(lab);
            Path a = Files.createDirectories(dir.resolve("a"));
            Path b = Files.createDirectories(dir.resolve("b"));
            // 250 hosts x 4 ports each, at the same time, into one new database
            Process first = CliProcess.start(
                    a,
                    null,
                    "scan",
                    "--hosts",
                    "127.0.0.1-250",
                    "--ports",
                    ports,
                    "--threads",
                    "50",
                    "--db",
                    db,
                    "--output",
                    a.resolve("out.csv").toString());
            Process second = CliProcess.start(
                    b,
                    null,
                    "scan",
                    "--hosts",
                    "127.0.0.1-250",
                    "--ports",
                    ports,
                    "--threads",
                    "50",
                    "--strategy",
                    "virtual",
                    "--db",
                    db,
                    "--output",
                    b.resolve("out.csv").toString());
            assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as(CliProcess.stderr(a)).isZero();
            assertThat(second.exitValue()).as(CliProcess.stderr(b)).isZero();
            assertThat(CliProcess.stderr(a) + CliProcess.stderr(b)).doesNotContain("error");
            assertThat(runRow(db).split(";")).hasSize(2).allSatisfy(run -> assertThat(run)
                    .matches("\\d 1 1000 .*"));
            assertThat(keys(db, 1)).hasSize(1000);
            assertThat(keys(db, 2)).hasSize(1000);
        }
    }
}
