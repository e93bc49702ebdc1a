package org.fanout.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.ResultKind;

/**
 * The SQL of the two result tables: one row per result, the columns of the kind's CSV (but the
 * closed ports a TCP run packs: {@link ClosedPorts}).
 */
final class ResultTables {
    /** A certificate's columns, as the CSV's (tls_version first); null where there is none. */
    private static final String CERTIFICATE =
            "tls_version, cert_subject, cert_issuer, cert_sans, cert_not_after, cert_days_left, cert_trusted";

    private static final String TCP_COLUMNS =
            "host, ip, port, service, state, latency_us, banner, error, name, " + CERTIFICATE;
    private static final String HTTP_COLUMNS =
            "url, status, latency_us, final_url, content_length, error, http_version, server, title, " + CERTIFICATE;
    /** Where {@link #select} puts seq: after the kind's 16 columns. */
    static final int SEQ = 17;

    private static final String PLACES = String.join(", ", Collections.nCopies(2 + 16, "?"));

    private ResultTables() {}

    static String table(ResultKind kind) {
        return kind == ResultKind.TCP ? "tcp_results" : "http_results";
    }

    /** Adds a result; one already recorded for the same target (a resumed run) is left as it is. */
    static String insert(ResultKind kind) {
        return "INSERT INTO " + table(kind) + " (run_id, seq, " + (kind == ResultKind.TCP ? TCP_COLUMNS : HTTP_COLUMNS)
                + ") VALUES (" + PLACES + ") ON CONFLICT DO NOTHING";
    }

    /**
     * The results of {@code runs} runs (one {@code ?} each; the shards of one job are disjoint, so
     * they read as one run), ordered by arrival, or by target (text by code point) for diff; the
     * kind's columns, then seq. For TCP, the rows only: {@link TcpRunReader} adds the packed ports.
     */
    static String select(ResultKind kind, boolean byKey, Dialect dialect, int runs) {
        String columns = kind == ResultKind.TCP ? TCP_COLUMNS : HTTP_COLUMNS;
        String order = !byKey
                ? "run_id, seq"
                : kind == ResultKind.TCP ? dialect.orderedText("host") + ", port" : dialect.orderedText("url");
        return "SELECT " + columns + ", seq FROM " + table(kind) + " WHERE " + runIds(runs) + " ORDER BY " + order;
    }

    /** The condition on run_id for {@code runs} runs, one {@code ?} each. */
    static String runIds(int runs) {
        return runs == 1 ? "run_id = ?" : "run_id IN (" + String.join(", ", Collections.nCopies(runs, "?")) + ")";
    }

    /** An HTTP run's (or group's) results, ordered as {@link #select} orders them. */
    static ResultCursor httpResults(Connection c, Dialect dialect, boolean byKey, List<Long> runIds)
            throws SQLException {
        PreparedStatement select = prepare(c, select(ResultKind.HTTP, byKey, dialect, runIds.size()), runIds);
        try {
            ResultSet rows = select.executeQuery();
            return new ResultCursor() {
                @Override
                public HttpResult next() throws SQLException {
                    return rows.next() ? http(rows) : null;
                }

                @Override
                public void close() throws SQLException {
                    select.close();
                }
            };
        } catch (SQLException | RuntimeException e) {
            select.close();
            throw e;
        }
    }

