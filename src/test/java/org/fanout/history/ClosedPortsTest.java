package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.fanout.engine.inputs.Services;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultKind;
import org.fanout.export.ResultWriters;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port scan's closed ports are packed (a row of {@code tcp_closed} per host and batch), and a
 * run reads back exactly as recorded whatever mix of rows and packs holds it: in arrival order,
 * in target order for diff, counted, continued, pruned, and over a history made before packing.
 */
@Timeout(120)
class ClosedPortsTest {
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path dir;

    /** Every port of one host in a random order, as a full-range scan gives them: a few open, one filtered, the rest closed. */
    static List<TcpResult> fullRange(long seed, int... open) {
        List<Integer> ports = new ArrayList<>();
        for (int p = 1; p <= 65_535; p++) ports.add(p);
        Collections.shuffle(ports, new Random(seed));
        List<Integer> opened = new ArrayList<>();
        for (int p : open) opened.add(p);
        Random latency = new Random(seed);
        List<TcpResult> results = new ArrayList<>();
        for (int p : ports) {
            TcpState state = opened.contains(p) ? TcpState.OPEN : p == 9 ? TcpState.FILTERED : TcpState.CLOSED;
            long nanos = p % 1000 == 0 ? -1 : 10_000 + latency.nextInt(2_000_000); // some unknown
            results.add(new TcpResult(
                    HOST,
                    HOST,
                    p,
                    Services.nameOf(p),
                    state,
                    nanos,
                    state == TcpState.OPEN ? "banner " + p : null,
                    p == 9 ? "timeout" : null));
        }
        return results;
    }

    /** As read back: latency in whole microseconds. */
    static TcpResult asRecorded(TcpResult r) {
        long micros = ResultTables.micros(r.latencyNanos());
        return new TcpResult(
                r.host(),
                r.ip(),
                r.port(),
                r.service(),
                r.state(),
                micros < 0 ? -1 : micros * 1000,
                r.banner(),
                r.error());
    }

    static Run record(History history, List<TcpResult> results) {
        RunRecorder<TcpResult> recorder = history.startRun(HistoryTest.job(ResultKind.TCP), results.size());
        results.forEach(recorder::record);
        return recorder.finish(true, Instant.now());
    }

    long count(Path db, String sql) throws SQLException {
        return SqliteCount.of(db.toString(), sql);
    }

    @Test
    void aFullRangeTakesAFewRowsAndReadsBackAsItArrived() throws Exception {
        Path db = dir.resolve("h.db");
        List<TcpResult> results = new ArrayList<>(fullRange(1, 22, 8080));
        // a closed port with more to say than a refusal (an imported file's own service name) stays a row
        int odd = results.indexOf(
                results.stream().filter(r -> r.port() == 7000).findFirst().orElseThrow());
        results.set(odd, new TcpResult(HOST, HOST, 7000, "mine", TcpState.CLOSED, 5_000, null, null));
        try (History history = History.open(Database.sqlite(db))) {
            Run run = record(history, results);
            assertThat(run.results()).isEqualTo(65_535);
            assertThat(run.counts())
                    .containsExactly(Map.entry("closed", 65_532L), Map.entry("open", 2L), Map.entry("filtered", 1L));
            List<TcpResult> back = new ArrayList<>();
            history.forEachTcp(run.id(), back::add);
            assertThat(back)
                    .isEqualTo(results.stream().map(ClosedPortsTest::asRecorded).toList());
        }
        assertThat(count(db, "SELECT COUNT(*) FROM tcp_results")).isEqualTo(4); // 2 open, filtered, "mine"
        assertThat(count(db, "SELECT COUNT(*) FROM tcp_closed")).isBetween(7L, 20L); // a pack per batch of 10,000
        assertThat(count(db, "SELECT SUM(port_count) FROM tcp_closed")).isEqualTo(65_531);
        assertThat(count(db, "SELECT results FROM runs")).isEqualTo(65_535);
    }

