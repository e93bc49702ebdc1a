package org.fanout.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.ResultKind;

/**
 * The SQL of the {@code runs} table (as {@link ResultTables} is of the result tables): a row
 * read back as a {@link Run}, a new run's row, reopening one, finishing one with its counts.
 * Each writing statement runs inside the caller's transaction.
 */
final class RunsTable {
    /** Jackson's streaming API, not its ObjectMapper: that costs ~0.15 s of class loading on every recorded run. */
    private static final JsonFactory JSON = new JsonFactory();

    static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** The columns {@link #read} expects, in its order. */
    static final String COLUMNS = "id, kind, job, job_key, job_json, started, finished, targets, results,"
            + " counts, complete, seed, shard, shards, group_id, group_key";

    private RunsTable() {}

    /** The run in the current row of a {@code SELECT} of {@link #COLUMNS}. */
    static Run read(ResultSet rs) throws SQLException {
        String finished = rs.getString(7);
        long id = rs.getLong(1);
        long seed = rs.getLong(12);
        Long seedOrNull = rs.wasNull() ? null : seed;
        int shard = rs.getInt(13);
        int shards = rs.getInt(14);
        long group = rs.getLong(15);
        long groupId = rs.wasNull() ? id : group;
        String groupKey = rs.getString(16);
        return new Run(
                id,
                Job.kindOf(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                Instant.parse(rs.getString(6)),
                finished == null ? null : Instant.parse(finished),
                rs.getLong(8),
                rs.getLong(9),
                parseCounts(rs.getString(10)),
                rs.getBoolean(11),
                seedOrNull,
                Math.max(1, shard),
                Math.max(1, shards),
                groupId,
                groupKey == null ? rs.getString(4) : groupKey);
    }

    /** Inserts a new, incomplete run of {@code job}, numbered from the run counter; returns it. */
    static Run insert(Connection c, Job job, long targets, Shard shard, Instant started) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement("UPDATE counters SET value = value + 1 WHERE name = 'run'");
                PreparedStatement read = c.prepareStatement("SELECT value FROM counters WHERE name = 'run'");
                PreparedStatement insert = c.prepareStatement("INSERT INTO runs (id, kind, job, job_key, job_json,"
                        + " started, targets, results, counts, complete, seed, shard, shards, group_key, group_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, '{}', FALSE, ?, ?, ?, ?, ?)")) {
            bump.executeUpdate();
            long id;
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
            long group = shard.sharded() ? groupToJoin(c, shard).orElse(id) : id;
            insert.setLong(1, id);
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
            insert.setLong(12, group);
            insert.executeUpdate();
            return new Run(
                    id,
                    job.kind(),
                    job.description(),
                    job.key(),
                    job.json(),
                    started,
                    null,
                    targets,
                    0,
                    Map.of(),
                    false,
                    shard.seed(),
                    shard.index(),
                    shard.count(),
                    group,
                    shard.groupKey());
        }
    }

    /** The newest group of the shard's job, if it has no run of this shard yet. */
    private static Optional<Long> groupToJoin(Connection c, Shard shard) throws SQLException {
        Long newest = null;
        try (PreparedStatement select =
                c.prepareStatement("SELECT MAX(group_id) FROM runs WHERE group_key = ? AND shards = ?")) {
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
        try (PreparedStatement taken =
                c.prepareStatement("SELECT COUNT(*) FROM runs WHERE group_id = ? AND shard = ?")) {
            taken.setLong(1, newest);
            taken.setInt(2, shard.index());
            try (ResultSet rs = taken.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0 ? Optional.of(newest) : Optional.empty();
            }
        }
    }

    /** Marks the run unfinished again; returns the sequence number its next result takes. */
    static long reopen(Connection c, Run run) throws SQLException {
        try (PreparedStatement reopen =
                c.prepareStatement("UPDATE runs SET finished = NULL, complete = FALSE WHERE id = ?")) {
            reopen.setLong(1, run.id());
            reopen.executeUpdate();
        }
        long next = longOf(
                c,
                "SELECT COALESCE(MAX(seq) + 1, 0) FROM " + ResultTables.table(run.kind()) + " WHERE run_id = ?",
                run.id());
        if (run.kind() == ResultKind.TCP) {
            next = Math.max(
                    next,
                    longOf(c, "SELECT COALESCE(MAX(last_seq) + 1, 0) FROM tcp_closed WHERE run_id = ?", run.id()));
        }
        return next;
    }

    /** The one number {@code sql} selects for run {@code runId}. */
    private static long longOf(Connection c, String sql, long runId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            select.setLong(1, runId);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Counts {@code added} more results recorded (a batch's, in its transaction); {@link #finish} counts them exactly. */
    static void addResults(Connection c, long runId, long added) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE runs SET results = results + ? WHERE id = ?")) {
            update.setLong(1, added);
            update.setLong(2, runId);
            // In the batch's transaction: a run pruned while it was recorded takes the batch with
            // it, rather than leaving results that belong to no run.
            if (update.executeUpdate() == 0) {
                throw new SQLException("run " + runId + " was deleted (history prune) while it was recorded");
            }
        }
    }

    /**
     * Writes the run's end with its results by outcome: {@code known} where the caller counted them
     * all as it added them, else counted here (its rows' and its packs'). Returns the run as finished.
     */
    static Run finish(Connection c, Run run, boolean complete, Instant finished, Map<String, Long> known)
            throws SQLException {
        Map<String, Long> counts = known != null ? new LinkedHashMap<>(known) : countInSql(c, run);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE runs SET finished = ?, results = ?, counts = ?, complete = ? WHERE id = ?")) {
            update.setString(1, TIME.format(finished));
            update.setLong(2, total);
            update.setString(3, countsJson(counts));
            update.setBoolean(4, complete);
            update.setLong(5, run.id());
            update.executeUpdate();
        }
        return run.finished(finished, total, largestFirst(counts), complete);
    }

    /** The run's results by outcome, as stored: its rows' and its packs'. */
    private static Map<String, Long> countInSql(Connection c, Run run) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement count = c.prepareStatement(ResultTables.counts(run.kind()))) {
            count.setLong(1, run.id());
            try (ResultSet rs = count.executeQuery()) {
                while (rs.next()) counts.merge(ResultTables.outcome(run.kind(), rs), rs.getLong(3), Long::sum);
            }
        }
        if (run.kind() == ResultKind.TCP) {
            long packed = longOf(c, "SELECT COALESCE(SUM(port_count), 0) FROM tcp_closed WHERE run_id = ?", run.id());
            if (packed > 0) counts.merge(TcpState.CLOSED.label(), packed, Long::sum);
        }
        return counts;
    }

    /** The counts as a JSON object, largest first: {@code {"closed":65533,"open":2}}. */
    static String countsJson(Map<String, Long> counts) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Long> e : largestFirst(counts).entrySet())
                g.writeNumberField(e.getKey(), e.getValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** What {@link #countsJson} wrote; a damaged value reads as no counts. */
    static Map<String, Long> parseCounts(String json) {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return Map.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) return Map.of();
                counts.put(name, p.getLongValue());
            }
            if (p.currentToken() != JsonToken.END_OBJECT) return Map.of();
        } catch (IOException e) {
            return Map.of();
        }
        return largestFirst(counts);
    }

    /** Counts by outcome, largest first (ties by name), as runs and groups show them. */
    static Map<String, Long> largestFirst(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }
}