    /** A query of the runs {@code runIds} (its first parameters, in order), read 1,000 rows at a time. */
    static PreparedStatement prepare(Connection c, String sql, List<Long> runIds) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            s.setFetchSize(1000);
            for (int i = 0; i < runIds.size(); i++) s.setLong(i + 1, runIds.get(i));
            return s;
        } catch (SQLException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Outcome counts of a run: (outcome column(s), count). */
    static String counts(ResultKind kind) {
        return kind == ResultKind.TCP
                ? "SELECT state, NULL, COUNT(*) FROM tcp_results WHERE run_id = ? GROUP BY state"
                : "SELECT status, error, COUNT(*) FROM http_results WHERE run_id = ? GROUP BY status, error";
    }

    static String outcome(ResultKind kind, ResultSet row) throws SQLException {
        if (kind == ResultKind.TCP) return row.getString(1);
        return HttpResult.outcome(row.getInt(1), row.getString(2));
    }

    static void bind(PreparedStatement insert, long runId, long seq, ProbeResult result) throws SQLException {
        insert.setLong(1, runId);
        insert.setLong(2, seq);
        switch (result) {
            case TcpResult r -> {
                insert.setString(3, r.host());
                insert.setString(4, r.ip() == null ? "" : r.ip());
                insert.setInt(5, r.port());
                insert.setString(6, r.service() == null ? "" : r.service());
                insert.setString(7, r.state().label());
                latency(insert, 8, r.latencyNanos());
                insert.setString(9, r.banner());
                insert.setString(10, r.error());
                insert.setString(11, r.name());
                certificate(insert, 12, r.certificate());
            }
            case HttpResult r -> {
                insert.setString(3, r.url());
                if (r.status() > 0) insert.setInt(4, r.status());
                else insert.setNull(4, Types.INTEGER);
                latency(insert, 5, r.latencyNanos());
                insert.setString(6, r.finalUrl());
                if (r.contentLength() >= 0) insert.setLong(7, r.contentLength());
                else insert.setNull(7, Types.BIGINT);
                insert.setString(8, r.error());
                insert.setString(9, r.httpVersion());
                insert.setString(10, r.server());
                insert.setString(11, r.title());
                certificate(insert, 12, r.certificate());
            }
        }
    }

    private static void certificate(PreparedStatement insert, int from, CertificateInfo c) throws SQLException {
        if (c == null) {
            for (int i = 0; i < 4; i++) insert.setNull(from + i, Types.VARCHAR);
            insert.setNull(from + 4, Types.VARCHAR);
            insert.setNull(from + 5, Types.BIGINT);
            insert.setNull(from + 6, Types.BOOLEAN);
            return;
        }
        insert.setString(from, c.tlsVersion());
        insert.setString(from + 1, c.subject());
        insert.setString(from + 2, c.issuer());
        insert.setString(from + 3, c.sans());
        insert.setString(from + 4, c.notAfter().toString());
        insert.setLong(from + 5, c.daysLeft());
        insert.setBoolean(from + 6, c.trusted());
    }

    private static CertificateInfo certificate(ResultSet row, int from) throws SQLException {
        String notAfter = row.getString(from + 4);
        if (notAfter == null) return null;
        return new CertificateInfo(
                row.getString(from),
                row.getString(from + 1),
                row.getString(from + 2),
                row.getString(from + 3),
                Instant.parse(notAfter),
                row.getLong(from + 5),
                row.getBoolean(from + 6));
    }

    static TcpResult tcp(ResultSet row) throws SQLException {
        return new TcpResult(
                row.getString(1),
                row.getString(2),
                row.getInt(3),
                row.getString(4),
                TcpState.fromLabel(row.getString(5)),
                latencyNanos(row, 6),
                row.getString(7),
                row.getString(8),
                certificate(row, 10),
                row.getString(9));
    }

    static HttpResult http(ResultSet row) throws SQLException {
        long length = row.getLong(5);
        if (row.wasNull()) length = -1;
        return new HttpResult(
                row.getString(1),
                row.getInt(2),
                latencyNanos(row, 3),
                row.getString(4),
                length,
                row.getString(6),
                row.getString(7),
                row.getString(8),
                row.getString(9),
                certificate(row, 10));
    }

    /** Microseconds: the precision of the CSV's latency_ms, so a file and its import agree. */
    private static void latency(PreparedStatement insert, int index, long nanos) throws SQLException {
        long micros = micros(nanos);
        if (micros < 0) insert.setNull(index, Types.BIGINT);
        else insert.setLong(index, micros);
    }

    /** A latency as recorded: whole microseconds, -1 when unknown. */
    static long micros(long nanos) {
        return nanos < 0 ? -1 : Math.round(nanos / 1000.0);
    }

    private static long latencyNanos(ResultSet row, int index) throws SQLException {
        long micros = row.getLong(index);
        return row.wasNull() ? -1 : micros * 1000;
    }
}
