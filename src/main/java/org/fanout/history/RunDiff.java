package org.fanout.history;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Objects;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.export.ResultKind;

/**
 * What changed between two runs of the same kind: targets only the newer run has (new), only
 * the older (gone), and those whose state or status, banner or final URL differ (changed).
 * Latency is not a change. Both runs are walked in target order side by side, so memory stays
 * flat whatever their size.
 */
public final class RunDiff {
    private RunDiff() {}

    /**
     * What a reader of the changes between {@code older} and {@code newer} must know when either
     * is incomplete (stopped, killed, a shard missing): a target it did not reach reads as gone
     * (the newer) or new (the older), though nothing may have changed. Empty when both are complete.
     */
    public static String incompleteNote(RunGroup older, RunGroup newer) {
        String note = "";
        if (!newer.complete()) note = "run " + newer.id() + " is incomplete: what it did not reach shows as gone";
        if (!older.complete()) {
            note += (note.isEmpty() ? "" : "; ") + "run " + older.id()
                    + " is incomplete: what it did not reach shows as new";
        }
        return note;
    }

    /**
     * Sends each change to {@code sink}, in target order; returns how many there were.
     *
     * @throws HistoryException if the runs are of different kinds or cannot be read
     */
    public static long diff(History history, Run older, Run newer, History.Sink<? super Change> sink)
            throws IOException {
        return diff(history, RunGroup.of(older), RunGroup.of(newer), sink);
    }

    /**
     * As {@link #diff(History, Run, Run, History.Sink)}, for groups of shards: each group reads
     * as one run (its shards are disjoint), so a target that moved between shards is no change.
     */
    public static long diff(History history, RunGroup older, RunGroup newer, History.Sink<? super Change> sink)
            throws IOException {
        if (older.kind() != newer.kind()) {
            throw new HistoryException("run " + older.id() + " is a " + older.kindName() + " run and run " + newer.id()
                    + " a " + newer.kindName() + " run: only runs of one kind compare");
        }
        ResultKind kind = older.kind();
        try (ResultCursor before = history.results(kind, older.runIds(), true);
                ResultCursor after = history.results(kind, newer.runIds(), true)) {
            long changes = 0;
            Row x = Row.next(kind, before);
            Row y = Row.next(kind, after);
            while (x != null || y != null) {
                int order = x == null ? 1 : y == null ? -1 : x.compareTo(y);
                Change change = null;
                if (order < 0) {
                    change = new Change(x.key(), Change.Type.GONE, x.describe(null), null);
                    x = Row.next(kind, before);
                } else if (order > 0) {
                    change = new Change(y.key(), Change.Type.NEW, null, y.describe(null));
                    y = Row.next(kind, after);
                } else {
                    if (!x.outcome().equals(y.outcome()) || !Objects.equals(x.detail(), y.detail())) {
                        change = new Change(y.key(), Change.Type.CHANGED, x.describe(y), y.describe(x));
                    }
                    x = Row.next(kind, before);
                    y = Row.next(kind, after);
                }
                if (change != null) {
                    changes++;
                    sink.accept(change);
                }
            }
            return changes;
        } catch (SQLException e) {
            throw history.failure("cannot compare runs " + older.id() + " and " + newer.id(), e);
        }
    }

    /**
     * One target's result, reduced to what a diff compares.
     *
     * @param name   host, or URL
     * @param port   the port (TCP), else 0
     * @param detail the banner (TCP) or final URL (HTTP), or null
     */
    private record Row(ResultKind kind, String name, int port, String outcome, String detail) {
        static Row next(ResultKind kind, ResultCursor results) throws SQLException {
            return switch (results.next()) {
                case null -> null;
                case TcpResult r -> new Row(kind, r.host(), r.port(), r.state().label(), r.banner());
                case HttpResult r ->
                    new Row(kind, r.url(), 0, r.outcome(), r.url().equals(r.finalUrl()) ? null : r.finalUrl());
            };
        }

        /** The order of {@code ORDER BY host, port} / {@code url}: text by code point (SQLite's BINARY, PostgreSQL's "C" on UTF-8). */
        int compareTo(Row other) {
            int byName = compareCodePoints(name, other.name);
            return byName != 0 ? byName : Integer.compare(port, other.port);
        }

        String key() {
            if (kind == ResultKind.HTTP) return name;
            return (name.indexOf(':') >= 0 ? "[" + name + "]" : name) + ":" + port;
        }

        /** The outcome, and the banner or final URL where the other side's differs (or always, with no other side). */
        String describe(Row other) {
            boolean showDetail = detail != null && (other == null || !Objects.equals(detail, other.detail));
            boolean showMissing = detail == null && other != null && other.detail != null;
            String label = kind == ResultKind.TCP ? "banner" : "final_url";
            if (showDetail) return outcome + " " + label + " " + detail;
            if (showMissing) return outcome + " no " + label;
            return outcome;
        }
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
