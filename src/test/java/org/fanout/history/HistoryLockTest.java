package org.fanout.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.ResultKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another program holding the history's write lock (a {@code sqlite3} shell in a transaction)
 * longer than a writer's busy timeout: the writer tries again, records whole once the lock is
 * free, and never leaves half of a transaction behind; a lock never released is said to be one.
 */
@Timeout(60)
class HistoryLockTest {
    /** A writer here waits this long for the lock before trying again (Fanout's own: 10 s). */
    static final int BUSY_MS = 200;

    @TempDir
    Path dir;

    /** Takes SQLite's write lock on {@code file} through a connection of its own, as another program would. */
    static Connection lock(Path file) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
        }
        return c;
    }

    static void releaseAfter(Connection locker, long millis) {
        Thread.ofPlatform().start(() -> {
            try (locker;
                    Statement s = locker.createStatement()) {
                Thread.sleep(millis);
                s.execute("COMMIT");
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static TcpResult closed(int port) {
        return new TcpResult("127.0.0.1", "127.0.0.1", port, "", TcpState.CLOSED, 1_000_000, null, null);
    }

    @Test
    void aRunStartedWhileTheLockIsHeldIsRecordedOnceItIsFree() throws Exception {
        Path file = dir.resolve("h.db");
        try (History history = History.open(Database.sqlite(file, BUSY_MS))) {
            releaseAfter(lock(file), 5 * BUSY_MS);
            RunRecorder<TcpResult> recorder = history.startRun(HistoryTest.job(ResultKind.TCP), 3);
            for (int port = 1; port <= 3; port++) recorder.record(closed(port));
            Run run = recorder.finish(true, Instant.now());
            assertThat(run.complete()).isTrue();
            assertThat(run.counts()).containsExactly(Map.entry("closed", 3L));
        }
        assertThat(SqliteCount.of(file.toString(), "SELECT COUNT(*) FROM runs")).isEqualTo(1);
        assertThat(SqliteCount.of(file.toString(), "SELECT results FROM runs")).isEqualTo(3);
    }

    @Test
    void resultsWrittenWhileTheLockIsHeldAreAllRecorded() throws Exception {
        Path file = dir.resolve("h.db");
        try (History history = History.open(Database.sqlite(file, BUSY_MS))) {
            RunRecorder<TcpResult> recorder = history.startRun(HistoryTest.job(ResultKind.TCP), 2_000);
            for (int port = 1; port <= 1_000; port++) recorder.record(closed(port));
            Thread.sleep(RunRecorder.BATCH_MILLIS * 2); // the first half committed
            releaseAfter(lock(file), 5 * BUSY_MS);
            for (int port = 1_001; port <= 2_000; port++) recorder.record(closed(port));
            Run run = recorder.finish(true, Instant.now());
            assertThat(run.counts()).containsExactly(Map.entry("closed", 2_000L));
        }
        assertThat(SqliteCount.of(file.toString(), "SELECT results FROM runs")).isEqualTo(2_000);
        assertThat(
                        SqliteCount.of(
                                file.toString(),
                                "SELECT (SELECT COUNT(*) FROM tcp_results) + (SELECT COALESCE(SUM(port_count), 0) FROM tcp_closed)"))
                .isEqualTo(2_000);
    }

    @Test
    void aLockNeverReleasedIsReportedAsOneAndLeavesNoRunBehind() throws Exception {
        Path file = dir.resolve("h.db");
        try (History history = History.open(Database.sqlite(file, BUSY_MS))) {
            Connection locker = lock(file);
            try {
                assertThatThrownBy(() -> history.startRun(HistoryTest.job(ResultKind.TCP), 3))
                        .isInstanceOf(HistoryException.class)
                        .hasMessageContaining("the database is locked by another program");
            } finally {
                try (Statement s = locker.createStatement()) {
                    s.execute("COMMIT");
                }
                locker.close();
            }
        }
        assertThat(SqliteCount.of(file.toString(), "SELECT COUNT(*) FROM runs")).isZero();
    }

    /** A run pruned while it is recorded (another process's history prune) leaves no results behind that belong to no run. */
    @Test
    void aRunPrunedWhileRecordedLeavesNothingBehind() throws Exception {
        Path file = dir.resolve("h.db");
        try (History history = History.open(Database.sqlite(file))) {
            RunRecorder<TcpResult> recorder = history.startRun(HistoryTest.job(ResultKind.TCP), 4_000);
            for (int port = 1; port <= 2_000; port++) recorder.record(closed(port));
            Thread.sleep(RunRecorder.BATCH_MILLIS * 2); // the first half committed
            try (History other = History.open(Database.sqlite(file))) {
                assertThat(other.pruneKeeping(0)).isEqualTo(1);
            }
            for (int port = 2_001; port <= 4_000; port++) recorder.record(closed(port));
            assertThatThrownBy(() -> recorder.finish(true, Instant.now()))
                    .isInstanceOf(HistoryException.class)
                    .hasMessageContaining("deleted (history prune) while it was recorded");
        }
        String f = file.toString();
        assertThat(SqliteCount.of(f, "SELECT COUNT(*) FROM runs")).isZero();
        assertThat(SqliteCount.of(f, "SELECT COUNT(*) FROM tcp_results")).isZero();
        assertThat(SqliteCount.of(f, "SELECT COUNT(*) FROM tcp_closed")).isZero();
    }
}
