package org.fanout.history;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.ResultKind;

/**
 * Every recorded run and its results: list runs, load one's results, record a new one
 * ({@link #startRun}), continue a killed one ({@link #continueRun}), compare two
 * ({@link RunDiff}), prune old ones.
 *
 * <p>Opening migrates the schema ({@link Schema}: Flyway, {@code db/migration}); a database from
 * a newer Fanout is refused rather than guessed at. The SQL of the runs table is in
 * {@link RunsTable}, that of the result tables in {@link ResultTables}. Every failure is a
 * {@link HistoryException} with one readable line. A History is for one thread at a time; each
 * recorder has a connection of its own, so recording and reading may overlap.
 */
public final class History implements AutoCloseable {
    private static final int ATTEMPTS = 6;
    /** The group a run belongs to; a run from before groups is a group of its own. */
    private static final String GROUP_ID = "COALESCE(group_id, id)";

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
                Schema.bringUpToDate(database);
                return new History(database, database.dialect.dataSource().getConnection());
            } catch (HistoryException e) {
                throw e;
            } catch (Exception e) {
                // Two processes creating the same new database race on the schema: the loser tries again.
                if (attempt >= 3
                        || !(busy(database, e) || String.valueOf(e.getMessage()).contains("already exists"))) {
                    throw new HistoryException(database.describe() + ": " + database.dialect.explain(e), e);
                }
                sleep(200L * attempt);
            }
        }
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
        return selectRuns("ORDER BY id DESC LIMIT " + Math.max(0, limit));
    }

    /** A run by id. */
    public Optional<Run> run(long id) {
        return selectRuns("WHERE id = " + id).stream().findFirst();
    }

    /** The newest run of a job before run {@code beforeId} (any run: {@link Long#MAX_VALUE}), complete ones only if asked. */
    public Optional<Run> latestOfJob(String jobKey, long beforeId, boolean completeOnly) {
        return selectRuns(
                        "WHERE job_key = ? AND id < ?" + (completeOnly ? " AND complete = TRUE" : "")
                                + " ORDER BY id DESC LIMIT 1",
                        jobKey,
                        beforeId)
                .stream()
                .findFirst();
    }

    /**
     * The run --resume continues: the newest run of a job that did not complete (it was killed or
     * interrupted) and wrote the file being resumed, that is, whose every result is of a target the
     * file holds ({@code fileKeys}, {@link ProbeResult#targetKey}). A run that wrote another file of the
     * same job is left for that file's resume.
     */
    public Optional<Run> incompleteRun(String jobKey, Set<String> fileKeys) {
        for (Run run : selectRuns("WHERE job_key = ? AND complete = FALSE ORDER BY id DESC", jobKey)) {
            if (wroteOnly(run, fileKeys)) return Optional.of(run);
        }
        return Optional.empty();
    }

    /** Whether every result of {@code run} is of one of {@code keys}; reading stops at the first that is not. */
    private boolean wroteOnly(Run run, Set<String> keys) {
        try (ResultCursor results = results(run.kind(), List.of(run.id()), false)) {
            for (ProbeResult r = results.next(); r != null; r = results.next()) {
                if (!keys.contains(r.targetKey())) return false;
            }
            return true;
        } catch (SQLException e) {
            throw failure("cannot read run " + run.id(), e);
        }
    }

    /** Something that takes results and may fail writing them. */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item) throws IOException;
    }

    /** A TCP run's results in the order they arrived. */
    public void forEachTcp(long runId, Sink<? super TcpResult> sink) throws IOException {
        forEach(ResultKind.TCP, runId, r -> sink.accept((TcpResult) r));
    }

    /** An HTTP run's results in the order they arrived. */
    public void forEachHttp(long runId, Sink<? super HttpResult> sink) throws IOException {
        forEach(ResultKind.HTTP, runId, r -> sink.accept((HttpResult) r));
    }

    /** Any run's results in the order they arrived. */
    public void forEachResult(Run run, Sink<? super ProbeResult> sink) throws IOException {
        forEach(run.kind(), run.id(), sink);
    }

    // ------------------------------------------------------------------ groups of shards

    /** The newest {@code limit} runs, the shards of one execution of a job as one ({@link RunGroup}), newest first. */
    public List<RunGroup> groups(int limit) {
        List<Run> runs = selectRuns("WHERE " + GROUP_ID + " IN (SELECT g FROM (SELECT DISTINCT "
                + GROUP_ID + " AS g FROM runs ORDER BY g DESC LIMIT " + Math.max(0, limit) + ") newest)"
                + " ORDER BY " + GROUP_ID + " DESC, id");
        Map<Long, List<Run>> byGroup = new LinkedHashMap<>();
        for (Run run : runs)
            byGroup.computeIfAbsent(run.groupId(), g -> new ArrayList<>()).add(run);
        return byGroup.values().stream().map(RunGroup::new).toList();
    }

    /** The group of {@code run}: its fellow shards, or itself alone. */
    public RunGroup groupOf(Run run) {
        if (!run.sharded()) return RunGroup.of(run);
        List<Run> runs = selectRuns("WHERE " + GROUP_ID + " = ? ORDER BY id", run.groupId());
        return runs.isEmpty() ? RunGroup.of(run) : new RunGroup(runs);
    }

    /** The newest group of the same job, seed and shard count that started before {@code group}. */
    public Optional<RunGroup> previousGroup(RunGroup group) {
        return selectRuns(
                        "WHERE COALESCE(group_key, job_key) = ? AND " + GROUP_ID + " < ? ORDER BY " + GROUP_ID
                                + " DESC, id LIMIT 1",
                        group.groupKey(),
                        group.id())
                .stream()
                .findFirst()
                .map(this::groupOf);
    }

    /** The newest group of the same job, seed and shard count that started after {@code group}. */
    public Optional<RunGroup> nextGroup(RunGroup group) {
        return selectRuns(
                        "WHERE COALESCE(group_key, job_key) = ? AND " + GROUP_ID + " > ? ORDER BY " + GROUP_ID
                                + " DESC, id LIMIT 1",
                        group.groupKey(),
                        group.id())
                .stream()
                .findFirst()
                .map(this::groupOf);
    }

    /** Streams a run's results in the order they arrived; nothing is held in memory. */
    private void forEach(ResultKind kind, long runId, Sink<? super ProbeResult> sink) throws IOException {
        try (ResultCursor results = results(kind, List.of(runId), false)) {
            for (ProbeResult r = results.next(); r != null; r = results.next()) sink.accept(r);
        } catch (SQLException e) {
            throw failure("cannot read run " + runId, e);
        }
    }

    /**
     * The results of a run, or of a group's runs (shards, which are disjoint), in the order they
     * arrived (one run) or in target order (for {@link RunDiff}).
     */
    ResultCursor results(ResultKind kind, List<Long> runIds, boolean byKey) throws SQLException {
        if (kind == ResultKind.HTTP) return ResultTables.httpResults(connection, database.dialect, byKey, runIds);
        if (byKey) return TcpRunReader.inKeyOrder(connection, database.dialect, runIds);
        if (runIds.size() != 1) throw new IllegalArgumentException("arrival order is of one run");
        return TcpRunReader.inArrivalOrder(connection, runIds.getFirst());
    }

    // ------------------------------------------------------------------ recording

    /** Records a new run of {@code job}: its row now (incomplete), its results as they come. */
    public <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets) {
        return startRun(job, targets, Instant.now());
    }

    /**
     * As {@link #startRun(Job, long)}, for a run that began at {@code started}: a caller that hands
     * the recording to another thread records when its scan began, not when that thread got to it.
     */
    public <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets, Instant started) {
        return startRun(job, targets, Shard.whole(job, null), started);
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

    <R extends ProbeResult> RunRecorder<R> startRun(Job job, long targets, Shard shard, Instant started) {
        return new RunRecorder<>(newRun(job, targets, shard, started, true));
    }

    /** Records the results of a file ({@link Importer}), which may hold a target more than once: the first is kept. */
    <R extends ProbeResult> RunRecorder<R> startImport(Job job, long targets, Instant written) {
        return new RunRecorder<>(newRun(job, targets, Shard.whole(job, null), written, false));
    }

    /**
     * Records a new run of {@code job}, as {@link #startRun(Job, long, Shard)}, but opens
     * {@code database} and writes the run's row on the recorder's own thread: the caller goes on at
     * once, so a scan does not wait for SQLite to load (~0.1 s) or for a locked database's busy
     * timeout, and its first results queue meanwhile. A database that cannot be used shows where
     * any other failure to record does, in {@link RunRecorder#finish}, which also closes it.
     */
    public static <R extends ProbeResult> RunRecorder<R> startRunInBackground(
            Database database, Job job, long targets, Shard shard) {
        Instant started = Instant.now();
        return new RunRecorder<>(
                () -> {
                    History history = open(database);
                    try {
                        return history.newRun(job, targets, shard, started, true);
                    } catch (RuntimeException e) {
                        history.close();
                        throw e;
                    }
                },
                true,
                "fanout-history");
    }

    /** A new run's destination; {@code distinct}: its results are each of another target ({@link RunRecorder.Destination}). */
    private RunRecorder.Destination newRun(Job job, long targets, Shard shard, Instant started, boolean distinct) {
        Connection own = ownConnection();
        try {
            Run[] run = {null};
            inTransaction(own, () -> run[0] = RunsTable.insert(own, job, targets, shard, started));
            return new RunRecorder.Destination(this, run[0], own, 0, distinct);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(own);
            throw e instanceof HistoryException h ? h : failure("cannot start a run", e);
        }
    }

    /** Continues an incomplete run: its later results join the ones it has; it is incomplete until finished again. */
    public <R extends ProbeResult> RunRecorder<R> continueRun(Run run) {
        Connection own = ownConnection();
        try {
            long[] next = {0};
            inTransaction(own, () -> next[0] = RunsTable.reopen(own, run));
            return new RunRecorder<>(new RunRecorder.Destination(this, run, own, next[0], false));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(own);
            throw e instanceof HistoryException h ? h : failure("cannot continue run " + run.id(), e);
        }
    }

    /** Writes the run's end; {@code counts}: its results by outcome where the caller knows them all, else null. */
    Run finishRun(Connection own, Run run, boolean complete, Instant finished, Map<String, Long> counts) {
        try {
            Run[] done = {null};
            inTransaction(own, () -> done[0] = RunsTable.finish(own, run, complete, finished, counts));
            return done[0];
        } catch (SQLException e) {
            throw failure("cannot finish run " + run.id(), e);
        }
    }

    /** The run with its number of targets set to {@code targets} (an import's, once its repeats are known). */
    Run withTargets(Run run, long targets) {
        try {
            inTransaction(connection, () -> {
                try (PreparedStatement update =
                        connection.prepareStatement("UPDATE runs SET targets = ? WHERE id = ?")) {
                    update.setLong(1, targets);
                    update.setLong(2, run.id());
                    update.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure("cannot finish run " + run.id(), e);
        }
        return run(run.id()).orElseThrow(() -> failure("cannot finish run " + run.id(), new SQLException("gone")));
    }

    // ------------------------------------------------------------------ pruning

    /**
     * Deletes all but the newest {@code keep} runs as {@link #groups} lists them (a sharded run's
     * shards together, never some of them); returns how many it deleted, so counted.
     */
    public int pruneKeeping(int keep) {
        return prune("SELECT id, " + GROUP_ID + " FROM runs WHERE " + GROUP_ID + " NOT IN (SELECT g FROM (SELECT"
                + " DISTINCT " + GROUP_ID + " AS g FROM runs ORDER BY g DESC LIMIT " + Math.max(0, keep) + ") newest)");
    }

    /**
     * Deletes the runs started before {@code cutoff}: a sharded run once every shard of it started
     * before (a shard run since keeps the rest); returns how many it deleted, as {@link #groups} counts.
     */
    public int pruneStartedBefore(Instant cutoff) {
        return prune("SELECT id, " + GROUP_ID + " FROM runs WHERE " + GROUP_ID + " IN (SELECT " + GROUP_ID
                + " FROM runs GROUP BY " + GROUP_ID + " HAVING MAX(started) < '" + RunsTable.TIME.format(cutoff)
                + "')");
    }

    /** Deletes the runs {@code selectIds} gives (id, group id) with their results; returns how many groups. */
    private int prune(String selectIds) {
        List<Long> ids = new ArrayList<>();
        Set<Long> groups = new HashSet<>();
        try {
            inTransaction(connection, () -> {
                ids.clear();
                groups.clear();
                try (PreparedStatement select = connection.prepareStatement(selectIds);
                        ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        groups.add(rs.getLong(2));
                    }
                }
                for (String table : List.of("tcp_results", "tcp_closed", "http_results", "runs")) {
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
            return groups.size();
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
            } catch (SQLException | RuntimeException e) {
                // Each on its own (the first failure is the one to report): a BEGIN that found the
                // lock held leaves sqlite-jdbc's autocommit off with no transaction open, so the
                // rollback fails; unless autocommit is then set on again, the next attempt begins
                // no transaction, each of its statements commits alone, and its commit fails.
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // nothing was begun
                }
                try {
                    c.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // its COMMIT found no transaction; the flag is set all the same
                }
                if (e instanceof RuntimeException r) throw r;
                if (attempt >= ATTEMPTS || !database.dialect.isBusy((SQLException) e)) throw (SQLException) e;
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

    /** The runs of {@code SELECT ... FROM runs} followed by {@code rest}. */
    private List<Run> selectRuns(String rest, Object... parameters) {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + RunsTable.COLUMNS + " FROM runs " + rest)) {
            for (int i = 0; i < parameters.length; i++) select.setObject(i + 1, parameters[i]);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) runs.add(RunsTable.read(rs));
            }
            return runs;
        } catch (SQLException e) {
            throw failure("cannot read runs", e);
        }
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