    @Test
    void diffWalksPacksAndRowsInTargetOrderWhicheverHoldsAPort() throws IOException {
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            Run a = record(history, fullRange(1, 22));
            // the same ports in another order, 22 closed now and 443 open; a second host's ports as rows
            List<TcpResult> later = new ArrayList<>(fullRange(2, 443));
            later.removeIf(r -> r.port() == 5000); // not reached
            for (int p = 1; p <= 3; p++) {
                later.add(new TcpResult(
                        "127.0.0.2", "127.0.0.2", p, Services.nameOf(p), TcpState.CLOSED, 1000, null, null));
            }
            Run b = record(history, later);
            List<Change> changes = new ArrayList<>();
            assertThat(RunDiff.diff(history, a, b, changes::add)).isEqualTo(6);
            assertThat(changes)
                    .containsExactly(
                            new Change(
                                    "127.0.0.1:22", Change.Type.CHANGED, "open banner banner 22", "closed no banner"),
                            new Change(
                                    "127.0.0.1:443", Change.Type.CHANGED, "closed no banner", "open banner banner 443"),
                            new Change("127.0.0.1:5000", Change.Type.GONE, "closed", null),
                            new Change("127.0.0.2:1", Change.Type.NEW, null, "closed"),
                            new Change("127.0.0.2:2", Change.Type.NEW, null, "closed"),
                            new Change("127.0.0.2:3", Change.Type.NEW, null, "closed"));

            // the first run again, recorded by a continued run (rows, no packs): no change at all
            RunRecorder<TcpResult> killed = history.startRun(HistoryTest.job(ResultKind.TCP), 65_535);
            killed.record(fullRange(1, 22).getFirst());
            Run stopped = killed.finish(false, Instant.now());
            RunRecorder<TcpResult> resumed = history.continueRun(stopped);
            fullRange(1, 22).forEach(resumed::record);
            Run c = resumed.finish(true, Instant.now());
            assertThat(RunDiff.diff(history, a, c, x -> {})).isZero();
        }
    }

    @Test
    void aContinuedRunLeavesOutWhatItsPacksHoldAndCountsEachPortOnce() throws Exception {
        Path db = dir.resolve("h.db");
        List<TcpResult> all = fullRange(3, 80);
        try (History history = History.open(Database.sqlite(db))) {
            RunRecorder<TcpResult> killed = history.startRun(HistoryTest.job(ResultKind.TCP), all.size());
            all.subList(0, 30_000).forEach(killed::record);
            Run stopped = killed.finish(false, Instant.now());
            assertThat(count(db, "SELECT SUM(port_count) FROM tcp_closed")).isGreaterThan(29_000);

            RunRecorder<TcpResult> resumed =
                    history.continueRun(stopped); // as --resume does: the file's results again, then the rest
            all.forEach(resumed::record);
            Run done = resumed.finish(true, Instant.now());
            assertThat(done.results()).isEqualTo(65_535);
            assertThat(done.counts().get("closed")).isEqualTo(65_533L);
            List<TcpResult> back = new ArrayList<>();
            history.forEachTcp(done.id(), back::add);
            assertThat(back).hasSize(65_535);
            assertThat(back.stream().map(TcpResult::port).distinct().count()).isEqualTo(65_535);
            assertThat(back.subList(0, 30_000))
                    .isEqualTo(all.subList(0, 30_000).stream()
                            .map(ClosedPortsTest::asRecorded)
                            .toList());

            assertThat(history.pruneKeeping(0)).isEqualTo(1);
        }
        assertThat(count(db, "SELECT COUNT(*) FROM tcp_closed")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM tcp_results")).isZero();
    }

    @Test
    void aHistoryMadeBeforePackingIsMigratedAndReadsAsBefore() throws Exception {
        Path db = dir.resolve("old.db");
        SqliteDialect dialect = new SqliteDialect(db);
        Flyway.configure(Schema.class.getClassLoader())
                .dataSource(dialect.dataSource())
                .locations("classpath:db/migration")
                .target("2")
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO runs (id, kind, job, job_key, job_json, started, finished, targets, results,"
                    + " counts, complete) VALUES (1, 'scan', 'scan old', 'k', '{}', '2026-11-01T00:00:00.000Z',"
                    + " '2026-11-01T00:00:01.000Z', 3, 3, '{\"closed\":2,\"open\":1}', TRUE)");
            s.executeUpdate("UPDATE counters SET value = 1 WHERE name = 'run'");
            s.executeUpdate(
                    "INSERT INTO tcp_results VALUES (1, 0, '127.0.0.1', '127.0.0.1', 22, 'ssh', 'open', 50, NULL, NULL),"
                            + " (1, 1, '127.0.0.1', '127.0.0.1', 1, '', 'closed', 40, NULL, NULL),"
                            + " (1, 2, '127.0.0.1', '127.0.0.1', 2, '', 'closed', NULL, NULL, NULL)");
        }
        try (History history = History.open(Database.sqlite(db))) {
            List<TcpResult> back = new ArrayList<>();
            history.forEachTcp(1, back::add);
            assertThat(back)
                    .containsExactly(
                            new TcpResult(HOST, HOST, 22, "ssh", TcpState.OPEN, 50_000, null, null),
                            new TcpResult(HOST, HOST, 1, "", TcpState.CLOSED, 40_000, null, null),
                            new TcpResult(HOST, HOST, 2, "", TcpState.CLOSED, -1, null, null));
            Run now = record(history, fullRange(4));
            List<Change> changes = new ArrayList<>();
            RunDiff.diff(history, history.run(1).orElseThrow(), now, changes::add);
            assertThat(changes).hasSize(65_535 - 2); // 22 went from open to closed, and 65,532 ports are new
            assertThat(changes.getFirst()).isEqualTo(new Change("127.0.0.1:3", Change.Type.NEW, null, "closed"));
        }
    }

    /** A file may hold a target twice (two scans appended to one file): the first is kept, as a row's key always did. */
    @Test
    void anImportedFileKeepsEachTargetOnceAndReadsBackWhateverItsPorts() throws Exception {
        Path twice = dir.resolve("twice.jsonl");
        Path odd = dir.resolve("odd.csv");
        try (var w = ResultWriters.openTcp(twice, OutputFormat.JSON, false)) {
            for (int round = 0; round < 2; round++) {
                for (int p = 1; p <= 100; p++) {
                    w.write(new TcpResult(
                            HOST, HOST, p, Services.nameOf(p), TcpState.CLOSED, 1_000_000L * (round + 1), null, null));
                }
            }
        }
        try (var w = ResultWriters.openTcp(odd, OutputFormat.CSV, false)) { // ports no scan makes, as a file may hold
            for (int p : new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 70_000}) {
                w.write(new TcpResult(HOST, HOST, p, "", TcpState.CLOSED, 5_000_000, null, null));
            }
        }
        try (History history = History.open(Database.sqlite(dir.resolve("h.db")))) {
            Run run = Importer.importFile(history, twice);
            assertThat(run.results()).isEqualTo(100);
            assertThat(run.targets()).as("the targets it holds, not its lines").isEqualTo(100);
            assertThat(run.complete()).isTrue();
            assertThat(run.counts()).containsExactly(Map.entry("closed", 100L));
            List<TcpResult> back = new ArrayList<>();
            history.forEachTcp(run.id(), back::add);
            assertThat(back).hasSize(100).allSatisfy(r -> assertThat(r.latencyNanos())
                    .isEqualTo(1_000_000));

            Run strange = Importer.importFile(history, odd);
            List<Integer> ports = new ArrayList<>();
            history.forEachTcp(strange.id(), r -> ports.add(r.port()));
            assertThat(ports).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 70_000);
        }
    }

    /** A read that fails (a damaged pack) leaves the history as usable as before: it sees later runs and can prune. */
    @Test
    void aFailedReadLeavesTheHistoryUsable() throws Exception {
        Path db = dir.resolve("h.db");
        long id;
        try (History history = History.open(Database.sqlite(db))) {
            id = record(history, fullRange(6)).id();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE tcp_closed SET port_count = 99 WHERE first_seq = 0");
        }
        try (History kept = History.open(Database.sqlite(db));
                History other = History.open(Database.sqlite(db))) {
            Run damaged = kept.run(id).orElseThrow();
            assertThatThrownBy(() -> kept.forEachTcp(id, r -> {})).isInstanceOf(HistoryException.class);
            assertThatThrownBy(() -> RunDiff.diff(kept, damaged, damaged, x -> {}))
                    .isInstanceOf(HistoryException.class);
            record(other, fullRange(7));
            assertThat(kept.runs(10)).hasSize(2);
            assertThat(kept.pruneKeeping(1)).isEqualTo(1);
        }
    }

    /** What the writer never makes reads as damage, never as results: lists of other lengths, a port twice, an order not its own. */
    @Test
    void aDamagedPackIsAFailureNotWrongResults() throws Exception {
        Path db = dir.resolve("h.db");
        List<java.util.function.UnaryOperator<String[]>> damages = List.of(
                lists -> new String[] {"1,2", lists[1]},
                lists -> new String[] {lists[0].replaceFirst("^(\\d+),\\d+,", "$1,$1,"), lists[1]},
                lists -> new String[] {lists[0], lists[1].replaceFirst("^0,(\\d+),(\\d+),", "0,$2,$1,")});
        for (var damage : damages) {
            long id;
            try (History history = History.open(Database.sqlite(db))) {
                id = record(history, fullRange(5)).id();
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                    var select = c.prepareStatement(
                            "SELECT first_seq, ports, seqs FROM tcp_closed WHERE run_id = ? ORDER BY first_seq LIMIT 1");
                    var update = c.prepareStatement(
                            "UPDATE tcp_closed SET ports = ?, seqs = ? WHERE run_id = ? AND first_seq = ?")) {
                select.setLong(1, id);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    String[] changed = damage.apply(new String[] {rs.getString(2), rs.getString(3)});
                    assertThat(changed).isNotEqualTo(new String[] {rs.getString(2), rs.getString(3)});
                    update.setString(1, changed[0]);
                    update.setString(2, changed[1]);
                    update.setLong(3, id);
                    update.setLong(4, rs.getLong(1));
                }
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try (History history = History.open(Database.sqlite(db))) {
                assertThatThrownBy(() -> history.forEachTcp(id, r -> {}))
                        .isInstanceOf(HistoryException.class)
                        .hasMessageContaining("cannot read run " + id);
            }
        }
    }
}
