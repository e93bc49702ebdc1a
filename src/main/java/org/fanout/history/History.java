package org.fanout.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.ResultKind;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Every recorded run and its results: list runs, load one's results, record a new one
 * ({@link #startRun}), continue a killed one ({@link #continueRun}), compare two
 * ({@link RunDiff}), prune old ones.
 *
 * <p>Opening migrates the schema (Flyway, {@code db/migration}); a database from a newer
 * Fanout is refused rather than guessed at. Every failure is a {@link HistoryException} with
 * one readable line. A History is for one thread at a time; each recorder has a connection of
 * its own, so recording and reading may overlap.
 */
public final class History implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int ATTEMPTS = 6;
    /** The newest migration in {@code db/migration} (V2__...sql); a test keeps the two in step. */
    static final int SCHEMA_VERSION = 2;
    private static final String RUN_COLUMNS = "id, kind, job, job_key, job_json, started, finished, targets, results,"
            + " counts, complete, seed, shard, shards, group_id, group_key";
    /** The group a run belongs to; a run from before groups is a group of its own. */
    private static final String GROUP_ID = "COALESCE(group_id, id)";

    /** Flyway's notes (and its advice to upgrade) are not for Fanout's users; its failures arrive as exceptions. */
    private static final Logger FLYWAY_LOG = quiet("org.flywaydb");

    private final Database database;
    private final Connection connection;

    private History(Database database, Connection connection) {
        this.database = database;
        this.connection = connection;
    }

    /**
     * Opens (creating and migrating where needed) the history database.
     *
     * @throws HistoryException if it is damaged, locked, unwritable or from a newer Fanout
     */
    public static History open(Database database) {
        database.prepare();
        for (int attempt = 1; ; attempt++) {
            try {
                if (!upToDate(database)) migrate(database);
                return new History(database, database.dialect.dataSource().getConnection());
            } catch (HistoryException e) {
                throw e;
            } catch (Exception e) {
                // Two processes creating the same new database race on the schema: the loser tries again.
                if (attempt >= 3 || !(busy(database, e) || String.valueOf(e.getMessage()).contains("already exists"))) {
                    throw new HistoryException(database.describe() + ": " + database.dialect.explain(e), e);
                }
                sleep(200L * attempt);
            }
        }
    }

    /**
     * Whether the schema is already at {@link #SCHEMA_VERSION}, read directly: Flyway takes a
     * good part of a second to start, which every scan would pay for nothing.
     *
     * @throws HistoryException if a newer Fanout made the schema
     */
    private static boolean upToDate(Database database) throws SQLException {
        try (Connection c = database.dialect.dataSource().getConnection()) {
            try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (!tables.next()) return false;
            }
            int newest = 0;
            try (PreparedStatement select = c.prepareStatement("SELECT version FROM flyway_schema_history WHERE success = TRUE");
                 ResultSet versions = select.executeQuery()) {
                while (versions.next()) {
                    String version = versions.getString(1);
                    if (version != null && version.matches("\\d+")) newest = Math.max(newest, Integer.parseInt(version));
                }
            }
            if (newest > SCHEMA_VERSION) throw newer(database, newest);
            return newest == SCHEMA_VERSION;
        }
    }

    private static HistoryException newer(Database database, Object version) {
        return new HistoryException(database.describe() + ": made by a newer Fanout (schema version " + version
                + ", this one knows " + SCHEMA_VERSION + "); use that version, or another --db");
    }

    private static void migrate(Database database) {
        Flyway flyway = Flyway.configure(History.class.getClassLoader())
                .dataSource(database.dialect.dataSource())
                .locations("classpath:db/migration")
                .load();
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState() == MigrationState.FUTURE_SUCCESS || info.getState() == MigrationState.FUTURE_FAILED) {
                throw newer(database, info.getVersion());
            }
        }
        flyway.migrate();
    }

    private static boolean busy(Database database, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && database.dialect.isBusy(s)) return true;
        }
        return false;
    }

    public Database database() {
        return database;
    }

    // ------------------------------------------------------------------ reading

    /** The newest {@code limit} runs, newest first. */
    public List<Run> runs(int limit) {
        return query("SELECT " + RUN_COLUMNS + " FROM runs ORDER BY id DESC LIMIT " + Math.max(0, limit));
    }

    /** A run by id. */
    public Optional<Run> run(long id) {
        return query("SELECT " + RUN_COLUMNS + " FROM runs WHERE id = " + id).stream().findFirst();
    }

    /** The newest run of a job before run {@code beforeId} (any run: {@link Long#MAX_VALUE}), complete ones only if asked. */
    public Optional<Run> latestOfJob(String jobKey, long beforeId, boolean completeOnly) {
        return query("SELECT " + RUN_COLUMNS + " FROM runs WHERE job_key = ? AND id < ?"
                + (completeOnly ? " AND complete = TRUE" : "") + " ORDER BY id DESC LIMIT 1", jobKey, beforeId)
                .stream().findFirst();
    }

    /** The newest run of a job, if it did not complete (it was killed or interrupted): the one --resume continues. */
    public Optional<Run> incompleteRun(String jobKey) {
        return latestOfJob(jobKey, Long.MAX_VALUE, false).filter(r -> !r.complete());
    }

    /** Something that takes results and may fail writing them. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item) throws IOException;
    }

    /** A TCP run's results in the order they arrived. */
    public void forEachTcp(long runId, Sink<? super TcpResult> sink) throws IOException {
        forEach(ResultKind.TCP, runId, false, row -> sink.accept(ResultTables.tcp(row)));
    }

    /** An HTTP run's results in the order they arrived. */
    public void forEachHttp(long runId, Sink<? super HttpResult> sink) throws IOException {
        forEach(ResultKind.HTTP, runId, false, row -> sink.accept(ResultTables.http(row)));
    }

    /** Any run's results in the order they arrived. */
    public void forEachResult(Run run, Sink<? super ProbeResult> sink) throws IOException {
        if (run.kind() == ResultKind.TCP) forEachTcp(run.id(), sink::accept);
        else forEachHttp(run.id(), sink::accept);
    }

    @FunctionalInterface
    interface RowSink {
        void accept(ResultSet row) throws SQLException, IOException;
    }

    // ------------------------------------------------------------------ groups of shards

    /** The newest {@code limit} runs, the shards of one execution of a job as one ({@link RunGroup}), newest first. */
    public List<RunGroup> groups(int limit) {
        List<Run> runs = query("SELECT " + RUN_COLUMNS + " FROM runs WHERE " + GROUP_ID + " IN (SELECT g FROM (SELECT DISTINCT "
                + GROUP_ID + " AS g FROM runs ORDER BY g DESC LIMIT " + Math.max(0, limit) + ") newest)"
                + " ORDER BY " + GROUP_ID + " DESC, id");
        Map<Long, List<Run>> byGroup = new LinkedHashMap<>();
        for (Run run : runs) byGroup.computeIfAbsent(run.groupId(), g -> new ArrayList<>()).add(run);
        return byGroup.values().stream().map(RunGroup::new).toList();
    }

    /** The group of {@code run}: its fellow shards, or itself alone. */
    public RunGroup groupOf(Run run) {
        if (!run.sharded()) return RunGroup.of(run);
        List<Run> runs = query("SELECT " + RUN_COLUMNS + " FROM runs WHERE " + GROUP_ID + " = ? ORDER BY id", run.groupId());
        return runs.isEmpty() ? RunGroup.of(run) : new RunGroup(runs);
    }

    /** The newest group of the same job, seed and shard count that started before {@code group}. */
    public Optional<RunGroup> previousGroup(RunGroup group) {
        return query("SELECT " + RUN_COLUMNS + " FROM runs WHERE COALESCE(group_key, job_key) = ? AND " + GROUP_ID
                + " < ? ORDER BY " + GROUP_ID + " DESC, id LIMIT 1", group.groupKey(), group.id())
                .stream().findFirst().map(this::groupOf);
    }

    /** The newest group of the same job, seed and shard count that started after {@code group}. */
    public Optional<RunGroup> nextGroup(RunGroup group) {
        return query("SELECT " + RUN_COLUMNS + " FROM runs WHERE COALESCE(group_key, job_key) = ? AND " + GROUP_ID
                + " > ? ORDER BY " + GROUP_ID + " DESC, id LIMIT 1", group.groupKey(), group.id())
                .stream().findFirst().map(this::groupOf);
    }

    /** Streams a run's result rows (ordered by arrival, or by target); nothing is held in memory. */
    void forEach(ResultKind kind, long runId, boolean byKey, RowSink sink) throws IOException {
        try (PreparedStatement select = connection.prepareStatement(ResultTables.select(kind, byKey, database.dialect))) {
            select.setFetchSize(1000);
            select.setLong(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) sink.accept(rows);
            }
        } catch (SQLException e) {
            throw failure("cannot read run " + runId, e);
        }
    }

    /** Statement for {@link RunDiff}: the rows of a run, ordered by target. */
    PreparedStatement orderedResults(ResultKind kind, List<Long> runIds) throws SQLException {
        PreparedStatement select = connection.prepareStatement(ResultTables.select(kind, true, database.dialect, runIds.size()));
        select.setFetchSize(1000);
        for (int i = 0; i < runIds.size(); i++) select.setLong(i + 1, runIds.get(i));
        return select;
    }

    // ------------------------------------------------------------------ recording

    /** Records a new run of {@code job}: its row now (incomplete), its results as they come. */
    public <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets) {
        return startRun(job, targets, Shard.whole(job, null), Instant.now());
    }

    /**
     * Records a new run of {@code job}, which takes {@code shard} of it. The shards of one job
     * (same {@link Shard#groupKey}) join one group: the newest group of their job that lacks
     * their shard number, else a new one. Runs in many processes at once: the counter row
     * each transaction updates first makes them take turns.
     */
    public <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets, Shard shard) {
        return startRun(job, targets, shard, Instant.now());
    }

    <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets, Instant started) {
        return startRun(job, targets, Shard.whole(job, null), started);
    }

    <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets, Shard shard, Instant started) {
        Connection own = ownConnection();
        try {
            long[] id = {0};
            long[] group = {0};
            inTransaction(own, () -> {
                try (PreparedStatement bump = own.prepareStatement("UPDATE counters SET value = value + 1 WHERE name = 'run'");
                     PreparedStatement read = own.prepareStatement("SELECT value FROM counters WHERE name = 'run'");
                     PreparedStatement insert = own.prepareStatement("INSERT INTO runs (id, kind, job, job_key, job_json,"
                             + " started, targets, results, counts, complete, seed, shard, shards, group_key, group_id)"
                             + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, '{}', FALSE, ?, ?, ?, ?, ?)")) {
                    bump.executeUpdate();
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                        id[0] = rs.getLong(1);
                    }
                    group[0] = shard.sharded() ? groupToJoin(own, shard).orElse(id[0]) : id[0];
                    insert.setLong(1, id[0]);
                    insert.setString(2, Job.kindName(job.kind()));
                    insert.setString(3, job.description());
                    insert.setString(4, job.key());
                    insert.setString(5, job.json());
                    insert.setString(6, TIME.format(started));
                    insert.setLong(7, targets);
                    insert.setObject(8, shard.seed(), Types.BIGINT);
                    insert.setInt(9, shard.index());
                    insert.setInt(10, shard.count());
                    insert.setString(11, shard.groupKey());
                    insert.setLong(12, group[0]);
                    insert.executeUpdate();
                }
            });
            Run run = new Run(id[0], job.kind(), job.description(), job.key(), job.json(), started, null, targets, 0,
                    Map.of(), false, shard.seed(), shard.index(), shard.count(), group[0], shard.groupKey());
            return new RunRecorder<>(this, run, own, 0);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(own);
            throw e instanceof HistoryException h ? h : failure("cannot start a run", e);
        }
    }

    /** The newest group of the shard's job, if it has no run of this shard yet. */
    private static Optional<Long> groupToJoin(Connection c, Shard shard) throws SQLException {
        Long newest = null;
        try (PreparedStatement select = c.prepareStatement("SELECT MAX(group_id) FROM runs WHERE group_key = ? AND shards = ?")) {
            select.setString(1, shard.groupKey());
            select.setInt(2, shard.count());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    long g = rs.getLong(1);
                    if (!rs.wasNull()) newest = g;
                }
            }
        }
        if (newest == null) return Optional.empty();
        try (PreparedStatement taken = c.prepareStatement("SELECT COUNT(*) FROM runs WHERE group_id = ? AND shard = ?")) {
            taken.setLong(1, newest);
            taken.setInt(2, shard.index());
            try (ResultSet rs = taken.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0 ? Optional.of(newest) : Optional.empty();
            }
        }
    }

    /** Continues an incomplete run: its later results join the ones it has; it is incomplete until finished again. */
    public <R extends ProbeResult> RunRecorder<R> continueRun(Run run) {
        Connection own = ownConnection();
        try {
            long[] next = {0};
            inTransaction(own, () -> {
                try (PreparedStatement reopen = own.prepareStatement("UPDATE runs SET finished = NULL, complete = FALSE WHERE id = ?");
                     PreparedStatement seq = own.prepareStatement("SELECT COALESCE(MAX(seq) + 1, 0) FROM "
                             + ResultTables.table(run.kind()) + " WHERE run_id = ?")) {
                    reopen.setLong(1, run.id());
                    reopen.executeUpdate();
                    seq.setLong(1, run.id());
                    try (ResultSet rs = seq.executeQuery()) {
                        rs.next();
                        next[0] = rs.getLong(1);
                    }
                }
            });
            return new RunRecorder<>(this, run, own, next[0]);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(own);
            throw e instanceof HistoryException h ? h : failure("cannot continue run " + run.id(), e);
        }
    }

    Run finishRun(Connection own, Run run, boolean complete) {
        return finishRun(own, run, complete, Instant.now());
    }

    Run finishRun(Connection own, Run run, boolean complete, Instant finished) {
        try {
            Map<String, Long> counts = new LinkedHashMap<>();
            long[] total = {0};
            inTransaction(own, () -> {
                counts.clear();
                total[0] = 0;
                try (PreparedStatement count = own.prepareStatement(ResultTables.counts(run.kind()));
                     PreparedStatement update = own.prepareStatement(
                             "UPDATE runs SET finished = ?, results = ?, counts = ?, complete = ? WHERE id = ?")) {
                    count.setLong(1, run.id());
                    try (ResultSet rs = count.executeQuery()) {
                        while (rs.next()) {
                            counts.merge(ResultTables.outcome(run.kind(), rs), rs.getLong(3), Long::sum);
                            total[0] += rs.getLong(3);
                        }
                    }
                    update.setString(1, TIME.format(finished));
                    update.setLong(2, total[0]);
                    update.setString(3, countsJson(counts));
                    update.setBoolean(4, complete);
                    update.setLong(5, run.id());
                    update.executeUpdate();
                }
            });
            return run.finished(finished, total[0], largestFirst(counts), complete);
        } catch (SQLException e) {
            throw failure("cannot finish run " + run.id(), e);
        }
    }

    // ------------------------------------------------------------------ pruning

    /** Deletes all but the newest {@code keep} runs; returns how many were deleted. */
    public int pruneKeeping(int keep) {
        return prune("SELECT id FROM runs WHERE id NOT IN (SELECT id FROM runs ORDER BY id DESC LIMIT " + Math.max(0, keep) + ")");
    }

    /** Deletes the runs started before {@code cutoff}; returns how many were deleted. */
    public int pruneStartedBefore(Instant cutoff) {
        return prune("SELECT id FROM runs WHERE started < '" + TIME.format(cutoff) + "'");
    }

    private int prune(String selectIds) {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(selectIds); ResultSet rs = select.executeQuery()) {
            while (rs.next()) ids.add(rs.getLong(1));
            inTransaction(connection, () -> {
                for (String table : List.of("tcp_results", "http_results", "runs")) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE " + (table.equals("runs") ? "id" : "run_id") + " = ?")) {
                        for (long id : ids) {
                            delete.setLong(1, id);
                            delete.addBatch();
                        }
                        delete.executeBatch();
                    }
                }
            });
            return ids.size();
        } catch (SQLException e) {
            throw failure("cannot prune", e);
        }
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction, again if another writer held the lock past the busy timeout. */
    void inTransaction(Connection c, SqlWork work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                c.setAutoCommit(false);
                work.run();
                c.commit();
                c.setAutoCommit(true);
                return;
            } catch (SQLException e) {
                try {
                    c.rollback();
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // the first failure is the one to report
                }
                if (attempt >= ATTEMPTS || !database.dialect.isBusy(e)) throw e;
                sleep(50L << attempt);
            }
        }
    }

    HistoryException failure(String what, Throwable e) {
        return new HistoryException(database.describe() + ": " + what + ": " + database.dialect.explain(e), e);
    }

    private Connection ownConnection() {
        try {
            return database.dialect.dataSource().getConnection();
        } catch (SQLException e) {
            throw failure("cannot connect", e);
        }
    }

    private List<Run> query(String sql, Object... parameters) {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) select.setObject(i + 1, parameters[i]);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String finished = rs.getString(7);
                    long id = rs.getLong(1);
                    long seed = rs.getLong(12);
                    Long seedOrNull = rs.wasNull() ? null : seed;
                    int shard = rs.getInt(13);
                    int shards = rs.getInt(14);
                    long group = rs.getLong(15);
                    long groupId = rs.wasNull() ? id : group;
                    String groupKey = rs.getString(16);
                    runs.add(new Run(id, Job.kindOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.parse(rs.getString(6)), finished == null ? null : Instant.parse(finished),
                            rs.getLong(8), rs.getLong(9), parseCounts(rs.getString(10)), rs.getBoolean(11),
                            seedOrNull, Math.max(1, shard), Math.max(1, shards), groupId, groupKey == null ? rs.getString(4) : groupKey));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw failure("cannot read runs", e);
        }
    }

    private static String countsJson(Map<String, Long> counts) {
        try {
            return JSON.writeValueAsString(largestFirst(counts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> parseCounts(String json) {
        try {
            return largestFirst(JSON.readValue(json, new TypeReference<Map<String, Long>>() { }));
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static Map<String, Long> largestFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.OFF);
        return logger;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to save
        }
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }
}
